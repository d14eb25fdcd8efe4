"""`stalkscreen batch`: mixed inputs, order, round trips, pseudonyms, CSV safety, exit codes."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import re
import sqlite3
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalkscreen.batch import Settings
from stalkscreen.batch.task import JSON_LINE, Task
from stalkscreen.batch.work import Scorer
from stalkscreen.definitions.library import Library
from stalkscreen.scoring import score

from .conftest import dash_answers, make_answers, screening_data

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOD_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "invalid.yaml")
EXTRA_KEYS = {"source", "line", "outcome", "error", "error_code"}
RECORD_EXTRAS = {
    "screening",
    "count_band",
    "judged_level",
    "relationship",
    "incidents_last_12_months",
    "crimes_last_12_months",
    "last_marac_on",
    "agency",
}
"""Record columns (stalkscreen.batch.records) a JSON line adds to the score output."""


def _dump(path: Path, data: dict[str, Any]) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(data))
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """One folder holding good and bad inputs of every kind."""
    d = tmp_path / "in"
    d.mkdir()
    _dump(d / "a-good.yaml", screening_data({"dash": dash_answers(range(1, 15))}, reference="A/1"))
    _dump(d / "b-good.json", screening_data({"dash": dash_answers({1, 2})}, reference="B/1"))
    (d / "c-corrupt.yaml").write_text("format: [unclosed\ncase: {\n")
    (d / "d-latin1.yaml").write_bytes("case: {reference: caf\xe9}\n".encode("latin-1"))
    good = screening_data({"dash": dash_answers({3})}, reference="E/1")
    bad = screening_data({"dash": {"q1": "maybe"}}, reference="E/2")
    (d / "e-lines.jsonl").write_text(
        json.dumps(good) + "\n" + json.dumps(bad) + "\n\n{broken\n" + json.dumps(good) + "\n"
    )
    (d / "f-rows.csv").write_text(
        "reference,assessed_on,relationship,dash.q1,dash.q1.comment,dash.q2\n"
        "F/1,2026-11-20,partner,yes,hit her,no\n"
        "F/2,2026-11-20,partner,sometimes,,no\n"
        "F/3,2026-11-20,partner,dk,,y\n"
    )
    (d / "notes.txt").write_text("ignored: not an input type")
    return d


def test_mixed_inputs_every_kind_scored_or_reported(cli, mixed: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.txt"
    r = cli("batch", mixed, "--format", "jsonl", "--errors", errors)
    assert r.code == 4
    records = _jsonl(r.out)
    got = [(Path(x["source"]).name, x["line"], x["outcome"]) for x in records]
    assert got == [
        ("a-good.yaml", None, "ok"),
        ("b-good.json", None, "ok"),
        ("c-corrupt.yaml", None, "invalid"),
        ("d-latin1.yaml", None, "invalid"),
        ("e-lines.jsonl", 1, "ok"),
        ("e-lines.jsonl", 2, "invalid"),
        ("e-lines.jsonl", 4, "invalid"),
        ("e-lines.jsonl", 5, "ok"),
        ("f-rows.csv", 2, "ok"),
        ("f-rows.csv", 3, "invalid"),
        ("f-rows.csv", 4, "ok"),
    ]
    lines = errors.read_text().splitlines()
    assert len(lines) == 5
    assert "c-corrupt.yaml:" in lines[0] and "not valid YAML" in lines[0]
    assert "d-latin1.yaml:1" in lines[1] and "UTF-8" in lines[1]
    assert "e-lines.jsonl:2: responses.dash.q1: 'maybe' is not an answer" in lines[2]
    assert "e-lines.jsonl:4: not valid JSON" in lines[3]
    assert "f-rows.csv:3: column dash.q1: 'sometimes' is not an answer" in lines[4]
    assert records[5]["reference"] == "E/2"  # a failed input keeps its reference when readable
    assert "Traceback" not in r.err and "Batch summary" in r.err
    assert stat.S_IMODE(errors.stat().st_mode) == 0o600


def test_order_is_kept_with_jobs(cli, tmp_path: Path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    refs = []
    for i in range(90):
        ref = f"R/{i:03d}"
        refs.append(ref)
        yes = set(range(1, 1 + i % 20))
        _dump(d / f"{i:03d}.yaml", screening_data({"dash": dash_answers(yes)}, reference=ref))
    (d / "045.yaml").write_text("not: [valid")  # replaces R/045 with a failure in place
    r = cli("batch", d, "--jobs", "2", "--format", "jsonl")
    assert r.code == 4
    records = _jsonl(r.out)
    assert [Path(x["source"]).name for x in records] == [f"{i:03d}.yaml" for i in range(90)]
    assert [x["reference"] for x in records if x["outcome"] == "ok"] == [
        ref for ref in refs if ref != "R/045"
    ]
    one = cli("batch", d, "--jobs", "1", "--format", "jsonl")
    assert _jsonl(one.out) == records


@pytest.mark.parametrize("example", GOOD_EXAMPLES, ids=lambda p: p.stem)
def test_jsonl_record_equals_single_score(cli, example: Path) -> None:
    single = cli("score", example, "--json")
    assert single.code == 0
    r = cli("batch", example, "--format", "jsonl")
    assert r.code == 0
    (record,) = _jsonl(r.out)
    contract = json.loads(single.out)
    assert {k: v for k, v in record.items() if k in contract} == contract
    assert set(record) - set(contract) == EXTRA_KEYS | RECORD_EXTRAS
    assert record["outcome"] == "ok" and record["error"] is None
    assert record["status"] == json.loads(single.out)["status"]  # the contract's own key


def test_csv_output_round_trips(cli, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    r = cli("batch", *GOOD_EXAMPLES, "--output", out)
    assert r.code == 0, r.err
    assert r.out == ""
    rows = _csv(out.read_text(encoding="utf-8"))
    assert len(rows) == len(GOOD_EXAMPLES)
    for row, example in zip(rows, GOOD_EXAMPLES, strict=True):
        expected = json.loads(cli("score", example, "--json").out)
        assert row["reference"] == expected["reference"]
        assert row["risk_level"] == expected["risk_level"]
        assert row["marac_referral"] == str(expected["marac_referral"]).lower()
        assert row["reasons"].split(";") == (expected["reasons"] or [""])
        assert row["complete"] == str(expected["complete"]).lower()
        for inst, counts in expected["instruments"].items():
            for key in ("yes", "no", "unknown", "not_asked"):
                assert int(row[f"{inst}.{key}"]) == counts[key]
            assert row[f"{inst}.version"] == counts["version"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_csv_input_row_scores_like_the_answer_file(cli, write_answers, tmp_path: Path) -> None:
    answers = dash_answers({1, 2, 3, 8}, unknown={4})
    path = write_answers(
        {"dash": answers},
        case={"relationship": "ex-partner", "incidents_last_12_months": 3},
    )
    cells = {f"dash.{k}": v for k, v in answers.items()}
    header = ["reference", "assessed_on", "relationship", "incidents_last_12_months"]
    header += ["context.children", *cells]
    values = ["T/0001", "2026-11-20", "ex-partner", "3", "yes", *cells.values()]
    rows = tmp_path / "rows.csv"
    rows.write_text(",".join(header) + "\n" + ",".join(values) + "\n")
    from_csv = _jsonl(cli("batch", rows, "-f", "jsonl").out)[0]
    from_file = _jsonl(cli("batch", path, "-f", "jsonl").out)[0]
    strip = EXTRA_KEYS
    assert {k: v for k, v in from_csv.items() if k not in strip} == {
        k: v for k, v in from_file.items() if k not in strip
    }


def test_pseudonyms_stable_under_a_key_and_differ_between_keys(cli, tmp_path: Path) -> None:
    key1, key2 = tmp_path / "k1", tmp_path / "k2"
    key1.write_text("a-long-secret-key-number-one\n")
    key2.write_text("another-long-secret-key-two\n")
    inputs = [EXAMPLES / "medium.yaml", EXAMPLES / "standard.yaml", EXAMPLES / "invalid.yaml"]

    def run(key: Path) -> list[dict[str, Any]]:
        r = cli("batch", *inputs, "-f", "jsonl", "--pseudonymise", "--key-file", key)
        assert r.code == 4
        assert "a-long-secret" not in r.out and "another-long" not in r.out
        return _jsonl(r.out)

    first, again, other = run(key1), run(key1), run(key2)
    refs = [x["reference"] for x in first]
    assert refs == [x["reference"] for x in again]
    assert all(a != b for a, b in zip(refs, [x["reference"] for x in other], strict=True))
    assert all(ref.startswith("ps-") for ref in refs)
    text = json.dumps(first)
    for raw in ("EX/0002", "EX/0001", "EX/0099", "ex-partnr"):
        assert raw not in text
    csv_out = cli("batch", *inputs, "--pseudonymise", "--key-file", key1).out
    assert "EX/00" not in csv_out and refs[0] in csv_out


def test_pseudonymise_needs_a_real_key(cli, tmp_path: Path) -> None:
    short = tmp_path / "short"
    short.write_text("abc")
    r = cli("batch", EXAMPLES / "medium.yaml", "--pseudonymise", "--key-file", short)
    assert r.code == 3 and "16 bytes" in r.err
    assert cli("batch", EXAMPLES / "medium.yaml", "--pseudonymise").code == 2


def test_formula_injection_is_neutralised(cli, tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i, ref in enumerate(["=HYPERLINK(1)", "+SUM(A1)", "-2+3", "@cmd", "plain"]):
        _dump(d / f"{i}.yaml", screening_data({"dash": dash_answers({1})}, reference=ref))
    (d / "=evil.yaml").write_text("[not a mapping]")
    r = cli("batch", d, "--long", tmp_path / "long.csv")
    assert r.code == 4
    rows = _csv(r.out)
    assert [row["reference"] for row in rows[:5]] == [
        "'=HYPERLINK(1)",
        "'+SUM(A1)",
        "'-2+3",
        "'@cmd",
        "plain",
    ]
    assert rows[5]["source"] == str(d / "=evil.yaml")  # a path does not start with =
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    for row in _csv((tmp_path / "long.csv").read_text()):
        assert not row["reference"].startswith(("=", "+", "-", "@"))


def test_bom_for_excel(cli, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert cli("batch", EXAMPLES / "medium.yaml", "-o", out, "--bom").code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfscreening,")


def test_exit_codes(cli, tmp_path: Path) -> None:
    good = EXAMPLES / "medium.yaml"
    assert cli("batch", good).code == 0
    assert cli("batch", good, EXAMPLES / "invalid.yaml").code == 4
    # a path that does not exist: the run cannot start (issue 21.16), nothing is written
    missing = cli("batch", good, tmp_path / "missing.yaml", "-o", tmp_path / "out.csv")
    assert missing.code == 3 and "missing.yaml: no such file or folder" in missing.err
    assert not (tmp_path / "out.csv").exists()
    r = cli("batch", good, "--profile", "nowhere")
    assert r.code == 3 and "nowhere" in r.err
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out.csv"
    assert cli("batch", empty, "-o", out).code == 3
    assert not out.exists()
    assert cli("batch", good, "--format", "sqlite").code == 2


def test_summary_counts(cli, tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    r = cli("batch", EXAMPLES, "--summary-json", summary, "-o", tmp_path / "o.csv")
    assert r.code == 4
    data = json.loads(summary.read_text())
    assert data["screenings"] == len(GOOD_EXAMPLES) + 1
    assert data["scored"] == len(GOOD_EXAMPLES) and data["failed"] == 1
    expected = [json.loads(cli("score", p, "--json").out) for p in GOOD_EXAMPLES]
    for level in ("standard", "medium", "high"):
        assert data["risk_levels"][level] == sum(e["risk_level"] == level for e in expected)
    assert data["marac_referrals"] == sum(e["marac_referral"] for e in expected)
    for reason, count in data["marac_reasons"].items():
        assert count == sum(reason in e["reasons"] for e in expected if e["marac_referral"])
    assert data["urgent"] == sum(e["urgent"] for e in expected)
    assert data["incomplete"] == sum(not e["complete"] for e in expected)
    assert "MARAC referrals" in r.err and "failed" in r.err


def test_fail_fast_stops_at_the_first_failure(cli, tmp_path: Path) -> None:
    inputs = [EXAMPLES / "medium.yaml", EXAMPLES / "invalid.yaml", EXAMPLES / "standard.yaml"]
    errors = tmp_path / "errors.txt"
    r = cli("batch", *inputs, "-f", "jsonl", "--fail-fast", "--errors", errors)
    assert r.code == 4
    assert [x["outcome"] for x in _jsonl(r.out)] == ["ok", "invalid"]
    assert len(errors.read_text().splitlines()) == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fail_fast_in_the_middle_of_a_chunk(cli, tmp_path: Path, jobs: str) -> None:
    """The chunk holding the first failure ends there, whichever process scored it: the
    output, the errors and the summary stop at that screening and count nothing after."""
    good = json.dumps(screening_data({"dash": dash_answers({1, 3})}, reference="G/1"))
    rows = [good] * 1000
    rows[700] = "{broken"
    rows[900] = "{also broken"
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(rows) + "\n")
    summary, errors = tmp_path / "summary.json", tmp_path / "errors.txt"
    r = cli(
        "batch", path, "-f", "jsonl", "--fail-fast", "--jobs", jobs,
        "--errors", errors, "--summary-json", summary,
    )  # fmt: skip
    assert r.code == 4
    records = _jsonl(r.out)
    assert [x["line"] for x in records] == list(range(1, 702))
    assert records[-1]["outcome"] == "invalid" and records[-2]["outcome"] == "ok"
    assert errors.read_text().count("\n") == 1 and ":701:" in errors.read_text()
    counts = json.loads(summary.read_text())
    assert (counts["screenings"], counts["scored"], counts["failed"]) == (701, 700, 1)
    assert counts["stopped_early"] is True


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_stop_by_themselves_at_the_first_failure(jobs: int) -> None:
    """A library caller that reads every chunk still gets nothing after the first failure."""
    from stalkscreen.batch.pool import results

    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    tasks = [Task(JSON_LINE, "in.jsonl", n, line if n != 300 else "{") for n in range(1, 1001)]
    chunks = list(results(tasks, Settings(), [], jobs=jobs, fail_fast=True))
    assert sum(c.summary.screenings for c in chunks) == 300
    assert [c.summary.stopped_early for c in chunks] == [False] * (len(chunks) - 1) + [True]
    assert sum(c.summary.failed for c in chunks) == 1


_RECORDS = st.fixed_dictionaries(
    {
        "risk_level": st.sampled_from(["standard", "medium", "high"]),
        "marac_referral": st.booleans(),
        "reasons": st.lists(st.sampled_from(["visible-high-risk", "srp-red-flag", "x"])),
        "urgent": st.booleans(),
        "red_flags": st.lists(st.sampled_from(["psychopathy", "victim-fear"]), unique=True),
        "complete": st.booleans(),
    }
)
_COUNTED = st.one_of(
    st.tuples(st.just("ok"), _RECORDS),
    st.tuples(st.sampled_from(["invalid", "error"]), st.none()),
)


@given(st.lists(_COUNTED, max_size=40), st.lists(st.integers(0, 40), max_size=6))
def test_summaries_of_chunks_add_up_to_the_summary_of_the_whole(
    outcomes: list[tuple[str, dict[str, Any] | None]], cuts: list[int]
) -> None:
    """Workers count their own chunks; merged in any split, the counts are those of one pass."""
    from stalkscreen.batch import Summary

    whole = Summary()
    for status, record in outcomes:
        whole.add(status, record)
    merged = Summary()
    bounds = [0, *sorted(c for c in cuts if c <= len(outcomes)), len(outcomes)]
    for start, end in itertools.pairwise(bounds):
        part = Summary()
        for status, record in outcomes[start:end]:
            part.add(status, record)
        merged.merge(part)
    assert merged.to_dict() == whole.to_dict()
    assert whole.screenings == len(outcomes)
    assert whole.scored == sum(status == "ok" for status, _ in outcomes)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_progress_observer_hears_of_every_screening(tmp_path: Path, jobs: int) -> None:
    from stalkscreen.batch import BatchRequest, run_batch
    from stalkscreen.batch.outputs import JsonlSink
    from stalkscreen.batch.targets import file_opener

    good = json.dumps(screening_data({"dash": dash_answers({2})}))
    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join([good] * 1000 + ["nonsense"]) + "\n")
    heard: list[int] = []
    summary = run_batch(
        BatchRequest([str(path)], jobs=jobs),
        [JsonlSink(file_opener(tmp_path / "out.jsonl"))],
        observer=heard.append,
    )
    assert sum(heard) == summary.screenings == 1001 and summary.failed == 1
    assert len(heard) > 1  # told as it goes, not once at the end


def test_sqlite_with_items(cli, tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    r = cli("batch", EXAMPLES, "-o", db, "--long", db)
    assert r.code == 4
    con = sqlite3.connect(db)
    rows = con.execute("SELECT reference, risk_level, outcome, dash_yes FROM screenings").fetchall()
    assert len(rows) == len(GOOD_EXAMPLES) + 1
    assert ("EX/0002", "medium", "ok", 11) in rows
    assert ("EX/0099", None, "invalid", None) in rows
    n = con.execute(
        "SELECT count(*) FROM items JOIN screenings USING (screening) "
        "WHERE screenings.reference = 'EX/0002' AND instrument = 'dash'"
    ).fetchone()[0]
    assert n == 27
    con.close()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left


def test_long_csv(cli, tmp_path: Path) -> None:
    long = tmp_path / "items.csv"
    assert cli("batch", EXAMPLES / "medium.yaml", "--long", long).code == 0
    rows = _csv(long.read_text())
    assert list(rows[0]) == [
        "screening",
        "reference",
        "instrument",
        "item",
        "answer",
        "has_comment",
    ]
    assert len(rows) == 27
    assert rows[0]["item"] == "q1" and rows[0]["has_comment"] == "true"
    assert rows[1]["has_comment"] == "false"


def test_globs_and_recursion(cli, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    _dump(tmp_path / "top.yaml", screening_data({"dash": dash_answers({1})}, reference="TOP"))
    deep_data = screening_data({"dash": dash_answers({1})}, reference="D")
    _dump(tmp_path / "sub" / "deep.yaml", deep_data)
    flat = _jsonl(cli("batch", tmp_path, "-f", "jsonl").out)
    assert [x["reference"] for x in flat] == ["TOP"]
    deep = _jsonl(cli("batch", tmp_path, "-f", "jsonl", "--recursive").out)
    assert sorted(x["reference"] for x in deep) == ["D", "TOP"]
    globbed = _jsonl(cli("batch", str(tmp_path / "*.yaml"), "-f", "jsonl").out)
    assert [x["reference"] for x in globbed] == ["TOP"]
    nothing = cli("batch", str(tmp_path / "*.json"), "-f", "jsonl")
    assert nothing.code == 3 and "*.json: no such file or folder" in nothing.err


def test_output_inside_the_input_folder_is_not_read_back(cli, tmp_path: Path) -> None:
    _dump(tmp_path / "a.yaml", screening_data({"dash": dash_answers({1})}))
    out = tmp_path / "results.csv"
    assert cli("batch", tmp_path, "-o", out).code == 0
    assert cli("batch", tmp_path, "-o", out).code == 0
    assert len(_csv(out.read_text())) == 1


answer_values = st.sampled_from(["yes", "no", "unknown", "Yes", "dk", True, False])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dash=st.dictionaries(st.sampled_from([f"q{i}" for i in range(1, 28)]), answer_values),
    flags=st.dictionaries(
        st.sampled_from(["suicidal-ideation", "victim-fear", "psychopathy"]), answer_values
    ),
    incidents=st.integers(min_value=0, max_value=6),
)
def test_batch_and_single_scoring_agree(
    lib: Library, dash: dict[str, Any], flags: dict[str, Any], incidents: int
) -> None:
    responses: dict[str, Any] = {"dash": dash}
    if flags:
        responses["srp-red-flags"] = flags
    case = {"incidents_last_12_months": incidents}
    data = screening_data(responses, case=case)
    outcome = Scorer(lib, Settings()).run(Task(JSON_LINE, "x.jsonl", 1, json.dumps(data)))
    single = score(make_answers(lib, responses, case=case), lib, lib.profile("default").profile)
    assert outcome.status == "ok"
    assert outcome.record == single.contract()


def test_neutralise_every_risky_start() -> None:
    from stalkscreen.batch.outputs import neutralise

    for risky in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    assert neutralise("ok") == "ok" and neutralise(None) == "" and neutralise(True) == "true"


# --------------------------------------------------------------------------- --reports-dir

SUMMARY_NAME = re.compile(r"^\d{6}-summary-[A-Za-z0-9_-]+-[0-9a-f]{8}\.(md|html)$")


def _reports_input(tmp_path: Path) -> Path:
    """Four screenings: two sharing a reference, one hostile reference, one invalid."""
    rows = [
        screening_data({"dash": dash_answers(range(1, 16))}, reference="../../etc/passwd"),
        screening_data({"dash": dash_answers({1})}, reference="CR/2026/1"),
        screening_data({"dash": {"q1": "maybe"}}, reference="BAD/1"),
        screening_data({"dash": dash_answers({2})}, reference="CR/2026/1"),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_reports_dir_one_private_summary_per_scored_screening(
    cli, tmp_path: Path, jobs: str
) -> None:
    reports = tmp_path / "out" / "reports"
    r = cli(
        "batch", _reports_input(tmp_path), "-f", "jsonl", "--jobs", jobs, "--reports-dir", reports
    )
    assert r.code == 4  # one input is invalid: it gets no summary
    assert stat.S_IMODE(reports.stat().st_mode) == 0o700
    names = sorted(p.name for p in reports.iterdir())
    assert [n[:6] for n in names] == ["000001", "000002", "000004"]
    assert all(SUMMARY_NAME.match(n) for n in names), names
    assert names[0].startswith("000001-summary-etc-passwd-")
    assert names[1].startswith("000002-summary-CR-2026-1-")
    assert not (tmp_path / "etc").exists()
    for path in reports.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = path.read_text()
        assert text.count("OFFICIAL-SENSITIVE") >= 2  # top and bottom
    first = (reports / names[0]).read_text()
    # SC-JUDGE: levels from the count alone say so
    assert "| Risk level | **by count: HIGH (not yet judged)**" in first
    assert "| MARAC referral | **Yes** |" in first
    assert (
        "| Risk level | **by count: STANDARD (not yet judged)**" in (reports / names[1]).read_text()
    )


def test_reports_dir_html(cli, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    args = ("--reports-dir", reports, "--report-format", "html")
    r = cli("batch", _reports_input(tmp_path), "-f", "jsonl", *args)
    assert r.code == 4
    names = sorted(p.name for p in reports.iterdir())
    assert len(names) == 3 and all(n.endswith(".html") for n in names)
    html = (reports / names[0]).read_text()
    assert html.lstrip().lower().startswith("<!doctype html") and "OFFICIAL-SENSITIVE" in html
    assert "../../etc/passwd" in html  # shown as escaped text, never used as a path


def test_reports_dir_pseudonymised_has_no_free_text(cli, tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("a long random secret for the test\n")
    dash: dict[str, Any] = dash_answers(range(1, 16))
    dash["q1"] = {"answer": "yes", "comment": "SECRET comment <b>", "source": "SECRET source"}
    data = screening_data(
        {"dash": dash},
        reference="SECRET/REF/1",
        case={"practitioner": "SECRET practitioner", "agency": "SECRET agency"},
        professional_judgement={"level": "high", "rationale": "SECRET rationale"},
        context={"children": "yes", "safe_to_talk": "SECRET note"},
    )
    (tmp_path / "in").mkdir()
    _dump(tmp_path / "in" / "a.yaml", data)
    reports = tmp_path / "reports"
    r = cli(
        "batch",
        tmp_path / "in",
        "-f",
        "jsonl",
        "--pseudonymise",
        "--key-file",
        key,
        "--reports-dir",
        reports,
    )
    assert r.code == 0, r.err
    (path,) = reports.iterdir()
    pseudonym = _jsonl(r.out)[0]["reference"]
    assert path.name.startswith("000001-summary-" + pseudonym + "-")
    text = path.read_text()
    assert "SECRET" not in text and "SECRET" not in path.name
    assert pseudonym in text and "| Risk level | **High**" in text and "withheld" in text


def test_reports_dir_usage_errors(cli, tmp_path: Path) -> None:
    source = _reports_input(tmp_path)
    assert cli("batch", source, "--report-format", "html").code == 2
    a_file = tmp_path / "taken"
    a_file.write_text("")
    assert cli("batch", source, "--reports-dir", a_file).code == 2


def test_csv_output_tells_drafts_from_finished_and_carries_follow_up_and_warnings(
    cli, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        yaml.safe_dump(
            screening_data(
                {"dash": dash_answers(set(range(1, 16)), unknown={20})}, status="in-progress"
            )
        )
    )
    r = cli("batch", draft, EXAMPLES / "standard.yaml", "-f", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [row["status"] for row in rows] == ["in-progress", "completed"]
    assert rows[0]["complete"] == "false" and rows[0]["follow_up"] == "dash.q20"
    assert "escalation-unchecked" in rows[0]["warnings"].split(";")
    assert rows[0]["graded"] == "true"


def test_csv_input_accepts_uk_spreadsheet_dates(cli, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    head = "reference,assessed_on,last_marac_on," + ",".join(f"dash.q{i}" for i in range(1, 28))
    body = "R1,20/11/2026,2/3/2026," + ",".join(["no"] * 27)
    rows.write_text(head + "\n" + body + "\n")
    r = cli("batch", rows, "-f", "jsonl")
    assert r.code == 0, r.err
    (record,) = _jsonl(r.out)
    assert record["assessed_on"] == "2026-11-20"
    assert record["reasons"] == ["repeat-marac"]


def test_a_link_to_the_output_is_not_read_back(cli, tmp_path: Path) -> None:
    _dump(tmp_path / "a.yaml", screening_data({"dash": dash_answers({1})}))
    out = tmp_path / "results.jsonl"
    assert cli("batch", tmp_path, "-f", "jsonl", "-o", out).code == 0
    (tmp_path / "z-link.jsonl").symlink_to(out)
    assert cli("batch", tmp_path, "-f", "jsonl", "-o", out).code == 0
    assert [Path(x["source"]).name for x in _jsonl(out.read_text())] == ["a.yaml"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_file_name_that_is_not_utf8_is_written_escaped(cli, tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.yaml")  # Latin-1 bytes, as an old share may hold them
    _dump(folder / name, screening_data({"dash": dash_answers({1})}, reference="L/1"))
    out = tmp_path / f"out.{fmt}"
    r = cli("batch", folder, "-f", fmt, "-o", out)
    assert r.code == 0, r.out
    text = out.read_text(encoding="utf-8")
    assert "caf\\udce9.yaml" in text or "caf\\\\udce9.yaml" in text
    assert "L/1" in text


def test_a_folder_named_dot_lists_sources_as_before(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    _dump(tmp_path / "a.yaml", screening_data({"dash": dash_answers({1})}, reference="A"))
    _dump(tmp_path / "sub" / "b.yaml", screening_data({"dash": dash_answers({1})}, reference="B"))
    monkeypatch.chdir(tmp_path)
    flat = _jsonl(cli("batch", ".", "-f", "jsonl").out)
    assert [x["source"] for x in flat] == ["a.yaml"]
    deep = _jsonl(cli("batch", ".", "-f", "jsonl", "--recursive").out)
    assert [x["source"] for x in deep] == ["a.yaml", str(Path("sub") / "b.yaml")]
    nested = _jsonl(cli("batch", "./sub/", "-f", "jsonl").out)
    assert [x["source"] for x in nested] == [str(Path("sub") / "b.yaml")]


@pytest.mark.timeout(30)  # a walk that opened the pipe would wait there for ever
def test_a_folder_walk_reports_dead_links_skips_pipes_and_does_not_follow_folder_links(
    cli, tmp_path: Path
) -> None:
    root = tmp_path / "in"
    (root / "b-sub" / ".hidden").mkdir(parents=True)
    _dump(root / "a.yaml", screening_data({"dash": dash_answers({1})}, reference="A"))
    _dump(root / "b-sub" / "c.json", screening_data({"dash": dash_answers({1})}, reference="C"))
    _dump(root / "b-sub" / ".hidden" / "h.yaml", screening_data({"dash": dash_answers({1})}))
    (root / "c-dead.yaml").symlink_to(tmp_path / "gone.yaml")
    os.mkfifo(root / "d-pipe.yaml")  # reading it would wait for a writer for ever
    (root / "e-loop").symlink_to(root)  # followed, the walk would never end
    (root / "f.txt").write_text("not an input")
    out = _jsonl(cli("batch", root, "-f", "jsonl", "--recursive").out)
    names = [Path(x["source"]).relative_to(root).as_posix() for x in out]
    assert names == ["a.yaml", "c-dead.yaml", "b-sub/c.json"]
    assert [x["outcome"] for x in out] == ["ok", "invalid", "ok"]
    assert out[1]["error"].endswith("c-dead.yaml: no such file — check the path [SS-E001]")
    flat = _jsonl(cli("batch", root, "-f", "jsonl").out)
    assert [Path(x["source"]).name for x in flat] == ["a.yaml", "c-dead.yaml"]


class _SlowFirst:
    """A renderer that names the process it ran in, and dawdles over the first screening."""

    def render(self, index: int, outcome: Any, scored: Any) -> str:
        if index == 1:
            import time

            time.sleep(2)
        return f"{os.getpid()}"


@pytest.mark.timeout(60)
def test_a_slow_chunk_holds_up_neither_the_other_worker_nor_the_order() -> None:
    """Chunks go to whichever worker is free: while one worker is stuck on the first
    chunk, the other scores every chunk the window allows (not just every other one),
    and the results still come back in input order."""
    from stalkscreen.batch.pool import results

    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    tasks = [Task(JSON_LINE, "in.jsonl", n, line) for n in range(1, 65)]
    chunks = list(results(tasks, Settings(), [_SlowFirst()], jobs=2, chunk_size=4))
    assert [c.summary.screenings for c in chunks] == [4] * 16
    assert sum(c.summary.scored for c in chunks) == 64
    by = [c.pieces[0][0] for c in chunks]  # the process that scored each chunk
    slow = by[0]
    assert {pid for pid in by if pid != slow} and slow != str(os.getpid())
    window = 4 * 2
    # while the first chunk waits, the slow worker holds only it; the other worker
    # scores all the rest of the window
    assert by[:window].count(slow) == 1
    assert all(len(set(c.pieces[0])) == 1 for c in chunks)  # a chunk stays in one process


def _pseudonymised_batch(path: Path, key: bytes, jobs: int = 2) -> list[str]:
    from stalkscreen.batch.outputs import JsonLines
    from stalkscreen.batch.pool import results

    source = [
        Task(JSON_LINE, str(path), n, line)
        for n, line in enumerate(path.read_text().splitlines(), 1)
    ]
    chunks = results(source, Settings(key=key), [JsonLines()], jobs=jobs, chunk_size=8)
    return [json.loads(line)["reference"] for c in chunks for line in c.pieces[0].splitlines()]


@pytest.mark.timeout(120)
def test_batches_side_by_side_in_one_process_keep_their_own_settings(tmp_path: Path) -> None:
    """Two batches run at once from two threads of one program, each with its own key: every
    worker scores with the settings of the batch that started it, never the other's."""
    import threading

    from stalkscreen.batch import pseudonym

    references = [f"REF/{n}" for n in range(60)]
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(
            json.dumps(screening_data({"dash": dash_answers({1})}, reference=r)) + "\n"
            for r in references
        )
    )
    keys = [b"first-key-0123456789", b"second-key-0123456789"]
    got: dict[bytes, list[list[str]]] = {key: [] for key in keys}
    barrier = threading.Barrier(2)

    def run(key: bytes) -> None:
        for _ in range(3):
            barrier.wait()  # each round, both batches start together
            got[key].append(_pseudonymised_batch(path, key))

    threads = [threading.Thread(target=run, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for key in keys:
        assert got[key] == [[pseudonym(r, key) for r in references]] * 3


class _Naps:
    """A renderer that takes its time over every screening."""

    def render(self, index: int, outcome: Any, scored: Any) -> bytes:
        import time

        time.sleep(0.01)
        return b""


@pytest.mark.timeout(120)
def test_a_worker_lost_in_one_batch_is_noticed_while_another_batch_runs() -> None:
    """Two batches from two threads: one of this batch's workers dies while the other batch
    is scoring: this batch says so at once, not when the other batch ends."""
    import threading
    import time

    from stalkscreen.batch import pool

    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    running, stop = threading.Event(), threading.Event()

    def long_batch() -> None:
        tasks = [Task(JSON_LINE, "long.jsonl", n, line) for n in range(1, 5001)]
        stream = pool.results(tasks, Settings(), [_Naps()], jobs=2, chunk_size=8)
        try:
            for _ in stream:
                running.set()
                if stop.is_set():
                    break
        finally:
            stream.close()  # type: ignore[attr-defined]

    other = threading.Thread(target=long_batch)
    other.start()
    try:
        assert running.wait(60)
        tasks = [Task(JSON_LINE, "short.jsonl", n, line) for n in range(1, 41)]
        started = time.monotonic()
        with pytest.raises(pool.WorkerLost, match="ended unexpectedly"):
            list(pool.results(tasks, Settings(), [_DiesAtFive()], jobs=2, chunk_size=4))
        assert other.is_alive(), time.monotonic() - started  # the long batch naps for 25 s
    finally:
        stop.set()
        other.join(60)


@pytest.mark.timeout(180)
def test_workers_that_are_not_forked_load_the_library_themselves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where processes start afresh (the spawn method: macOS, Windows, and a program already
    running threads) a worker builds its own pipeline from the settings; the results are
    the same as with forked workers."""
    import threading

    from stalkscreen.batch import work

    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(
            json.dumps(screening_data({"dash": dash_answers({1, n % 27 + 1})}, reference=f"S/{n}"))
            + "\n"
            for n in range(40)
        )
    )
    key = b"a-key-of-some-length"
    forked = _pseudonymised_batch(path, key)
    monkeypatch.setattr(work, "_MARK_OF_THIS_PROCESS", True, raising=False)
    assert _started_afresh() == {"False"}  # a forked worker has what this process has
    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)  # a second thread: forking is no longer safe
    busy.start()
    try:
        assert _pseudonymised_batch(path, key) == forked
        assert _started_afresh() == {"True"}
    finally:
        stop.set()
        busy.join()


class _Afresh:
    """A renderer that tells whether its process started afresh (it lacks this process's mark)."""

    def render(self, index: int, outcome: Any, scored: Any) -> str:
        from stalkscreen.batch import work

        return str(not hasattr(work, "_MARK_OF_THIS_PROCESS"))


def _started_afresh() -> set[str]:
    from stalkscreen.batch.pool import results

    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    tasks = [Task(JSON_LINE, "in.jsonl", n, line) for n in range(1, 9)]
    return {
        p
        for c in results(tasks, Settings(), [_Afresh()], jobs=2, chunk_size=2)
        for p in c.pieces[0]
    }


class _DiesAtFive:
    """A renderer that ends its (worker) process at the fifth screening, as the OOM killer might."""

    def render(self, index: int, outcome: Any, scored: Any) -> bytes:
        if index == 5:
            os._exit(9)
        return b""


@pytest.mark.timeout(60)  # waiting for a result that can never come would hang here
def test_a_worker_that_dies_ends_the_batch_with_a_clear_error(tmp_path: Path) -> None:
    from stalkscreen.batch.pool import WorkerLost, results

    tasks = [
        Task(JSON_LINE, "in.jsonl", n, json.dumps(screening_data({"dash": dash_answers({1})})))
        for n in range(1, 41)
    ]
    stream = results(tasks, Settings(), [_DiesAtFive()], jobs=2, chunk_size=4)
    with pytest.raises(WorkerLost, match="ended unexpectedly; nothing was written"):
        for _ in stream:
            pass


def _wait_for_workers(session: int, count: int = 3) -> list[str]:
    """The processes of a session once the batch and its workers are all running."""
    import subprocess
    import time

    for _ in range(200):
        found = subprocess.run(["pgrep", "-s", str(session)], capture_output=True, text=True)
        if len(found.stdout.split()) >= count:
            time.sleep(0.5)  # and a moment into scoring
            return found.stdout.split()
        time.sleep(0.1)
    raise AssertionError("the batch never started its workers")


MAIN = "from stalkscreen.cli.main import main; main()"


def _long_batch(tmp_path: Path, out: Path, pipe: int) -> tuple[Path, Any]:
    """A `batch --jobs 2` of several seconds in a session of its own (input path, process)."""
    import subprocess
    import sys

    line = json.dumps(screening_data({"dash": dash_answers(range(1, 12))}))
    source = tmp_path / "many.jsonl"
    source.write_text((line + "\n") * 60_000)  # about 30 MB
    proc = subprocess.Popen(
        [sys.executable, "-c", MAIN, "batch", str(source), "--jobs", "2", "-o", str(out)],
        stdout=pipe,
        stderr=pipe,
        text=True,
        start_new_session=True,
        env={**os.environ, "STALKSCREEN_CONFIG": str(tmp_path / "none.yaml")},
    )
    return source, proc


@pytest.mark.timeout(120)
def test_ctrl_c_stops_a_parallel_batch_leaving_no_output_and_no_workers(tmp_path: Path) -> None:
    import signal
    import subprocess

    out = tmp_path / "out.csv"
    source, proc = _long_batch(tmp_path, out, subprocess.PIPE)
    _wait_for_workers(proc.pid)
    assert proc.poll() is None, proc.communicate()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends the whole foreground group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err == (
        "stalkscreen: interrupted: the run's unfinished output files and summaries were removed"
        " [SS-E131]\n"
    )
    assert not out.exists() and not list(tmp_path.glob(".*out*"))
    leftover = subprocess.run(
        ["pgrep", "-s", str(proc.pid)], capture_output=True, text=True, check=False
    )
    assert leftover.stdout.strip() == ""
    source.unlink()


class _Raises:
    """A renderer with a bug that shows an answer in its message."""

    def render(self, index: int, outcome: Any, scored: Any) -> bytes:
        raise RuntimeError("PLANTED-ANSWER-TEXT")


@pytest.mark.timeout(60)
def test_a_bug_in_a_worker_is_named_by_kind_only(capfd: pytest.CaptureFixture[str]) -> None:
    from stalkscreen.batch.pool import WorkerLost, results

    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    tasks = [Task(JSON_LINE, "in.jsonl", n, line) for n in range(1, 9)]
    with pytest.raises(WorkerLost, match=r"internal error \(RuntimeError\) in a batch worker"):
        list(results(tasks, Settings(), [_Raises()], jobs=2, chunk_size=2))
    captured = capfd.readouterr()
    assert "PLANTED" not in captured.err + captured.out and "Traceback" not in captured.err


@pytest.mark.timeout(120)
def test_workers_stop_when_the_main_process_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    source, proc = _long_batch(tmp_path, tmp_path / "o", subprocess.DEVNULL)
    assert len(_wait_for_workers(proc.pid)) == 3
    group = ["pgrep", "-s", str(proc.pid)]
    os.kill(proc.pid, signal.SIGKILL)  # no clean-up code runs: the workers must notice alone
    proc.wait(timeout=30)
    for _ in range(100):
        if not subprocess.run(group, capture_output=True, text=True).stdout.strip():
            break
        time.sleep(0.1)
    left = subprocess.run(group, capture_output=True, text=True).stdout.split()
    for pid in left:  # do not leave them behind if the test fails
        os.kill(int(pid), signal.SIGKILL)
    assert left == []
    source.unlink()


# --------------------------------------------------------------------------- JSON Lines blocks

_LINE_KINDS = st.sampled_from(
    [
        b"",
        b"  ",
        b"\t\r",
        b"{}",
        b'{"a": 1}',
        b"\xff\xfe",
        b"\xc2\xa0",
        b"x" * 19,
        b"\x0b\x0c",
        b"y" * 21,  # over the (lowered) limit
        b"z" * 70,
        b"\xef\xbb\xbf",
    ]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(_LINE_KINDS, max_size=30),
    bom=st.booleans(),
    last_newline=st.booleans(),
    block=st.integers(min_value=1, max_value=64),
)
def test_json_line_blocks_give_one_task_per_screening(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lines: list[bytes],
    bom: bool,
    last_newline: bool,
    block: int,
) -> None:
    """However a file is read, each non-blank line is one screening, numbered on; a line
    over the limit fails alone; the progress count is the number of screenings."""
    from stalkscreen.batch import BatchRequest, count_inputs, inputs
    from stalkscreen.batch.pool import _numbered

    monkeypatch.setattr(inputs, "LINES_PER_READ", block)
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 20)
    path = tmp_path / "lines.jsonl"
    text = b"\n".join(lines) + (b"\n" if last_newline and lines else b"")
    content = (b"\xef\xbb\xbf" if bom else b"") + text
    path.write_bytes(content)
    if content.startswith(b"\xef\xbb\xbf"):  # a byte-order mark is no part of the first line
        content = content[3:]
    read = content.split(b"\n")  # lines end at \n only; a last "line" of nothing is no line
    expected = [(number, raw) for number, raw in enumerate(read, start=1) if raw.strip()]
    blocks = list(inputs.json_lines(str(path)))
    assert sum(inputs.screens(t) for t in blocks) == len(expected)
    assert count_inputs(BatchRequest([str(path)])) == len(expected)
    got = list(inputs.screenings(_numbered([*blocks, Task(JSON_LINE, "after", 9, "{}")])))
    assert [i for i, _ in got] == list(range(1, len(expected) + 2))
    assert got[-1][1].source == "after"
    assert [t.line for _, t in got[:-1]] == [n for n, _ in expected]
    for (_, task), (_, raw) in zip(got, expected, strict=False):
        if len(raw) > 20:
            assert task.payload.message == "the line is longer than the 5 MiB limit"
        elif not _utf8(raw):
            assert task.payload.message == "the line is not valid UTF-8"
        else:
            assert (task.kind, task.payload) == (JSON_LINE, raw.decode())


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_json_lines_across_blocks_keep_numbers_and_order_with_jobs(cli, tmp_path: Path) -> None:
    """A file of several blocks (blank lines, a BOM, a bad line) scores the same in 1 and 2 jobs."""
    good = json.dumps(screening_data({"dash": dash_answers({1, 3})}, reference="L/1"))
    rows = [good if n % 7 else "" for n in range(1, 700)]
    rows[300] = "{broken"
    rows[450] = "   "
    path = tmp_path / "many.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(rows).encode() + b"\n")
    one = cli("batch", path, "-f", "csv", "--jobs", "1")
    two = cli("batch", path, "-f", "csv", "--jobs", "2")
    assert one.code == two.code == 4
    assert one.out == two.out
    records = _csv(one.out)
    expected = [n for n, row in enumerate(rows, start=1) if row.strip()]
    assert [int(r["line"]) for r in records] == expected
    assert [int(r["screening"]) for r in records] == list(range(1, len(expected) + 1))
    failed = [int(r["line"]) for r in records if r["outcome"] != "ok"]
    assert failed == [301]
    assert len(path.read_bytes()) > 2 * 128 * 1024  # more than one block


def test_blank_lines_are_not_sent_and_chunks_stay_small(tmp_path: Path) -> None:
    """A block of blank lines only is not sent; one with few screenings weighs its lines."""
    from stalkscreen.batch.inputs import bulk, json_lines, screens

    path = tmp_path / "sparse.jsonl"
    path.write_bytes(b"{}\n" + b"\n" * 1_000_000 + b" \t\n" * 1000 + b"{}\n")
    blocks = list(json_lines(str(path)))
    assert [screens(b) for b in blocks] == [1, 1]
    assert blocks[0].line == 1 and blocks[0].payload[1][0] == b"{}"
    last = blocks[-1]
    assert last.payload[1][-1] == b"{}"
    assert last.line is not None
    assert last.line + len(last.payload[1]) - 1 == 1_001_002  # every blank line numbered
    # a block of many lines weighs at least a sixteenth of them, so a chunk for a worker
    # (closed at 256) never gathers more than about 4,096 lines besides its last block
    assert all(bulk(b) >= len(b.payload[1]) >> 4 for b in blocks)
    assert all(
        set(b.payload[1]) <= {b"{}", b""} for b in blocks
    )  # blank lines travel as the one empty bytes object


# --------------------------------------------------------------------------- start methods


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is chosen on Linux")
def test_workers_are_forked_only_from_a_process_running_one_thread() -> None:
    import threading

    from stalkscreen.batch.pool import start_method

    assert start_method() == "fork"
    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)
    busy.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        busy.join()
    assert start_method() == "fork"


def _children(pid: int) -> list[str]:
    """The command lines of a process's children (Linux)."""
    import subprocess

    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    lines = []
    for child in found.stdout.split():
        with contextlib.suppress(OSError):
            raw = Path(f"/proc/{child}/cmdline").read_bytes()
            lines.append(raw.replace(b"\0", b" ").decode(errors="replace"))
    return lines


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc and fork")
@pytest.mark.timeout(120)
def test_a_batch_in_a_program_running_threads_spawns_its_workers_end_to_end(
    tmp_path: Path,
) -> None:
    """A program that already runs a thread (forking it would be unsafe) gets spawned
    workers, which load the library themselves and score exactly as one process does."""
    import subprocess

    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(
            json.dumps(screening_data({"dash": dash_answers({1, n % 27 + 1})}, reference=f"R/{n}"))
            + "\n"
            for n in range(600)
        )
        + "{broken\n"
    )
    env = {**os.environ, "STALKSCREEN_CONFIG": str(tmp_path / "none.yaml")}
    threaded = (
        "import sys, threading\n"
        "stop = threading.Event()\n"
        "threading.Thread(target=stop.wait, daemon=True).start()\n"
        "from stalkscreen.batch import pool\n"
        "assert pool.start_method() == 'spawn'\n"
        "from stalkscreen.cli.main import main\n"
        "main()\n"
    )
    runs = {}
    for label, code, jobs in (("one", MAIN, "1"), ("spawned", threaded, "2")):
        out = tmp_path / f"{label}.csv"
        done = subprocess.run(
            [sys.executable, "-W", "error", "-c", code, "batch", str(source), "-j", jobs],
            capture_output=True,
            env=env,
            timeout=100,
            check=False,
        )
        assert done.returncode == 4, done.stderr.decode()  # one bad line
        out.write_bytes(done.stdout)
        runs[label] = done.stdout
    assert runs["spawned"] == runs["one"] and runs["one"].count(b"\n") == 602


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc and fork")
@pytest.mark.timeout(120)
def test_workers_start_before_the_progress_bar_so_they_can_be_forked(tmp_path: Path) -> None:
    """On a terminal the batch draws a progress bar, whose refresh thread must not exist
    when workers are forked (Python 3.12+ warns; -W error makes that a failure): the
    workers are forked copies of the command (not spawned interpreters), and Ctrl-C still
    stops everything."""
    pexpect = pytest.importorskip("pexpect")
    import signal

    line = json.dumps(screening_data({"dash": dash_answers(range(1, 12))}))
    source = tmp_path / "many.jsonl"
    source.write_text((line + "\n") * 60_000)
    out = tmp_path / "out.csv"
    child = pexpect.spawn(
        sys.executable,
        ["-W", "error", "-c", MAIN, "batch", str(source), "--jobs", "2", "-o", str(out)],
        env={**os.environ, "STALKSCREEN_CONFIG": str(tmp_path / "none.yaml"), "TERM": "xterm"},
        timeout=60,
    )
    try:
        child.expect("scoring")  # the progress bar is drawn
        workers = _children(child.pid)
        assert len(workers) == 2 and all(" batch " in w for w in workers), workers
        assert not any("spawn_main" in w for w in workers)
        os.killpg(child.pid, signal.SIGINT)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 130
    assert not out.exists()
    source.unlink()
