"""The judgement step's choices and the one-line outcome of a screening (terminal-free).

SC-PJ: the practitioner may *record* any level at or above the level the answers give.
Recording the computed level confirms it, and confirming is a judgement (SC-JUDGE): a
confirmed or raised high refers to MARAC like any judgement of high. Every recorded level
carries a written rationale, because the answer-file contract requires one whenever a level
is given (``answers.ProfessionalJudgement``); a sentence the practitioner did not write
would make the file claim a rationale nobody gave. Choosing *no judgement yet* records no
level, so the level stays "by count (not yet judged)".

:func:`outcome_line` is the one line a front end ends a screen with, so the level, the
MARAC decision, urgency and what is missing stay on screen however long the rest is
(``HIGH · MARAC referral: YES · urgent: no · 2 items not asked``).
"""

from __future__ import annotations

from dataclasses import dataclass

from stalkscreen.about import reason_name
from stalkscreen.definitions.models import LEVELS, Level, level_rank
from stalkscreen.i18n import gettext, ngettext
from stalkscreen.scoring import Screening
from stalkscreen.scoring.referral import NOT_DOMESTIC

NO_JUDGEMENT_KEY = "0"
"""The key for "no judgement yet": a number, so a second tap of y/n/d on the last question
cannot choose it by accident."""


@dataclass(frozen=True)
class Choice:
    """One option of the judgement step."""

    key: str
    level: Level | None
    label: str


def allowed_levels(computed: Screening) -> tuple[Level, ...]:
    """SC-PJ: the levels a judgement may record: the computed one and those above it.

    When nothing grades the screening (``graded`` false), every level may be recorded."""
    if not computed.graded:
        return LEVELS
    floor = level_rank(computed.risk_level)
    return tuple(lv for lv in LEVELS if level_rank(lv) >= floor)


def choices(computed: Screening) -> tuple[Choice, ...]:
    """The judgement step's options: each allowed level by its rank number, then no judgement."""
    from stalkscreen.about import level_name

    out = []
    for level in allowed_levels(computed):
        name = {"level": level_name(level)}
        if not computed.graded:
            label = gettext("record %(level)s") % name
        elif level == computed.risk_level:
            label = gettext("confirm %(level)s, the level the answers give") % name
        else:
            label = gettext("raise to %(level)s") % name
        if level == "high":
            label += " " + (
                gettext("(the stalking services, not MARAC: not domestic abuse)")
                if computed.relationship in NOT_DOMESTIC
                else gettext("(a MARAC referral)")
            )
        out.append(Choice(str(level_rank(level) + 1), level, label))
    out.append(
        Choice(
            NO_JUDGEMENT_KEY,
            None,
            gettext("no judgement yet (the level stays as the answers give it)"),
        )
    )
    return tuple(out)


def by_count(result: Screening, judged: bool) -> bool:
    """SC-JUDGE: the level comes only from the count (not judged, not raised by a red flag)."""
    return not judged and result.level_basis == "count"


def level_label(result: Screening, *, judged: bool, complete: bool) -> str:
    """``HIGH``, ``by count: MEDIUM (not yet judged)``, ``NOT GRADED``; ``incomplete`` added
    when items that apply were not asked (SC-COMPLETE)."""
    from stalkscreen.about import level_name

    name = level_name(result.risk_level).upper()
    if not result.graded and not judged:
        label, notes = gettext("Not graded").upper(), []
    elif by_count(result, judged):
        label, notes = gettext("by count: %(level)s") % {"level": name}, [gettext("not yet judged")]
    else:
        label, notes = name, []
    if not complete:
        notes.append(gettext("incomplete"))
    return f"{label} ({', '.join(notes)})" if notes else label


def outcome_line(result: Screening, *, judged: bool, not_asked: int, complete: bool) -> str:
    """The outcome in one line: level, MARAC decision, urgency and items not asked."""
    decision = (
        f"{gettext('YES')} ({', '.join(reason_name(r) for r in result.marac_reasons)})"
        if result.marac_referral
        else gettext("no")
    )
    urgent = gettext("YES") if result.urgent else gettext("no")
    parts = [
        level_label(result, judged=judged, complete=complete),
        gettext("MARAC referral: %(decision)s") % {"decision": decision},
        gettext("urgent: %(urgent)s") % {"urgent": urgent},
    ]
    if not_asked:
        parts.append(
            ngettext("%(num)s item not asked", "%(num)s items not asked", not_asked)
            % {"num": not_asked}
        )
    return " · ".join(parts)


def final_outcome(result: Screening) -> str:
    """:func:`outcome_line` for a scored screening (the end of the interview, ``score``)."""
    return outcome_line(
        result,
        judged=result.judged,
        not_asked=len(result.not_asked),
        complete=result.complete,
    )
