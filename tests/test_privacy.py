"""Storage, encryption at rest, the audit log and purging drafts (issue 6)."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import load_answers
from stalkscreen.saving import save_answers
from stalkscreen.sealing import Keyring, is_sealed, new_identity, parse_recipient, use_keys
from tests.conftest import dash_answers, make_answers, screening_data

SECRET = "ZQX-PLANTED-7731"


def _events(tmp_path: Path) -> list[dict[str, Any]]:
    log = Path(os.environ["STALKSCREEN_AUDIT_LOG"])
    return [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture
def keypair(tmp_path: Path, cli: Callable[..., Any]) -> tuple[Path, str]:
    ident = tmp_path / "id.txt"
    result = cli("keys", "new", "--out", ident)
    assert result.code == 0, result.err
    assert stat.S_IMODE(ident.stat().st_mode) == 0o600
    return ident, result.out.strip()


@pytest.fixture
def sealed_file(tmp_path: Path, lib: Library, keypair: tuple[Path, str]) -> Path:
    _, public = keypair
    answers = make_answers(
        lib,
        {"dash": {**dash_answers(range(1, 15)), "q2": {"answer": "yes", "comment": SECRET}}},
        reference="T/ENC/1",
    )
    use_keys(Keyring(recipients=[parse_recipient(public)]))
    path = tmp_path / "sealed.yaml"
    save_answers(answers, path)
    use_keys(Keyring())
    return path


def test_sealed_file_holds_no_plaintext_and_every_reader_opens_it(
    cli: Callable[..., Any], sealed_file: Path, keypair: tuple[Path, str], tmp_path: Path
) -> None:
    ident, _ = keypair
    raw = sealed_file.read_bytes()
    assert is_sealed(raw) and SECRET.encode() not in raw and b"T/ENC/1" not in raw
    assert stat.S_IMODE(sealed_file.stat().st_mode) == 0o600
    result = cli("score", sealed_file, "--json", "--identity", ident, "--reason", "MARAC prep")
    assert result.code == 0, result.err
    assert json.loads(result.out)["risk_level"] == "high"
    result = cli("report", sealed_file, "--identity", ident)
    assert result.code == 0 and SECRET in result.out
    out = tmp_path / "out.jsonl"
    result = cli("batch", sealed_file, "-o", out, "--identity", ident)
    assert result.code == 0, result.err
    assert json.loads(out.read_text())["outcome"] == "ok"
    events = _events(tmp_path)
    assert [e["event"] for e in events][:2] == ["consultation", "consultation"]
    # a sealed screening's reference is logged as a keyed hash (issue 21.10)
    assert events[0]["reason"] == "MARAC prep" and "reference" not in events[0]
    assert events[0]["reference_hmac"].startswith("hmac-sha256:")
    assert all(SECRET not in json.dumps(e) and "T/ENC/1" not in json.dumps(e) for e in events)


def test_wrong_or_missing_key_is_exit_3_with_a_clear_message(
    cli: Callable[..., Any], sealed_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(new_identity()[0] + "\n")
    for command in (["score"], ["report"], ["screen", "--answers"]):
        result = cli(*command, sealed_file, "--identity", other)
        assert result.code == 3, (command, result.err)
        assert "does not open this file" in result.err
        result = cli(*command, sealed_file)
        assert result.code == 3 and "--identity" in result.err
    result = cli("batch", sealed_file, "--identity", other)
    assert result.code == 4 and "does not open" in result.err + result.out


def test_passphrase_round_trip_and_wrong_passphrase(
    cli: Callable[..., Any], lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = make_answers(lib, {"dash": dash_answers({1, 2})}, reference="T/PW/1")
    ring = Keyring(passphrase="correct horse", seal_with_passphrase=True)
    use_keys(ring)
    path = tmp_path / "pw.json"
    started = time.perf_counter()
    save_answers(answers, path)
    save_answers(answers, path)  # the derived key is cached: the second save is instant
    assert time.perf_counter() - started < 5
    use_keys(Keyring())
    assert is_sealed(path.read_bytes())
    pw = tmp_path / "pw.txt"
    pw.write_text("correct horse\n")
    assert cli("score", path, "--passphrase-file", pw).code == 0
    monkeypatch.setenv("STALKSCREEN_PASSPHRASE", "wrong")
    result = cli("score", path)
    assert result.code == 3 and "does not open this file" in result.err
    monkeypatch.delenv("STALKSCREEN_PASSPHRASE")
    result = cli("score", path)  # stdin is not a terminal: never prompts
    assert result.code == 3 and "STALKSCREEN_PASSPHRASE" in result.err


def test_tampered_sealed_file_is_a_clear_error(
    cli: Callable[..., Any], sealed_file: Path, keypair: tuple[Path, str]
) -> None:
    raw = bytearray(sealed_file.read_bytes())
    raw[-10] = ord("A") if raw[-10] != ord("A") else ord("B")
    sealed_file.write_bytes(bytes(raw))
    result = cli("score", sealed_file, "--identity", keypair[0])
    assert result.code == 3 and "damaged" in result.err


def test_encrypted_interview_never_writes_plaintext_and_resumes(
    cli: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    keypair: tuple[Path, str],
    lib: Library,
) -> None:
    ident, public = keypair
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = tmp_path / "drafts" / "case.yaml"
    out.parent.mkdir()
    lines = ["T/ENC/2", "", SECRET, "Example Force", "ex-partner", "0", "0", "", "y"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))
    result = cli("screen", "--out", out, "--encrypt-to", public)
    assert result.code == 130, result.err
    for path in out.parent.iterdir():  # the draft and any temporary file
        assert SECRET.encode() not in path.read_bytes() and is_sealed(path.read_bytes())
    with pytest.raises(InvalidInputError):
        load_answers(out, lib.definitions)
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    result = cli("screen", "--resume", out, "--identity", ident)
    assert result.code == 130, result.err
    assert is_sealed(out.read_bytes())  # re-saved sealed to the same key, without --encrypt-to
    assert [e["event"] for e in _events(tmp_path)] == ["collection", "collection"]


def test_config_can_make_encryption_the_default(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, keypair: Any
) -> None:
    ident, public = keypair
    (tmp_path / "no-config.yaml").write_text(
        yaml.safe_dump({"encrypt_to": [public], "identity": str(ident)})
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = tmp_path / "c.yaml"
    monkeypatch.setattr(sys, "stdin", io.StringIO("T/CFG/1\n"))
    assert cli("screen", "--out", out).code == 130
    assert is_sealed(out.read_bytes())
    assert cli("drafts").code == 0


def test_every_write_is_private_and_directories_0700(
    tmp_path: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkscreen.drafts import DraftStore

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh" / "share"))
    old = os.umask(0o022)
    try:
        store = DraftStore()
        store(make_answers(lib, {"dash": {"q1": "yes"}}))
        assert store.path is not None
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
        for directory in (store.path.parent, store.path.parent.parent):
            assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
        from stalkscreen import audit

        audit.record("consultation", file="x")
        log = Path(os.environ["STALKSCREEN_AUDIT_LOG"])
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_disk_full_while_saving_keeps_the_previous_draft(
    tmp_path: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.yaml"
    first = make_answers(lib, {"dash": {"q1": "yes"}})
    save_answers(first, path)
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InvalidInputError) as caught:
        save_answers(make_answers(lib, {"dash": {"q1": "no", "q2": "yes"}}), path)
    assert "No space left on device" in caught.value.lines()[0]
    assert "previous file is unchanged" in caught.value.lines()[0]
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]  # no temporary file left


def test_disk_full_in_the_interview_is_exit_3_and_the_draft_survives(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = tmp_path / "case.yaml"
    monkeypatch.setattr(sys, "stdin", io.StringIO("T/FULL/1\n"))
    assert cli("screen", "--out", out).code == 130
    before = out.read_bytes()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 3 + "y\n"))
    result = cli("screen", "--resume", out)
    assert result.code == 3, result.err
    assert "No space left on device" in result.err and "Traceback" not in result.err
    assert out.read_bytes() == before


def test_purge_erases_old_drafts_and_audits_each(
    cli: Callable[..., Any], tmp_path: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkscreen.drafts import DraftStore, drafts_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    old, new = DraftStore(), DraftStore()
    old(make_answers(lib, {"dash": {"q1": "yes"}}, reference="T/OLD/1"))
    new(make_answers(lib, {"dash": {"q1": "yes"}}, reference="T/NEW/1"))
    stray = drafts_dir() / ".x.yaml.abc.tmp"
    stray.write_text("half")
    assert old.path is not None and new.path is not None
    month_ago = time.time() - 31 * 86400
    for path in (old.path, stray):
        os.utime(path, (month_ago, month_ago))
    result = cli("drafts", "purge", "--older-than", "30d", "--dry-run")
    assert result.code == 0 and old.path.exists()
    result = cli("drafts", "purge", "--older-than", "30d", "--reason", "retention policy")
    assert result.code == 0, result.err
    assert not old.path.exists() and not stray.exists() and new.path.exists()
    erasures = [e for e in _events(tmp_path) if e["event"] == "erasure"]
    assert {e.get("reference") for e in erasures} == {"T/OLD/1", None}
    assert all(e["reason"] == "retention policy" for e in erasures)
    for bad in ("30", "0d", "3y", "-1d"):
        assert cli("drafts", "purge", "--older-than", bad).code == 2
    for good in ("12h", "2w"):
        assert cli("drafts", "purge", "--older-than", good).code == 0
    assert cli("drafts").code == 0


def test_audit_log_events_and_show(
    cli: Callable[..., Any], write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_answers(
        {"dash": {**dash_answers({1}), "q2": {"answer": "yes", "comment": SECRET}}},
        reference="T/AUD/1",
    )
    out = tmp_path / "summary.md"
    assert cli("score", path).code == 0
    assert cli("report", path, "-o", out, "--reason", "referral to MARAC").code == 0
    events = _events(tmp_path)
    assert [e["event"] for e in events] == ["consultation", "consultation", "disclosure"]
    assert events[2]["destination"] == str(out.absolute())
    assert events[0]["instruments"]["dash"].startswith("1.")
    assert all(e["actor"] and e["time"] for e in events)
    assert SECRET not in Path(os.environ["STALKSCREEN_AUDIT_LOG"]).read_text()
    shown = cli("audit", "show", "--reference", "T/AUD/1", "--json")
    assert shown.code == 0 and len(shown.out.splitlines()) == 3
    assert cli("audit", "show", "--reference", "nobody", "--json").out == ""
    table = cli("audit", "show")
    assert table.code == 0 and "disclosure" in table.out and "referral to MARAC" in table.out
    assert cli("score", path, "--reason", "bad\x1b[31m").code == 2


def test_alteration_of_a_completed_screening_is_audited(
    write_answers: Callable[..., Path], tmp_path: Path, lib: Library
) -> None:
    from types import SimpleNamespace

    from stalkscreen.workflows.screen import audit_finished

    done = write_answers({"dash": dash_answers({1})}, reference="T/ALT/1")
    changed = make_answers(
        lib,
        {"dash": {**dash_answers({1}), "q5": {"answer": "yes", "comment": SECRET}}},
        reference="T/ALT/1",
    )
    target = tmp_path / "new.yaml"
    audit_finished(SimpleNamespace(library=lib), changed, target, done, "correction")  # type: ignore[arg-type]
    events = _events(tmp_path)
    assert [e["event"] for e in events] == ["collection", "alteration"]
    assert events[1]["items"] == ["dash.q5"] and events[1]["reason"] == "correction"
    assert SECRET not in json.dumps(events)
    audit_finished(SimpleNamespace(library=lib), changed, target, None, None)  # type: ignore[arg-type]
    assert [e["event"] for e in _events(tmp_path)][-1] == "collection"


def test_screening_data_helper_still_plain(tmp_path: Path) -> None:
    assert screening_data({})["format"] == "stalkscreen/answers@1"


SPY_PLUGIN = """
import os


class _Spy:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, *rest):
        with open(os.environ["SPY_RECORD"], "a") as handle:
            handle.write(f"{schema_type_path}\\n")
        return None, None, None


plugin = _Spy()
"""


MAIN = "from stalkscreen.cli.main import main; main()"


def test_installed_pydantic_plugins_never_see_the_answers(tmp_path: Path) -> None:
    """A pydantic plugin is handed every value validated: the command line switches them off."""
    site = tmp_path / "site"
    dist = site / "spy_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    (site / "spy_plugin.py").write_text(SPY_PLUGIN)
    record = tmp_path / "spy.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
        "SPY_RECORD": str(record),
    }
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    # the control: in a plain program the plugin is installed and sees a model being defined
    model = "import pydantic\nclass M(pydantic.BaseModel):\n    x: int\n"
    subprocess.run([sys.executable, "-c", model], env=env, check=True, timeout=60)
    assert "M" in record.read_text()
    record.unlink()

    example = Path(__file__).resolve().parent.parent / "examples" / "medium.yaml"
    proc = subprocess.run(
        [sys.executable, "-c", MAIN, "score", str(example), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["risk_level"]
    assert not record.exists(), record.read_text()
