"""Bounds on what one screening may hold (issue 21, point 6).

An incident dated far from the assessment is a typo (2062 for 2026, 1926 for
2026): drawn as a weekly timeline it would make a chart of thousands of empty
weeks, and counted it would shift nothing but mislead. Incidents must lie
between 20 years before ``assessed_on`` and the day after it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from stalkscreen.catalogue import Files
from stalkscreen.errors import InvalidInputError, Problem
from stalkscreen.incidents import IncidentLog

INCIDENT_YEARS_BEFORE = 20


def incident_window(assessed: date) -> tuple[date, date]:
    """The first and last day an incident of a screening assessed on ``assessed`` may have."""
    try:
        first = assessed.replace(year=assessed.year - INCIDENT_YEARS_BEFORE)
    except ValueError:  # 29 February
        first = assessed.replace(year=assessed.year - INCIDENT_YEARS_BEFORE, day=28)
    return first, assessed + timedelta(days=1)


def check_incident_dates(
    log: IncidentLog | None,
    assessed: date | None,
    file: str,
    line_of: Callable[[int], int | None] = lambda _: None,
    place: str | None = "incident_log.entries",
) -> None:
    """``place`` None: the entries are named by their date alone (a log is kept in date order,
    so its positions are not the file's rows)."""
    """Refuse (exit 3) incidents dated outside :func:`incident_window` of ``assessed``."""
    if log is None or assessed is None:
        return
    first, last = incident_window(assessed)
    problems = [
        Problem.of(
            Files.INCIDENT_OUTSIDE_WINDOW,
            file,
            f"{place}[{index}].date" if place else "date",
            line_of(index),
            date=entry.date.isoformat(),
            years=INCIDENT_YEARS_BEFORE,
            assessed=assessed.isoformat(),
            first=first.isoformat(),
            last=last.isoformat(),
        )
        for index, entry in enumerate(log.entries)
        if not first <= entry.date <= last
    ]
    if problems:
        raise InvalidInputError(problems)
