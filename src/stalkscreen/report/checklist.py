"""The MARAC form checklist: what the screening provides towards each need of the form."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from stalkscreen.about import REASON_LABELS, level_words
from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.i18n import N_, gettext
from stalkscreen.report.advice import Advice
from stalkscreen.report.items import answer_words, detail_views, relationship_words
from stalkscreen.report.shared import interned, shared
from stalkscreen.report.views import ChecklistEntry, InstrumentView, ItemView
from stalkscreen.scoring import Screening


class ReportContextParts(NamedTuple):
    """Intermediate values the checklist needs (not shown to templates; a tuple, not a
    view, as nothing here needs validating again)."""

    assessed_on: str | None
    checklists: tuple[InstrumentView, ...]
    children_items: tuple[ItemView, ...]


CONTEXT_WORDS = {
    "safe_contact": N_("safe contact"),
    "messages_safe": N_("messages safe"),
    "safe_to_talk": N_("safe to talk"),
    "other_party_whereabouts": N_("other party whereabouts"),
    "children": N_("children"),
    "children_whereabouts": N_("children whereabouts"),
}
"""The screening's context answers a MARAC form need can come from, in words."""


def marac_checklist(
    answers: AnswerSet,
    screening: Screening,
    context: ReportContextParts,
    advice: Advice,
    library: Library,
) -> list[ChecklistEntry]:
    case = answers.case
    level = gettext("%(level)s risk") % {
        "level": level_words(screening.risk_level, screening.level_basis)[0]
    }
    dash = next((i for i in context.checklists if i.band is not None), None)
    if dash is not None:
        level += "; " + gettext("%(instrument)s %(yes)s of %(total)s yes") % {
            "instrument": dash.short_title,
            "yes": dash.yes,
            "total": dash.total,
        }
    entries = [
        ChecklistEntry(
            label=gettext("Case reference, date, practitioner and agency"),
            status="provided" if case.practitioner and case.agency else "partly",
            value="; ".join(
                v
                for v in (case.reference, context.assessed_on, case.practitioner, case.agency)
                if v
            ),
        ),
        interned(
            ChecklistEntry,
            label=gettext("Risk level and checklist count"),
            status="provided",
            value=level,
        ),
        interned(
            ChecklistEntry,
            label=gettext("Reasons for referral, with the evidence behind each"),
            status="provided",
            value=", ".join(gettext(REASON_LABELS[r]) for r in screening.marac_reasons)
            or gettext("none met"),
        ),
        ChecklistEntry(
            label=gettext("Relationship to the person causing harm"),
            status="provided" if case.relationship else "needed",
            value=relationship_words(answers),
        ),
    ]
    for need in advice.marac_needs:
        value = _known_for(need.source, answers, context, library)
        if value:  # may quote what was typed
            entries.append(ChecklistEntry(label=need.label, status="partly", value=value))
        else:
            entries.append(shared(need, ("needed", value), partial(_needed, need.label, value)))
    return entries


def _needed(label: str, value: str | None) -> ChecklistEntry:
    return ChecklistEntry(label=label, status="needed", value=value)


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
            extra = "; " + gettext("yes to %(items)s") % {
                "items": ", ".join(i.ref for i in parts.children_items)
            }
        if not recorded:
            return None
        words = {"yes": gettext("yes"), "no": gettext("no"), "unknown": gettext("not known")}
        return (
            gettext("screening recorded %(what)s: %(value)s")
            % {
                "what": gettext(CONTEXT_WORDS.get(key, key.replace("_", " "))),
                "value": words.get(recorded, recorded),
            }
            + extra
        )
    instrument, _, item_id = source.partition(".")
    response = answers.answer(instrument, item_id)
    if response is None:
        return None
    bits = [
        gettext("%(item)s answered %(answer)s")
        % {"item": source, "answer": answer_words(response.answer).lower()}
    ]
    if response.details:
        definition = library.questionnaire(instrument).definition
        for detail in detail_views(definition, item_id, response, joiner=", "):
            bits.append(f"{detail.label} {detail.value}")
    if response.comment:
        bits.append(gettext("see the comment under the yes items"))
    return "; ".join(bits)
