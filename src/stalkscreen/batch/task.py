"""A batch task: a screening to score (where it is and, for record files, its text or
row), or a block of JSON lines; its kind says which."""

from __future__ import annotations

from typing import Any, NamedTuple

FILE = "file"
JSON_LINE = "json"
JSON_LINES = "lines"
CSV_ROW = "csv"
FAILED = "fail"


class Task(NamedTuple):
    """A screening to score (where it is and, for record files, its text or row), or a
    block of JSON lines (``JSON_LINES``; :func:`screenings` makes a task of each line)."""

    kind: str
    source: str
    line: int | None
    payload: Any = None
