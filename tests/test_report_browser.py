"""The HTML summary in real headless Chromium: it renders, runs nothing, fetches nothing.

Each check is shown to be able to fail: a control page holding the same
payloads without escaping makes Chromium run the script, fire ``onerror`` and
ask the recording proxy for the beacon image.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.report import render_report
from stalkscreen.scoring import score
from tests.conftest import dash_answers, make_answers
from tests.report_helpers import (
    FIXED_TIME,
    HOSTILE_COMMENT,
    HOSTILE_LINE,
    IMG,
    SCRIPT,
    chromium_path,
    page_requests,
    parse_html,
    recording_proxy,
    require_tool,
    run_chromium,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> str:
    path = chromium_path()
    require_tool(path is not None, "Debian's chromium")
    assert path is not None
    return path


def _hostile_report(lib: Library) -> str:
    responses = {"dash": dash_answers({1, 2, 3, 8, 18})}
    responses["dash"]["q18"] = {"answer": "yes", "comment": HOSTILE_COMMENT, "source": HOSTILE_LINE}
    answers = make_answers(
        lib,
        responses,
        reference="<b>R1</b> | # [x](http://evil)",
        case={"practitioner": HOSTILE_LINE, "agency": IMG},
    )
    profile = lib.profile("default").profile
    screening = score(answers, lib, profile)
    html = render_report(answers, screening, lib, profile, "html", generated_at=FIXED_TIME)
    assert isinstance(html, str)
    return html


def _dom(browser: str, page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    with recording_proxy() as (port, seen):
        result = run_chromium(browser, page, tmp_path, port, "--dump-dom")
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout, list(seen)


def test_control_page_shows_the_checks_can_fail(browser: str, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>clean</title></head><body><p>x</p>{IMG}{SCRIPT}"
        "</body></html>"
    )
    dom, seen = _dom(browser, page, tmp_path)
    parsed = parse_html(dom)
    assert parsed.title == "pwned" or 'data-ran="yes"' in dom
    assert 'data-ran="yes"' in dom
    assert any("example.invalid" in line for line in page_requests(seen)), seen


def test_hostile_report_runs_nothing_and_fetches_nothing(
    browser: str, lib: Library, tmp_path: Path
) -> None:
    page = tmp_path / "summary.html"
    page.write_text(_hostile_report(lib), encoding="utf-8")
    dom, seen = _dom(browser, page, tmp_path)
    parsed = parse_html(dom)
    assert "referral summary" in parsed.title
    assert "pwned" not in parsed.title
    assert 'data-ran="yes"' not in dom
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "a", "iframe", "object", "link"}
    assert not [n for _, attrs in parsed.tags for n, _ in attrs if n.startswith("on")]
    text = "".join(parsed.text)
    assert "<script>document.body.dataset.ran='yes'</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert page_requests(seen) == [], f"the page tried the network: {seen}"


def test_screenshot_is_not_empty(browser: str, lib: Library, tmp_path: Path) -> None:
    page = tmp_path / "summary.html"
    page.write_text(_hostile_report(lib), encoding="utf-8")
    shot = tmp_path / "shot.png"
    with recording_proxy() as (port, seen):
        result = run_chromium(
            browser, page, tmp_path, port, f"--screenshot={shot}", "--window-size=1200,2000"
        )
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a blank 1200x2000 page compresses to a few kilobytes
    assert page_requests(seen) == []
