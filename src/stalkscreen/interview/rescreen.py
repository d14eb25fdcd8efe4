"""Re-screening from an earlier answer file (``screen --answers OLD``): time has moved on.

The earlier assessment date is not carried over: the date is asked again and Enter gives
today's, so the 12-month windows (SC-ESC incidents and crimes, SC-REPEAT after the last
MARAC referral) are counted back from this assessment. The incident and crime counts are
shown again with their earlier values (Enter keeps one) because they cover the 12 months
before the earlier date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stalkscreen.i18n import gettext

RECHECK = ("incidents_last_12_months", "crimes_last_12_months")


def restart_case(case: dict[str, Any]) -> tuple[date | None, set[str]]:
    """Take the earlier date out of ``case`` (it is asked again) and name the counts to check.

    Returns (the earlier assessment date or ``None``, the case keys to ask again although set).
    """
    earlier = case.pop("assessed_on", None)
    return (earlier if isinstance(earlier, date) else None), {k for k in RECHECK if k in case}


def rescreen_help(key: str, earlier: date | None, recheck: set[str]) -> str | None:
    """What the date and count fields say when re-screening; ``None`` otherwise."""
    if key == "assessed_on" and earlier is not None:
        return gettext(
            "Re-screening: the earlier screening was assessed on %(date)s. Enter for today, or "
            "give the date as YYYY-MM-DD or DD/MM/YYYY."
        ) % {"date": f"{earlier:%Y-%m-%d}"}
    if key in recheck:
        return gettext(
            "From the earlier screening: check that it counts the 12 months before this "
            "assessment (Enter keeps it)."
        )
    return None
