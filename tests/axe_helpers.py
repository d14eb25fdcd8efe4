"""axe-core (from npm) run over a page in headless Chromium: shared by the browser tests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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
