"""Batch records made from the column table: the header, the types and the row of one
screening (the columns themselves are :mod:`stalkscreen.batch.columns`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stalkscreen.batch.column_spec import Column, Facts, Kind
from stalkscreen.batch.columns import COLUMNS, COMPARE_COLUMNS, COUNT_COLUMNS, COUNT_FIELDS, TAIL

if TYPE_CHECKING:
    from stalkscreen.batch.work import Outcome, Scored


def _tail(compare: str | None) -> tuple[Column, ...]:
    return (*COMPARE_COLUMNS, *TAIL) if compare else TAIL


def columns(instruments: Sequence[str], compare: str | None = None) -> list[str]:
    """The flat columns of one screening (CSV header; SQLite adapts the names)."""
    per = [f"{inst}.{field}" for inst in instruments for field in COUNT_FIELDS]
    return [*(c.name for c in COLUMNS), *per, *(c.name for c in _tail(compare))]


def kinds(instruments: Sequence[str], compare: str | None = None) -> list[Kind]:
    """The type of each of :func:`columns`."""
    per = [kind for _ in instruments for _, kind, *_ in COUNT_COLUMNS]
    return [*(c.kind for c in COLUMNS), *per, *(c.kind for c in _tail(compare))]


def facts(
    index: int,
    outcome: Outcome,
    scored: Scored | None,
    pseudonymised: bool,
    compare: str | None = None,
) -> Facts:
    """What the columns of one screening are read from (scoring it again under ``compare``)."""
    compared = None
    if compare and scored is not None:
        from stalkscreen.scoring import score

        other = scored.library.profile(compare).profile
        compared = score(scored.answers, scored.library, other)
    return Facts(
        index,
        outcome,
        outcome.record or {},
        scored.answers.case if scored is not None else None,
        scored.screening if scored is not None else None,
        pseudonymised,
        compared,
    )


def flat(
    index: int,
    outcome: Outcome,
    instruments: Sequence[str],
    scored: Scored | None = None,
    *,
    pseudonymised: bool = False,
    compare: str | None = None,
) -> list[Any]:
    """One screening as a row of plain values (``None`` for empty; lists joined by ``;``)."""
    f = facts(index, outcome, scored, pseudonymised, compare)
    last = _tail(compare)
    if outcome.record is None:
        head = [_value(c, f) if c.always else None for c in COLUMNS]
        tail = [_value(c, f) if c.always else None for c in last]
        return [*head, *([None] * (len(instruments) * len(COUNT_FIELDS))), *tail]
    row = [_value(c, f) for c in COLUMNS]
    counts = outcome.record["instruments"]
    for inst in instruments:
        got = counts.get(inst)
        row.extend([None] * len(COUNT_FIELDS) if got is None else [got[k] for k in COUNT_FIELDS])
    row.extend(_value(c, f) for c in last)
    return row


def _value(column: Column, f: Facts) -> Any:
    value = column.get(f)
    if column.kind == "list" and value is not None:
        return ";".join(value)
    return value


def jsonl_extras(f: Facts) -> dict[str, Any]:
    """The columns a JSON line adds to the score record, under the same names as in CSV."""
    record = f.record
    extra = COMPARE_COLUMNS if f.compared is not None else ()
    return {
        c.name: c.get(f)
        for c in (*COLUMNS, *extra)
        if c.in_jsonl and c.name not in record and (c.always or record)
    }
