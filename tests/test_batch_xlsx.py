"""`batch --format xlsx` (issue 18): typed sheets, read back with openpyxl."""

from __future__ import annotations

import importlib
import stat
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.batch.records import columns

from .conftest import dash_answers, screening_data

openpyxl = pytest.importorskip("openpyxl")


def _inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    screenings = [
        screening_data(
            {"dash": dash_answers(range(1, 15)), "srp-red-flags": {"victim-fear": "yes"}},
            reference="00123",
            case={"incidents_last_12_months": 3, "relationship": "ex-partner"},
        ),
        screening_data({"dash": dash_answers({1, 2})}, reference="=1+1"),
        screening_data({"s-dash": {"q1": "no"}}, reference="C/3"),  # nothing grades it
    ]
    for i, data in enumerate(screenings):
        (d / f"{i}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (d / "9-bad.yaml").write_text("format: [unclosed\n")
    return d


@pytest.fixture
def book(cli: Any, tmp_path: Path) -> Any:
    out = tmp_path / "year.xlsx"
    r = cli("batch", _inputs(tmp_path), "-o", out, "--long", out)
    assert r.code == 4, r.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left
    return openpyxl.load_workbook(out)


def _rows(sheet: Any) -> list[dict[str, Any]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_screenings_sheet_is_typed(book: Any) -> None:
    sheet = book["screenings"]
    assert [c.value for c in sheet[1]] == columns(
        ["dash", "dash-ric", "four", "s-dash", "srp-context", "srp-red-flags"]
    )
    rows = _rows(sheet)
    first = rows[0]
    assert first["reference"] == "00123"  # a reference that looks like a number stays text
    assert isinstance(first["assessed_on"], datetime) and first["assessed_on"].day == 20
    assert first["graded"] is True and first["marac_referral"] is True
    assert first["dash.yes"] == 14 and isinstance(first["dash.yes"], int)
    assert first["incidents_last_12_months"] == 3
    assert first["reasons"] == "visible-high-risk;potential-escalation;srp-red-flag"
    assert rows[3]["outcome"] == "invalid" and rows[3]["risk_level"] is None


def test_text_that_looks_like_a_formula_stays_text(book: Any) -> None:
    cell = book["screenings"]["D3"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_header_frozen_filters_on_and_marking_in_header_and_footer(book: Any) -> None:
    for name in ("screenings", "items", "summary"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert "OFFICIAL-SENSITIVE" in sheet.oddHeader.center.text, name
        assert "OFFICIAL-SENSITIVE" in sheet.oddFooter.center.text, name
    assert book["screenings"].auto_filter.ref.startswith("A1:")
    assert book["items"].auto_filter.ref == "A1:F57"


def test_items_sheet_with_long(book: Any) -> None:
    rows = _rows(book["items"])
    assert len(rows) == 27 + 1 + 27 + 1  # two full DASH, a red flag, one S-DASH item
    assert rows[0] == {
        "screening": 1,
        "reference": "00123",
        "instrument": "dash",
        "item": "q1",
        "answer": "yes",
        "has_comment": False,
    }


def test_summary_sheet_levels_with_not_graded_apart_marac_reasons_red_flags(book: Any) -> None:
    counts = {row[0]: row[1] for row in book["summary"].iter_rows(values_only=True) if row[0]}
    assert counts["screenings read"] == 4 and counts["scored"] == 3 and counts["failed"] == 1
    assert counts["high"] == 1 and counts["standard"] == 1 and counts["not graded"] == 1
    assert counts["medium"] == 0
    assert counts["MARAC referrals"] == 1 and counts["reason: visible-high-risk"] == 1
    assert counts["red flag: victim-fear"] == 1


def test_the_summary_has_a_chart(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    cli("batch", _inputs(tmp_path), "-o", out)
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert charts and b"summary" in z.read(charts[0])


def test_xlsx_needs_an_output_file(cli: Any, tmp_path: Path) -> None:
    r = cli("batch", _inputs(tmp_path), "--format", "xlsx")
    assert r.code == 2 and "--output" in r.err


def test_a_clear_message_when_the_extra_is_not_installed(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def missing(name: str, *args: Any) -> Any:
        if name == "xlsxwriter":
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", missing)
    out = tmp_path / "x.xlsx"
    r = cli("batch", _inputs(tmp_path), "-o", out)
    assert r.code == 3
    assert "pip install 'stalkscreen[xlsx]'" in r.err and "Traceback" not in r.err
    assert not out.exists()
