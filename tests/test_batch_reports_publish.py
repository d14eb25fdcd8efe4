"""`--reports-dir` (issue 18): summaries are synced once per run and published all at once."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from stalkscreen import storage
from stalkscreen.batch import reports
from stalkscreen.batch.reports import ReportsSink
from stalkscreen.errors import InvalidInputError


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_no_summary_is_visible_until_the_run_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    sink = ReportsSink(folder, "md")
    sink.write(("000001-a.md", b"one"))
    sink.write(("000002-b.md", b"two"))
    assert _visible(folder) == [] and len(_hidden(folder)) == 2
    sink.finish()
    assert _visible(folder) == ["000001-a.md", "000002-b.md"] and _hidden(folder) == []
    assert (folder / "000002-b.md").read_bytes() == b"two"
    assert stat.S_IMODE((folder / "000001-a.md").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_aborted_run_leaves_no_summary_and_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    sink = ReportsSink(folder, "md")
    sink.write(("000001-a.md", b"one"))
    sink.abort()
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="one sync is Linux's")
def test_the_run_is_synced_once_not_once_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "sync", lambda: calls.append("sync"))

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    sink = ReportsSink(tmp_path / "reports", "html")
    for i in range(50):
        sink.write((f"{i:06d}-x.html", b"<p>x</p>"))
    assert calls == []  # nothing synced while writing
    sink.finish()
    assert calls == ["sync", "fsync"]  # the files once, then the folder's renames


def test_a_failure_while_publishing_takes_back_every_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "reports"
    sink = ReportsSink(folder, "md")
    for i in range(3):
        sink.write((f"{i:06d}-x.md", b"x"))
    real = storage.replace_file
    done: list[Any] = []

    def flaky(src: Path, dst: Path) -> None:
        if done:
            raise OSError(28, "No space left on device")
        real(src, dst)
        done.append(dst)

    monkeypatch.setattr(reports, "replace_file", flaky)
    with pytest.raises(InvalidInputError) as caught:
        sink.finish()
    assert "No space left" in str(caught.value.problems[0].message)
    assert list(folder.iterdir()) == []  # the one already published is taken back too
