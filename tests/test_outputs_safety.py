"""Issue 21 point 1: an output never replaces an input or anything that is not a plain file."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import dash_answers


@pytest.fixture
def case(write_answers: Callable[..., Path]) -> Path:
    return write_answers({"dash": dash_answers({1, 2})}, name="case.yaml")


def test_report_output_naming_the_screening_is_refused(case: Path, cli: Callable[..., Any]) -> None:
    before = case.read_bytes()
    result = cli("report", case, "-o", case)
    assert result.code == 2
    assert "--output" in result.err and "the screening" in result.err
    assert case.read_bytes() == before


def test_an_output_through_another_name_of_the_input_is_refused(
    case: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    hard = tmp_path / "hard.md"
    os.link(case, hard)
    before = case.read_bytes()
    assert cli("report", case, "-o", hard).code == 2
    (tmp_path / "sub").mkdir()
    assert cli("report", case, "-o", tmp_path / "sub" / ".." / "case.yaml").code == 2
    assert case.read_bytes() == before


def test_compare_and_history_outputs_never_replace_a_screening(
    case: Path, write_answers: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    later = write_answers({"dash": dash_answers({1, 2, 3})}, name="later.yaml")
    before = later.read_bytes()
    result = cli("compare", case, later, "-f", "md", "-o", later)
    assert result.code == 2 and "NEW" in result.err
    result = cli("history", tmp_path, "-r", "T/0001", "-f", "md", "-o", later)
    assert result.code == 2 and "a screening" in result.err
    assert later.read_bytes() == before


def test_batch_outputs_never_replace_an_input_or_each_other(
    case: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    before = case.read_bytes()
    assert cli("batch", case, "-o", case).code == 2
    assert cli("batch", tmp_path, "--errors", case).code == 2
    assert cli("batch", tmp_path, "--long", case).code == 2
    assert cli("batch", str(tmp_path / "*.yaml"), "-o", case).code == 2
    assert case.read_bytes() == before
    x = tmp_path / "x.csv"
    result = cli("batch", case, "--long", x, "--summary-json", x)
    assert result.code == 2 and "--long" in result.err and "--summary-json" in result.err
    assert not x.exists()


def test_a_character_device_is_written_as_a_stream_never_replaced(
    case: Path, cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /dev/null is a character device for everyone; as root, replacing it broke the machine
    seen: list[str] = []
    real_replace = Path.replace

    def spy(self: Path, target: Any) -> Path:
        seen.append(str(target))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", spy)
    assert cli("report", case, "-o", "/dev/null").code == 0
    assert cli("batch", case, "-o", "/dev/null", "--errors", "/dev/null").code == 0
    assert "/dev/null" not in seen
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_a_fifo_is_written_as_a_stream(case: Path, cli: Callable[..., Any], tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = cli("report", case, "-o", fifo)
    reader.join(10)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert b"T/0001" in got[0]


def test_a_symlink_output_is_refused_unless_forced_then_its_target_is_written(
    case: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = cli("report", case, "-o", link)
    assert result.code == 2 and "symbolic link" in result.err and "--force" in result.err
    assert target.read_text() == "old"
    assert cli("report", case, "-o", link, "--force").code == 0
    assert link.is_symlink() and "T/0001" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert cli("batch", case, "-o", link).code == 2
    assert cli("batch", case, "-o", link, "--force").code == 0
    assert link.is_symlink() and target.read_text().startswith("screening,")


def test_a_symlink_even_forced_never_replaces_the_input(
    case: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(case)
    before = case.read_bytes()
    assert cli("report", case, "-o", link, "--force").code == 2
    assert case.read_bytes() == before


def test_log_import_through_a_symlinked_screening_writes_the_target(
    case: Path, cli: Callable[..., Any], tmp_path: Path
) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(case)
    log = tmp_path / "log.csv"
    log.write_text("date,what\n2026-11-01,Followed her to work\n")
    result = cli("log", "import", log, "--into", link)
    assert result.code == 0, result.err
    assert link.is_symlink()
    assert "incident_log" in case.read_text()


def test_save_through_a_symlink_keeps_the_link(lib: Any, tmp_path: Path) -> None:
    from stalkscreen.saving import save_answers
    from tests.conftest import make_answers

    target = tmp_path / "real.yaml"
    target.write_text("x")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    save_answers(make_answers(lib, {"dash": dash_answers({1})}), link)
    assert link.is_symlink() and "T/0001" in target.read_text()


def test_batch_piped_into_head_keeps_its_exit_code_and_summary(tmp_path: Path) -> None:
    """Issue 21.16: a reader that stops early changes neither the exit code nor the summary."""
    import shutil
    import subprocess
    import sys

    example = Path(__file__).parent.parent / "examples" / "medium.yaml"
    for i in range(300):  # well over a pipe's 64 KiB of CSV
        shutil.copy(example, tmp_path / f"m{i:03}.yaml")
    (tmp_path / "zz-bad.yaml").write_text("format: [\n")
    run = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from stalkscreen.cli.main import main; main(sys.argv[1:])",
            "batch",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    assert run.stdout is not None and run.stderr is not None
    assert run.stdout.readline().startswith(b"screening,")
    run.stdout.close()  # as `head -1` does
    err = run.stderr.read().decode()
    run.stderr.close()
    assert run.wait(timeout=120) == 4, err
    assert "failed" in err and "301" in err and "Traceback" not in err


# --------------------------------------------------------------------------- points 17, 18

BOX = set("─━│┃┏┓┗┛┡┩╇┳┻╋┠┨┯┷┼└┘┌┐…")


def test_history_table_shows_yes_counts_per_instrument(
    write_answers: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    write_answers({"dash": dash_answers({1, 2, 3})}, name="a.yaml")
    write_answers({"dash": dash_answers(range(1, 15)), "s-dash": {"q1": "yes"}}, name="b.yaml")
    result = cli("history", tmp_path, "-r", "T/0001")
    assert result.code == 0, result.err
    assert "dash 3" in result.out and "dash 14" in result.out and "s-dash 1" in result.out


def test_accessible_mode_prints_lines_not_tables(
    write_answers: Callable[..., Path],
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = write_answers({"dash": dash_answers({1, 2, 3})}, name="a.yaml")
    b = write_answers({"dash": dash_answers(range(1, 15))}, name="b.yaml")
    monkeypatch.setenv("COLUMNS", "40")  # narrow: a table would cut cells short
    runs: list[list[object]] = [
        ["score", a], ["history", tmp_path, "-r", "T/0001"], ["compare", a, b],
        ["questionnaires", "list"], ["batch", a, "-o", tmp_path / "x.csv"],
    ]  # fmt: skip
    for command in runs:
        assert BOX & set(cli(*command).out + cli(*command).err), command  # tables today
    monkeypatch.setenv("ACCESSIBLE", "1")
    for command in runs:
        result = cli(*command)
        assert result.code == 0, (command, result.err)
        assert not BOX & set(result.out + result.err), (command, result.out + result.err)
    assert "File: b.yaml" in cli("history", tmp_path, "-r", "T/0001").out


# --------------------------------------------------------------------------- point 8


def test_file_names_cannot_drive_the_terminal(
    cli: Callable[..., Any], tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    import csv
    import io
    import sqlite3

    hostile = tmp_path / "x\x1b]0;owned\x07\x1b[2J.yaml"
    hostile.write_text("format: [\n")
    good = write_answers({"dash": dash_answers({1})}, name="good.yaml")
    runs = [
        cli("score", hostile),
        cli("report", good, "-o", tmp_path / "r\x1b[31m.md"),
        cli("batch", hostile, "--errors", tmp_path / "e.txt"),
        cli("history", tmp_path, "-r", "T/0001"),
        cli("keys", "new", "--out", tmp_path / "k\x1b[1m.txt"),
    ]
    for result in runs:
        assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
    assert "\\x1b" in runs[0].err
    rows = list(csv.reader(io.StringIO(runs[2].out)))
    assert all("\x1b" not in cell for row in rows for cell in row)
    assert "\x1b" not in (tmp_path / "e.txt").read_text()
    db = tmp_path / "out.db"
    cli("batch", hostile, good, "-o", db)
    # closing(): a connection's own `with` commits but does not close (3.13 warns)
    with contextlib.closing(sqlite3.connect(db)) as con:
        sources = [r[0] for r in con.execute("SELECT source FROM screenings")]
    assert all("\x1b" not in s for s in sources) and any("\\x1b" in s for s in sources)


def test_dev_stdout_is_a_stream_not_a_link_to_refuse(case: Path) -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from stalkscreen.cli.main import main; main()",
            "report",
            str(case),
            "-o",
            "/dev/stdout",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "# Referral summary: T/0001" in run.stdout
