"""Helpers for the report tests: fixed time, hostile text, tools CI must have."""

from __future__ import annotations

import os
import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.stem != "invalid")
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXED_TIME = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)

# Payloads that would do something visible if they ever ran: change the title,
# mark the body, or fetch from a host that the test's proxy would see.
SCRIPT = "<script>document.body.dataset.ran='yes'</script>"
IMG = '<img src="http://example.invalid/beacon.png" onerror="document.title=\'pwned\'">'
HOSTILE_COMMENT = (
    f"{SCRIPT}\n<img src=x onerror=alert(1)>\n{IMG}\n[link](http://evil)\n"
    "![pic](http://evil/pic.png)\n# heading\n| pipe | cell |\n    indented code\n"
    "1. list\n- item\n*emphasis* _under_ `code` ~~strike~~ $math$ <http://evil> www.evil.com"
)
HOSTILE_LINE = "<script>alert(1)</script> [x](http://evil) # h | p | <img src=x onerror=alert(1)>"


def require_tool(available: bool, what: str) -> None:
    """Skip when a tool is missing locally; fail under CI, where a skip is not a pass."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed")


def chromium_path() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class _Recorder(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.settimeout(2)
        try:
            first = self.request.recv(4096).split(b"\r\n", 1)[0]
        except OSError:
            first = b"?"
        self.server.seen.append(first.decode("latin-1"))  # type: ignore[attr-defined]


@contextmanager
def recording_proxy() -> Iterator[tuple[int, list[str]]]:
    """A local proxy that answers nothing and records every request Chromium tries."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Recorder)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.seen  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


# Chromium's own background services (clock check, component updates, sign-in) still
# call home despite the flags; those requests are not the page's, so they are left out.
_BROWSER_OWN = ("google.com", "googleapis.com", "gstatic.com", "gvt1.com", "gvt2.com")


def _host(request_line: str) -> str:
    parts = request_line.split()
    target = parts[1] if len(parts) > 1 else ""
    target = target.split("://", 1)[-1]
    return target.split("/", 1)[0].rsplit(":", 1)[0].lower()


def page_requests(seen: list[str]) -> list[str]:
    """The recorded requests that did not come from Chromium's own services."""
    return [
        line
        for line in seen
        if not any(_host(line) == d or _host(line).endswith("." + d) for d in _BROWSER_OWN)
    ]


def run_chromium(
    browser: str, page: Path, tmp: Path, port: int, *extra: str
) -> subprocess.CompletedProcess[str]:
    profile = tmp / "chromium-profile"
    profile.mkdir(exist_ok=True)
    args = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--proxy-server=http://127.0.0.1:{port}",
        "--proxy-bypass-list=<-loopback>",
        "--virtual-time-budget=3000",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=90, check=False)


class Elements(HTMLParser):
    """Start tags, their attributes and the text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.title += data


def parse_html(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser
