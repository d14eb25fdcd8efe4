"""Issue 19.4: the protective marking on every printed page of every HTML output.

Each page is printed to PDF by headless Chromium (without its own header and footer,
which would repeat the page's title) and read back page by page with pypdf. A control
copy without the ``@page`` margin boxes shows the check can fail: there the marking is
only at the top of page 1 and the foot of the last page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import Result, dash_answers, screening_data
from tests.report_helpers import chromium_path, recording_proxy, require_tool, run_chromium

pytestmark = pytest.mark.slow

Cli = Callable[..., Result]
REF = "CR/19/0004"
MARKING = "OFFICIAL-SENSITIVE"


@pytest.fixture(scope="module")
def browser() -> str:
    path = chromium_path()
    require_tool(path is not None, "Debian's chromium")
    assert path is not None
    return path


@pytest.fixture
def case_folder(tmp_path: Path) -> Path:
    """Thirty monthly screenings of one case: a history table of several printed pages."""
    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(30):
        year, month = 2024 + i // 12, i % 12 + 1
        data = screening_data(
            {"dash": dash_answers(set(range(1, 2 + (i * 7) % 16)))},
            reference=REF,
            case={"assessed_on": f"{year}-{month:02d}-01", "incidents_last_12_months": i % 5},
        )
        (folder / f"s-{i:02d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def _pages(browser: str, html: str, name: str, tmp_path: Path) -> list[str]:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    with recording_proxy() as (port, _):
        result = run_chromium(
            browser, page, tmp_path, port, f"--print-to-pdf={pdf}", "--no-pdf-header-footer"
        )
    assert result.returncode == 0 and pdf.exists(), result.stderr[-2000:]
    return [p.extract_text() for p in PdfReader(pdf).pages]


def _without_margin_boxes(html: str) -> str:
    return re.sub(r"@(?:top|bottom)-[a-z]+ \{[^}]*\}", "", html)


def _outputs(cli: Cli, folder: Path, tmp_path: Path) -> dict[str, str]:
    history = cli("history", folder, "--reference", REF, "-f", "html")
    assert history.code == 0, history.err
    compare = cli("compare", folder / "s-00.yaml", folder / "s-29.yaml", "-f", "html")
    assert compare.code == 0, compare.err
    board = tmp_path / "board.html"
    batch = cli("batch", folder, "-f", "jsonl", "-o", tmp_path / "r.jsonl", "--dashboard", board)
    assert batch.code == 0, batch.err
    return {"history": history.out, "compare": compare.out, "dashboard": board.read_text()}


def test_control_without_margin_boxes_loses_the_marking_on_some_page(
    browser: str, cli: Cli, case_folder: Path, tmp_path: Path
) -> None:
    history = cli("history", case_folder, "--reference", REF, "-f", "html").out
    pages = _pages(browser, _without_margin_boxes(history), "control", tmp_path)
    assert len(pages) >= 3
    assert [MARKING in text for text in pages[1:-1]] == [False] * (len(pages) - 2)


@pytest.mark.parametrize("name", ["history", "compare", "dashboard"])
def test_every_printed_page_carries_the_marking(
    browser: str, cli: Cli, case_folder: Path, tmp_path: Path, name: str
) -> None:
    html = _outputs(cli, case_folder, tmp_path)[name]
    pages = _pages(browser, html, name, tmp_path)
    if name == "history":
        assert len(pages) >= 3, "the history must take several pages for the test to mean much"
    for number, text in enumerate(pages, 1):
        assert text.count(MARKING) >= 2, f"{name}: page {number} lacks the marking top and foot"
        assert f"Page {number} of {len(pages)}" in text, f"{name}: page {number}"


def test_every_printed_page_of_the_marac_form_carries_the_marking(
    browser: str, cli: Cli, tmp_path: Path
) -> None:
    """Issue 19.1: the MARAC referral form prints the marking on each of its pages."""
    result = cli("report", "examples/high-by-count.yaml", "--form", "marac", "-f", "html")
    assert result.code == 0, result.err
    pages = _pages(browser, result.out, "marac", tmp_path)
    assert len(pages) >= 2, "the form must take two pages for the test to mean much"
    for number, text in enumerate(pages, 1):
        assert text.count(MARKING) >= 2, f"marac form: page {number} lacks the marking"
        assert f"Page {number} of {len(pages)}" in text, f"marac form: page {number}"
    control = _pages(browser, _without_margin_boxes(result.out), "marac-control", tmp_path)
    # without the page's margin boxes the same check fails: the control is not dead
    assert any(text.count(MARKING) < 2 for text in control)
