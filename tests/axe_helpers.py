"""axe-core (from npm) run over a page in headless Chromium: shared by the browser tests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape as html_escape
from html import unescape
from pathlib import Path
from typing import Any

from tests.report_helpers import ROOT, recording_proxy, require_tool, run_chromium


def axe_script() -> str:
    """axe-core from npm: `.cache/axe` in the checkout (.ci/run installs it there)."""
    found = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if not found.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(found.parents[2]),
                "axe-core@4",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    require_tool(found.exists(), "axe-core (npm install --prefix .cache/axe axe-core@4)")
    return found.read_text(encoding="utf-8")


def axe_violations(browser: str, page: Path, axe: str, tmp_path: Path) -> list[dict[str, Any]]:
    """axe-core's violations on a copy of the page with axe added (and the CSP that would
    stop it taken out: the copy is only for the audit)."""
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text())
    runner = (
        "axe.run(document).then(function (r) { var p = document.createElement('pre');"
        " p.id = 'axe'; p.textContent = JSON.stringify(r.violations.map(function (v) {"
        " return {id: v.id, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};"
        " })); document.body.appendChild(p); });"
    )
    audited = tmp_path / f"axe-{page.name}"
    audited.write_text(
        html.replace("</body>", f"<script>{axe}</script><script>{runner}</script></body>")
    )
    with recording_proxy() as (port, _):
        result = run_chromium(
            browser, audited, tmp_path, port, "--dump-dom", "--virtual-time-budget=20000"
        )
    found = re.search(r'<pre id="axe">(.*?)</pre>', result.stdout, re.S)
    assert found, "axe-core did not report: " + result.stderr[-1000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))  # type: ignore[no-any-return]


NARROW = 320
"""The narrowest phone width WCAG 2.1's reflow criterion (1.4.10) names, in CSS pixels."""


def narrow_audit(
    browser: str, page: Path, axe: str, tmp_path: Path, width: int = NARROW
) -> dict[str, Any]:
    """The page laid out ``width`` CSS pixels wide, audited there by axe-core.

    Headless Chromium will not make its window narrower than 500 pixels, so the page is
    shown in an ``iframe`` that wide (its ``srcdoc``, so the frame's document is the page
    itself at that viewport). Returns axe-core's ``violations`` there, the document's
    ``scroll_width`` and ``client_width`` (wider than the client means the page scrolls
    sideways) and ``wide``: the elements that stick out of the viewport, to name them.
    """
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text())
    report = (
        "var d = document.documentElement;"
        "var wide = [].slice.call(document.querySelectorAll('body *')).filter(function (e) {"
        " return e.getBoundingClientRect().right > d.clientWidth + 0.5"
        " && !e.closest('.table-region'); }).slice(0, 10).map(function (e) {"
        " return e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''); });"
        "var p = parent.document.createElement('pre'); p.id = 'narrow';"
        "p.textContent = JSON.stringify({scroll_width: d.scrollWidth, client_width:"
        " d.clientWidth, inner_width: window.innerWidth, wide: wide, violations:"
        " r.violations.map(function (v) { return {id: v.id, nodes: v.nodes.map("
        " function (n) { return n.target.join(' '); })}; })});"
        "parent.document.body.appendChild(p);"
    )
    runner = f"axe.run(document).then(function (r) {{ {report} }});"
    framed = html.replace("</body>", f"<script>{axe}</script><script>{runner}</script></body>")
    outer = (
        '<!DOCTYPE html><html lang="en"><head><title>narrow</title></head>'
        '<body style="margin:0"><iframe title="page" style="border:0;height:800px;'
        f'width:{width}px" srcdoc="{html_escape(framed, quote=True)}"></iframe></body></html>'
    )
    audited = tmp_path / f"narrow-{page.name}"
    audited.write_text(outer, encoding="utf-8")
    with recording_proxy() as (port, _):
        result = run_chromium(
            browser, audited, tmp_path, port, "--dump-dom", "--virtual-time-budget=20000"
        )
    found = re.search(r'<pre id="narrow">(.*?)</pre>', result.stdout, re.S)
    assert found, "the narrow audit did not report: " + result.stderr[-1000:]
    data: dict[str, Any] = json.loads(unescape(found.group(1)))
    assert data["inner_width"] == width, data["inner_width"]
    return data
