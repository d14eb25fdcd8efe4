"""The one documented context every referral-summary template sees.

:func:`build_context` turns a screening (the answers, the scoring result, the
definitions and the area profile) into a :class:`ReportContext`. Templates
never reach past it: everything a summary shows is a field here, and every
field carries a description (a test checks it). Free text is kept as typed;
making it inert is the template's job (autoescape in HTML, ``md`` in Markdown).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.about import (
    ATTRIBUTION,
    EVIDENCE_CAVEATS,
    NOT_OFFICIAL,
    NOT_PREDICTION,
    level_label,
    level_words,
)
from stalkscreen.answers import AnswerSet, Response
from stalkscreen.compare import Comparison
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level, Profile, Questionnaire
from stalkscreen.report.advice import Advice
from stalkscreen.report.evidence import EvidenceView, evidence_views
from stalkscreen.report.extras import (
    IncidentLogView,
    StalkingView,
    incident_log_view,
    stalking_view,
)
from stalkscreen.report.probation import BehavioursView, ProbationView, with_issue_16_parts
from stalkscreen.report.routes import (
    NOT_DOMESTIC_NOTE,
    RouteView,
    SafetyLine,
    not_domestic,
    safety_view,
    select_routes,
)
from stalkscreen.resources import bundled_dir
from stalkscreen.scoring import Screening
from stalkscreen.scoring.result import InstrumentResult
from stalkscreen.version import __version__

REASON_LABELS = {
    "band": "Count band",
    "visible-high-risk": "Visible high risk",
    "potential-escalation": "Potential escalation",
    "professional-judgement": "Professional judgement",
    "repeat-marac": "Repeat referral",
    "srp-red-flag": "Red flag",
    "honour-based-violence": "Honour-based violence",
    "stalking-indicated": "Stalking indicated",
    "stalking-not-indicated": "Stalking triage",
    "stalking-type": "Type of stalking",
    "heightened-risk": "Heightened-risk factors",
    "incident-log": "Incident log",
}
SOURCE_LABELS = {
    "band": "count band",
    "red_flags": "red flags",
    "professional_judgement": "professional judgement",
}
RELATIONSHIP_WORDS = {
    "partner": "partner",
    "ex-partner": "ex-partner",
    "family": "family member",
    "acquaintance": "acquaintance",
    "colleague": "colleague",
    "stranger": "stranger",
    "professional": "professional",
    "other": "other",
}
PJ_PROMPT = (
    "If, in your professional judgement, the risk is high, record that judgement with your "
    "rationale: a professional judgement of high is itself a MARAC referral criterion, and "
    "the case should then be referred."
)
ANSWER_WORDS = {"yes": "Yes", "no": "No", "unknown": "Don't know"}


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseView(_View):
    """The case details, as recorded in the answer file."""

    reference: str = Field(description="Case reference (free text: escape it).")
    assessed_on: str | None = Field(description="Date of the assessment, ISO, or none.")
    practitioner: str | None = Field(description="Who carried out the screening (free text).")
    agency: str | None = Field(description="The practitioner's agency (free text).")
    relationship: str | None = Field(
        description="The victim's relationship to the person they fear, in words."
    )
    incidents_last_12_months: int | None = Field(
        description="Police-reported domestic-abuse incidents in the 12 months before."
    )
    crimes_last_12_months: int | None = Field(description="Crimes in the 12 months before.")
    last_marac_on: str | None = Field(description="Date of the last MARAC referral, ISO.")
    draft: bool = Field(description="True when the screening is still in progress.")


class ProfileView(_View):
    """The area profile the screening was scored against."""

    id: str = Field(description="Profile id.")
    name: str = Field(description="Human name of the profile.")
    description: str = Field(description="What makes this profile different.")


class DetailView(_View):
    """One extra detail recorded with an answer."""

    label: str = Field(description="The detail's question.")
    value: str = Field(description="The recorded value, choices given by their labels.")


class ItemView(_View):
    """One answered item, with its question, comment and source."""

    ref: str = Field(description="`instrument.item`, e.g. `dash.q18`.")
    instrument: str = Field(description="Instrument id.")
    instrument_title: str = Field(description="Short title of the instrument.")
    item: str = Field(description="Item id.")
    number: int | None = Field(description="The official form's item number, if any.")
    prompt: str = Field(description="The question in the wording in force.")
    answer: str = Field(description="`yes`, `no` or `unknown`.")
    answer_text: str = Field(description="The answer in words (`Don't know` for unknown).")
    comment: str | None = Field(description="The practitioner's comment (free text).")
    source: str | None = Field(description="Where the answer came from (free text).")
    details: tuple[DetailView, ...] = Field(description="Extra details recorded with it.")


class InstrumentView(_View):
    """One instrument used: identity, wording, counts and the items behind them."""

    id: str = Field(description="Instrument id.")
    title: str = Field(description="Full title, in the project's own words.")
    short_title: str = Field(description="Short title for tables.")
    kind: str = Field(description="`checklist` (yes answers counted) or `red-flags`.")
    stamp: str = Field(description="Version and content hash of the definition used.")
    wording: str = Field(description="`bundled` or the name of the wording overlay in force.")
    label: str = Field(description="The 'aide-memoire, not the official form' label.")
    attribution: str = Field(description="Who the instrument is by; no endorsement claimed.")
    yes: int = Field(description="Items answered yes (only yes counts).")
    no: int = Field(description="Items answered no.")
    unknown: int = Field(description="Items answered don't know.")
    not_asked: int = Field(description="Items that applied but were not asked.")
    total: int = Field(description="Items that applied to this screening.")
    band: Level | None = Field(description="The profile band of the yes-count, if graded.")
    yes_items: tuple[ItemView, ...] = Field(description="The items answered yes.")
    unknown_items: tuple[ItemView, ...] = Field(description="The items answered don't know.")
    not_asked_items: tuple[str, ...] = Field(description="`instrument.item` not asked.")


class ReasonView(_View):
    """One rule that fired, with what it did and the evidence behind it."""

    rule: str = Field(description="Rule id, e.g. SC-VHR.")
    code: str = Field(description="Reason code, e.g. `visible-high-risk`, or `band`.")
    label: str = Field(description="The reason in words.")
    effect: str = Field(description="What the rule did: a level, a referral, urgency.")
    summary: str = Field(description="Plain-words account with counts and thresholds.")
    items: tuple[str, ...] = Field(description="`instrument.item` or case fields behind it.")
    evidence: tuple[EvidenceView, ...] = Field(
        description="The same, in words: the item's number and question, or the field."
    )


class LevelSourceView(_View):
    """One candidate SC-LEVEL takes the highest of."""

    source: str = Field(description="Which source, in words.")
    level: Level = Field(description="The level it gives.")


class PromptView(_View):
    """A judgement prompt that fired: for the practitioner to weigh, never scored."""

    id: str = Field(description="Prompt code.")
    text: str = Field(description="What to consider, in the project's own words.")


class MaracGapView(_View):
    """Why a high level carries no MARAC referral, and what the practitioner can do about it."""

    level_reason: str = Field(description="What made the level high, in a sentence.")
    criteria: tuple[str, ...] = Field(
        description="Each MARAC criterion of the area profile and why it is not met."
    )
    prompt: str = Field(
        description="The reminder that judging the risk high records a MARAC referral."
    )


class OutcomeView(_View):
    """The outcome, shown first: level, MARAC decision, urgency, prompts, gaps."""

    risk_level: Level = Field(description="`standard`, `medium` or `high`.")
    risk_level_text: str = Field(
        description="SC-JUDGE: the level as it must be read: `High` once judged or raised by a "
        "red flag, `by count: MEDIUM (not yet judged)` from the count alone, `Not graded`; "
        "with ` · incomplete` when items were not asked."
    )
    judged: bool = Field(description="SC-JUDGE: a professional judgement is recorded.")
    level_basis_code: str = Field(
        description="`judged`, `red-flag`, `count` or `not-graded` (the score's `level_basis`)."
    )
    headline: str = Field(
        description="The outcome in one line (level, MARAC, urgency), for page margins."
    )
    level_meaning: str = Field(
        description="What the level means (a judged or red-flag level), or why a level from "
        "the count alone is not yet a grading."
    )
    level_sources: tuple[LevelSourceView, ...] = Field(
        description="The graded sources the level is the highest of."
    )
    level_basis: str = Field(
        description="What set the level, in plain words, e.g. 'the count of yes answers "
        "(high band)'; sources that give a lower level are mentioned after it."
    )
    marac_referral: bool = Field(description="True when any MARAC criterion holds.")
    marac_note: str | None = Field(
        description="SC-ROUTE: why there is no MARAC referral outside domestic abuse, or none."
    )
    marac_gap: MaracGapView | None = Field(
        description="Only when the level is high and no MARAC criterion holds: why, "
        "criterion by criterion, and the professional-judgement prompt."
    )
    reasons: tuple[ReasonView, ...] = Field(
        description="Every rule that fired, including the count band, in rule order."
    )
    urgent: bool = Field(description="True when a red flag is present.")
    prompts: tuple[PromptView, ...] = Field(description="Judgement prompts that fired.")
    complete: bool = Field(description="False when items that applied were not asked.")
    incomplete: tuple[str, ...] = Field(description="Why the screening is incomplete.")
    warnings: tuple[str, ...] = Field(description="Scoring warnings, as codes with text.")
    stalking_indicated: bool = Field(description="True when stalking is indicated.")
    children_involved: bool = Field(description="True when children or dependants are involved.")


class SDashView(_View):
    """The S-DASH result: k of 11 with the items, never a band unless a profile sets one."""

    yes: int = Field(description="Items answered yes (k).")
    total: int = Field(description="Items that applied (normally 11).")
    band: Level | None = Field(description="A band, only where the area profile defines one.")
    items: tuple[ItemView, ...] = Field(description="The items answered yes.")


class JudgementView(_View):
    """The practitioner's professional judgement (SC-PJ)."""

    level: Level | None = Field(description="The level judged, if one was given.")
    rationale: str | None = Field(description="The written rationale (free text).")


class AdviceView(_View):
    """One piece of advice to give the victim, one thing not to advise, or a practitioner task."""

    title: str = Field(description="The advice in a few words.")
    text: str = Field(description="The advice in full, in the project's own words.")


class ChecklistEntry(_View):
    """One line of the MARAC prefill checklist."""

    label: str = Field(description="What the referral form asks for.")
    status: Literal["provided", "partly", "needed"] = Field(
        description="`provided` by the screening, `partly` provided, or still `needed`."
    )
    value: str | None = Field(description="What the screening recorded for it, if anything.")


class ReportContext(_View):
    """Everything a referral summary shows. Templates see these fields as variables."""

    marking: str = Field(description="Protective marking for the top, bottom and every page.")
    generated_at: str = Field(description="When the summary was generated, ISO 8601 UTC.")
    generated_at_text: str = Field(description="The same time in words, e.g. 20 November 2026.")
    tool: str = Field(description="The tool and its version that produced the summary.")
    not_prediction: str = Field(description="The 'risk identification, not prediction' note.")
    not_official: str = Field(description="The 'not the official form' note.")
    caveats: tuple[str, ...] = Field(description="What the evidence says about these tools.")
    attribution: tuple[str, ...] = Field(description="Who the instruments are by.")
    case: CaseView = Field(description="The case details.")
    profile: ProfileView = Field(description="The area profile used.")
    outcome: OutcomeView = Field(description="The outcome, shown first.")
    instruments: tuple[InstrumentView, ...] = Field(
        description="Every instrument in the screening, in form order, with its items."
    )
    checklists: tuple[InstrumentView, ...] = Field(
        description="The instruments whose yes answers are counted (not the red flags)."
    )
    follow_up: tuple[ItemView, ...] = Field(description="Items answered don't know.")
    not_asked: tuple[str, ...] = Field(description="`instrument.item` that applied, not asked.")
    not_asked_evidence: tuple[EvidenceView, ...] = Field(
        description="The items not asked, in words: the item's number and question."
    )
    s_dash: SDashView | None = Field(description="The S-DASH result, when it was asked.")
    red_flags: tuple[ItemView, ...] = Field(description="Red flags answered yes.")
    red_flags_asked: bool = Field(description="True when the red flags were screened.")
    judgement: JudgementView | None = Field(description="Professional judgement, if recorded.")
    routes: tuple[RouteView, ...] = Field(
        description="Recommended actions and routes from the profile that apply (SC-ROUTE)."
    )
    safety: dict[str, str | None] = Field(
        description="What the victim said about their safety, by key: `safe_to_talk`, "
        "`safe_contact`, `messages_safe`, `other_party_whereabouts`, `children_whereabouts` "
        "(none where not recorded). Free text: escape it."
    )
    safety_lines: tuple[SafetyLine, ...] = Field(
        description="The same answers as labelled lines, in that order, recorded ones only."
    )
    messages_not_safe: str | None = Field(
        description="The warning to show prominently when messages are not safe, else none."
    )
    advice_give: tuple[AdviceView, ...] = Field(description="Advice to give the victim.")
    advice_avoid: tuple[AdviceView, ...] = Field(description="What not to advise.")
    advice_practitioner: tuple[AdviceView, ...] = Field(
        description="Tasks for the practitioner (record the victim's view, refer before "
        "parting), shown apart from the advice to give."
    )
    marac_checklist: tuple[ChecklistEntry, ...] = Field(
        description="MARAC prefill: what the screening provides and what the form still needs."
    )
    stalking: StalkingView | None = Field(
        default=None, description="FOUR, type of stalking and heightened-risk factors, if asked."
    )
    incident_log: IncidentLogView | None = Field(
        default=None, description="The attached incident log, as a timeline, if any."
    )
    change: Comparison | None = Field(
        default=None,
        description="What changed since the previous screening (`report --previous FILE`).",
    )
    probation: ProbationView | None = Field(
        default=None,
        description="A probation screening of the person who stalks (`purpose: probation`): "
        "urgency, SRP domains, formulation and the practice advice; it then renders with "
        "`probation.md.j2` / `probation.html.j2`. None for a victim screening.",
    )
    behaviours: BehavioursView | None = Field(
        default=None,
        description="The behaviours recorded (never scored) and the advice that fits them; "
        "None when the behaviours checklist was not asked.",
    )


# --------------------------------------------------------------------------- building


_PLURAL = re.compile(r"\b(\d+)(\D{0,60}?)\b([A-Za-z]+)\(s\)")


def plural_words(text: str) -> str:
    """``1 answer(s)`` → ``1 answer``, ``3 answer(s)`` → ``3 answers``.

    The scoring engine writes counts as ``answer(s)``; the nearest number before
    each ``(s)`` decides, and one with no number before it reads as plural.
    """

    def fix(match: re.Match[str]) -> str:
        number, between, word = match.groups()
        return f"{number}{between}{word}{'' if int(number) == 1 else 's'}"

    return _PLURAL.sub(fix, text).replace("(s)", "s")


def _counted(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _detail_views(
    definition: Questionnaire, item_id: str, response: Response, joiner: str = "; "
) -> list[DetailView]:
    item = definition.item(item_id)
    if item is None or not response.details:
        return []
    views = []
    for detail in item.details:
        value = response.details.get(detail.id)
        if value is None:
            continue
        if isinstance(value, list):
            labels = {c.id: c.label for c in detail.choices}
            text = joiner.join(labels.get(v, v) for v in value)
        else:
            text = ANSWER_WORDS.get(value, value) if detail.kind == "yes-no" else value
        views.append(DetailView(label=detail.prompt, value=text))
    return views


def _item_view(answers: AnswerSet, definition: Questionnaire, item_id: str) -> ItemView:
    response = answers.answer(definition.id, item_id)
    item = definition.item(item_id)
    if response is None or item is None:  # not reachable for scored items
        raise KeyError(f"{definition.id}.{item_id}")
    return ItemView(
        ref=f"{definition.id}.{item_id}",
        instrument=definition.id,
        instrument_title=definition.short_title,
        item=item_id,
        number=item.number,
        prompt=item.prompt,
        answer=response.answer,
        answer_text=ANSWER_WORDS[response.answer],
        comment=response.comment,
        source=response.source,
        details=tuple(_detail_views(definition, item_id, response)),
    )


def _relationship(answers: AnswerSet) -> str | None:
    value = answers.case.relationship
    return RELATIONSHIP_WORDS.get(value, value.replace("-", " ")) if value else None


def _checklist(
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
            value=_relationship(answers),
        ),
    ]
    for need in advice.marac_needs:
        value = _known_for(need.source, answers, context, library)
        entries.append(
            ChecklistEntry(label=need.label, status="partly" if value else "needed", value=value)
        )
    return entries


class ReportContextParts(_View):
    """Intermediate values the checklist needs (not shown to templates)."""

    assessed_on: str | None
    checklists: tuple[InstrumentView, ...]
    children_items: tuple[ItemView, ...]


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
        for detail in _detail_views(definition, item_id, response, joiner=", "):
            bits.append(f"{detail.label} {detail.value}")
    if response.comment:
        bits.append("see the comment under the yes items")
    return "; ".join(bits)


def _source_phrase(key: str, level: Level, screening: Screening) -> str:
    if key == "band":
        return f"the count of yes answers ({level} band)"
    if key == "red_flags":
        return "a red flag" if len(screening.red_flags) == 1 else "red flags"
    if key == "professional_judgement":
        return f"professional judgement ({level})"
    return f"{key.replace('_', ' ')} ({level})"


def _level_basis(screening: Screening) -> str:
    """What set the level, in plain words, with any lower source after it."""
    level = screening.risk_level
    sources = [(k, v) for k, v in screening.level_sources.items() if v is not None]
    top = [k for k, v in sources if v == level]
    if not top:
        return "nothing graded (no count band, red flag or professional judgement), so standard"
    text = " and ".join(_source_phrase(k, level, screening) for k in top)
    for key, other in sources:
        if other == level:
            continue
        if key == "professional_judgement":
            text += f"; professional judgement of {other} is lower, and judgement never lowers it"
        elif key == "band":
            text += f"; the count of yes answers alone gives {other}"
        else:
            text += f"; {_source_phrase(key, other, screening)} alone gives {other}"
    return text


def _level_reason(screening: Screening, profile: Profile) -> str:
    clauses = []
    for key, level in screening.level_sources.items():
        if level != "high":
            continue
        if key == "band":
            clauses.append(
                "the count of yes answers is in the high band, below the "
                f"{profile.marac.visible_high_risk} this profile needs for a MARAC referral"
            )
        elif key == "red_flags":
            clauses.append(
                ("a red flag was" if len(screening.red_flags) == 1 else "red flags were")
                + " answered yes: red flags make the "
                "screening urgent and raise the level, but are not a MARAC criterion on their own"
            )
        else:
            clauses.append("of the " + _source_phrase(key, level, screening))
    return "The level is high because " + ("; and ".join(clauses) or "of the answers") + "."


def _marac_gap(
    answers: AnswerSet, screening: Screening, profile: Profile, library: Library
) -> MaracGapView | None:
    """Why a high level has no MARAC referral, criterion by criterion (None otherwise).

    None too outside domestic abuse (SC-ROUTE): there the stalking routes apply instead.
    """
    if screening.risk_level != "high" or screening.marac_referral or not_domestic(screening):
        return None
    rules = profile.marac
    case = answers.case
    criteria = []
    graded: list[InstrumentResult] = [
        r
        for r in screening.instruments.values()
        if library.questionnaire(r.instrument).definition.band_scale == "dash"
    ]
    threshold = (
        f"this profile refers at {rules.visible_high_risk} or more yes answers on the DASH or RIC"
    )
    if graded:
        best = max(graded, key=lambda r: r.yes)
        criteria.append(
            f"Visible high risk: {threshold}; this screening has "
            f"{_counted(best.yes, 'yes answer')} on the {best.title}."
        )
    else:
        criteria.append(f"Visible high risk: {threshold}, and neither checklist is recorded.")
    wanted, recorded = [], []
    incidents = case.incidents_last_12_months
    log = screening.incident_log
    if incidents is None and log is not None and log.filled_incidents:
        incidents = log.reported_in_window
    if rules.escalation.incidents is not None:
        wanted.append(f"{rules.escalation.incidents} or more police-reported incidents")
        recorded.append(
            "no count of police-reported incidents is recorded"
            if incidents is None
            else f"{_counted(incidents, 'police-reported incident')} recorded"
        )
    if rules.escalation.crimes is not None:
        wanted.append(f"{rules.escalation.crimes} or more crimes")
        crimes = case.crimes_last_12_months
        recorded.append(
            "no count of crimes is recorded"
            if crimes is None
            else f"{_counted(crimes, 'crime')} recorded"
        )
    if wanted:
        criteria.append(
            f"Escalation: this profile refers at {' or '.join(wanted)} in the 12 months before "
            f"the assessment; {' and '.join(recorded)}."
        )
    if case.last_marac_on is None:
        criteria.append("Repeat referral: no earlier MARAC referral is recorded.")
    elif any(w.startswith("repeat-") for w in screening.warnings):
        criteria.append("Repeat referral: it could not be checked; see the warnings.")
    else:
        criteria.append(
            f"Repeat referral: the last MARAC referral, on {case.last_marac_on.isoformat()}, "
            f"is more than {rules.repeat_window_months} months before this assessment."
        )
    hbv = any(p.id == "honour-based-violence" for p in screening.prompts)
    if rules.honour_based_violence:
        criteria.append(
            "Honour-based violence: this profile refers a suspected concern automatically, "
            "and none is recorded."
        )
    elif hbv:
        criteria.append(
            "Honour-based violence: a concern is recorded, but this profile does not refer it "
            "automatically."
        )
    return MaracGapView(
        level_reason=_level_reason(screening, profile),
        criteria=tuple(criteria),
        prompt=PJ_PROMPT,
    )


def _time_text(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


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
                yes_items=tuple(_item_view(answers, definition, i) for i in result.yes_items),
                unknown_items=tuple(
                    _item_view(answers, definition, i) for i in result.unknown_items
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
    level_meaning = level_words(screening.risk_level, screening.level_basis)[1]
    level_text = level_label(screening.risk_level, screening.level_basis, screening.complete)
    outcome = OutcomeView(
        risk_level=screening.risk_level,
        risk_level_text=level_text,
        judged=screening.judged,
        level_basis_code=screening.level_basis,
        headline=f"Risk level: {level_text} · MARAC referral: "
        f"{'yes' if screening.marac_referral else 'no'}"
        + (" · URGENT red flag" if screening.urgent else ""),
        level_meaning=level_meaning,
        level_sources=tuple(
            LevelSourceView(source=SOURCE_LABELS.get(k, k.replace("_", " ")), level=v)
            for k, v in screening.level_sources.items()
            if v is not None
        ),
        level_basis=_level_basis(screening),
        marac_referral=screening.marac_referral,
        marac_note=NOT_DOMESTIC_NOTE if not_domestic(screening) else None,
        marac_gap=_marac_gap(answers, screening, profile, library),
        reasons=tuple(
            ReasonView(
                rule=e.rule,
                code=e.code,
                label=REASON_LABELS.get(e.code, e.code),
                effect=e.effect,
                summary=plural_words(e.summary),
                items=e.items,
                evidence=evidence_views(e.items, library),
            )
            for e in screening.evidence
        ),
        urgent=screening.urgent,
        prompts=tuple(PromptView(id=p.id, text=p.text) for p in screening.prompts),
        complete=screening.complete,
        incomplete=tuple(plural_words(i) for i in screening.incomplete),
        warnings=tuple(plural_words(w) for w in screening.warnings),
        stalking_indicated=screening.stalking_indicated,
        children_involved=screening.children_involved,
    )
    safety = safety_view(screening)
    context = ReportContext(
        marking=marking or profile.marking,
        generated_at=moment.isoformat().replace("+00:00", "Z"),
        generated_at_text=_time_text(moment),
        tool=f"stalkscreen {__version__}",
        not_prediction=NOT_PREDICTION,
        not_official=NOT_OFFICIAL,
        caveats=EVIDENCE_CAVEATS,
        attribution=ATTRIBUTION,
        case=CaseView(
            reference=case.reference,
            assessed_on=assessed,
            practitioner=case.practitioner,
            agency=case.agency,
            relationship=_relationship(answers),
            incidents_last_12_months=case.incidents_last_12_months,
            crimes_last_12_months=case.crimes_last_12_months,
            last_marac_on=case.last_marac_on.isoformat() if case.last_marac_on else None,
            draft=answers.status != "completed",
        ),
        profile=ProfileView(id=profile.id, name=profile.name, description=profile.description),
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
        advice_give=tuple(AdviceView(title=a.title, text=a.text) for a in advice.give),
        advice_avoid=tuple(AdviceView(title=a.title, text=a.text) for a in advice.avoid),
        advice_practitioner=tuple(
            AdviceView(title=a.title, text=a.text) for a in advice.practitioner
        ),
        marac_checklist=tuple(_checklist(answers, screening, parts, advice, library)),
        stalking=stalking_view(answers, screening, library),
        incident_log=incident_log_view(answers, screening),
        change=change,
    )
    incident = next((n.label for n in advice.marac_needs if n.id == "incident-summary"), None)
    search = search_path or (bundled_dir("reports"),)
    return with_issue_16_parts(context, answers, screening, library, search, incident)
