"""One column of a batch record: its type, how SQLite names and types it, and the facts
it is read from (the table of columns is :mod:`stalkscreen.batch.columns`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from stalkscreen.answers import Case
    from stalkscreen.batch.work import Outcome
    from stalkscreen.scoring import Screening


Kind = Literal["boolean", "integer", "date", "list", "text"]
SQL_TYPES: dict[Kind, str] = {
    "boolean": "INTEGER",
    "integer": "INTEGER",
    "date": "TEXT",
    "list": "TEXT",
    "text": "TEXT",
}


class Facts(NamedTuple):
    """What a column is read from: the score record, and when it scored, the screening."""

    position: int
    outcome: Outcome
    record: dict[str, Any]
    case: Case | None
    screening: Screening | None
    pseudonymised: bool
    compared: Screening | None = None
    """The same screening scored under ``--compare-profile``, when asked for."""


@dataclass(frozen=True)
class Column:
    """One column of a batch record and its entry in the data dictionary."""

    name: str
    kind: Kind
    meaning: str
    allowed: str
    get: Callable[[Facts], Any]
    always: bool = False
    """Filled for a failed input too (where it came from, what went wrong)."""
    in_jsonl: bool = True
    """Added to a JSON line where the score record does not already carry this name (false
    where JSON Lines has its own form: the input's place, the counts by instrument)."""


def sql_name(column: str) -> str:
    return column.replace(".", "_").replace("-", "_")
