"""Issue 19.3: every PDF is PDF/UA-1, its structure read back with pypdf.

veraPDF (the reference PDF/UA checker, a Java program) is not in the package registries this
project installs from (PyPI, Debian, npm: no package of that name), so these tests read the
structure tree back themselves: marked and tagged, the language and the title of the HTML,
every heading in order, tables whose data cells name their header cells, lists of list items,
and every figure (the incident chart) with its text alternative.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from typing import Any

import pytest

from stalkscreen.report.render import html_to_pdf
from tests.pdf_helpers import (
    Rendered,
    descendants,
    example_pdfs,
    html_lang,
    html_title,
    reader,
    struct_elements,
    tags,
)
from tests.report_helpers import parse_html

__all__ = ["example_pdfs"]  # the session fixture, imported for pytest

NAMES = [
    "high-by-count",
    "incomplete",
    "marac-by-escalation",
    "medium",
    "probation",
    "red-flag",
    "repeat-marac",
    "ric",
    "s-dash-case",
    "stalking-behaviours",
    "stalking-triage",
    "standard",
    "with-change",
    "with-incident-log",
]
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _tree(data: bytes) -> tuple[Any, list[dict[str, Any]]]:
    pdf = reader(data)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    return pdf, list(struct_elements(root["/StructTreeRoot"]))


def test_every_bundled_example_is_covered(example_pdfs: dict[str, Rendered]) -> None:
    assert sorted(example_pdfs) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_ua_catalogue_language_and_title(example_pdfs: dict[str, Rendered], name: str) -> None:
    rendered = example_pdfs[name]
    pdf, elements = _tree(rendered.pdf)
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert [e["/S"] for e in elements[:1]] == ["/Document"]
    lang = html_lang(rendered.html)
    assert lang and root["/Lang"] == lang
    assert pdf.metadata.title == html_title(rendered.html)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), "no PDF/UA identification in the XMP"
    assert rendered.pdf.startswith(b"%PDF-1.7")
    assert not [line for line in rendered.logged if line.startswith(("ERROR", "CRITICAL"))]


@pytest.mark.parametrize("name", NAMES)
def test_headings_tables_lists_and_figures_are_tagged(
    example_pdfs: dict[str, Rendered], name: str
) -> None:
    rendered = example_pdfs[name]
    _, elements = _tree(rendered.pdf)
    html = parse_html(rendered.html)
    in_html = Counter(tag for tag, _ in html.tags)

    # every heading, at its level, in the order of the HTML
    html_headings = [tag.upper() for tag, _ in html.tags if tag in HEADINGS]
    pdf_headings = [e["/S"][1:] for e in elements if e["/S"][1:] in {h.upper() for h in HEADINGS}]
    assert pdf_headings == html_headings and "H1" in pdf_headings

    # tables (a table over two pages is two): header cells, every data cell tied to its headers
    tables = tags(elements, "/Table")
    assert len(tables) >= in_html["table"] > 0
    for table in tables:
        assert tags(descendants(table), "/TH"), "a table part without header cells"
    cells = tags(elements, "/TD")
    assert cells and all(cell["/A"]["/Headers"] for cell in cells)

    # lists hold list items (dl's terms and definitions too)
    lists = tags(elements, "/L")
    assert len(lists) >= in_html["ul"] + in_html["ol"] + in_html["dl"]
    for found in lists:
        kids = [k.get_object()["/S"] for k in found["/K"]]
        assert kids and set(kids) <= {"/LI", "/L"}, kids
    assert len(tags(elements, "/LI")) >= in_html["li"] + in_html["dt"] + in_html["dd"]

    # every chart is a figure whose /Alt is the chart's <title> (the numbers, in words)
    figures = tags(elements, "/Figure")
    titles = re.findall(r'<title id="[^"]+-title">([^<]+)</title>', rendered.html)
    assert len(figures) == in_html["svg"] == len(titles)
    assert [str(f["/Alt"]) for f in figures] == [unescape(t) for t in titles]


def test_the_incident_chart_alt_text_gives_the_numbers(example_pdfs: dict[str, Rendered]) -> None:
    _, elements = _tree(example_pdfs["with-incident-log"].pdf)
    (figure,) = tags(elements, "/Figure")
    alt = str(figure["/Alt"])
    assert alt.startswith("Incidents per week") and "4 incidents over" in alt


def test_the_pdf_language_follows_the_html(example_pdfs: dict[str, Rendered]) -> None:
    """Not a constant in the code: a document in Welsh is a PDF in Welsh."""
    html = example_pdfs["standard"].html
    welsh = re.sub(r'(<html[^>]*\slang=")[^"]*"', r'\1cy"', html, count=1)
    assert welsh != html
    pdf, _ = _tree(html_to_pdf(welsh))
    assert pdf.trailer["/Root"]["/Lang"] == "cy"
