"""Text for the interview's screens: user text made inert, answer labels, pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stalkscreen.interview import View


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
    return {"unknown": "don't know"}.get(value, clean(value))


def clean(text: str) -> str:
    """User text made inert for a terminal: control and format characters shown as their
    escapes (``\\x1b``, ``\\u202e``), as in the reports; anything else unprintable as '?'."""
    from stalkscreen.report.escape import visible

    return "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in visible(text))
