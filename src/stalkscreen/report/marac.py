"""The MARAC referral form (issue 19.1): what `report FILE --form marac` fills in.

A MARAC coordinator wants the referral itself, in one or two pages, in the order the
form asks: referrer; victim and safe contact; the person causing harm; children; the risk
with the criteria met and the evidence in words; the practitioner's judgement; consent;
the latest incident and the history; what the referral asks for. :func:`build_marac_form`
takes what the screening knows from the summary's own context (so both say the same) and
leaves every other field ``None``. The templates (``reports/marac.*.j2``) hold the labels
and draw a visible, labelled blank wherever a value is ``None``: nothing is invented.
Fields the answer file has no place for at all (names, dates of birth, addresses, consent,
the lawful basis for sharing, the incident narrative) are not in this model; the templates
always draw them blank.

MARAC is for domestic abuse (SC-ROUTE). For a screening that is not (stranger, acquaintance,
colleague or professional stalking; or a probation screening of the person who stalks)
:func:`refuse_if_not_marac` raises :class:`NotAMaracCase` (exit 3) naming why and the routes
the case belongs to, rather than printing a form marked "not a MARAC case": a referral form
that exists gets sent, and the coordinator would have to turn it away; the summary
(`stalkscreen report FILE`) already carries the routes that do apply.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.about import REASON_LABELS
from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Reports
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.profiles import Profile
from stalkscreen.errors import InvalidInputError
from stalkscreen.i18n import gettext, localize
from stalkscreen.report.evidence import EvidenceView, evidence_view
from stalkscreen.report.extras import IncidentView
from stalkscreen.report.items import answer_words
from stalkscreen.report.routes import not_domestic, select_routes
from stalkscreen.report.views import (
    DetailView,
    ItemView,
    JudgementView,
    ProfileView,
    ReportContext,
)
from stalkscreen.scoring import Screening

MARAC_CRITERIA: tuple[tuple[str, str], ...] = (
    ("visible-high-risk", "SC-VHR"),
    ("potential-escalation", "SC-ESC"),
    ("repeat-marac", "SC-REPEAT"),
    ("professional-judgement", "SC-PJ"),
    ("honour-based-violence", "SC-HBV"),
)
"""The MARAC criteria, in the order the form lists them, with the rule that proves each."""
CHILD_SECTIONS = frozenset({"pregnancy", "children"})
"""DASH sections whose answers the form's children section shows (RIC items by equivalence)."""
EVIDENCE_KINDS = frozenset({"checklist", "red-flags"})
"""Instruments whose yes answers are the risk identified (records such as the behaviours
checklist are never scored, and stay in the summary)."""


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerLine(_View):
    """One answer in words: where it is on the form, the question, the answer, the comment."""

    evidence: EvidenceView = Field(description="The item named in words (number and question).")
    answer_text: str = Field(description="The answer in words (`Yes`, `No`, `Don't know`).")
    comment: str | None = Field(description="The practitioner's comment (free text: escape it).")
    source: str | None = Field(description="Where the answer came from (free text).")
    details: tuple[DetailView, ...] = Field(description="Extra details recorded with it.")


class EvidenceGroup(_View):
    """The yes answers of one instrument, as the evidence of the risk identified."""

    instrument: str = Field(description="Instrument id.")
    title: str = Field(description="The instrument's short title.")
    yes: int = Field(description="Items answered yes.")
    total: int = Field(description="Items that applied.")
    items: tuple[AnswerLine, ...] = Field(description="The items answered yes, in words.")


class CriterionView(_View):
    """One MARAC referral criterion of the area profile: met or not, and on what."""

    code: str = Field(description="Reason code, e.g. `visible-high-risk`.")
    rule: str = Field(description="Rule id, e.g. SC-VHR.")
    label: str = Field(description="The criterion in words.")
    met: bool = Field(description="True when this screening meets it.")
    summary: str | None = Field(
        description="How it is met, in words, with the counts, dates and thresholds behind it."
    )
    answers_below: int = Field(
        description="How many of the yes answers in the evidence table it rests on."
    )


class RiskView(_View):
    """The risk identified: level, MARAC criteria, and the evidence in words."""

    level_text: str = Field(description="The level as it must be read (SC-JUDGE).")
    level_basis: str = Field(description="What set the level, in words.")
    marac_referral: bool = Field(description="True when a MARAC criterion is met.")
    criteria: tuple[CriterionView, ...] = Field(description="Every criterion of the profile.")
    urgent: bool = Field(description="True when a red flag is present.")
    evidence: tuple[EvidenceGroup, ...] = Field(
        description="The yes answers of every instrument screened, in words."
    )
    unknown: tuple[EvidenceView, ...] = Field(
        description="Items answered don't know (to follow up), in words."
    )
    incomplete: tuple[str, ...] = Field(description="Why the screening is incomplete.")


class VictimView(_View):
    """The victim's safety as recorded at the screening (`context`); None: not recorded."""

    safe_to_talk: str | None = Field(description="Whether it was safe to talk (`yes`, …).")
    safe_contact: str | None = Field(description="A safe way to make contact (free text).")
    messages_safe: str | None = Field(
        description="Whether messages are safe (`yes`, `no`, `not known`)."
    )
    messages_not_safe: str | None = Field(description="The warning when messages are not safe.")


class HarmView(_View):
    """The person causing harm, as far as the screening knows."""

    relationship: str | None = Field(description="Their relationship to the victim, in words.")
    whereabouts: str | None = Field(description="Where they are now (free text).")


class ChildrenView(_View):
    """Children and other dependants, as far as the screening knows."""

    in_household: str | None = Field(
        description="The children gate as recorded (`yes`, `no`, …; `context.children`)."
    )
    whereabouts: str | None = Field(description="Where the children are now (free text).")
    answers: tuple[AnswerLine, ...] = Field(
        description="The pregnancy and children items answered, in words, whatever the answer."
    )
    services_recommended: bool = Field(
        description="True when children are involved, so children's services apply whatever "
        "the MARAC decision (SC-ROUTE)."
    )


class HistoryView(_View):
    """The latest incident and the history, as far as the screening knows."""

    incidents_last_12_months: int | None = Field(
        description="Police-reported incidents in the 12 months before (none: not recorded)."
    )
    crimes_last_12_months: int | None = Field(description="Crimes in the 12 months before.")
    last_marac_on: str | None = Field(description="Date of the last MARAC referral, ISO.")
    log_in_window: int | None = Field(
        description="Incidents in the attached log in the 12 months before the assessment."
    )
    latest: IncidentView | None = Field(
        description="The latest incident of the attached log (free text: escape it), if any."
    )


class MaracForm(_View):
    """Everything the MARAC referral form shows. Templates see these fields as variables."""

    marking: str = Field(description="Protective marking for the top, bottom and every page.")
    generated_at: str = Field(description="When the form was generated, ISO 8601 UTC.")
    generated_at_text: str = Field(description="The same time in words.")
    tool: str = Field(description="The tool and its version.")
    not_prediction: str = Field(description="The 'risk identification, not prediction' note.")
    not_official: str = Field(description="The 'not the official form' note.")
    reference: str = Field(description="Case reference (free text: escape it).")
    assessed_on: str | None = Field(description="Date of the screening, ISO.")
    draft: bool = Field(description="True when the screening is still in progress.")
    profile: ProfileView = Field(description="The area profile used.")
    practitioner: str | None = Field(description="Who screened (the referrer), free text.")
    agency: str | None = Field(description="The referrer's agency, free text.")
    victim: VictimView = Field(description="The victim's safe contact and messages.")
    harm: HarmView = Field(description="The person causing harm.")
    children: ChildrenView = Field(description="Children and other dependants.")
    risk: RiskView = Field(description="The risk identified, the criteria and the evidence.")
    judgement: JudgementView | None = Field(description="Professional judgement, if recorded.")
    history: HistoryView = Field(description="The latest incident and the history.")
    services: tuple[str, ...] = Field(
        description="The other services the profile recommends for this case (names), for "
        "the 'what the referral asks for' section. Left out: the MARAC route itself, and the "
        "routes for every (domestic-abuse) screening: the helplines and 999."
    )


# --------------------------------------------------------------------------- refusal


class NotAMaracCase(InvalidInputError):
    """`--form marac` for a screening MARAC is not for (exit 3): the file is valid, but its
    own content (`purpose`, `case.relationship`) says the case belongs elsewhere."""


def refuse_if_not_marac(
    screening: Screening, profile: Profile, source: str = "the screening"
) -> None:
    """SC-ROUTE: raise :class:`NotAMaracCase` unless MARAC can take this case."""
    if screening.purpose == "probation":
        entry, place, values = Reports.NOT_MARAC_PROBATION, "purpose", {}
    elif not_domestic(screening):
        entry, place = Reports.NOT_MARAC_RELATIONSHIP, "case.relationship"
        values = {"relationship": screening.relationship}
    else:
        return
    routes = [
        r for r in select_routes(profile, screening) if r.id not in _universal_routes(profile)
    ]
    names = ", ".join(r.name for r in routes) or None
    raise NotAMaracCase.of(entry, source, place, routes=names, place=place, **values)


def _not_asked_of_marac(applies: tuple[str, ...], any_of: tuple[str, ...]) -> bool:
    """The MARAC route itself, and routes for every (domestic-abuse) screening such as the
    helplines and 999: given to the victim, not something to ask the MARAC for."""
    return applies == ("marac",) or (not any_of and set(applies) <= {"always", "domestic-abuse"})


def _universal_routes(profile: Profile) -> frozenset[str]:
    """Routes for every victim screening (999, the silent solution): not 'where it belongs'."""
    return frozenset(
        r.id
        for r in profile.routes
        if r.applies == ("always",) and not r.any_of and "victim" in r.purposes
    )


# --------------------------------------------------------------------------- building


def _answer_line(item: ItemView, library: Library) -> AnswerLine:
    return AnswerLine(
        evidence=evidence_view(item.ref, library),
        answer_text=item.answer_text,
        comment=item.comment,
        source=item.source,
        details=item.details,
    )


def _child_items(answers: AnswerSet, context: ReportContext, library: Library) -> list[str]:
    """`instrument.item` of the pregnancy and children items that were answered."""
    police = library.questionnaires.get("dash")
    refs = []
    for inst in context.checklists:
        definition = library.questionnaire(inst.id).definition
        if definition.band_scale != "dash":
            continue
        for item in definition.items:
            section = item.section
            if item.equivalent and police is not None:
                twin = police.definition.item(item.equivalent.partition(".")[2])
                section = twin.section if twin is not None else section
            if section in CHILD_SECTIONS and answers.answer(inst.id, item.id) is not None:
                refs.append(f"{inst.id}.{item.id}")
    return refs


def _item_views(context: ReportContext) -> dict[str, ItemView]:
    views: dict[str, ItemView] = {}
    for inst in context.instruments:
        for view in (*inst.yes_items, *inst.unknown_items):
            views[view.ref] = view
    return views


def _no_item_view(answers: AnswerSet, ref: str, library: Library) -> AnswerLine:
    """An item answered no, which the summary's context does not keep as an ItemView."""
    instrument, _, item_id = ref.partition(".")
    response = answers.answer(instrument, item_id)
    if response is None:  # not reachable: only answered items are asked for
        raise KeyError(ref)
    return AnswerLine(
        evidence=evidence_view(ref, library),
        answer_text=answer_words(response.answer),
        comment=response.comment,
        source=response.source,
        details=(),
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _criteria(
    screening: Screening, profile: Profile, context: ReportContext
) -> tuple[CriterionView, ...]:
    """Every MARAC criterion the profile uses, met or not; met ones with what they rest on."""
    reasons = {r.code: r for r in context.outcome.reasons}
    in_table = {i.ref for inst in context.instruments for i in inst.yes_items}
    rules = profile.marac
    escalation = rules.escalation.incidents is not None or rules.escalation.crimes is not None
    out = []
    for code, rule in MARAC_CRITERIA:
        if code == "potential-escalation" and not escalation:
            continue
        if code == "honour-based-violence" and not rules.honour_based_violence:
            continue
        reason = reasons.get(code) if code in screening.marac_reasons else None
        refs = reason.items if reason else ()
        out.append(
            CriterionView(
                code=code,
                rule=rule,
                label=gettext(REASON_LABELS[code]),
                met=reason is not None,
                summary=_sentence(localize(reason.summary)) if reason else None,
                answers_below=sum(1 for r in refs if r in in_table),
            )
        )
    return tuple(out)


def _evidence(context: ReportContext, library: Library) -> tuple[EvidenceGroup, ...]:
    return tuple(
        EvidenceGroup(
            instrument=inst.id,
            title=inst.short_title,
            yes=inst.yes,
            total=inst.total,
            items=tuple(_answer_line(i, library) for i in inst.yes_items),
        )
        for inst in context.instruments
        if inst.kind in EVIDENCE_KINDS
    )


def build_marac_form(
    context: ReportContext,
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    profile: Profile,
) -> MaracForm:
    """The MARAC referral form of a screening MARAC can take (call
    :func:`refuse_if_not_marac` first), from the summary's own ``context``."""
    safety = context.safety
    words = {"yes": "yes", "no": "no", "unknown": "not known"}
    views = _item_views(context)
    children = [
        _answer_line(views[ref], library) if ref in views else _no_item_view(answers, ref, library)
        for ref in _child_items(answers, context, library)
    ]
    log = context.incident_log
    routes = select_routes(profile, screening)
    left_out = {r.id for r in profile.routes if _not_asked_of_marac(r.applies, r.any_of)}
    return MaracForm(
        marking=context.marking,
        generated_at=context.generated_at,
        generated_at_text=context.generated_at_text,
        tool=context.tool,
        not_prediction=context.not_prediction,
        not_official=context.not_official,
        reference=context.case.reference,
        assessed_on=context.case.assessed_on,
        draft=context.case.draft,
        profile=context.profile,
        practitioner=context.case.practitioner,
        agency=context.case.agency,
        victim=VictimView(
            safe_to_talk=words.get(safety["safe_to_talk"] or "", safety["safe_to_talk"]),
            safe_contact=safety["safe_contact"],
            messages_safe=words.get(safety["messages_safe"] or "", safety["messages_safe"]),
            messages_not_safe=context.messages_not_safe,
        ),
        harm=HarmView(
            relationship=context.case.relationship,
            whereabouts=safety["other_party_whereabouts"],
        ),
        children=ChildrenView(
            in_household=answers.context.get("children"),
            whereabouts=safety["children_whereabouts"],
            answers=tuple(children),
            services_recommended=screening.children_involved,
        ),
        risk=RiskView(
            level_text=context.outcome.risk_level_text,
            level_basis=context.outcome.level_basis,
            marac_referral=screening.marac_referral,
            criteria=_criteria(screening, profile, context),
            urgent=screening.urgent,
            evidence=_evidence(context, library),
            unknown=tuple(evidence_view(v.ref, library) for v in context.follow_up),
            incomplete=context.outcome.incomplete,
        ),
        judgement=context.judgement if context.judgement and context.judgement.level else None,
        history=HistoryView(
            incidents_last_12_months=context.case.incidents_last_12_months,
            crimes_last_12_months=context.case.crimes_last_12_months,
            last_marac_on=context.case.last_marac_on,
            log_in_window=log.in_window if log else None,
            latest=log.entries[-1] if log and log.entries else None,
        ),
        services=tuple(r.name for r in routes if r.id not in left_out),
    )
