"""The one documented context every referral-summary template sees.

:func:`build_context` turns a screening (the answers, the scoring result, the
definitions and the area profile) into a :class:`ReportContext`. Templates
never reach past it: everything a summary shows is a field here, and every
field carries a description (a test checks it). Free text is kept as typed;
making it inert is the template's job (autoescape in HTML, ``md`` in Markdown).

The views themselves are in :mod:`.views`; the outcome in words (the level, what set
it, the reasons, a missing referral) is built by :mod:`.outcome`, the answered items by
:mod:`.items` and the MARAC form checklist by :mod:`.checklist`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from stalkscreen.answers import AnswerSet
from stalkscreen.compare import Comparison
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.profiles import Profile
from stalkscreen.definitions.words import about_texts
from stalkscreen.report.advice import Advice
from stalkscreen.report.checklist import ReportContextParts, marac_checklist
from stalkscreen.report.evidence import evidence_views
from stalkscreen.report.extras import incident_log_view, stalking_view
from stalkscreen.report.items import item_view, relationship_words
from stalkscreen.report.outcome import outcome_view
from stalkscreen.report.probation import behaviours_view, incident_summary, probation_view
from stalkscreen.report.routes import safety_view, select_routes
from stalkscreen.report.shared import interned, shared
from stalkscreen.report.views import (
    AdviceView,
    CaseView,
    InstrumentView,
    JudgementView,
    ProfileView,
    ReportContext,
    SDashView,
)
from stalkscreen.resources import bundled_dir
from stalkscreen.scoring import Screening
from stalkscreen.version import __version__


def _time_text(moment: datetime) -> str:
    from stalkscreen.i18n import current

    return _time_words(moment, current())


@lru_cache(maxsize=64)
def _time_words(moment: datetime, language: str) -> str:
    """The time in words in ``language`` (the one in force): a batch gives every summary
    the same time, and naming the month each time was 5 of a summary's 280 µs."""
    from stalkscreen.i18n import time_text

    return time_text(moment)  # the month named in the language in force


def _advice_views(advice: Advice) -> tuple[tuple[AdviceView, ...], ...]:
    """The advice to give, to avoid and the practitioner's tasks, as views."""
    return tuple(
        tuple(AdviceView(title=a.title, text=a.text) for a in items)
        for items in (advice.give, advice.avoid, advice.practitioner)
    )


def build_context(
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    profile: Profile,
    *,
    advice: Advice,
    marking: str | None = None,
    generated_at: datetime | None = None,
    change: Comparison | None = None,
    search_path: Sequence[Path] = (),
) -> ReportContext:
    """The :class:`ReportContext` of one scored screening (``search_path``: where the
    probation and behaviour advice files are looked for; default the bundled ``reports/``)."""
    moment = (generated_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    instruments: list[InstrumentView] = []
    for inst_id, result in screening.instruments.items():
        loaded = library.questionnaire(inst_id)
        definition = loaded.definition
        instruments.append(
            InstrumentView(
                id=inst_id,
                title=definition.title,
                short_title=definition.short_title,
                kind=definition.kind,
                stamp=result.stamp,
                wording=result.wording,
                label=definition.label,
                attribution=definition.attribution,
                yes=result.yes,
                no=result.no,
                unknown=result.unknown,
                not_asked=result.not_asked,
                total=result.total,
                band=result.band,
                yes_items=tuple(item_view(answers, definition, i) for i in result.yes_items),
                unknown_items=tuple(
                    item_view(answers, definition, i) for i in result.unknown_items
                ),
                not_asked_items=tuple(f"{inst_id}.{i}" for i in result.not_asked_items),
            )
        )
    checklists = tuple(i for i in instruments if i.kind == "checklist")
    flags = tuple(v for i in instruments if i.kind == "red-flags" for v in i.yes_items)
    s_dash = next((i for i in instruments if i.id == "s-dash"), None)
    case = answers.case
    assessed = case.assessed_date.isoformat() if case.assessed_date else None
    children_items = tuple(
        v
        for i in checklists
        if i.id in ("dash",)
        for v in i.yes_items
        if v.number is not None and 9 <= v.number <= 12
    )
    parts = ReportContextParts(
        assessed_on=assessed, checklists=checklists, children_items=children_items
    )
    pj = answers.professional_judgement
    outcome = outcome_view(answers, screening, profile, library)
    safety = safety_view(screening)
    texts = about_texts(library)  # in the library's language (issue 20.2)
    give, avoid, practitioner = shared(advice, "advice", lambda: _advice_views(advice))
    context = ReportContext(
        marking=marking or profile.marking,
        generated_at=moment.isoformat().replace("+00:00", "Z"),
        generated_at_text=_time_text(moment),
        tool=f"stalkscreen {__version__}",
        not_prediction=texts.not_prediction,
        not_official=texts.not_official,
        caveats=texts.evidence_caveats,
        attribution=texts.attribution,
        case=CaseView(
            reference=case.reference,
            assessed_on=assessed,
            practitioner=case.practitioner,
            agency=case.agency,
            relationship=relationship_words(answers),
            incidents_last_12_months=case.incidents_last_12_months,
            crimes_last_12_months=case.crimes_last_12_months,
            last_marac_on=case.last_marac_on.isoformat() if case.last_marac_on else None,
            draft=answers.status != "completed",
        ),
        profile=interned(
            ProfileView, id=profile.id, name=profile.name, description=profile.description
        ),
        outcome=outcome,
        instruments=tuple(instruments),
        checklists=checklists,
        follow_up=tuple(v for i in instruments for v in i.unknown_items),
        not_asked=screening.not_asked,
        not_asked_evidence=evidence_views(screening.not_asked, library),
        s_dash=(
            SDashView(yes=s_dash.yes, total=s_dash.total, band=s_dash.band, items=s_dash.yes_items)
            if s_dash
            else None
        ),
        red_flags=flags,
        red_flags_asked=any(i.kind == "red-flags" for i in instruments),
        judgement=JudgementView(level=pj.level, rationale=pj.rationale) if pj else None,
        routes=tuple(select_routes(profile, screening)),
        safety=safety.recorded,
        safety_lines=safety.lines,
        messages_not_safe=safety.messages_not_safe,
        advice_give=give,
        advice_avoid=avoid,
        advice_practitioner=practitioner,
        marac_checklist=tuple(marac_checklist(answers, screening, parts, advice, library)),
        stalking=stalking_view(answers, screening, library),
        incident_log=incident_log_view(answers, screening),
        change=change,
    )
    incident = next((n.label for n in advice.marac_needs if n.id == "incident-summary"), None)
    search = search_path or (bundled_dir("reports"),)
    return with_issue_16_parts(context, answers, screening, library, search, incident)


def with_issue_16_parts(
    context: ReportContext,
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    directories: Sequence[Path],
    incident_label: str | None = None,
) -> ReportContext:
    """``context`` with the probation section, the behaviours, and what they add to the MARAC
    checklist line labelled ``incident_label`` (the advice file's `incident-summary` need)."""
    probation = probation_view(answers, screening, library, directories)
    behaviours = behaviours_view(answers, screening, library, directories)
    if probation is None and behaviours is None:
        return context
    checklist = context.marac_checklist
    summary = incident_summary(behaviours)
    if summary is not None and incident_label is not None:
        checklist = tuple(
            entry.model_copy(
                update={
                    "status": "partly",
                    "value": f"{entry.value}; {summary}" if entry.value else summary,
                }
            )
            if entry.label == incident_label
            else entry
            for entry in checklist
        )
    return context.model_copy(
        update={"probation": probation, "behaviours": behaviours, "marac_checklist": checklist}
    )
