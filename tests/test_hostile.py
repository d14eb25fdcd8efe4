"""The hostile-input campaign (issue 6).

Every case of ``tests/hostile/corpus.py`` goes through ``score``, ``report``
(Markdown and HTML), ``batch`` and ``screen --answers``. Each run must end in a
clear error or inert output: never exit 1 (a bug), never a traceback, never the
planted secret in an error message, never an escape character on a terminal,
never an invisible format character (a bidi override, a zero-width space) unescaped,
and never a live tag or formula in an output. Hypothesis then fuzzes every
loader. ``CASE_COUNT`` is the number of (input, command) runs.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalkscreen.errors import StalkscreenError
from stalkscreen.vocabulary import FORMAT
from tests.hostile.corpus import SECRET, cases, jsonl_cases

CASES = list(cases())
RECORD_CASES = list(jsonl_cases())
COMMANDS: list[list[str]] = [
    ["score"],
    ["score", "--json"],
    ["report"],
    ["report", "-f", "html"],
    ["report", "-f", "json"],
    ["batch", "-f", "jsonl"],
    ["batch", "-f", "csv"],
    ["screen", "--plain", "--answers"],
]
CASE_COUNT = len(CASES) * len(COMMANDS) + len(RECORD_CASES) * 2 + 2


def _check(result: Any, command: list[str]) -> None:
    assert result.code in (0, 2, 3, 4, 130), (command, result.code, result.err[-500:])
    assert "Traceback" not in result.err and "Traceback" not in result.out
    # the resume line names the draft file: the time and a random tag (drafts.safe_name)
    err = result.err.split("Resume with:")[0] if command[0] == "screen" else result.err
    assert SECRET not in err, (command, result.err[-500:])
    assert "\x1b" not in result.err and "\x1b" not in result.out, command
    assert "\x07" not in result.err and "\x07" not in result.out, command
    # an invisible format character (bidi override, zero-width) is shown escaped (21.7)
    hidden = FORMAT.search(result.out) or FORMAT.search(result.err)
    assert hidden is None, (command, hidden and hidden.group())
    if command[0] == "report" and command[-1] == "html" and result.code == 0:
        for live in ("<script", "<img", "<a href", "<iframe"):
            body = result.out.split("<style", 1)[0] + result.out.rsplit("</style>", 1)[-1]
            assert live not in body, (command, live)
    if command[0] == "batch" and command[-1] == "csv" and result.out:
        for row in csv.reader(io.StringIO(result.out)):
            for cell in row:
                assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "suffix", "raw"), CASES, ids=[c[0] for c in CASES])
def test_hostile_answer_file(
    name: str,
    suffix: str,
    raw: bytes,
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / f"{name}{Path(suffix).suffix}"
    path.write_bytes(raw)
    for command in COMMANDS:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        result = cli(*command, path)
        _check(result, command)


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "suffix", "raw"), RECORD_CASES, ids=[c[0] for c in RECORD_CASES])
def test_hostile_batch_records(
    name: str, suffix: str, raw: bytes, cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / f"{name}{Path(suffix).suffix}"
    path.write_bytes(raw)
    for fmt in ("csv", "jsonl"):
        result = cli("batch", path, "-f", fmt, "--errors", tmp_path / f"e.{fmt}.txt")
        _check(result, ["batch", "-f", fmt])
        assert SECRET not in (tmp_path / f"e.{fmt}.txt").read_text(errors="replace")


@pytest.mark.timeout(120)
def test_a_100_mb_file_is_refused_quickly_and_without_reading_it(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(b"# " + SECRET.encode() + b"\n")
        handle.truncate(100 * 1024 * 1024)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    for command in COMMANDS:
        result = cli(*command, big)
        _check(result, command)
        assert result.code in (3, 4) and "limit" in result.err + result.out
    # one 100 MB line, never held whole: measured in a child by its own high-water mark
    # (VmHWM; getrusage would count the test process's memory at the fork as well)
    line = tmp_path / "big.jsonl"
    with line.open("wb") as handle:
        handle.write(b'{"x": "')
        for _ in range(100):
            handle.write(b"a" * (1024 * 1024))
        handle.write(b'"}\n')
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import re, sys; from stalkscreen.cli.main import main\n"
            "try:\n    main(['batch', sys.argv[1], '-f', 'jsonl'])\nexcept SystemExit as e:\n"
            "    status = open('/proc/self/status').read()\n"
            "    print(e.code, re.search(r'VmHWM:\\s*(\\d+)', status)[1], file=sys.stderr)",
            str(line),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    code, peak_kb = child.stderr.split()[-2:]
    assert code == "4" and "longer than the 5 MiB limit" in child.stdout
    assert int(peak_kb) < 120 * 1024, f"peak memory {int(peak_kb) // 1024} MiB"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


# --------------------------------------------------------------------------- fuzzing

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["yes", "no", "dk", "q1", "dash", "s-dash", "2026-01-01"]),
)
_data = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.one_of(
            st.sampled_from(
                ["format", "case", "reference", "responses", "dash", "q1", "answer", "comment",
                 "status", "professional_judgement", "level", "rationale", "context", "meta",
                 "id", "items", "sections", "version", "instrument", "overlay", "profile"]
            ),
            st.text(max_size=8),
        ),
        inner,
        max_size=5,
    ),
    max_leaves=25,
)  # fmt: skip
_answerish = st.fixed_dictionaries(
    {
        "format": st.sampled_from(["stalkscreen/answers@1", "x"]),
        "case": st.fixed_dictionaries({"reference": _scalars}, optional={"assessed_on": _scalars}),
        "responses": st.dictionaries(
            st.sampled_from(["dash", "s-dash", "srp-red-flags", "x"]),
            st.dictionaries(st.sampled_from(["q1", "q8", "q99", "victim-fear"]), _data),
        ),
    },
    optional={"professional_judgement": _data, "status": _scalars, "context": _data},
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _expect_clean(call: Callable[[], object], *, sensitive: bool = True) -> None:
    try:
        call()
    except StalkscreenError as exc:
        for line in exc.lines():
            assert "\x1b" not in line
            assert not (sensitive and SECRET in line), line


@functools.cache
def _lib() -> Any:
    from stalkscreen.definitions.library import load_library

    return load_library()


@pytest.mark.timeout(300)
@FUZZ
@given(data=st.one_of(_data, _answerish), as_json=st.booleans())
def test_fuzz_answer_files_and_jsonl_lines(data: object, as_json: bool) -> None:
    from stalkscreen.reading import parse_answers

    try:
        text = json.dumps(data) if as_json else yaml.safe_dump(data)
    except (ValueError, yaml.YAMLError):
        return
    _expect_clean(
        lambda: parse_answers(text, "fuzz", _lib().definitions, fmt=".json" if as_json else ".yaml")
    )


@pytest.mark.timeout(300)
@FUZZ
@given(text=st.text(max_size=300))
def test_fuzz_raw_yaml_text(text: str) -> None:
    from stalkscreen.reading import parse_answers

    _expect_clean(lambda: parse_answers(text, "fuzz", _lib().definitions))
    _expect_clean(lambda: parse_answers(text, "fuzz", _lib().definitions, fmt=".json"))


@pytest.mark.timeout(300)
@FUZZ
@given(
    row=st.dictionaries(
        st.sampled_from(
            ["reference", "assessed_on", "dash.q1", "dash.q1.comment", "pj.level",
             "pj.rationale", "context.children", "s-dash.q4", "profile", "relationship",
             "srp-red-flags.victim-fear", "dash.q1.source", "status"]
        ),
        st.text(max_size=20),
        max_size=8,
    )
)  # fmt: skip
def test_fuzz_csv_rows(row: dict[str, str]) -> None:
    from stalkscreen.batch.csv_input import row_to_data
    from stalkscreen.reading import answers_from_data
    from stalkscreen.source import Document

    def load() -> object:
        data = row_to_data(row)
        return answers_from_data(data, Document("fuzz.csv", "", data), _lib().definitions)

    _expect_clean(load)


@pytest.mark.timeout(300)
@FUZZ
@given(data=_data, kind=st.sampled_from(["questionnaire", "profile", "overlay", "config"]))
def test_fuzz_definitions_profiles_overlays_and_config(
    tmp_path_factory: pytest.TempPathFactory, data: object, kind: str
) -> None:
    from stalkscreen.config import load_config
    from stalkscreen.definitions.files import load_overlay, load_profile, load_questionnaire

    path = tmp_path_factory.mktemp("fuzz") / "x.yaml"
    if isinstance(data, dict) and kind == "questionnaire":
        data = {"id": "x", "version": "1.0.0", **data}
    path.write_text(yaml.safe_dump(data))
    loader = {
        "questionnaire": load_questionnaire,
        "profile": load_profile,
        "overlay": load_overlay,
        "config": load_config,
    }[kind]
    _expect_clean(lambda: loader(path), sensitive=False)  # definitions hold no case data


def test_case_count_is_reported() -> None:
    assert CASE_COUNT >= 500
    print(f"hostile corpus: {len(CASES) + len(RECORD_CASES) + 2} inputs, {CASE_COUNT} runs")
    print(f"free-text fields (issue 21.9): {FIELD_INPUTS} inputs, {FIELD_RUNS} runs")


# --------------------------------------------------------------------------- issue 21.9

_WORDS = SECRET + " she said he would find her wherever she went"
_TOO_LONG = _WORDS * 1000  # over every text limit (20,000 characters)
_CONTROL = _WORDS + "\x07"
_ANSWER_TEXT = ["practitioner", "agency", "comment", "source", "rationale", "context"]
_LOG_TEXT = ["what", "where", "who_saw", "how_it_felt", "evidence_kept", "kept_by"]


def _answer_with(field: str, value: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(_BASE_21))
    if field in ("practitioner", "agency"):
        data["case"][field] = value
    elif field in ("comment", "source"):
        data["responses"]["dash"]["q1"] = {"answer": "yes", field: value}
    elif field == "rationale":
        data["professional_judgement"] = {"level": "high", "rationale": value}
    elif field == "context":
        data["context"] = {"safe_contact": value}
    else:
        entry = {"date": "2026-11-01", "what": "x", field: value}
        data["incident_log"] = (
            {"kept_by": value, "entries": [{"date": "2026-11-01", "what": "x"}]}
            if field == "kept_by"
            else {"entries": [entry]}
        )
    return data


_BASE_21: dict[str, Any] = {
    "format": "stalkscreen/answers@1",
    "case": {"reference": "T/H/21", "assessed_on": "2026-11-20"},
    "responses": {"dash": {"q1": "no"}},
}


# per value: answer fields in 4 files (6 runs: batch each, score YAML and JSON); log fields in
# 3 answer files and 2 logs (7 runs), kept_by in 3 and 1 (6 runs)
FIELD_INPUTS = 2 * (len(_ANSWER_TEXT) * 4 + (len(_LOG_TEXT) - 1) * 5 + 4)
FIELD_RUNS = 2 * (len(_ANSWER_TEXT) * 6 + (len(_LOG_TEXT) - 1) * 7 + 6)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("value", [_TOO_LONG, _CONTROL], ids=["too-long", "control"])
@pytest.mark.parametrize("field", _ANSWER_TEXT + _LOG_TEXT)
def test_no_free_text_field_of_any_format_is_quoted_in_an_error(
    field: str, value: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    """Every free-text field, too long or holding a control character, in YAML, JSON,
    JSON Lines, CSV (batch) and both incident-log formats: described, never quoted."""
    data = _answer_with(field, value)
    files = [tmp_path / "a.yaml", tmp_path / "a.json", tmp_path / "a.jsonl"]
    files[0].write_text(yaml.safe_dump(data))
    files[1].write_text(json.dumps(data))
    files[2].write_text(json.dumps(data) + "\n")
    if field in _ANSWER_TEXT:
        columns = {
            "comment": "dash.q1.comment",
            "source": "dash.q1.source",
            "rationale": "pj.rationale",
            "context": "context.safe_contact",
        }
        column = columns.get(field, field)
        row = {"reference": "T/H/21", "dash.q1": "yes", column: value}
        if field == "rationale":
            row["pj.level"] = "high"
        with (tmp_path / "a.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, list(row))
            writer.writeheader()
            writer.writerow(row)
        files.append(tmp_path / "a.csv")
    for path in files:
        errors = tmp_path / "errors.txt"
        result = cli("batch", path, "--errors", errors)
        assert result.code == 4, (path.name, result.err[-300:])
        assert SECRET not in result.err + result.out + errors.read_text(), (path.name, field)
        if path.suffix in (".yaml", ".json"):
            result = cli("score", path)
            assert result.code == 3 and SECRET not in result.err, (path.name, field)
    if field in _LOG_TEXT:
        screening = tmp_path / "s.yaml"
        screening.write_text(yaml.safe_dump(_BASE_21))
        log = data["incident_log"]
        (tmp_path / "log.yaml").write_text(yaml.safe_dump(log))
        logs = [tmp_path / "log.yaml"]
        if field != "kept_by":
            with (tmp_path / "log.csv").open("w", newline="") as handle:
                writer = csv.DictWriter(handle, list(log["entries"][0]))
                writer.writeheader()
                writer.writerow(log["entries"][0])
            logs.append(tmp_path / "log.csv")
        for path in logs:
            result = cli("log", "import", path, "--into", screening)
            assert result.code == 3 and SECRET not in result.err, (path.name, result.err[-300:])
