"""The incident log: a dated record of what happened, kept by a victim or a practitioner.

A log is imported from CSV or YAML (:func:`load_incident_log`) and attached to
a screening's answer file under ``incident_log``. Reports draw it as a
timeline with incidents per week; scoring counts the incidents in the 12
months before the assessment (SC-LOG, see :mod:`stalkscreen.scoring.stalking`).

Format ``stalkscreen/incident-log@1`` (published as ``stalkscreen schema
incident-log``). Errors name the file, the row or YAML path, the line, the
field and how to fix it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from stalkscreen.catalogue import Answers
from stalkscreen.dates import add_months, sane_day
from stalkscreen.errors import Invalid, InvalidInputError, Problem, nearest, short_token
from stalkscreen.problems import collect
from stalkscreen.source import Document, decode, parse_text, read_bytes
from stalkscreen.translation import N_, Words
from stalkscreen.vocabulary import ACCEPTED_SPELLINGS, normalise_answer

HEADER = Words(N_("header"))
"""The place of a problem with a CSV log's header row."""

INCIDENT_LOG_FORMAT = "stalkscreen/incident-log@1"
MAX_ENTRIES = 10_000
MAX_WHAT = 20_000
MAX_TEXT = 2_000

FIELDS = (
    "date",
    "time",
    "what",
    "where",
    "who_saw",
    "how_it_felt",
    "evidence_kept",
    "reported_to_police",
)
"""Column names of a CSV log, in the documented order."""

ALIASES = {
    "what_happened": "what",
    "witnesses": "who_saw",
    "who_saw_it": "who_saw",
    "feelings": "how_it_felt",
    "how_did_it_feel": "how_it_felt",
    "evidence": "evidence_kept",
    "reported": "reported_to_police",
    "police": "reported_to_police",
}
"""Other column names people write, mapped to the field they mean."""

_UK_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")


def _no_controls(value: str | None, *, multiline: bool) -> str | None:
    if value is None:
        return None
    allowed = "\n\t\r" if multiline else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        raise Invalid(Answers.CONTROL_CHARACTERS)
    return value


class Incident(BaseModel):
    """One dated incident in the log."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    date: dt.date = Field(description="The day it happened (YYYY-MM-DD; DD/MM/YYYY is accepted).")
    time: str | None = Field(
        default=None, pattern=r"^\d{2}:\d{2}$", description="Time of day, 24-hour HH:MM."
    )
    what: str = Field(min_length=1, max_length=MAX_WHAT, description="What happened.")
    where: str | None = Field(default=None, max_length=MAX_TEXT, description="Where it happened.")
    who_saw: str | None = Field(
        default=None, max_length=MAX_TEXT, description="Who saw it or was there."
    )
    how_it_felt: str | None = Field(
        default=None, max_length=MAX_TEXT, description="How it made the victim feel."
    )
    evidence_kept: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Evidence kept (screenshots, messages, gifts, doorbell or CCTV footage).",
    )
    reported_to_police: Literal["yes", "no", "unknown"] | None = Field(
        default=None,
        description="Whether it was reported to police. Only incidents marked yes can fill "
        "the police-reported count (SC-LOG).",
    )

    @field_validator("date", mode="before")
    @classmethod
    def _uk_date(cls, value: object) -> object:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str) and (m := _UK_DATE.match(value)):
            day, month, year = (int(g) for g in m.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise Invalid(Answers.NOT_A_REAL_DATE, value=value.strip()) from None
        return value

    @field_validator("date")
    @classmethod
    def _sane(cls, value: object) -> object:
        return sane_day(value)

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 86_400:
            # YAML 1.1 reads an unquoted 9:30 as 570 (minutes) and 21:45:00 as seconds
            hours, minutes = divmod(value, 60) if value < 24 * 60 else divmod(value // 60, 60)
            value = f"{hours}:{minutes:02d}"
        if isinstance(value, str) and (m := _TIME.match(value)):
            hours, minutes = int(m.group(1)), int(m.group(2))
            if hours < 24 and minutes < 60:
                return f"{hours:02d}:{minutes:02d}"
        raise Invalid(Answers.NOT_A_TIME, value=short_token(value))

    @field_validator("reported_to_police", mode="before")
    @classmethod
    def _reported(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        answer = normalise_answer(value)
        if answer is None:
            values = {"value": short_token(value), "accepted": ACCEPTED_SPELLINGS}
            raise Invalid(Answers.NOT_AN_ANSWER, **values)
        return answer

    @field_validator("what", "how_it_felt", "evidence_kept")
    @classmethod
    def _multiline(cls, value: str | None) -> str | None:
        return _no_controls(value, multiline=True)

    @field_validator("where", "who_saw")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return _no_controls(value, multiline=False)


class IncidentLog(BaseModel):
    """A dated incident log (format ``stalkscreen/incident-log@1``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["stalkscreen/incident-log@1"] = Field(
        default="stalkscreen/incident-log@1", description="Format tag of incident logs."
    )
    kept_by: str | None = Field(
        default=None,
        max_length=200,
        description="Who keeps the log (e.g. victim, IDVA); free text.",
    )
    entries: tuple[Incident, ...] = Field(
        max_length=MAX_ENTRIES, description="The incidents, in date order."
    )

    @field_validator("kept_by")
    @classmethod
    def _kept_by(cls, value: str | None) -> str | None:
        return _no_controls(value, multiline=False)


# --------------------------------------------------------------------------- counting


def in_window(log: IncidentLog, until: date, months: int = 12) -> list[Incident]:
    """Incidents on or before ``until`` and after the same day ``months`` months earlier."""
    start = add_months(until, -months)
    return [e for e in log.entries if start < e.date <= until]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def per_week(entries: Iterable[Incident]) -> list[tuple[date, int]]:
    """Incidents per week (Monday start), every week from the first to the last, gaps as 0."""
    counts: dict[date, int] = {}
    for entry in entries:
        monday = week_start(entry.date)
        counts[monday] = counts.get(monday, 0) + 1
    if not counts:
        return []
    out = []
    monday = min(counts)
    last = max(counts)
    while monday <= last:
        out.append((monday, counts.get(monday, 0)))
        monday += timedelta(days=7)
    return out


# --------------------------------------------------------------------------- importing


def _sorted(entries: list[Incident]) -> tuple[Incident, ...]:
    return tuple(sorted(entries, key=lambda e: (e.date, e.time or "")))


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower().lstrip("\ufeff"))
    key = key.rstrip("?").strip("_")
    return ALIASES.get(key, key)


def _csv_log(path: str, text: str) -> IncidentLog:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInputError.of(Answers.LOG_EMPTY, path, HEADER, 1) from None
    except csv.Error as exc:
        raise InvalidInputError.of(Answers.NOT_CSV, path, HEADER, 1, detail=exc) from None
    columns = [_column(h) for h in header]
    problems: list[Problem] = []
    for index, name in enumerate(columns):
        if name not in FIELDS:
            guess = nearest(name, FIELDS)
            problems.append(
                Problem.of(
                    Answers.UNKNOWN_COLUMN,
                    path,
                    f"header, column {index + 1}",
                    1,
                    value=short_token(header[index]),
                    guess=guess,
                    known=", ".join(FIELDS),
                )
            )
    for needed in ("date", "what"):
        if needed not in columns:
            problems.append(Problem.of(Answers.MISSING_COLUMN, path, HEADER, 1, column=needed))
    if problems:
        raise InvalidInputError(problems)
    entries: list[Incident] = []
    stub = Document(path=path, text="", data=None)
    start = 2
    row_number = 1
    try:
        for row in reader:
            row_number += 1
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                problems.append(
                    Problem.of(
                        Answers.ROW_LENGTH,
                        path,
                        f"row {row_number}",
                        line,
                        cells=len(row),
                        columns=len(columns),
                    )
                )
                continue
            data = {c: v for c, v in zip(columns, row, strict=False) if v.strip()}
            entry, found = collect(Incident, data, stub)
            for p in found:
                place = f"row {row_number}, {p.place}"
                problems.append(replace(p, file=path, place=place, line=line))
            if entry is not None:
                entries.append(entry)
    except csv.Error as exc:
        problems.append(Problem.of(Answers.NOT_CSV, path, f"row {row_number}", start, detail=exc))
    if problems:
        raise InvalidInputError(problems)
    return _finish(path, entries, None)


def _yaml_log(path: str, text: str) -> IncidentLog:
    doc = parse_text(text, path)
    data = doc.data
    base: tuple[str | int, ...] = ()
    kept_by: Any = None
    problems: list[Problem] = []
    if isinstance(data, dict):
        extra = sorted(set(map(str, data)) - {"format", "kept_by", "entries"})
        for key in extra:
            guess = nearest(key, ("format", "kept_by", "entries"))
            problems.append(
                Problem.of(
                    Answers.LOG_UNKNOWN_KEY,
                    path,
                    key,
                    doc.line_of((key,)),
                    key=short_token(key),
                    guess=guess,
                )
            )
        if data.get("format", INCIDENT_LOG_FORMAT) != INCIDENT_LOG_FORMAT:
            problems.append(
                Problem.of(
                    Answers.UNKNOWN_FORMAT,
                    path,
                    "format",
                    doc.line_of(("format",)),
                    value=short_token(data["format"]),
                    expected=INCIDENT_LOG_FORMAT,
                )
            )
        kept_by = data.get("kept_by")
        base = ("entries",)
        data = data.get("entries")
    if not isinstance(data, list):
        problems.append(
            Problem.of(
                Answers.NOT_A_LIST_OF_INCIDENTS,
                path,
                "entries" if base else "top level",
                doc.line_of(base) or 1,
            )
        )
        raise InvalidInputError(problems)
    entries: list[Incident] = []
    for index, raw in enumerate(data):
        entry, found = collect(Incident, raw, doc, prefix=(*base, index))
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise InvalidInputError(problems)
    return _finish(path, entries, kept_by)


def _finish(path: str, entries: list[Incident], kept_by: Any) -> IncidentLog:
    if len(entries) > MAX_ENTRIES:
        raise InvalidInputError.of(Answers.LOG_TOO_LONG, path, "entries", limit=MAX_ENTRIES)
    doc = Document(path=path, text="", data=None)
    log, problems = collect(IncidentLog, {"kept_by": kept_by, "entries": _sorted(entries)}, doc)
    if log is None:
        raise InvalidInputError(problems)
    return log


def load_incident_log(path: Path) -> IncidentLog:
    """Read an incident log from CSV (by suffix) or YAML/JSON, with located errors."""
    raw = read_bytes(path)
    text = decode(raw, str(path))
    if path.suffix.lower() == ".csv":
        return _csv_log(str(path), text)
    return _yaml_log(str(path), text)
