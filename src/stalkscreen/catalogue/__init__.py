"""The catalogue of problems: every problem stalkscreen reports to a person, by name.

Each entry has a stable code (``SS-E001``…), a message and a fix, both templates filled
from the values the raising code gives (``{reason}``, ``{value}``…). Code refers to an
entry by its area and name (``Reading.NO_SUCH_FILE``); the texts live here and nowhere
else, so they can be reviewed and translated in one place, and the README's table of
problems is checked against this one (tests/test_catalogue.py).

Codes are never reused or renumbered: a retired problem keeps its code out of use, and a
new one takes the next free number (the test holds the frozen list). The areas are rooms
of one catalogue, split only to keep each module small.

This package imports nothing else from stalkscreen but :mod:`stalkscreen.translation` (the
language in force, below it): every layer may use it. The texts are marked for pybabel
with ``N_`` and filled in in the language in force (README "Languages").
"""

from __future__ import annotations

from stalkscreen.catalogue.answers import Answers
from stalkscreen.catalogue.commands import Commands
from stalkscreen.catalogue.definitions import Definitions
from stalkscreen.catalogue.entry import Entry
from stalkscreen.catalogue.files import Files, Keys
from stalkscreen.catalogue.interviewing import Interviewing
from stalkscreen.catalogue.outputs import Batch, Internal, Reports
from stalkscreen.catalogue.reading import Model, Reading

__all__ = [
    "AREAS",
    "Answers",
    "Batch",
    "Commands",
    "Definitions",
    "Entry",
    "Files",
    "Internal",
    "Interviewing",
    "Keys",
    "Model",
    "Reading",
    "Reports",
    "entries",
    "markdown_table",
]

AREAS: tuple[type[Entry], ...] = (
    Reading,
    Model,
    Definitions,
    Answers,
    Commands,
    Keys,
    Files,
    Reports,
    Batch,
    Internal,
    Interviewing,
)
"""Every area of the catalogue."""


def entries() -> list[Entry]:
    """Every entry, by code."""
    return sorted((e for area in AREAS for e in area), key=lambda e: e.code)


def markdown_table() -> str:
    """The catalogue as the README's table: code, meaning, fix (``{…}`` are the values the
    problem fills in; "otherwise" is the fix when a value it names is missing)."""
    lines = ["| code | meaning | fix |", "| --- | --- | --- |"]
    for entry in entries():
        fix = entry.fix_template
        if entry.otherwise_template:
            fix += f" (otherwise: {entry.otherwise_template})"
        cells = [f"`{entry.code}`", entry.message_template, fix or "—"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
