"""One error hierarchy for the whole tool.

Every user-facing error carries an exit code from the contract and a list of
:class:`Problem` objects, each a coded entry of the catalogue
(:mod:`stalkscreen.catalogue`) saying *where* (file, place, line), *what* and *how to
fix it*. Messages never contain answer content beyond an item id and a short
offending token.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Self

from stalkscreen.catalogue import Entry, Reading
from stalkscreen.translation import words

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
    """One thing wrong with one input: its catalogue entry, where it is, and the values that
    fill the entry's message and fix (the texts themselves live only in the catalogue)."""

    code: Entry
    file: str = ""
    place: str = ""
    line: int | None = None
    params: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.code, Entry):  # a free-text problem is a bug (issue 15.6)
            raise TypeError(f"a Problem needs a catalogue Entry, not {type(self.code).__name__}")

    @classmethod
    def of(
        cls,
        code: Entry,
        file: object = "",
        place: str = "",
        line: int | None = None,
        /,
        **params: object,
    ) -> Problem:
        """``code`` at ``file`` (line ``line``, ``place``), its texts filled from ``params``."""
        return cls(code, str(file), place, line, tuple(params.items()))

    @property
    def message(self) -> str:
        return self.code.message(**dict(self.params))

    @property
    def fix(self) -> str:
        return self.code.fix(**dict(self.params))

    def where(self) -> str:
        """``file:line: place`` (each part when known)."""
        where = shown(self.file)
        if self.line is not None:
            where += f":{self.line}"
        place = str(words(self.place))  # `top level`, `header`: stalkscreen's own words
        if place:
            where = f"{where}: {place}" if where else place
        return where

    def render(self) -> str:
        """The line a person reads: where, what, the fix and the code (``[SS-E001]``)."""
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        if self.fix:
            text += f" — {self.fix}"
        return f"{text} [{self.code.code}]"


class Invalid(ValueError):
    """A validator's problem (pydantic wraps it; :mod:`stalkscreen.problems` reads it back):
    a catalogue entry and the values that fill its texts."""

    def __init__(self, code: Entry, **params: object) -> None:
        super().__init__(code.message(**params))
        self.code = code
        self.params = params


class StalkscreenError(Exception):
    """Base of every error the tool expects; anything else is a bug.

    It holds one or more :class:`Problem` entries, each from the catalogue
    (:mod:`stalkscreen.catalogue`): ``raise InvalidInputError.of(Reading.NO_SUCH_FILE, path)``
    for one, ``raise InvalidInputError(problems)`` for several.
    """

    exit_code = EXIT_INTERNAL

    def __init__(self, problems: Problem | Sequence[Problem]) -> None:
        listed = [problems] if isinstance(problems, Problem) else list(problems)
        if not listed or not all(isinstance(p, Problem) for p in listed):
            raise TypeError("an error needs one or more catalogue problems")
        if len(listed) > MAX_PROBLEMS:  # a file with 10,000 bad rows: the first 50 tell enough
            more = len(listed) - MAX_PROBLEMS
            listed = [
                *listed[:MAX_PROBLEMS],
                Problem.of(Reading.MORE_PROBLEMS, listed[0].file, more=more),
            ]
        self.problems: tuple[Problem, ...] = tuple(listed)
        super().__init__(self.message)

    @classmethod
    def of(
        cls,
        code: Entry,
        file: object = "",
        place: str = "",
        line: int | None = None,
        /,
        **params: object,
    ) -> Self:
        """The error of one problem: ``code`` at ``file`` (``place``, ``line``)."""
        return cls(Problem.of(code, file, place, line, **params))

    @property
    def message(self) -> str:
        """One line: every problem, rendered, joined by ``; ``."""
        return "; ".join(p.render() for p in self.problems)

    @property
    def codes(self) -> list[str]:
        """The catalogue codes of the problems, in order, each once."""
        return list(dict.fromkeys(p.code.code for p in self.problems))

    def lines(self) -> list[str]:
        """The lines to show a person: one per problem."""
        return [p.render() for p in self.problems]


class UsageError(StalkscreenError):
    """Bad flags or arguments (exit 2)."""

    exit_code = EXIT_USAGE


class InvalidInputError(StalkscreenError):
    """An answer file, definition, profile, overlay or template is invalid (exit 3)."""

    exit_code = EXIT_INVALID


class Interrupted(StalkscreenError):
    """The user stopped a command (exit 130); the message says what was kept or removed."""

    exit_code = EXIT_INTERRUPTED
