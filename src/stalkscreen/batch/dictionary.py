"""The data dictionary of batch records: `stalkscreen schema batch-record` and the README table.

Both are made from the column table of :mod:`stalkscreen.batch.columns`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stalkscreen.batch.column_spec import Kind, sql_name
from stalkscreen.batch.columns import COLUMNS, COMPARE_COLUMNS, COUNT_COLUMNS, TAIL


def dictionary(instruments: Sequence[str] = ("<instrument>",)) -> list[dict[str, str]]:
    """The data dictionary: each column's name, SQLite name, type, meaning and values.

    The counts come once per instrument of the library, in its order; by default
    they are described once, for ``<instrument>``.
    """
    out: list[dict[str, str]] = []

    def add(name: str, kind: Kind, meaning: str, allowed: str) -> None:
        entry = {"name": name, "sqlite": sql_name(name), "type": kind}
        out.append({**entry, "meaning": meaning, "allowed": allowed})

    for c in COLUMNS:
        add(c.name, c.kind, c.meaning, c.allowed)
    for inst in instruments:
        for field, kind, meaning, allowed in COUNT_COLUMNS:
            add(f"{inst}.{field}", kind, meaning, allowed)
    for c in (*COMPARE_COLUMNS, *TAIL):
        add(c.name, c.kind, c.meaning, c.allowed)
    return out


_JSON_TYPES: dict[Kind, dict[str, Any]] = {
    "boolean": {"type": ["boolean", "null"]},
    "integer": {"type": ["integer", "null"]},
    "date": {"type": ["string", "null"]},
    "list": {"type": ["array", "null"], "items": {"type": "string"}},
    "text": {"type": ["string", "null"]},
}


def record_schema() -> dict[str, Any]:
    """The data dictionary as a JSON Schema of one flat record (``schema batch-record``).

    Each property keeps the dictionary's type (``x-type``; lists are arrays in JSON
    Lines and ``;``-joined text in CSV and SQLite), SQLite name and allowed values.
    """
    properties = {
        entry["name"]: {
            **_JSON_TYPES[entry["type"]],  # type: ignore[index]
            "description": entry["meaning"],
            "x-type": entry["type"],
            "x-sqlite": entry["sqlite"],
            "x-allowed": entry["allowed"],
        }
        for entry in dictionary()
    }
    return {
        "title": "Batch record",
        "description": "One screening's record in `stalkscreen batch` output: the columns of "
        "CSV and SQLite (`.` and `-` written `_`), the same names in JSON Lines (where the "
        "counts stay nested: `instruments.<instrument>.yes`). `<instrument>` stands for each "
        "instrument of the library, in order. Empty (null) means not known; a failed input "
        "fills only screening, source, line, reference, outcome and error.",
        "type": "object",
        "properties": properties,
    }


def markdown_table() -> str:
    """The data dictionary as the README's Markdown table."""
    lines = ["| column | SQLite | type | meaning | values |", "| --- | --- | --- | --- | --- |"]
    for e in dictionary():
        cells = [f"`{e['name']}`", f"`{e['sqlite']}`", e["type"], e["meaning"], e["allowed"]]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
