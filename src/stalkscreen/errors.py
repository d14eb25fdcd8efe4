"""One error hierarchy for the whole tool.

Every user-facing error carries an exit code from the contract and a list of
:class:`Problem` objects, each saying *where* (file, place, line) and *how to
fix it*. Messages never contain answer content beyond an item id and a short
offending token.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_BATCH_PARTIAL = 4
EXIT_INTERRUPTED = 130

_TOKEN_LIMIT = 40
MAX_PROBLEMS = 50
"""Problems listed per error; the rest are counted (issue 21: bounded output)."""


def short_token(value: object) -> str:
    """A short, single-line rendering of an offending value, safe to show.

    Long values are cut so that free text typed by a practitioner never ends up
    in an error message or a log in full.
    """
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(text) > _TOKEN_LIMIT:
        text = text[: _TOKEN_LIMIT - 1] + "…"
    return repr(text) if isinstance(value, str) else text


def shown(text: object) -> str:
    """``text`` (a path, a name) safe to print: control, escape and format characters
    (bidi overrides, zero-width) escaped as ``\\x1b``, ``\\u202e``, so that a file name
    cannot drive a terminal or reorder a line; printable text is unchanged."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in value)


def nearest(name: str, candidates: Iterable[str]) -> str | None:
    """The closest known name to ``name``, if one is close enough to suggest."""
    pool = list(candidates)
    folded = {c.lower(): c for c in pool}
    if name.lower() in folded:  # `Q1` for `q1`
        return folded[name.lower()]
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located and with a fix."""

    file: str
    place: str
    message: str
    fix: str = ""
    line: int | None = None

    def render(self) -> str:
        where = shown(self.file)
        if self.line is not None:
            where += f":{self.line}"
        if self.place:
            where = f"{where}: {self.place}" if where else self.place
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f" — {self.fix}"
        return text


class StalkscreenError(Exception):
    """Base of every error the tool expects; anything else is a bug."""

    exit_code = EXIT_INTERNAL

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        if len(problems) > MAX_PROBLEMS:  # a file with 10,000 bad rows: the first 50 tell enough
            more = len(problems) - MAX_PROBLEMS
            problems = [
                *problems[:MAX_PROBLEMS],
                Problem(
                    problems[0].file,
                    "",
                    f"and {more:,} more problem(s) not shown",
                    "fix these first, then check the file again",
                ),
            ]
        self.problems: tuple[Problem, ...] = tuple(problems)

    def lines(self) -> list[str]:
        """The lines to show a person: one per problem, or the message."""
        if self.problems:
            return [p.render() for p in self.problems]
        return [self.message]


class UsageError(StalkscreenError):
    """Bad flags or arguments (exit 2)."""

    exit_code = EXIT_USAGE


class InvalidInputError(StalkscreenError):
    """An answer file, definition, profile, overlay or template is invalid (exit 3)."""

    exit_code = EXIT_INVALID


class Interrupted(StalkscreenError):
    """The user stopped a command (exit 130); the message says what was kept or removed."""

    exit_code = EXIT_INTERRUPTED
