"""Date arithmetic and the plausible range of dates (a leaf: the standard library, and the
catalogue of problems for the one problem it raises).

Every date a screening, an incident log or a rule reads must be plausible
(:func:`sane_day`), and the rules that count back or forward (SC-REPEAT's months
since the last MARAC, the incident log's twelve months) use :func:`add_months`.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from stalkscreen.catalogue import Answers
from stalkscreen.errors import Invalid

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
"""Dates outside these are typos (0001-01-01, 9999-12-31), refused in every date field:
reports and scoring count months back and weeks forward from them."""


def sane_day(value: Any) -> Any:
    """``value`` (a date or date-time) when it lies between 1900 and 2100; else an error."""
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise Invalid(
            Answers.IMPLAUSIBLE_DATE,
            value=day.isoformat(),
            earliest=EARLIEST_DATE.year,
            latest=LATEST_DATE.year,
        )
    return value


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months (the 31st falls back to the month's end)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
