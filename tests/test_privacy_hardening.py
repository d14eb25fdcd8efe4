"""Issue 21, privacy: encrypted screenings in compare, history and log import (point 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stalkscreen.answers import save_answers
from stalkscreen.definitions.library import Library
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
