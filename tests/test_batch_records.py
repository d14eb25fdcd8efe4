"""Batch records (issue 18): every column in every format, typed, under one name each."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.batch.column_spec import sql_name
from stalkscreen.batch.columns import COLUMNS, TAIL
from stalkscreen.batch.dictionary import dictionary, markdown_table
from stalkscreen.batch.records import columns

from .conftest import dash_answers, screening_data

ROOT = Path(__file__).resolve().parent.parent
KEY = b"k" * 32

CASE = {
    "agency": "Example Constabulary",
    "relationship": "ex-partner",
    "incidents_last_12_months": 4,
    "crimes_last_12_months": 2,
    "last_marac_on": "2026-03-02",
}


def _inputs(tmp_path: Path) -> Path:
    """A folder: one full screening with every case field, one with none, one broken."""
    d = tmp_path / "in"
    d.mkdir()
    full = screening_data(
        {
            "dash": dash_answers({1, 2, 6, 8, 17}, unknown={3}),
            "s-dash": {"q1": "yes", "q6": "yes"},
            "srp-red-flags": {"victim-fear": "yes"},
            "srp-context": {"threats": "yes", "approach": "no"},
        },
        reference="00123",
        case=CASE,
        professional_judgement={"level": "high", "rationale": "escalating threats"},
    )
    (d / "a.yaml").write_text(yaml.safe_dump(full, sort_keys=False))
    bare = screening_data({"dash": {"q1": "yes"}}, reference="B/2")
    (d / "b.yaml").write_text(yaml.safe_dump(bare, sort_keys=False))
    (d / "c.yaml").write_text("format: [unclosed\n")
    return d


@pytest.fixture
def outputs(cli: Any, tmp_path: Path) -> dict[str, Any]:
    """The same three inputs as CSV, SQLite and JSON Lines."""
    d = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("r.csv", "r.db", "r.jsonl"):
        assert cli("batch", d, "-o", out / name).code == 4
    csv_rows = list(csv.DictReader(io.StringIO((out / "r.csv").read_text())))
    con = sqlite3.connect(out / "r.db")
    con.row_factory = sqlite3.Row
    db_rows = [dict(r) for r in con.execute("SELECT * FROM screenings ORDER BY screening")]
    types = {
        name: con.execute(
            f'SELECT typeof("{name}") FROM screenings WHERE screening = 1'
        ).fetchone()[0]
        for name in db_rows[0]
    }
    con.close()
    lines = [json.loads(x) for x in (out / "r.jsonl").read_text().splitlines()]
    return {"csv": csv_rows, "db": db_rows, "types": types, "jsonl": lines}


def test_case_fields_and_new_columns_in_every_format(outputs: dict[str, Any]) -> None:
    row, db, line = outputs["csv"][0], outputs["db"][0], outputs["jsonl"][0]
    expected = {
        "agency": "Example Constabulary",
        "relationship": "ex-partner",
        "incidents_last_12_months": 4,
        "crimes_last_12_months": 2,
        "last_marac_on": "2026-03-02",
        "assessed_on": "2026-11-20",
        "judged_level": "high",
        "count_band": "standard",
        "stalking_indicated": True,
        "stalking_type": "unknown",
        "heightened_risk_factors": ["threats"],
        "reference": "00123",
        "purpose": "victim",
        "judged": True,
        "level_basis": "judged",
    }
    for name, value in expected.items():
        assert line[name] == value, name
        assert db[name] == (int(value) if isinstance(value, bool) else _joined(value)), name
        assert row[name] == _csv_text(value), name
    assert "dash.q3" in line["follow_up"] and line["not_asked"] == row["not_asked"].split(";")
    # the referral's reasons apart from the level's: a red flag raises the level only
    assert "srp-red-flag" in row["level_reasons"].split(";")
    assert "srp-red-flag" not in db["marac_reasons"].split(";")
    referral = ["potential-escalation", "professional-judgement", "repeat-marac"]
    assert line["marac_reasons"] == referral == db["marac_reasons"].split(";")


def _joined(value: Any) -> Any:
    return ";".join(value) if isinstance(value, list) else value


def _csv_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_joined(value))


def test_sqlite_yes_no_are_integers_counts_integers_dates_iso_text(
    outputs: dict[str, Any],
) -> None:
    types = outputs["types"]
    for entry in dictionary(["dash"]):
        name = entry["sqlite"]
        want = {"boolean": "integer", "integer": "integer"}.get(entry["type"], "text")
        if name in {"line", "error", "judged_level"} or name.startswith(
            ("dash_ric", "four", "compare_")
        ):
            continue  # empty in this row, or only in a run with --compare-profile
        assert types[name] in (want, "null"), name
    for name in ("graded", "marac_referral", "urgent", "complete", "stalking_indicated"):
        assert types[name] == "integer", name
    assert outputs["db"][0]["graded"] == 1 and outputs["db"][1]["urgent"] == 0
    assert types["incidents_last_12_months"] == "integer" and types["dash_yes"] == "integer"
    assert types["last_marac_on"] == "text" and types["reference"] == "text"


def test_a_failed_input_fills_only_where_it_came_from(outputs: dict[str, Any]) -> None:
    failed = outputs["db"][2]
    filled = {k for k, v in failed.items() if v is not None}
    assert filled == {"screening", "source", "outcome", "error", "error_code"}
    assert outputs["jsonl"][2]["screening"] == 3 and outputs["jsonl"][2]["outcome"] == "invalid"


def test_one_naming_scheme_across_csv_sqlite_and_jsonl(outputs: dict[str, Any]) -> None:
    header = list(outputs["csv"][0])
    assert [sql_name(h) for h in header] == list(outputs["db"][0])
    line = outputs["jsonl"][0]
    nested = {f"{i}.{f}" for i in line["instruments"] for f in line["instruments"][i]}
    for name in header:
        if name.split(".")[0] in {"dash", "dash-ric", "four", "s-dash", "srp-context"} or (
            name.startswith("srp-red-flags.")
        ):
            assert name in nested or not outputs["csv"][0][name], name
        else:
            assert name in line, name


def test_pseudonymised_records_leave_the_agency_out(cli: Any, tmp_path: Path) -> None:
    d = _inputs(tmp_path)
    key = tmp_path / "key"
    key.write_bytes(KEY)
    out = tmp_path / "p.jsonl"
    assert cli("batch", d, "-o", out, "--pseudonymise", "--key-file", key).code == 4
    first = json.loads(out.read_text().splitlines()[0])
    assert first["agency"] is None and first["reference"].startswith("ps-")
    assert first["relationship"] == "ex-partner"  # a choice, not typed text


def test_the_data_dictionary_names_every_column_with_type_meaning_and_values() -> None:
    names = columns(["<instrument>"], compare="other")
    entries = dictionary()
    assert [e["name"] for e in entries] == names
    for e in entries:
        assert e["type"] in {"boolean", "integer", "date", "list", "text"}
        assert e["meaning"].endswith(".") and e["allowed"], e["name"]
    assert len({c.name for c in (*COLUMNS, *TAIL)}) == len(COLUMNS) + len(TAIL)


def test_schema_batch_record_is_the_data_dictionary(cli: Any) -> None:
    schema = json.loads(cli("schema", "batch-record").out)
    props = schema["properties"]
    assert set(props) == {e["name"] for e in dictionary()}
    assert props["graded"]["x-type"] == "boolean" and props["graded"]["x-sqlite"] == "graded"
    assert props["heightened_risk_factors"]["type"] == ["array", "null"]


def test_readme_table_is_the_data_dictionary() -> None:
    readme = (ROOT / "README.md").read_text()
    assert markdown_table() in readme, "paste batch.dictionary.markdown_table() into the README"
