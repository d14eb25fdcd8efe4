"""Issue 19 (done when): axe-core finds no violation in any HTML output, in Chromium.

Every bundled example's summary (the probation report among them), a summary with the
change section, the MARAC referral form of every example that is a MARAC case, `compare`
and `history`. The dashboard has its own test
(tests/test_dashboard.py); tests/test_score_formats.py shows that axe-core does report
an empty table header on the same pages, so a clean result here is not a dead check.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.axe_helpers import axe_script, axe_violations
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
    "compare": ("compare", str(EX / "medium.yaml"), str(EX / "high-by-count.yaml"), "--force"),
    "history": ("history", str(EX), "--reference", "EX/0002"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_axe_violation(browser: str, axe_js: str, cli: Cli, tmp_path: Path, name: str) -> None:
    previous = tmp_path / "previous.yaml"
    data = yaml.safe_load((EX / "medium.yaml").read_text())
    data["case"]["reference"] = yaml.safe_load((EX / "high-by-count.yaml").read_text())["case"][
        "reference"
    ]
    previous.write_text(yaml.safe_dump(data))
    args = [a.replace("{prev}", str(previous)) for a in PAGES[name]]
    result = cli(*args) if "-f" in args else cli(*args, "-f", "html")
    assert result.code == 0, result.err
    assert name != "summary-with-change" or 'id="h-change"' in result.out
    page = tmp_path / f"{name}.html"
    page.write_text(result.out, encoding="utf-8")
    assert axe_violations(browser, page, axe_js, tmp_path) == []
