"""Issue 19 (done when): axe-core finds no violation in any HTML output, in Chromium, and
(19.5) none scrolls sideways on a 320-pixel screen.

Every bundled example's summary (the probation report among them), a summary with the
change section, the MARAC referral form of every example that is a MARAC case (in English
and in Welsh: issue 20), one with an
incident log (chart and timeline), `compare`, `history` and the batch dashboard, each laid
out 320 CSS pixels wide (tests/axe_helpers.narrow_audit): the document is no wider than the
viewport (wide tables scroll inside their own focusable region) and axe-core, run there,
finds nothing (scrollable-region-focusable among its rules). tests/test_score_formats.py
shows that axe-core does report an empty table header on the same pages, and the control
test below that both checks fail on a table left unwrapped and on a scrolling region the
keyboard cannot reach, so a clean result here is not a dead check.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.axe_helpers import NARROW, axe_script, narrow_audit
from tests.conftest import Result
from tests.report_helpers import EXAMPLES, ROOT, chromium_path, require_tool
from tests.test_marac_form import MARAC_EXAMPLES

pytestmark = pytest.mark.slow

Cli = Callable[..., Result]
EX = ROOT / "examples"


@pytest.fixture(scope="module")
def browser() -> str:
    path = chromium_path()
    require_tool(path is not None, "Debian's chromium")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def axe_js() -> str:
    return axe_script()


PAGES: dict[str, tuple[str, ...]] = {
    **{f"summary-{p.stem}": ("report", str(p), "-f", "html") for p in EXAMPLES},
    "summary-with-change": ("report", str(EX / "high-by-count.yaml"), "--previous", "{prev}"),
    **{
        f"marac-{name}": ("report", str(EX / f"{name}.yaml"), "--form", "marac", "-f", "html")
        for name in MARAC_EXAMPLES
    },
    **{
        f"marac-cy-{name}": (
            "report",
            str(EX / f"{name}.yaml"),
            "--form",
            "marac",
            "-f",
            "html",
            "--language",
            "cy",
        )
        for name in MARAC_EXAMPLES
    },
    "summary-cy-high-by-count": ("report", str(EX / "high-by-count.yaml"), "--language", "cy"),
    "compare": ("compare", str(EX / "medium.yaml"), str(EX / "high-by-count.yaml"), "--force"),
    "history": ("history", str(EX), "--reference", "EX/0002"),
    "summary-with-incident-log": ("report", "{with_log}", "-f", "html"),
    "dashboard": ("batch", str(EX), "-f", "jsonl", "-o", "{tmp}/r.jsonl", "--dashboard", "{out}"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_axe_violation(browser: str, axe_js: str, cli: Cli, tmp_path: Path, name: str) -> None:
    previous = tmp_path / "previous.yaml"
    data = yaml.safe_load((EX / "medium.yaml").read_text())
    data["case"]["reference"] = yaml.safe_load((EX / "high-by-count.yaml").read_text())["case"][
        "reference"
    ]
    previous.write_text(yaml.safe_dump(data))
    with_log = tmp_path / "with-log.yaml"
    with_log.write_text((EX / "stalking-triage.yaml").read_text())
    cli("log", "import", EX / "logs" / "incident-log.csv", "--into", with_log)
    page = tmp_path / f"{name}.html"
    args = [
        a.replace("{prev}", str(previous))
        .replace("{with_log}", str(with_log))
        .replace("{tmp}", str(tmp_path))
        .replace("{out}", str(page))
        for a in PAGES[name]
    ]
    result = cli(*args) if "-f" in args else cli(*args, "-f", "html")
    assert result.code == (4 if name == "dashboard" else 0), result.err  # 4: invalid.yaml
    if name != "dashboard":
        page.write_text(result.out, encoding="utf-8")
    assert name != "summary-with-change" or 'id="h-change"' in result.out
    assert name != "summary-with-incident-log" or 'id="h-log"' in result.out
    found = narrow_audit(browser, page, axe_js, tmp_path)
    assert found["violations"] == []
    assert found["scroll_width"] <= found["client_width"] < NARROW, found["wide"]
    assert found["wide"] == []


CONTROL = (
    '<!DOCTYPE html><html lang="en"><head><title>control</title></head><body><main>'
    "<h1>Control</h1><p>A table of nine wide columns, {how}:</p>{open}<table>"
    "<caption>wide</caption><tr>{cells}</tr></table>{close}</main></body></html>"
)


@pytest.mark.parametrize(
    ("how", "open_", "expected"),
    [
        ("left as it is", "", "sideways"),
        ("in a region the keyboard cannot reach", '<div style="overflow-x:auto">', "axe"),
    ],
)
def test_control_both_narrow_checks_can_fail(
    browser: str, axe_js: str, tmp_path: Path, how: str, open_: str, expected: str
) -> None:
    cells = "".join(f"<th scope='col'>column-{i:02d}-heading</th>" for i in range(9))
    page = tmp_path / "control.html"
    close = "</div>" if open_ else ""
    page.write_text(CONTROL.format(how=how, open=open_, cells=cells, close=close))
    found = narrow_audit(browser, page, axe_js, tmp_path)
    if expected == "sideways":
        assert found["scroll_width"] > found["client_width"] and found["wide"]
    else:
        assert found["scroll_width"] <= found["client_width"]
        assert "scrollable-region-focusable" in {v["id"] for v in found["violations"]}
