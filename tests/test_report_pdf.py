"""PDF summaries: every page carries the marking and the outcome."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import pytest

from stalkscreen.about import level_words
from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from stalkscreen.report import render_report
from stalkscreen.scoring import score
from tests.report_helpers import EXAMPLES, FIXED_TIME, require_tool


@pytest.fixture(scope="module")
def pdf_tools() -> None:
    for module in ("weasyprint", "pypdf"):
        require_tool(importlib.util.find_spec(module) is not None, f"the {module} package")


def _pages(data: bytes) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.mark.parametrize("name", ["high-by-count", "red-flag"])
def test_every_page_has_marking_and_outcome(pdf_tools: None, lib: Library, name: str) -> None:
    answers = load_answers(next(p for p in EXAMPLES if p.stem == name), lib.definitions)
    profile = lib.profile(answers.profile or "default").profile
    screening = score(answers, lib, profile)
    data = render_report(
        answers,
        screening,
        lib,
        profile,
        "pdf",
        marking="OFFICIAL-SENSITIVE PERSONAL",
        generated_at=FIXED_TIME,
    )
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    pages = _pages(data)
    assert len(pages) > 1
    assert "Risk identification, not prediction" in pages[0]
    level, _ = level_words(screening.risk_level, screening.level_basis)
    headline = f"Risk level: {level} · MARAC referral: " + (
        "yes" if screening.marac_referral else "no"
    )
    for number, text in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE PERSONAL" in text, number
        assert headline in text, number
        assert "Not the official form; not a prediction" in text, number
        assert f"Page {number} of {len(pages)}" in text


def test_pdf_through_the_cli(pdf_tools: None, cli: object, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = cli("report", Path("examples/s-dash-case.yaml").resolve(), "-f", "pdf", "-o", out)  # type: ignore[operator]
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o777 == 0o600
