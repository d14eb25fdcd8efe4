"""The documented report context: every view a referral-summary template sees.

Every field carries a description (a test checks it);
:func:`~stalkscreen.report.context.build_context` fills them. Free text is kept as typed;
making it inert is the template's job.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.compare import Comparison
from stalkscreen.definitions.models import Level
from stalkscreen.report.evidence import EvidenceView
from stalkscreen.report.extras import IncidentLogView, StalkingView
from stalkscreen.report.probation import BehavioursView, ProbationView
from stalkscreen.report.routes import RouteView, SafetyLine


class ContextView(BaseModel):
    """The base of every view: frozen, no fields beyond those documented."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseView(ContextView):
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


class ProfileView(ContextView):
    """The area profile the screening was scored against."""

    id: str = Field(description="Profile id.")
    name: str = Field(description="Human name of the profile.")
    description: str = Field(description="What makes this profile different.")


class DetailView(ContextView):
    """One extra detail recorded with an answer."""

    label: str = Field(description="The detail's question.")
    value: str = Field(description="The recorded value, choices given by their labels.")


class ItemView(ContextView):
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


class InstrumentView(ContextView):
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


class ReasonView(ContextView):
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


class LevelSourceView(ContextView):
    """One candidate SC-LEVEL takes the highest of."""

    source: str = Field(description="Which source, in words.")
    level: Level = Field(description="The level it gives.")


class PromptView(ContextView):
    """A judgement prompt that fired: for the practitioner to weigh, never scored."""

    id: str = Field(description="Prompt code.")
    text: str = Field(description="What to consider, in the project's own words.")


class MaracGapView(ContextView):
    """Why a high level carries no MARAC referral, and what the practitioner can do about it."""

    level_reason: str = Field(description="What made the level high, in a sentence.")
    criteria: tuple[str, ...] = Field(
        description="Each MARAC criterion of the area profile and why it is not met."
    )
    prompt: str = Field(
        description="The reminder that judging the risk high records a MARAC referral."
    )


class OutcomeView(ContextView):
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


class SDashView(ContextView):
    """The S-DASH result: k of 11 with the items, never a band unless a profile sets one."""

    yes: int = Field(description="Items answered yes (k).")
    total: int = Field(description="Items that applied (normally 11).")
    band: Level | None = Field(description="A band, only where the area profile defines one.")
    items: tuple[ItemView, ...] = Field(description="The items answered yes.")


class JudgementView(ContextView):
    """The practitioner's professional judgement (SC-PJ)."""

    level: Level | None = Field(description="The level judged, if one was given.")
    rationale: str | None = Field(description="The written rationale (free text).")


class AdviceView(ContextView):
    """One piece of advice to give the victim, one thing not to advise, or a practitioner task."""

    title: str = Field(description="The advice in a few words.")
    text: str = Field(description="The advice in full, in the project's own words.")


class ChecklistEntry(ContextView):
    """One line of the MARAC prefill checklist."""

    label: str = Field(description="What the referral form asks for.")
    status: Literal["provided", "partly", "needed"] = Field(
        description="`provided` by the screening, `partly` provided, or still `needed`."
    )
    value: str | None = Field(description="What the screening recorded for it, if anything.")


class ReportContext(ContextView):
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
