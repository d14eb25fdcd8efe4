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
from stalkscreen.report.escape import breakable
from stalkscreen.report.render import html_to_pdf
from tests.pdf_helpers import (
    Rendered,
    example_answers,
    example_pdfs,
    reader,
    render_both,
    require_pdf_tools,
    weeks_log,
)
from tests.report_helpers import require_tool
from tests.test_pdf_structure import NAMES

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


def _visible_text(html: str) -> str:
    body = re.sub(r"<(style|title|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def split_words(rendered: Rendered) -> list[tuple[int, str, str]]:
    """Words the PDF breaks across two lines in the middle: the end of one line and the start
    of the next make a word of the HTML that the HTML never writes with a space between (a
    break after a hyphen the text has, as in "S-DASH", is a break between parts, allowed),
    or the line ends in a hyphen the text does not have."""
    text = _visible_text(rendered.html)
    vocabulary = set(text.split(" "))
    found = []
    for number, page in enumerate(reader(rendered.pdf).pages, start=1):
        lines = [line.split() for line in page.extract_text().split("\n")]
        for before, after in itertools.pairwise(line for line in lines if line):
            end, start = before[-1], after[0]
            joined = end + start
            if end.endswith("-"):
                if end[:-1] + start in vocabulary and joined not in vocabulary:
                    found.append((number, end, start))
            elif joined in vocabulary and f"{end} {start}" not in text:
                found.append((number, end, start))
    return found


@pytest.mark.parametrize("name", sorted(NAMES))
def test_no_word_is_broken_across_lines(example_pdfs: dict[str, Rendered], name: str) -> None:
    assert split_words(example_pdfs[name]) == []


def test_control_the_split_word_check_finds_a_broken_word(
    example_pdfs: dict[str, Rendered],
) -> None:
    """The bundled incident log in eight narrow columns, with overflow-wrap: anywhere (the
    rule summary.css had): "Neighbour", "Frightened" and more break in the middle."""
    rendered = example_pdfs["with-incident-log"]
    html = rendered.html.replace("overflow-wrap: break-word", "overflow-wrap: anywhere")
    assert html != rendered.html
    broken = split_words(Rendered(html, html_to_pdf(html)))
    assert {"Neighbo", "Frighte"} & {end for _, end, _ in broken}, broken


def test_a_long_run_wraps_inside_the_page(lib: Library, tmp_path: Path) -> None:
    """A web address of 170 characters in the narrow timeline: broken where it must be, all
    of it on the page, the words around it whole."""
    require_pdf_tools()
    address = "https://example.org/" + "abcdefghij" * 15
    log = load_incident_log(weeks_log(tmp_path, 3)).model_dump()
    log["entries"][0]["evidence_kept"] = address
    from stalkscreen.incidents import IncidentLog

    answers = example_answers(lib, "stalking-triage").model_copy(
        update={"incident_log": IncidentLog.model_validate(log)}
    )
    rendered = render_both(lib, answers)
    pages = _words(rendered.pdf, tmp_path)
    right_edge = 595.28 - 42.52  # A4 less the 15 mm margin
    assert max(w[1] for page in pages for w in page) <= right_edge + 1
    text = "".join(w[3] for page in pages for w in page)
    assert address in text
    assert split_words(rendered) == []


def test_breakable_escapes_and_breaks_only_long_runs() -> None:
    assert breakable("Frightened to go out <b>") == "Frightened to go out &lt;b&gt;"
    long = "<x>" + "a" * 30
    assert breakable(f"seen {long} there") == (
        "seen &lt;x&gt;aaaaaaaaa<wbr>aaaaaaaaaaaa<wbr>aaaaaaaaa there"
    )
    assert breakable(None) == ""
    # an invisible character is shown as its escape and counts as one character of a run
    assert breakable("paid\u202etxt.exe") == "paid\\u202etxt.exe"
