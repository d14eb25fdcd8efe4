"""Report sections added by issue 7: stalking context, the incident log, change since last.

Each is a documented view on :class:`~stalkscreen.report.views.ReportContext`
(``None`` when the screening has nothing for it, so templates show the section
only when there is something to show).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.i18n import gettext, localize
from stalkscreen.incidents import in_window, per_week
from stalkscreen.report.charts import weekly_chart
from stalkscreen.report.effects import effect_words
from stalkscreen.scoring import Screening
from stalkscreen.scoring.stalking import CONTEXT, TYPE_DETAIL, TYPE_ITEM, UNKNOWN


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactorView(_View):
    """One heightened-risk factor answered yes."""

    ref: str = Field(description="`srp-context.<factor>`.")
    prompt: str = Field(description="The question, in the wording in force.")
    comment: str | None = Field(description="The practitioner's comment (free text).")


class StalkingView(_View):
    """Stalking triage and context: FOUR, the type of stalking, heightened-risk factors."""

    indicated: bool = Field(description="True when stalking is indicated (any source).")
    four: str | None = Field(description="The FOUR finding in words, when FOUR was asked.")
    type: str | None = Field(description="Type id (`rejected`, …, `unknown`), if asked.")
    type_label: str | None = Field(description="The type in words.")
    factors: tuple[FactorView, ...] = Field(description="Heightened-risk factors present.")
    factors_total: int = Field(description="How many factors were screened (normally 8).")
    red_flag_notes: tuple[str, ...] = Field(
        description="Notes that qualify a red flag without removing it (SC-TYPE)."
    )


class IncidentView(_View):
    """One incident of the log (all text is free text)."""

    date: str = Field(description="ISO date.")
    time: str | None = Field(description="HH:MM, if recorded.")
    what: str = Field(description="What happened.")
    where: str | None = Field(description="Where.")
    who_saw: str | None = Field(description="Who saw it.")
    how_it_felt: str | None = Field(description="How it felt.")
    evidence_kept: str | None = Field(description="Evidence kept.")
    reported_to_police: str | None = Field(description="`yes`, `no`, `unknown` or none.")


class WeekView(_View):
    """Incidents in one week (weeks start on Monday)."""

    week_of: str = Field(description="The Monday, ISO.")
    count: int = Field(description="Incidents that week.")


class IncidentLogView(_View):
    """The attached incident log as a timeline, with incidents per week."""

    kept_by: str | None = Field(description="Who keeps the log (free text).")
    entries: tuple[IncidentView, ...] = Field(description="Every incident, in date order.")
    weeks: tuple[WeekView, ...] = Field(description="Incidents per week, gaps included.")
    chart_svg: str = Field(
        description="The incidents-per-week chart as inline SVG built by stalkscreen (all "
        "text escaped; HTML templates print it with `|safe`)."
    )
    in_window: int | None = Field(description="Incidents in the 12 months before assessment.")
    reported_in_window: int | None = Field(description="Of those, marked reported to police.")
    filled_incidents: bool = Field(
        description="True when the police-reported count was derived from the log (SC-LOG)."
    )


def stalking_view(
    answers: AnswerSet, screening: Screening, library: Library
) -> StalkingView | None:
    """The stalking section, when FOUR or srp-context was asked."""
    has_four = "four" in answers.responses
    if not has_four and CONTEXT not in answers.responses:
        return None
    four = next((e for e in screening.evidence if e.rule == "SC-FOUR"), None)
    label = None
    kind = screening.stalking_type
    definition = library.definitions.get(CONTEXT)
    if kind is not None and kind != UNKNOWN and definition is not None:
        item = definition.item(TYPE_ITEM)
        detail = next((d for d in item.details if d.id == TYPE_DETAIL), None) if item else None
        choice = next((c for c in detail.choices if c.id == kind), None) if detail else None
        label = choice.label if choice else kind
    elif kind == UNKNOWN:
        label = gettext("Unknown: not enough is known to tell the type")
    factors = []
    for factor in screening.heightened_risk_factors:
        response = answers.answer(CONTEXT, factor)
        item = definition.item(factor) if definition else None
        factors.append(
            FactorView(
                ref=f"{CONTEXT}.{factor}",
                prompt=item.prompt if item else factor,
                comment=response.comment if response else None,
            )
        )
    total = sum(1 for i in definition.items if i.counted) if definition else 0
    return StalkingView(
        indicated=screening.stalking_indicated,
        four=f"{localize(four.summary)} ({effect_words(four.effect)})" if four else None,
        type=kind,
        type_label=label,
        factors=tuple(factors),
        factors_total=total if CONTEXT in answers.responses else 0,
        red_flag_notes=tuple(map(localize, screening.red_flag_notes)),
    )


def incident_log_view(answers: AnswerSet, screening: Screening) -> IncidentLogView | None:
    """The incident-log section, when a log is attached."""
    log = answers.incident_log
    if log is None:
        return None
    weeks = per_week(log.entries)
    summary = screening.incident_log
    assessed = answers.case.assessed_date
    return IncidentLogView(
        kept_by=log.kept_by,
        entries=tuple(
            IncidentView(
                date=e.date.isoformat(),
                time=e.time,
                what=e.what,
                where=e.where,
                who_saw=e.who_saw,
                how_it_felt=e.how_it_felt,
                evidence_kept=e.evidence_kept,
                reported_to_police=e.reported_to_police,
            )
            for e in log.entries
        ),
        weeks=tuple(WeekView(week_of=d.isoformat(), count=c) for d, c in weeks),
        chart_svg=str(weekly_chart(weeks)),
        in_window=len(in_window(log, assessed)) if assessed else None,
        reported_in_window=summary.reported_in_window if summary else None,
        filled_incidents=bool(summary and summary.filled_incidents),
    )
