"""The PDFs the bundled examples make, and readers for their structure and text (pypdf)."""

from __future__ import annotations

import importlib.util
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.answers import AnswerSet
from stalkscreen.compare import compare
from stalkscreen.definitions.library import Library
from stalkscreen.incidents import load_incident_log
from stalkscreen.reading import answers_from_data, load_answers
from stalkscreen.report import render_report
from stalkscreen.scoring import score
from stalkscreen.source import Document
from tests.report_helpers import EXAMPLES, FIXED_TIME, ROOT, require_tool

EX = ROOT / "examples"


def require_pdf_tools() -> None:
    for module in ("weasyprint", "pypdf"):
        require_tool(importlib.util.find_spec(module) is not None, f"the {module} package")


@dataclass
class Rendered:
    """One report as HTML and as PDF, with what WeasyPrint logged while printing it."""

    html: str
    pdf: bytes
    logged: list[str] = field(default_factory=list)


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.levelname}: {record.getMessage()}")


def render_both(lib: Library, answers: AnswerSet, change_from: AnswerSet | None = None) -> Rendered:
    profile = lib.profile(answers.profile or "default").profile
    screening = score(answers, lib, profile)
    change = None
    if change_from is not None:
        before = score(change_from, lib, profile)
        change = compare((change_from, before), (answers, screening), lib)
    kw: dict[str, Any] = {"generated_at": FIXED_TIME, "change": change}
    html = render_report(answers, screening, lib, profile, "html", **kw)
    keep = _Keep()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(keep)
    try:
        pdf = render_report(answers, screening, lib, profile, "pdf", **kw)
    finally:
        logger.removeHandler(keep)
    assert isinstance(html, str) and isinstance(pdf, bytes)
    return Rendered(html, pdf, keep.records)


def example_answers(lib: Library, name: str) -> AnswerSet:
    return load_answers(EX / f"{name}.yaml", lib.definitions)


def weeks_log(tmp: Path, weeks: int) -> Path:
    """An incident log with one incident a week for ``weeks`` weeks (many date labels)."""
    start = date(2026, 1, 5)
    rows = [f"{start + timedelta(weeks=i)},Seen outside the house" for i in range(weeks)]
    path = tmp / f"log-{weeks}.csv"
    path.write_text("date,what\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def example_reports(lib: Library) -> dict[str, Rendered]:
    """Every PDF the bundled examples make: each example's summary (the probation report,
    the stalking and S-DASH sections among them), a summary with the change since a
    previous screening, and one with the bundled incident log (chart and timeline)."""
    out = {p.stem: render_both(lib, example_answers(lib, p.stem)) for p in EXAMPLES}
    previous = yaml.safe_load((EX / "medium.yaml").read_text(encoding="utf-8"))
    after = example_answers(lib, "high-by-count")
    previous["case"]["reference"] = after.case.reference
    doc = Document(path="<previous>", text=yaml.safe_dump(previous), data=previous)
    before = answers_from_data(previous, doc, lib.definitions)
    out["with-change"] = render_both(lib, after, before)
    log = load_incident_log(EX / "logs" / "incident-log.csv")
    with_log = example_answers(lib, "stalking-triage").model_copy(update={"incident_log": log})
    out["with-incident-log"] = render_both(lib, with_log)
    return out


@pytest.fixture(scope="session")
def example_pdfs(lib: Library) -> dict[str, Rendered]:
    """:func:`example_reports`, printed once for the session (import it into a test module)."""
    require_pdf_tools()
    return example_reports(lib)


def html_lang(html: str) -> str:
    found = re.search(r"<html[^>]*\slang=\"([^\"]*)\"", html)
    assert found, "the HTML has no lang attribute"
    return found.group(1)


def html_title(html: str) -> str:
    import html as html_module

    found = re.search(r"<head>.*?<title>(.*?)</title>", html, re.S)
    assert found
    return html_module.unescape(found.group(1))


def reader(data: bytes) -> Any:
    import pypdf

    return pypdf.PdfReader(io.BytesIO(data))


def struct_elements(node: Any) -> Iterator[dict[str, Any]]:
    """Every structure element under ``node`` (the /StructTreeRoot), depth first."""
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            yield from struct_elements(kid)


def tags(elements: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [e for e in elements if e["/S"] == name]


def descendants(element: dict[str, Any]) -> list[dict[str, Any]]:
    return list(struct_elements(element))[1:]
