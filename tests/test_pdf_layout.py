"""Issue 19.5 in print: the incident chart's date labels do not overlap, and narrow table
columns do not break words in the middle. Read back from the PDF: word boxes from poppler's
``pdftotext -bbox`` and the text pypdf extracts line by line."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.incidents import load_incident_log
from tests.pdf_helpers import (
    example_answers,
    example_pdfs,
    render_both,
    require_pdf_tools,
    weeks_log,
)
from tests.report_helpers import require_tool

__all__ = ["example_pdfs"]  # the session fixture, imported for pytest

MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
Word = tuple[float, float, float, str]  # xMin, xMax, yMin, text


def _words(pdf: bytes, tmp_path: Path) -> list[list[Word]]:
    """Every word on every page with its box (points), from pdftotext -bbox."""
    require_tool(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext)")
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.findall(r"<page .*?</page>", out, re.S):
        pages.append(
            [
                (float(x0), float(x1), float(y0), unescape(text))
                for x0, y0, x1, _y1, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                    r"([^<]*)</word>",
                    page,
                )
            ]
        )
    return pages


def _date_labels(pages: list[list[Word]]) -> list[list[Word]]:
    """The chart's date labels ("05 Jan 26"), three words on the row of its month names,
    in order from the left; a row whose words do not read day, month, year in turn (two
    labels drawn over each other) fails."""
    for words in pages:
        rows = {y for _, _, y, text in words if text in MONTHS}
        for row in rows:
            line = sorted(w for w in words if abs(w[2] - row) < 0.5)
            if len(line) < 3 or not any(
                re.fullmatch(r"\d\d", line[i][3]) and line[i + 1][3] in MONTHS
                for i in range(len(line) - 1)
            ):
                continue
            labels = [line[i : i + 3] for i in range(0, len(line), 3)]
            for label in labels:
                texts = [w[3] for w in label]
                assert len(texts) == 3 and texts[1] in MONTHS, f"labels run together: {texts}"
                assert re.fullmatch(r"\d\d", texts[0]) and re.fullmatch(r"\d\d", texts[2])
            return labels
    raise AssertionError("no date labels found")


@pytest.mark.parametrize("weeks", [4, 15, 60])
def test_incident_chart_date_labels_do_not_overlap(
    lib: Library, tmp_path: Path, weeks: int
) -> None:
    require_pdf_tools()
    log = load_incident_log(weeks_log(tmp_path, weeks))
    answers = example_answers(lib, "stalking-triage").model_copy(update={"incident_log": log})
    labels = _date_labels(_words(render_both(lib, answers).pdf, tmp_path))
    gaps = [right[0][0] - left[-1][1] for left, right in itertools.pairwise(labels)]
    assert all(gap >= 3 for gap in gaps), gaps  # 3 pt apart at least
    assert len(labels) >= min(weeks, 5)  # thinned, not dropped
    last_monday = log.entries[-1].date
    assert [w[3] for w in labels[-1]] == last_monday.strftime("%d %b %y").split()
