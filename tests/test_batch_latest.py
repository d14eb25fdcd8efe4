"""`batch --latest-per-case` (issue 18): only each case's most recent screening, everywhere."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import dash_answers, screening_data


def _inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    screenings = [
        ("A/1", "2026-03-01", {1}),
        ("B/1", "2026-05-01", {1, 2}),
        ("A/1", "2026-09-01", range(1, 15)),  # A/1's latest: high
        ("A/1", "2026-04-01", {3}),  # earlier, though later in the input
        ("B/1", "2026-05-01", {1, 2, 3}),  # same date as before: the later input wins
    ]
    for i, (ref, when, yes) in enumerate(screenings):
        data = screening_data(
            {"dash": dash_answers(yes)}, reference=ref, case={"assessed_on": when}
        )
        (d / f"{i}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (d / "9-bad.yaml").write_text("format: [unclosed\n")
    return d


def test_only_the_latest_screening_of_each_case_is_kept(cli: Any, tmp_path: Path) -> None:
    d = _inputs(tmp_path)
    out, db, summary = tmp_path / "r.csv", tmp_path / "r.db", tmp_path / "s.json"
    r = cli("batch", d, "-o", out, "--latest-per-case", "--summary-json", summary)
    assert r.code == 4
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(x["screening"], x["reference"], x["outcome"]) for x in rows] == [
        ("3", "A/1", "ok"),
        ("5", "B/1", "ok"),
        ("6", "", "invalid"),  # failed inputs are all kept
    ]
    assert rows[0]["risk_level"] == "high" and rows[1]["dash.yes"] == "3"
    counts = json.loads(summary.read_text())
    assert counts["screenings"] == 3 and counts["scored"] == 2 and counts["marac_referrals"] == 1
    assert counts["latest_per_case"] == {"read": 6, "kept": 3}
    assert "kept the latest screening of each case: 3 of 6" in r.err

    cli("batch", d, "-o", db, "--long", db, "--latest-per-case")
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM screenings").fetchone()[0] == 3
    assert con.execute("SELECT DISTINCT screening FROM items ORDER BY 1").fetchall() == [(3,), (5,)]
    con.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_summaries_and_jsonl_follow_the_same_choice(cli: Any, tmp_path: Path, jobs: str) -> None:
    d = _inputs(tmp_path)
    reports = tmp_path / "reports"
    r = cli(
        "batch", d, "--format", "jsonl", "--latest-per-case", "--reports-dir", reports, "-j", jobs
    )
    assert [x["screening"] for x in map(json.loads, r.out.splitlines())] == [3, 5, 6]
    assert sorted(p.name[:6] for p in reports.iterdir()) == ["000003", "000005"]


def test_without_it_every_screening_is_kept(cli: Any, tmp_path: Path) -> None:
    r = cli("batch", _inputs(tmp_path), "--format", "jsonl")
    assert len(r.out.splitlines()) == 6
