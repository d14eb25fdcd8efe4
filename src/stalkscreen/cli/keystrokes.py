"""Single keystrokes and screen redraws on POSIX terminals and the Windows console.

The interview reads one key per answer. POSIX terminals give it through ``termios``
(cbreak mode), the Windows console through ``msvcrt.getwch``. Where neither exists,
or the Windows console cannot show ANSI escapes (consoles before Windows 10), the
interview uses plain mode instead, and :func:`terminal_missing` says why.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable


class EndOfInput(Exception):
    """stdin closed (EOF): the interview saves its draft and stops."""


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def key_reader() -> Callable[[int], str] | None:
    """How to read one keystroke here, or ``None`` when this system cannot."""
    if _importable("termios") and _importable("tty"):
        return read_key_posix
    if _importable("msvcrt"):
        return read_key_windows
    return None


def read_key_posix(fd: int) -> str:
    """Read one keystroke in cbreak mode (signals still work); escape sequences are dropped."""
    import select
    import termios
    import tty

    old = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        data = os.read(fd, 1)
        if data == b"\x1b":  # an arrow or function key: swallow the rest of the sequence
            while select.select([fd], [], [], 0.02)[0]:
                os.read(fd, 16)
            return ""
        if data and data[0] >= 0xC0:
            need = 1 if data[0] < 0xE0 else (2 if data[0] < 0xF0 else 3)
            data += os.read(fd, need)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
    if not data or data == b"\x04":
        raise EndOfInput
    return data.decode("utf-8", "replace")


def read_key_windows(fd: int) -> str:
    """Read one keystroke from the Windows console (``fd`` is not needed there)."""
    msvcrt = importlib.import_module("msvcrt")
    key: str = msvcrt.getwch()
    if key in ("\x00", "\xe0"):  # an arrow or function key: its second half follows
        msvcrt.getwch()
        return ""
    if key == "\x03":  # getwch hands Ctrl-C over as a character
        raise KeyboardInterrupt
    if key in ("\x04", "\x1a"):  # Ctrl-D, or Ctrl-Z as Windows ends input
        raise EndOfInput
    return key


def discard_typeahead(fd: int) -> None:
    """Drop keys typed but not yet read (a stray Enter typed after a single-key answer)."""
    try:
        import termios

        termios.tcflush(fd, termios.TCIFLUSH)
    except ImportError:  # Windows: read the console's waiting keys away
        msvcrt = importlib.import_module("msvcrt")
        while msvcrt.kbhit():
            msvcrt.getwch()
    except OSError:  # not a terminal after all: nothing is waiting in a line discipline
        pass


ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x0004
STD_OUTPUT_HANDLE = -11


def ansi_enabled() -> bool:
    """Whether stdout shows ANSI escapes; on the Windows console they are switched on.

    Windows 10 and later understand them once the console is asked to (rich does the
    same for its own output); older consoles cannot, and get plain mode.
    """
    if sys.platform != "win32":
        return True
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.GetStdHandle(STD_OUTPUT_HANDLE)
    mode = ctypes.c_ulong()
    if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
        return False
    if mode.value & ENABLE_VIRTUAL_TERMINAL_PROCESSING:
        return True
    return bool(kernel32.SetConsoleMode(handle, mode.value | ENABLE_VIRTUAL_TERMINAL_PROCESSING))


def terminal_missing() -> str | None:
    """Why single keys and redraws are not available here, or ``None`` when they are."""
    from stalkscreen.i18n import gettext as _

    if key_reader() is None:
        return _("single-key input is not available on this system (no termios or msvcrt)")
    if not ansi_enabled():
        return _("this console cannot show screen redraws (no ANSI support)")
    return None
