"""The MARAC form checklist: what the screening provides towards each need of the form."""

from __future__ import annotations

from stalkscreen.about import level_words
from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.report.advice import Advice
from stalkscreen.report.items import ANSWER_WORDS, detail_views, relationship_words
from stalkscreen.report.outcome import REASON_LABELS
from stalkscreen.report.views import ChecklistEntry, ContextView, InstrumentView, ItemView
from stalkscreen.scoring import Screening


class ReportContextParts(ContextView):
    """Intermediate values the checklist needs (not shown to templates)."""

    assessed_on: str | None
    checklists: tuple[InstrumentView, ...]
    children_items: tuple[ItemView, ...]


def marac_checklist(
    answers: AnswerSet,
    screening: Screening,
    context: ReportContextParts,
    advice: Advice,
    library: Library,
) -> list[ChecklistEntry]:
    case = answers.case
    level = level_words(screening.risk_level, screening.level_basis)[0] + " risk"
    dash = next((i for i in context.checklists if i.band is not None), None)
    if dash is not None:
        level += f"; {dash.short_title} {dash.yes} of {dash.total} yes"
    entries = [
        ChecklistEntry(
            label="Case reference, date, practitioner and agency",
            status="provided" if case.practitioner and case.agency else "partly",
            value="; ".join(
                v
                for v in (case.reference, context.assessed_on, case.practitioner, case.agency)
                if v
            ),
        ),
        ChecklistEntry(label="Risk level and checklist count", status="provided", value=level),
        ChecklistEntry(
            label="Reasons for referral, with the evidence behind each",
            status="provided",
            value=", ".join(REASON_LABELS[r] for r in screening.marac_reasons) or "none met",
        ),
        ChecklistEntry(
            label="Relationship to the person causing harm",
            status="provided" if case.relationship else "needed",
            value=relationship_words(answers),
        ),
    ]
    for need in advice.marac_needs:
        value = _known_for(need.source, answers, context, library)
        entries.append(
            ChecklistEntry(label=need.label, status="partly" if value else "needed", value=value)
        )
    return entries


def _known_for(
    source: str | None, answers: AnswerSet, parts: ReportContextParts, library: Library
) -> str | None:
    """What the screening recorded towards one MARAC form need (partial at best)."""
    if source is None:
        return None
    if source.startswith("context."):
        key = source.removeprefix("context.")
        recorded = answers.context.get(key)
        extra = ""
        if key == "children" and parts.children_items:
            extra = "; yes to " + ", ".join(i.ref for i in parts.children_items)
        return (
            f"screening recorded {key.replace('_', ' ')}: {recorded}{extra}" if recorded else None
        )
    instrument, _, item_id = source.partition(".")
    response = answers.answer(instrument, item_id)
    if response is None:
        return None
    bits = [f"{source} answered {ANSWER_WORDS[response.answer].lower()}"]
    if response.details:
        definition = library.questionnaire(instrument).definition
        for detail in detail_views(definition, item_id, response, joiner=", "):
            bits.append(f"{detail.label} {detail.value}")
    if response.comment:
        bits.append("see the comment under the yes items")
    return "; ".join(bits)
