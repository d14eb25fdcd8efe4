"""`batch --compare-profile` (issue 18): each outcome under a second profile, and the changes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import yaml

from stalkscreen.batch.columns import COMPARE_COLUMNS
from stalkscreen.batch.records import columns

from .conftest import dash_answers, screening_data


def _inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    screenings = [
        # 15 yes: visible high risk at 14 (default), not at 17 (cambridgeshire)
        screening_data({"dash": dash_answers(range(1, 16))}, reference="V/1"),
        # 3 incidents: escalation at 3 (default), not at "5 incidents or 3 crimes"
        screening_data(
            {"dash": dash_answers({1})}, reference="E/1", case={"incidents_last_12_months": 3}
        ),
        screening_data({"dash": dash_answers({1})}, reference="S/1"),
    ]
    for i, data in enumerate(screenings):
        (d / f"{i}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (d / "9-bad.yaml").write_text("format: [unclosed\n")
    return d


def test_each_record_carries_its_outcome_under_the_second_profile(cli: Any, tmp_path: Path) -> None:
    d = _inputs(tmp_path)
    out = tmp_path / "r.csv"
    r = cli("batch", d, "-o", out, "--compare-profile", "cambridgeshire")
    assert r.code == 4
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [c.name for c in COMPARE_COLUMNS] == [n for n in rows[0] if n.startswith("compare_")]
    first = rows[0]
    assert first["marac_referral"] == "true" and first["compare_marac_referral"] == "false"
    assert first["compare_profile"] == "cambridgeshire" and first["compare_reasons"] == ""
    assert rows[3]["outcome"] == "invalid" and rows[3]["compare_profile"] == ""

    db = tmp_path / "r.db"
    cli("batch", d, "-o", db, "--compare-profile", "escalation-5-3-hbv")
    con = sqlite3.connect(db)
    got = con.execute(
        "SELECT reference, marac_referral, compare_marac_referral, typeof(compare_marac_referral)"
        " FROM screenings WHERE reference = 'E/1'"
    ).fetchone()
    con.close()
    assert got == ("E/1", 1, 0, "integer")

    lines = tmp_path / "r.jsonl"
    cli("batch", d, "-o", lines, "--compare-profile", "cambridgeshire")
    record = json.loads(lines.read_text().splitlines()[0])
    assert record["compare_risk_level"] == "high" and record["compare_marac_referral"] is False


def test_without_it_the_records_have_no_compare_columns(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    cli("batch", _inputs(tmp_path), "-o", out)
    assert out.read_text().splitlines()[0].split(",") == columns(
        ["dash", "dash-ric", "four", "s-dash", "srp-context", "srp-red-flags"]
    )


def test_the_summary_counts_the_referrals_that_would_change(cli: Any, tmp_path: Path) -> None:
    d = _inputs(tmp_path)
    summary = tmp_path / "s.json"
    r = cli(
        "batch",
        d,
        "-o",
        tmp_path / "r.csv",
        "--summary-json",
        summary,
        "--compare-profile",
        "escalation-5-3-hbv",
    )
    assert r.code == 4
    whatif = json.loads(summary.read_text())["compare_profile"]
    assert whatif["profile"] == "escalation-5-3-hbv" and whatif["scored"] == 3
    assert whatif["marac_referrals"] == 2 and whatif["marac_referrals_compared"] == 1
    assert whatif["referrals_lost"] == 1 and whatif["referrals_gained"] == 0
    assert whatif["marac_reasons"]["potential-escalation"] == [1, 0]
    assert "What if: profile escalation-5-3-hbv" in r.err and "referrals it would drop" in r.err


def test_an_unknown_compare_profile_stops_the_run(cli: Any, tmp_path: Path) -> None:
    r = cli("batch", _inputs(tmp_path), "--compare-profile", "nowhere")
    assert r.code == 3 and "nowhere" in r.err
