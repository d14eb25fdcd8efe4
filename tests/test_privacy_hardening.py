"""Issue 21, privacy: encrypted screenings in compare, history and log import (point 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.saving import save_answers
from stalkscreen.sealing import MAGIC, Keyring, parse_recipient, use_keys
from tests.conftest import dash_answers, make_answers

SECRET = "QZ-PRIVACY-21-SECRET"


@pytest.fixture
def sealed_pair(tmp_path: Path, lib: Library, cli: Callable[..., Any]) -> tuple[Path, Path, Path]:
    ident = tmp_path / "id.txt"
    public = cli("keys", "new", "--out", ident).out.strip()
    use_keys(Keyring(recipients=[parse_recipient(public)]))
    folder = tmp_path / "cases"
    folder.mkdir()
    for name, yes in (("a.yaml", range(1, 5)), ("b.yaml", range(1, 15))):
        answers = make_answers(
            lib,
            {"dash": {**dash_answers(yes), "q2": {"answer": "yes", "comment": SECRET}}},
            reference="T/ENC/21",
        )
        save_answers(answers, folder / name)
    use_keys(Keyring())
    return ident, folder / "a.yaml", folder / "b.yaml"


@pytest.mark.parametrize("how", ["flag", "env"])
def test_compare_history_and_log_import_open_encrypted_screenings(
    how: str,
    sealed_pair: tuple[Path, Path, Path],
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ident, old, new = sealed_pair
    keys = ["--identity", str(ident)] if how == "flag" else []
    if how == "env":
        monkeypatch.setenv("STALKSCREEN_IDENTITY", str(ident))
    result = cli("compare", old, new, *keys)
    assert result.code == 0, result.err
    result = cli("history", old.parent, "-r", "T/ENC/21", *keys)
    assert result.code == 0, result.err
    assert "could not be read" not in result.err
    log = tmp_path / "log.csv"
    log.write_text("date,what\n2026-11-01,Waited outside the flat\n")
    result = cli("log", "import", log, "--into", new, *keys)
    assert result.code == 0, result.err
    # written sealed to the same key: no plaintext, and it still opens
    raw = new.read_bytes()
    assert raw.startswith(MAGIC) and b"Waited outside" not in raw and SECRET.encode() not in raw
    result = cli("report", new, *keys)
    assert result.code == 0 and "Waited outside the flat" in result.out


def test_without_the_key_the_message_names_what_to_give(
    sealed_pair: tuple[Path, Path, Path], cli: Callable[..., Any]
) -> None:
    _, old, new = sealed_pair
    result = cli("compare", old, new)
    assert result.code == 3 and "--identity" in result.err


# --------------------------------------------------------------------------- point 3

_HOLD = (
    "import sys, time\nfrom pathlib import Path\nfrom stalkscreen.draftlock import DraftLock\n"
    "lock = DraftLock(Path(sys.argv[1]))\nlock.acquire()\n"
    "print('held', flush=True)\ntime.sleep(60)\n"
)


def _draft(tmp_path: Path) -> Path:
    import yaml

    from tests.conftest import screening_data

    path = tmp_path / "draft.yaml"
    data = screening_data({"dash": {"q1": "yes"}}, reference="T/LOCK/1", status="in-progress")
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize("api", ["system", "none"])
def test_a_draft_open_in_one_interview_is_locked_and_a_stale_lock_taken_over(
    api: str, tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import os
    import signal
    import subprocess
    import sys

    from stalkscreen import draftlock

    if api == "none":  # neither fcntl nor msvcrt: the recorded process id decides
        monkeypatch.setattr(draftlock, "fcntl", None)
        monkeypatch.setattr(draftlock, "msvcrt", None)
    draft = _draft(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(draft)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        result = cli("screen", "--resume", draft, "--plain")
        assert result.code == 3, result.err
        assert f"open in another interview (process {holder.pid}" in result.err
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    before = draft.read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = cli("screen", "--resume", draft, "--plain")
    assert result.code == 130, result.err
    assert f"took over the lock on {draft} left by process {holder.pid}" in result.err
    assert not draftlock.lock_path(draft).exists()  # released when the interview ended
    assert "T/LOCK/1" in draft.read_text() and before


# --------------------------------------------------------------------------- point 14


def test_purge_covers_drafts_saved_with_out_but_never_one_open_now(
    cli: Callable[..., Any], tmp_path: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import sys
    import time

    from stalkscreen.drafts import DraftStore, indexed_drafts

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    elsewhere = tmp_path / "cases"
    elsewhere.mkdir()
    drafts = {}
    for name in ("old", "open", "new"):
        store = DraftStore(path=elsewhere / f"{name}.yaml", indexed=True)
        answers = make_answers(lib, {"dash": {"q1": "yes"}}, reference=f"T/{name}")
        store(answers.model_copy(update={"status": "in-progress"}))
        store.release()
        drafts[name] = elsewhere / f"{name}.yaml"
    month_ago = time.time() - 31 * 86400
    for name in ("old", "open"):
        os.utime(drafts[name], (month_ago, month_ago))
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(drafts["open"])],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = cli("drafts", "purge", "--older-than", "30d")
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert result.code == 0, result.err
    assert not drafts["old"].exists() and drafts["open"].exists() and drafts["new"].exists()
    assert drafts["old"] not in indexed_drafts()


# --------------------------------------------------------------------------- point 13


def test_folders_found_open_are_made_private_with_a_notice(
    cli: Callable[..., Any], tmp_path: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data = tmp_path / "data" / "stalkscreen"
    folders = [data, data / "drafts", data / "screenings", tmp_path / "config" / "stalkscreen"]
    for folder in folders:
        folder.mkdir(parents=True)
        folder.chmod(0o755)
    (folders[-1] / "config.yaml").write_text("agency: Example\n")
    monkeypatch.delenv("STALKSCREEN_CONFIG")
    result = cli("drafts")
    assert result.code == 0, result.err
    assert f"{data} was open to other users (mode 755); it is now private (0700)" in result.err
    for folder in (data, data / "drafts", folders[-1]):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert cli("drafts").err.count("now private") == 0  # said once, when it was changed
    from stalkscreen.drafts import DraftStore, screenings_dir

    DraftStore(directory=screenings_dir())(make_answers(lib, {"dash": {"q1": "yes"}}))
    assert stat.S_IMODE(screenings_dir().stat().st_mode) == 0o700


# --------------------------------------------------------------------------- point 10


def test_audit_log_keys_the_reference_and_practitioner_of_sealed_screenings(
    sealed_pair: tuple[Path, Path, Path],
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json
    import stat

    from stalkscreen import audit
    from tests.conftest import screening_data

    ident, _, new = sealed_pair
    monkeypatch.setenv("STALKSCREEN_PRACTITIONER", "PC 21 Keyboard")
    assert cli("score", new, "--identity", ident).code == 0
    assert cli("report", new, "--identity", ident, "-o", tmp_path / "r.md").code == 0
    plain = tmp_path / "plain.yaml"
    import yaml

    plain.write_text(yaml.safe_dump(screening_data({"dash": {"q1": "no"}}, reference="T/PLAIN")))
    assert cli("score", plain).code == 0
    text = audit.log_path().read_text()
    assert "T/ENC/21" not in text and "PC 21 Keyboard (" not in text.split("T/PLAIN")[0]
    events = [json.loads(line) for line in text.splitlines()]
    sealed_events = [e for e in events if "reference_hmac" in e]
    assert len(sealed_events) == 3  # consultation, consultation and disclosure of the report
    assert all(e["reference_hmac"].startswith("hmac-sha256:") for e in sealed_events)
    assert all("practitioner_hmac" in e and "(" not in e["actor"] for e in sealed_events)
    assert events[-1]["reference"] == "T/PLAIN" and "PC 21 Keyboard" in events[-1]["actor"]
    key = audit.log_path().with_name("audit.key")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    shown = cli("audit", "show", "--reference", "T/ENC/21", "--json")
    assert shown.code == 0 and len(shown.out.strip().splitlines()) == 3
    assert cli("audit", "show", "--reference", "T/OTHER", "--json").out.strip() == ""
