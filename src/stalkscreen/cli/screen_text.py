"""Text for the interview's screens: user text made inert, answer labels, wrapping, pages;
and :class:`Host`, what the steps drawn outside the driver draw through."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.interview import Interview, View


class Host(Protocol):
    """The screen's driver as the judgement and SRP domain steps use it (it calls them with
    itself; typed by what they use, so they need not import it)."""

    iv: Interview
    term: Terminal
    message: str
    page: int

    def header(self, view: View) -> int: ...

    def common(self, key: str) -> bool: ...


def into_pages(blocks: list[list[str]], height: int) -> list[list[list[str]]]:
    """Rows grouped into pages of at most ``height`` lines (a row is never split)."""
    pages: list[list[list[str]]] = [[]]
    used = 0
    for block in blocks:
        lines = sum(line.count("\n") + 1 for line in block)
        if pages[-1] and used + lines > height:
            pages.append([])
            used = 0
        pages[-1].append(block)
        used += lines
    return pages


def choice_tokens(text: str, view: View) -> list[str]:
    return [p for p in text.replace(",", " ").split() if p]


def answer_label(value: str) -> str:
    """An answer as shown: the answer words in the run's language, anything else as typed."""
    from stalkscreen.i18n import gettext as _

    words = {"yes": _("yes"), "no": _("no"), "unknown": _("don't know")}
    return words.get(value, clean(value))


def clean(text: str) -> str:
    """User text made inert for a terminal: control and format characters shown as their
    escapes (``\\x1b``, ``\\u202e``), as in the reports; anything else unprintable as '?'."""
    from stalkscreen.report.escape import visible

    return "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in visible(text))


def columns(term: Terminal) -> int:
    """The width to wrap at: the terminal's; 0 (no wrapping) in plain mode, where a screen
    reader or a script reads whole lines."""
    return 0 if term.plain else term.size()[0]


def wrap(text: str, width: int, indent: str = "    ") -> list[str]:
    """``text`` as lines shorter than ``width``, broken between words (a single word longer
    than a line is the only thing ever cut); later lines start with ``indent``. A width of
    0 or less keeps each line whole."""
    if width <= 0:
        return text.split("\n")
    out: list[str] = []
    for para in text.split("\n"):
        out += textwrap.wrap(
            para, width=max(20, width - 1), subsequent_indent=indent, break_on_hyphens=False
        ) or [""]
    return out
