"""The tool on systems without POSIX's APIs (Windows): each missing API simulated on Linux.

Each test takes one API away (or puts a stand-in for Windows' one in its place) and checks
that the tool still works, or says why it falls back.
"""

from __future__ import annotations

import ast
import io
import json
import os
import signal
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from stalkscreen import audit, storage
from stalkscreen.cli import keystrokes
from stalkscreen.cli.terminal import EndOfInput, plain_wanted
from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import load_answers

from .test_screen_cli import CASE, PREFLIGHT, feed

SRC = Path(__file__).resolve().parent.parent / "src" / "stalkscreen"


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_screen_runs_where_there_is_no_sighup(
    cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delattr(signal, "SIGHUP")
    before = signal.getsignal(signal.SIGTERM)
    feed(monkeypatch, [*CASE, *PREFLIGHT, "y", "n"])
    out = tmp_path / "draft.yaml"
    result = cli("screen", "--out", out)
    assert result.code == 130, result.err  # type: ignore[attr-defined]
    assert "the draft is saved" in result.err  # type: ignore[attr-defined]
    assert load_answers(out, lib.definitions).responses["dash"]["q1"].answer == "yes"
    assert signal.getsignal(signal.SIGTERM) is before  # put back as it was


def test_no_key_reading_api_falls_back_to_plain_mode_and_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTTY())
    monkeypatch.setattr(sys, "stdout", FakeTTY())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("ACCESSIBLE", raising=False)
    assert plain_wanted(False) is False  # this Linux has termios
    for name in ("termios", "tty", "msvcrt"):
        monkeypatch.setitem(sys.modules, name, None)  # import now raises ImportError
    assert keystrokes.key_reader() is None
    assert plain_wanted(False) is True
    err = capsys.readouterr().err
    assert "single-key input is not available on this system" in err and "plain mode" in err


def fake_msvcrt(keys: str) -> types.ModuleType:
    module = types.ModuleType("msvcrt")
    pending = list(keys)
    module.getwch = lambda: pending.pop(0)  # type: ignore[attr-defined]
    return module


def test_windows_keys_come_from_msvcrt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "termios", None)
    monkeypatch.setitem(sys.modules, "msvcrt", fake_msvcrt("y\xe0Hé\x03\x1a"))
    reader = keystrokes.key_reader()
    assert reader is keystrokes.read_key_windows
    assert reader(0) == "y"
    assert reader(0) == ""  # an arrow key (two characters) is dropped whole
    assert reader(0) == "é"
    with pytest.raises(KeyboardInterrupt):
        reader(0)
    with pytest.raises(EndOfInput):
        reader(0)  # Ctrl-Z


class FakeKernel32:
    def __init__(self, mode: int | None, settable: bool) -> None:
        self.mode, self.settable = mode, settable
        self.set_to: int | None = None

    def GetStdHandle(self, which: int) -> int:
        assert which == keystrokes.STD_OUTPUT_HANDLE
        return 7

    def GetConsoleMode(self, handle: int, ref: object) -> int:
        if self.mode is None:
            return 0
        ref._obj.value = self.mode  # type: ignore[attr-defined]
        return 1

    def SetConsoleMode(self, handle: int, mode: int) -> int:
        self.set_to = mode
        return int(self.settable)


@pytest.mark.parametrize(
    ("mode", "settable", "enabled"),
    [(0x3, True, True), (0x7, False, True), (0x3, False, False), (None, True, False)],
)
def test_ansi_on_the_windows_console_is_switched_on_or_avoided(
    monkeypatch: pytest.MonkeyPatch, mode: int | None, settable: bool, enabled: bool
) -> None:
    import ctypes

    kernel32 = FakeKernel32(mode, settable)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    assert keystrokes.ansi_enabled() is enabled
    if mode == 0x3:
        assert kernel32.set_to == 0x3 | keystrokes.ENABLE_VIRTUAL_TERMINAL_PROCESSING
    if not enabled:
        assert keystrokes.terminal_missing() == (
            "this console cannot show screen redraws (no ANSI support)"
        )


def test_audit_log_is_written_without_fchmod(monkeypatch: pytest.MonkeyPatch) -> None:
    log = audit.log_path()
    log.parent.mkdir(parents=True)
    log.write_bytes(b"")
    log.chmod(0o644)  # an older log others can read: where fchmod exists it is made private
    monkeypatch.delattr(os, "fchmod")
    audit.record("consultation", file="case.yaml", reference="T/1")
    audit.record("consultation", file="case.yaml", reference="T/2")
    assert [e["reference"] for e in audit.events()] == ["T/1", "T/2"]


def test_every_low_level_open_in_the_package_is_binary() -> None:
    opens = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "open"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "os"
            ):
                opens.append((path.name, node.lineno, "O_BINARY" in ast.unparse(node.args[1])))
    assert opens, "no os.open found: the check looks for the wrong thing"
    assert [o for o in opens if not o[2]] == []


def test_o_binary_reaches_os_open(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    flag = 0x40000000  # stands in for Windows' O_BINARY; unused by Linux's open
    real_open, seen = os.open, []

    def recording_open(path: object, flags: int, *args: int, **kw: object) -> int:
        seen.append(bool(flags & flag))
        return real_open(path, flags & ~flag, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "O_BINARY", flag)
    monkeypatch.setattr(os, "open", recording_open)
    storage.write_atomic(tmp_path / "a.csv", b"a,b\r\n1,2\r\n")
    audit.record("consultation", file="a.csv")
    assert len(seen) >= 3 and all(seen)  # the temporary file, its folder, the audit log
    assert (tmp_path / "a.csv").read_bytes() == b"a,b\r\n1,2\r\n"


def refusing_replace(monkeypatch: pytest.MonkeyPatch, refusals: int) -> Callable[[], int]:
    real, calls = os.replace, [0]

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls[0] += 1
        if calls[0] <= refusals:
            raise PermissionError(13, "The process cannot access the file")
        real(src, dst)

    monkeypatch.setattr(storage, "REPLACE_DELAYS", (0.0,) * 5)
    monkeypatch.setattr(os, "replace", replace)
    return lambda: calls[0]


def test_a_rename_refused_for_a_moment_is_tried_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = refusing_replace(monkeypatch, 2)
    target = tmp_path / "draft.yaml"
    storage.write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and calls() == 3
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


def test_a_rename_refused_for_good_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "draft.yaml"
    target.write_bytes(b"old")
    calls = refusing_replace(monkeypatch, 100)
    with pytest.raises(InvalidInputError) as caught:
        storage.write_atomic(target, b"new")
    assert calls() == len(storage.REPLACE_DELAYS) + 1  # bounded
    problem = caught.value.problems[0]
    assert "the previous file is unchanged" in problem.fix and problem.file == str(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]  # no temporary file left


def test_audit_lines_are_written_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = audit.record("consultation", file="x.yaml", reference="T/3")
    raw = audit.log_path().read_bytes()
    assert raw.endswith(b"\n") and b"\r" not in raw
    assert json.loads(raw.splitlines()[-1]) == entry
