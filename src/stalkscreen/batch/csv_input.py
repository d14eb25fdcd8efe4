"""CSV batch input: one screening per row, the contract's columns (``dash.q1``,
``context.safe_to_talk``, ``pj.level``, ``srp.<domain>``), checked and turned into
answer-file data."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from stalkscreen.batch.task import CSV_ROW, FAILED, Task
from stalkscreen.catalogue import Batch, Reading
from stalkscreen.definitions.library import CASE_KEYS
from stalkscreen.errors import Problem, nearest
from stalkscreen.version import ANSWERS_FORMAT

PJ_COLUMNS = {"pj.level": "level", "pj.rationale": "rationale"}
TOP_COLUMNS = frozenset({"profile", "status", "format", "purpose"})
SRP_PREFIX = "srp"
"""Probation SRP domains: ``srp.<domain>`` (the level) and ``srp.<domain>.rationale``."""
ITEM_FIELDS = frozenset({"comment", "source"})


def check_header(header: Sequence[str], source: str = "") -> Problem | None:
    """Why a CSV header cannot be read, or ``None`` when it can."""
    if "reference" not in header:
        return Problem.of(Batch.CSV_NO_REFERENCE, source, "", 1)
    seen: set[str] = set()
    for name in header:
        if name in seen:
            return Problem.of(Batch.CSV_COLUMN_TWICE, source, "", 1, name=name)
        seen.add(name)
        if name in CASE_KEYS or name in TOP_COLUMNS or name in PJ_COLUMNS:
            continue
        parts = name.split(".")
        if parts[0] == "context" and len(parts) == 2 and parts[1]:
            continue
        if parts[0] == SRP_PREFIX and parts[1:2] != [""] and parts[2:] in ([], ["rationale"]):
            continue
        if len(parts) == 2 and all(parts):
            continue
        if len(parts) == 3 and all(parts) and parts[2] in ITEM_FIELDS:
            continue
        known = [*CASE_KEYS, *TOP_COLUMNS, *PJ_COLUMNS]
        guess = nearest(name, known)
        return Problem.of(Batch.CSV_UNKNOWN_COLUMN, source, "", 1, name=name[:40], guess=guess)
    return None


def csv_rows(source: str, encoding: str = "utf-8") -> Iterator[Task]:
    """One task per data row, numbered by the line it starts on (the header is line 1).

    In UTF-8, bytes that are not UTF-8 are kept aside (``surrogateescape``) and only
    the rows holding them fail, each with the fix: a spreadsheet saved in Windows'
    encoding loses no valid row. Every cell stays text: a reference that looks like
    a number keeps its leading zeros.
    """
    utf8 = codecs.lookup(encoding).name == "utf-8"
    try:
        handle = Path(source).open(  # noqa: SIM115 - closed below, generator lifetime
            encoding="utf-8-sig" if utf8 else encoding,
            errors="surrogateescape" if utf8 else "strict",
            newline="",
        )
    except OSError as exc:
        why = Problem.of(Reading.UNREADABLE, source, reason=exc.strerror or exc)
        yield Task(FAILED, source, None, why)
        return
    with handle:
        reader = csv.reader(handle)
        start = 1
        try:
            header = next(reader, None)
            if header is None:
                yield Task(FAILED, source, None, Problem.of(Batch.CSV_EMPTY, source))
                return
            if utf8 and not _is_text(header):
                yield Task(FAILED, source, 1, Problem.of(Batch.CSV_NOT_UTF8, source, "", 1))
                return
            header = [h.strip() for h in header]
            problem = check_header(header, source)
            if problem:
                yield Task(FAILED, source, 1, problem)
                return
            start = reader.line_num + 1
            for row in reader:
                line, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    why = Problem.of(Batch.CSV_ROW_TOO_LONG, source, "", line)
                    yield Task(FAILED, source, line, why)
                    continue
                if utf8 and not _is_text(row):
                    column = next(h for h, c in zip(header, row, strict=False) if not _is_text([c]))
                    where = f"column {column}"
                    why = Problem.of(Batch.CSV_CELL_NOT_UTF8, source, where, line)
                    yield Task(FAILED, source, line, why)
                    continue
                yield Task(CSV_ROW, source, line, dict(zip(header, row, strict=False)))
        except UnicodeDecodeError:
            why = Problem.of(Batch.NOT_IN_ENCODING, source, "", start, encoding=encoding)
            yield Task(FAILED, source, start, why)
        except csv.Error as exc:
            why = Problem.of(Batch.CSV_BROKEN, source, "", start, detail=exc)
            yield Task(FAILED, source, start, why)


def _is_text(cells: Sequence[str]) -> bool:
    """Whether the cells were valid UTF-8 (no byte kept aside as a lone surrogate)."""
    try:
        "".join(cells).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


DATE_COLUMNS = frozenset({"assessed_on", "last_marac_on"})
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _iso_date(value: str) -> str:
    """A UK spreadsheet date (20/11/2026, as Excel saves it) as ISO 2026-11-20; else as given."""
    match = _UK_DATE.fullmatch(value)
    if match is None:
        return value
    day, month, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def row_to_data(row: dict[str, str]) -> dict[str, Any]:
    """The answer-file data of one CSV row (empty cell = not asked)."""
    case: dict[str, Any] = {}
    data: dict[str, Any] = {"format": ANSWERS_FORMAT, "case": case}
    responses: dict[str, dict[str, Any]] = {}
    context: dict[str, str] = {}
    judgement: dict[str, str] = {}
    domains: dict[str, dict[str, str]] = {}
    extras: list[tuple[str, str, str, str]] = []
    for column, cell in row.items():
        value = cell.strip()
        if not value:
            continue
        if column in CASE_KEYS:
            case[column] = _iso_date(value) if column in DATE_COLUMNS else value
        elif column in TOP_COLUMNS:
            data[column] = value
        elif column in PJ_COLUMNS:
            judgement[PJ_COLUMNS[column]] = cell
        else:
            parts = column.split(".")
            if parts[0] == "context":
                context[parts[1]] = value
            elif parts[0] == SRP_PREFIX:
                domains.setdefault(parts[1], {})["level" if len(parts) == 2 else "rationale"] = cell
            elif len(parts) == 2:
                responses.setdefault(parts[0], {})[parts[1]] = {"answer": value}
            else:
                extras.append((parts[0], parts[1], parts[2], cell))
    for instrument, item, field, text in extras:
        responses.setdefault(instrument, {}).setdefault(item, {})[field] = text
    if responses:
        data["responses"] = responses
    if context:
        data["context"] = context
    if judgement:
        data["professional_judgement"] = judgement
    if domains:
        data["srp_domains"] = domains
    return data


def csv_column(place: str) -> str:
    """The CSV column a validation problem's place points at."""
    parts = place.split(".")
    if parts[0] == "responses" and len(parts) >= 3:
        field = parts[3] if len(parts) > 3 and parts[3] in ITEM_FIELDS else None
        return ".".join([parts[1], parts[2], *([field] if field else [])])
    if parts[0] == "case" and len(parts) >= 2:
        return parts[1]
    if parts[0] == "srp_domains" and len(parts) >= 2:
        return f"{SRP_PREFIX}.{parts[1]}" + (".rationale" if parts[2:3] == ["rationale"] else "")
    if parts[0] == "professional_judgement":
        return f"pj.{parts[1]}" if len(parts) >= 2 else "pj.level/pj.rationale"
    return place
