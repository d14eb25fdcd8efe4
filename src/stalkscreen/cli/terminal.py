"""Terminal input and output for the interview: raw single keys on a TTY, lines otherwise.

:class:`Terminal` has two faces. On a terminal it reads single keystrokes in
cbreak mode (no Enter needed; Ctrl-C still interrupts) and redraws the screen
for each question. In *plain* mode — ``--plain``, or automatically when stdin
or stdout is not a terminal, ``TERM=dumb`` or ``ACCESSIBLE=1`` — it reads whole
lines, never redraws and never colours, so a screen reader or a script piping
answers in can drive it. Plain mode is also the fallback where keys cannot be read
one at a time (``stalkscreen.cli.keystrokes`` says why, and this module tells the user).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from stalkscreen.cli.keystrokes import (
    EndOfInput,
    discard_typeahead,
    key_reader,
    terminal_missing,
)

__all__ = ["EndOfInput", "Terminal", "colour_wanted", "plain_wanted", "read_key"]


def plain_wanted(flag: bool) -> bool:
    """Plain mode: asked for, or stdin/stdout not a terminal, TERM=dumb, ACCESSIBLE=1, or
    a system where keys cannot be read one at a time (then stderr says so)."""
    if flag or os.environ.get("TERM") == "dumb":
        return True
    if os.environ.get("ACCESSIBLE", "") not in ("", "0"):
        return True
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return True
    except (AttributeError, ValueError):
        return True
    missing = terminal_missing()
    if missing:
        from stalkscreen.i18n import gettext as _

        note = _("%(why)s; using plain mode") % {"why": missing}
        print(f"stalkscreen: {note}", file=sys.stderr, flush=True)
        return True
    return False


def colour_wanted(plain: bool) -> bool:
    return not plain and not os.environ.get("NO_COLOR")


_STYLES = {"bold": "1", "dim": "2", "reverse": "7", "red": "1;31", "yellow": "33", "green": "32"}


@dataclass
class Terminal:
    plain: bool
    colour: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    inp: TextIO = field(default_factory=lambda: sys.stdin)

    def style(self, text: str, name: str) -> str:
        if not self.colour:
            return text
        return f"\x1b[{_STYLES[name]}m{text}\x1b[0m"

    def write(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def flush(self) -> None:
        self.out.flush()

    def size(self) -> tuple[int, int]:
        """(columns, lines) of the terminal; 80×24 when unknown. Plain mode never pages and
        cuts nothing it does not have to, so it reports a wide, tall page."""
        if self.plain:
            return 100, 10_000
        import shutil

        size = shutil.get_terminal_size((80, 24))
        return size.columns, size.lines

    def clear(self) -> None:
        """Start a new screen: a redraw on a terminal, a blank line in plain mode."""
        if self.plain:
            self.out.write("\n")
        else:
            self.out.write("\x1b[H\x1b[2J")

    def line(self, prompt: str) -> str:
        """One line of input, without its newline. Raises :class:`EndOfInput` at EOF."""
        self.out.write(prompt)
        self.out.flush()
        text = self.inp.readline()
        if text == "":
            raise EndOfInput
        return text.rstrip("\r\n")

    def lines(self, prompt: str) -> str | None:
        """Several lines, ended by a line holding only ``.``. ``None``: nothing typed."""
        self.write(prompt)
        got: list[str] = []
        while True:
            text = self.line("  | ")
            if text.strip() == ".":
                break
            got.append(text)
        return "\n".join(got) if got else None

    def key(self, prompt: str) -> str:
        """A command: one keystroke on a terminal, a line in plain mode."""
        if self.plain:
            return self.line(prompt).strip()
        self.out.write(prompt)
        self.out.flush()
        key = read_key(self.inp.fileno())
        shown = key if key.isprintable() else ""
        self.out.write(shown + "\n")
        return key

    def key_or_number(self, prompt: str) -> str:
        """A command key, or a number ended by Enter (the review's row numbers): on a
        terminal a letter acts at once and a digit starts a number read as a line."""
        if self.plain:
            return self.line(prompt).strip()
        self.out.write(prompt)
        self.out.flush()
        key = read_key(self.inp.fileno())
        if not key.isdigit():
            self.out.write((key if key.isprintable() else "") + "\n")
            return key
        self.out.write(key)  # the rest of the number is typed after it, as a line
        self.out.flush()
        rest = self.inp.readline()
        if rest == "":
            raise EndOfInput
        return key + rest.strip()

    def confirm(self, prompt: str) -> str:
        """The answer to a yes/no question asked after a wait (the finished screening): one
        key on a terminal, where keys typed before the question showed are dropped first,
        so an Enter typed after the last answer cannot answer it; a line in plain mode."""
        if self.plain:
            return self.line(prompt).strip().lower()
        discard_typeahead(self.inp.fileno())  # before the question shows: none typed after
        return self.key(prompt).strip().lower()


def read_key(fd: int) -> str:
    """One keystroke: termios on POSIX, msvcrt on Windows (plain mode where neither is)."""
    reader = key_reader()
    if reader is None:  # plain_wanted chose plain mode on such a system
        raise EndOfInput
    return reader(fd)
