"""Issue 21.2: SIGTERM and SIGHUP clean up a batch as Ctrl-C does, and an interrupt while
the outputs are published waits until all of them are (so what the command says is true)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "medium.yaml"
SRC = Path(__file__).parent.parent / "src"


@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_mid_run_leaves_no_output_or_temporary_file(name: str, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(4000):
        shutil.copy(EXAMPLE, inputs / f"m{i:04}.yaml")
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from stalkscreen.cli.main import main; main(sys.argv[1:])",
            "batch",
            str(inputs),
            "-o",
            str(out / "r.csv"),
            "--errors",
            str(out / "e.txt"),
            "--reports-dir",
            str(out / "reports"),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    deadline = time.monotonic() + 60
    while not list(out.rglob(".*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.02)  # until the run has written part of its outputs
    assert list(out.rglob(".*.tmp")), "the run never started writing"
    run.send_signal(getattr(signal, name))
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130, err
    assert "unfinished output files and summaries were removed" in err
    assert "Traceback" not in err
    left = [p for p in out.rglob("*") if p.is_file()]
    assert left == [], left


def test_an_interrupt_while_publishing_waits_until_every_output_is_complete(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stalkscreen import storage

    commits: list[Any] = []
    real = storage.AtomicFile.commit

    def commit(self: storage.AtomicFile) -> None:
        if not commits:  # Ctrl-C as the first output is renamed into place
            os.kill(os.getpid(), signal.SIGINT)
        commits.append(self.path)
        real(self)

    monkeypatch.setattr(storage.AtomicFile, "commit", commit)
    result = cli("batch", EXAMPLE, "-o", tmp_path / "r.csv", "--errors", tmp_path / "e.txt")
    assert result.code == 130
    assert "already complete and were kept" in result.err
    assert len(commits) == 2
    assert (tmp_path / "r.csv").read_text().count("\n") == 2  # header and the screening
    assert (tmp_path / "e.txt").exists()
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("output", ["r.csv", "r.jsonl", "r.db", "r.xlsx", "e.txt"])
def test_an_interrupt_as_an_output_file_is_created_leaves_nothing(
    output: str, cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between creating an output's temporary file and the sink keeping its name: under
    load, SIGHUP landed there and left ``.e.txt.*.tmp`` behind."""
    from stalkscreen import storage

    real = storage._open_private_temp
    signalled: list[Any] = []

    def create_then_interrupt(path: Path) -> tuple[Path, int]:
        made = real(path)
        if not signalled:
            signalled.append(path)
            os.kill(os.getpid(), signal.SIGINT)
        return made

    monkeypatch.setattr(storage, "_open_private_temp", create_then_interrupt)
    out = tmp_path / "out"
    out.mkdir()
    flag = "--errors" if output == "e.txt" else "-o"
    result = cli("batch", EXAMPLE, flag, out / output)
    assert signalled and result.code == 130, result.err
    assert list(out.iterdir()) == []


def test_purge_removes_what_a_killed_save_left_beside_an_out_draft(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lib: Any
) -> None:
    from stalkscreen.drafts import DraftStore
    from tests.conftest import make_answers

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    draft = tmp_path / "cases" / "d.yaml"
    draft.parent.mkdir()
    store = DraftStore(path=draft, indexed=True)
    answers = make_answers(lib, {"dash": {"q1": "yes"}})
    store(answers.model_copy(update={"status": "in-progress"}))
    store.release()
    stray = draft.parent / ".d.yaml.0123abcd.tmp"
    stray.write_text("half a save")
    month_ago = time.time() - 31 * 86400
    os.utime(stray, (month_ago, month_ago))
    result = cli("drafts", "purge", "--older-than", "30d")
    assert result.code == 0, result.err
    assert not stray.exists() and draft.exists()
