"""Issue 21, reading inputs: text stays text (point 4); small hostile inputs give located
errors, never internal ones (point 5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.reading import parse_answers
from tests.conftest import dash_answers, screening_data

WRITTEN = ["01234567", "12:30:45", "0x1F", "1_000", "1e3", "2026-01-01", ".inf", "0o17", "yes"]


def _text_fields_yaml(value: str) -> str:
    data = screening_data({"dash": dash_answers({1})}, case={"practitioner": "P", "agency": "A"})
    data["responses"]["dash"]["q1"] = {"answer": "yes", "comment": "C", "source": "S"}
    data["professional_judgement"] = {"level": "high", "rationale": "R"}
    text = yaml.safe_dump(data, sort_keys=False)
    for old in ("reference: T/0001", "practitioner: P", "agency: A", "comment: C", "source: S",
                "rationale: R"):  # fmt: skip
        text = text.replace(old, old.split(":")[0] + ": " + value)
    return text


@pytest.mark.parametrize("written", WRITTEN)
@pytest.mark.parametrize("reader", ["fast", "full"])
def test_text_fields_keep_the_characters_written(written: str, reader: str, lib: Any) -> None:
    text = _text_fields_yaml(written)
    if reader == "full":  # a tag anywhere sends the document to the full YAML reader
        text += "meta: {tool: !!str x}\n"
    answers = parse_answers(text, "a.yaml", lib.definitions)
    q1 = answers.responses["dash"]["q1"]
    assert answers.case.reference == written
    assert (answers.case.practitioner, answers.case.agency) == (written, written)
    assert (q1.comment, q1.source) == (written, written)
    assert answers.professional_judgement is not None
    assert answers.professional_judgement.rationale == written


def test_reference_is_text_in_score_output(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_text_fields_yaml("01234567"))
    result = cli("score", path, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["reference"] == "01234567"
    result = cli("batch", path, "-f", "jsonl")
    assert json.loads(result.out.splitlines()[0])["reference"] == "01234567"


def test_incident_text_keeps_the_characters_written(tmp_path: Path) -> None:
    from stalkscreen.incidents import load_incident_log

    path = tmp_path / "log.yaml"
    path.write_text("entries:\n  - {date: 2026-11-01, what: 12:30:45, where: 0x1F}\n")
    entry = load_incident_log(path).entries[0]
    assert (entry.what, entry.where) == ("12:30:45", "0x1F")


# --------------------------------------------------------------------------- point 5

ANSWERS = "format: stalkscreen/answers@1\ncase: {reference: T/1, assessed_on: %s}\n"
ANSWERS += "responses: {dash: {q1: %s}}\nstatus: completed\n"
TAGGED = [
    ANSWERS % ("2026-01-01", "!!bool maybe"),
    ANSWERS % ("!!timestamp x", "no"),
    ANSWERS % ("2026-01-01", "no}\nprofile: !!int\nx: {a: 1"),
    "format: stalkscreen/answers@1\ncase: {reference: T/1, incidents_last_12_months: !!int }\n",
    "format: stalkscreen/answers@1\ncase: {reference: T/1, crimes_last_12_months: !!float }\n",
]


@pytest.mark.parametrize("text", TAGGED)
def test_a_standard_tag_on_a_value_that_does_not_fit_is_a_located_error(
    text: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text)
    for command in (["score"], ["report"], ["batch", "-f", "jsonl"]):
        result = cli(*command, path)
        assert result.code in (3, 4), (command, result.err)
        assert "a.yaml:" in result.err + result.out and "internal error" not in result.err


EXTREME = ["0001-01-01", "9999-12-31"]


@pytest.mark.parametrize("day", EXTREME)
@pytest.mark.parametrize("field", ["assessed_on", "last_marac_on", "incident", "updated_at"])
def test_extreme_dates_in_any_date_field_are_located_errors(
    day: str, field: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    data = screening_data({"dash": dash_answers({1})}, case={"incidents_last_12_months": 1})
    if field == "incident":
        data["incident_log"] = {"entries": [{"date": day, "what": "x"}]}
    elif field == "updated_at":
        data["meta"] = {"updated_at": day + "T10:00:00"}
    else:
        data["case"][field] = day
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data))
    twin = tmp_path / "b.yaml"
    twin.write_text(path.read_text())
    for command in (
        ["score", path],
        ["report", "-f", "html", path],
        ["compare", path, twin],
    ):
        result = cli(*command)
        assert result.code == 3, (command, result.err)
        assert "plausible date" in result.err and "internal error" not in result.err
    result = cli("history", tmp_path, "-r", "T/0001")  # each bad file is counted and skipped
    assert result.code == 3 and "2 file(s) could not be read and were skipped" in result.err
    log = tmp_path / "log.csv"
    log.write_text(f"date,what\n{day},x\n")
    (tmp_path / "ok.yaml").write_text(yaml.safe_dump(screening_data({"dash": dash_answers({1})})))
    result = cli("log", "import", log, "--into", tmp_path / "ok.yaml")
    assert result.code == 3 and "log.csv:2" in result.err


def test_a_sealed_header_of_brackets_is_a_damaged_file(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkscreen.sealing import MAGIC

    path = tmp_path / "a.yaml"
    path.write_bytes(MAGIC + b"[" * 60_000 + b"\nAAAA\n")
    monkeypatch.setenv("STALKSCREEN_PASSPHRASE", "pw")
    result = cli("score", path)
    assert result.code == 3 and "damaged" in result.err


def _sealed_with(tmp_path: Path, **settings: int) -> Path:
    import base64

    from stalkscreen.sealing import MAGIC

    stanza = {"type": "scrypt", "salt": "AAAAAAAAAAAAAAAAAAAAAA", "nonce": "AAAAAAAAAAAAAAAA",
              "key": "AAAA", **settings}  # fmt: skip
    path = tmp_path / "a.yaml"
    header = json.dumps({"stanzas": [stanza]}).encode() + b"\n"
    path.write_bytes(MAGIC + header + base64.encodebytes(b"\0" * 40))
    return path


@pytest.mark.parametrize("settings", [{"n": 2**16, "r": 1, "p": 1}, {"n": 2**20, "r": 1, "p": 4}])
def test_scrypt_settings_openssl_refuses_are_a_clear_error(
    settings: dict[str, int],
    tmp_path: Path,
    cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("STALKSCREEN_PASSPHRASE", "pw")
    result = cli("score", _sealed_with(tmp_path, **settings))
    assert result.code == 3, result.err
    assert "key-derivation settings" in result.err


def test_one_bad_draft_never_stops_drafts_or_resume(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    drafts = tmp_path / "data" / "stalkscreen" / "drafts"
    drafts.mkdir(parents=True)
    good = drafts / "good.yaml"
    good.write_text(yaml.safe_dump(screening_data({"dash": {"q1": "yes"}}, status="in-progress")))
    os.utime(good, (time.time() - 60, time.time() - 60))
    (drafts / "broken.yaml").write_text("format: [")
    (drafts / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (drafts / "folder.yaml").mkdir()
    result = cli("drafts")
    assert result.code == 0, result.err
    assert "good.yaml" in result.out + result.err
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    result = cli("screen", "--resume", "--plain")
    assert result.code == 130, result.err
    assert "1 newer draft file(s)" in result.err and "good.yaml" in result.err


def test_a_broken_config_is_located_and_read_only_commands_run_with_defaults(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("practitioner: A\nprofile: [\n")
    monkeypatch.setenv("STALKSCREEN_CONFIG", str(config))
    case = tmp_path / "a.yaml"
    case.write_text(yaml.safe_dump(screening_data({"dash": dash_answers({1})})))
    result = cli("score", case)
    assert result.code == 0, result.err
    assert f"{config}:3" in result.err and "default settings" in result.err
    # a command that writes screenings stops: the config may hold its encryption settings
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    result = cli("screen", "--plain")
    assert result.code == 3 and f"{config}:3" in result.err
    assert config.read_text() == "practitioner: A\nprofile: [\n"


# --------------------------------------------------------------------------- point 15


def test_end_of_input_at_the_first_prompt_says_nothing_was_saved(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    out = tmp_path / "new.yaml"
    result = cli("screen", "--plain", "--out", out)
    assert result.code == 130
    assert "nothing was saved" in result.err and "Resume with" not in result.err
    assert not out.exists()


# --------------------------------------------------------------------------- point 6


def test_errors_per_file_are_capped_at_50(tmp_path: Path, cli: Callable[..., Any]) -> None:
    data = screening_data({"dash": {f"q{i}": "maybe" for i in range(1, 28)}})
    data["responses"]["s-dash"] = {f"q{i}": "maybe" for i in range(1, 12)}
    data["responses"]["dash-ric"] = {f"q{i}": "maybe" for i in range(1, 25)}
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data))
    result = cli("score", path)
    lines = result.err.strip().splitlines()
    assert result.code == 3 and len(lines) == 51, len(lines)
    assert "and 12 more problem(s) not shown" in lines[-1]


@pytest.mark.parametrize("day", ["2062-11-20", "1926-11-20", "2026-11-22"])
def test_an_incident_far_from_the_assessment_is_an_error(
    day: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    data = screening_data({"dash": dash_answers({1})})  # assessed 2026-11-20
    data["incident_log"] = {"entries": [{"date": "2026-11-01", "what": "x"},
                                        {"date": day, "what": "x"}]}  # fmt: skip
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = cli("report", "-f", "html", path)
    assert result.code == 3, result.err
    assert "incident_log.entries[1].date" in result.err and "check the year" in result.err
    plain = tmp_path / "b.yaml"
    plain.write_text(yaml.safe_dump(screening_data({"dash": dash_answers({1})})))
    log = tmp_path / "log.csv"
    log.write_text(f"date,what\n2026-11-01,x\n{day},x\n")
    before = plain.read_text()
    result = cli("log", "import", log, "--into", plain)
    assert result.code == 3 and f"date: {day} is more than 20 years before" in result.err
    assert plain.read_text() == before


def test_log_import_refuses_a_screening_no_reader_could_open(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    plain = tmp_path / "b.yaml"
    plain.write_text(yaml.safe_dump(screening_data({"dash": dash_answers({1})})))
    log = tmp_path / "log.csv"
    row = "2026-11-01," + "x\t" * 9_500 + "\n"  # YAML writes a tab as \t: 1.5 times larger
    log.write_text("date,what\n" + row * 270)  # 5.1 MB, within the log's own limits
    before = plain.read_text()
    result = cli("log", "import", log, "--into", plain)
    assert result.code == 3 and "MiB" in result.err and "nothing was changed" in result.err
    assert plain.read_text() == before


# --------------------------------------------------------------------------- point 7


@pytest.mark.parametrize("field", ["incidents_last_12_months", "crimes_last_12_months"])
@pytest.mark.parametrize("written", ["yes", "true", "no"])
def test_a_yes_no_value_is_not_a_count(
    field: str, written: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = tmp_path / "a.yaml"
    text = yaml.safe_dump(screening_data({"dash": dash_answers({1})}, case={field: 7}))
    path.write_text(text.replace(f"{field}: 7", f"{field}: {written}"))
    for command in (["score"], ["batch", "-f", "jsonl"]):
        result = cli(*command, path)
        assert result.code in (3, 4), result.out
        assert f"case.{field}: a yes/no value is not a number" in result.err + result.out


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u2066", "\ufeff", "\u00ad"])
@pytest.mark.parametrize("field", ["reference", "practitioner", "agency"])
def test_invisible_format_characters_are_refused_in_references_and_names(
    char: str, field: str, lib: Any
) -> None:
    from stalkscreen.errors import InvalidInputError

    case = {field: f"T/1{char}2"} if field != "reference" else {}
    data = screening_data({"dash": dash_answers({1})}, case=case)
    if field == "reference":
        data["case"]["reference"] = f"T/1{char}2"
    for text in (yaml.safe_dump(data, allow_unicode=True), json.dumps(data)):
        with pytest.raises(InvalidInputError) as caught:
            parse_answers(text, "a.yaml", lib.definitions)
        assert "invisible format characters" in " ".join(caught.value.lines())


def test_junk_after_a_sealed_body_is_damage(
    tmp_path: Path, cli: Callable[..., Any], lib: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkscreen.saving import save_answers
    from stalkscreen.sealing import Keyring, use_keys
    from tests.conftest import make_answers

    use_keys(Keyring(passphrase="pw", seal_with_passphrase=True))
    path = tmp_path / "a.yaml"
    save_answers(make_answers(lib, {"dash": dash_answers({1})}), path)
    use_keys(Keyring())
    monkeypatch.setenv("STALKSCREEN_PASSPHRASE", "pw")
    assert cli("score", path).code == 0
    path.write_bytes(path.read_bytes() + b"#! ?\n")  # no base64 letter: once silently skipped
    result = cli("score", path)
    assert result.code == 3 and "damaged" in result.err


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\x1b"])
def test_wording_overlays_and_definitions_keep_the_answer_files_text_rules(
    char: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    overlay = tmp_path / "wording.yaml"
    prompt = f"Was anyone hurt this time?{char}"
    overlay.write_text(
        yaml.safe_dump(
            {
                "overlay": "stalkscreen/wording@1",
                "instrument": "dash",
                "name": "Licensed",
                "items": {"q1": {"prompt": prompt}},
            },
            allow_unicode=True,
        )
    )
    case = tmp_path / "a.yaml"
    case.write_text(yaml.safe_dump(screening_data({"dash": dash_answers({1})})))
    result = cli("score", case, "--wording", overlay)
    assert result.code == 3, result.err
    assert "items.q1.prompt: holds control or invisible format characters" in result.err
    folder = tmp_path / "defs"
    folder.mkdir()
    source = (Path(__file__).parent.parent / "questionnaires" / "s-dash.yaml").read_text()
    title = yaml.safe_load(source)["title"]
    escaped = json.dumps(title + char)  # a JSON string is a YAML double-quoted one
    lines = [f"title: {escaped}" if x.startswith("title:") else x for x in source.splitlines()]
    (folder / "s-dash.yaml").write_text("\n".join(lines) + "\n")
    result = cli("questionnaires", "validate", folder)
    assert result.code == 3
    assert "holds control or invisible format characters" in result.out + result.err
