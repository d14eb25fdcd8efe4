"""The scoring rules of the domain brief (§6), each with its rule id.

Every function here is pure: the same answers, definitions and profile always
give the same :class:`Screening`. Each rule that fires adds an
:class:`Evidence` entry naming the rule, what it did and the items behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import attrgetter

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level, level_rank
from stalkscreen.definitions.profiles import Profile
from stalkscreen.definitions.words import rule_texts
from stalkscreen.i18n import gettext, later
from stalkscreen.scoring.completeness import completeness
from stalkscreen.scoring.counting import band_for as band_for
from stalkscreen.scoring.counting import count_instrument
from stalkscreen.scoring.plan import InstrumentPlan, Layout, plan_for
from stalkscreen.scoring.probation import (
    BEHAVIOURS,
    PROBATION,
    behaviours,
    probation_findings,
)
from stalkscreen.scoring.referral import (
    DOMESTIC,
    NOT_DOMESTIC,
    escalation,
    hbv_items,
    honour_based_violence,
    not_domestic,
    repeat,
    visible_high_risk,
)
from stalkscreen.scoring.result import (
    Evidence,
    InstrumentResult,
    LevelBasis,
    PromptHit,
    Screening,
    trusted,
    trusted_from,
)
from stalkscreen.scoring.stalking import StalkingFindings, log_findings, stalking_findings
from stalkscreen.scoring.work import REASON_ORDER as REASON_ORDER
from stalkscreen.scoring.work import Work, higher
from stalkscreen.scoring.work import level_message as _level

_ID = attrgetter("id")


def _prompts(
    layout: Layout, counts: Mapping[str, InstrumentResult], answers: AnswerSet, work: Work
) -> list[PromptHit]:
    """SC-PROMPTS: judgement prompts of every instrument present in the screening."""
    hits: list[PromptHit] = []
    responses = answers.responses
    for plan in layout.present:
        yes = -1  # the items answered yes, as a mask (see plan.Prompt), when needed
        for all_of, any_of, when, hit, missing in plan.prompts:
            if when is None:  # the prompt asks only for some of these items answered yes
                if yes < 0:
                    bits = plan.bits
                    yes = sum([bits[i] for i in counts[plan.id].yes_items])
                    # a yes that does not count (SC-COUNT) is still a yes for the prompts
                    yes |= sum([bits[i] for i in work.discounted.get(plan.id, ())])
                if yes & all_of != all_of or (any_of and not yes & any_of):
                    continue
            elif not when(answers):
                continue
            hits.append(hit if missing is None or missing[0] in responses else missing[1])
    if not layout.shared_prompts:
        return hits
    # two instruments share a prompt (the police DASH and the RIC): the first hit is kept
    seen: set[str] = set()
    first: list[PromptHit] = []
    for hit in hits:
        if hit.id not in seen:
            seen.add(hit.id)
            first.append(hit)
    return first


def _red_flags(
    plans: tuple[InstrumentPlan, ...],
    counts: Mapping[str, InstrumentResult],
    answers: AnswerSet,
    profile: Profile,
    work: Work,
) -> tuple[list[str], Level | None]:
    """SC-RF: any red flag → urgent; raise to high unless the profile switches the raise off."""
    flags: list[str] = []
    items: list[str] = []
    for plan in plans:  # the red-flag instruments
        if not plan.uncounted_items:  # every item is counted: the flags are the yes items
            yes = counts[plan.id].yes_items
            if yes:
                qualified = plan.qualified
                flags += yes
                items += [qualified[i] for i in yes]
            continue
        given = answers.responses.get(plan.id)
        if not given:
            continue
        for item_id in plan.all_items:
            response = given.get(item_id)
            if response is not None and response.answer == "yes":
                flags.append(item_id)
                items.append(plan.qualified[item_id])
    if not flags:
        return flags, None
    raise_ = profile.red_flags.raise_to_high
    work.level_reasons.add("srp-red-flag")
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-RF",
            code="srp-red-flag",
            effect="urgent; level high" if raise_ else "urgent (profile does not raise the level)",
            summary=later.ngettext(
                "%(count)s red flag present: %(flags)s. Any one may mean a high risk of imminent "
                "violence; further assessment or monitoring is needed",
                "%(count)s red flags present: %(flags)s. Any one may mean a high risk of imminent "
                "violence; further assessment or monitoring is needed",
                len(flags),
                count=len(flags),
                flags=tuple(flags),
            ),
            items=tuple(items),
        )
    )
    return flags, ("high" if raise_ else None)


def _professional_judgement(answers: AnswerSet, computed: Level | None, work: Work) -> Level | None:
    """SC-PJ: judgement raises (never lowers) the level; judged high → MARAC."""
    pj = answers.professional_judgement
    if pj is None or pj.level is None:
        return None
    if computed is not None and level_rank(pj.level) < level_rank(computed):
        work.warnings.append(
            later.gettext(
                "judgement-below-level: professional judgement of %(judged)s is below the "
                "%(computed)s level the answers give; judgement can raise a level, never lower "
                "it",
                judged=_level(pj.level),
                computed=_level(computed),
            )
        )
        return pj.level
    raised = computed is None or level_rank(pj.level) > level_rank(computed)
    effects = []
    if raised:
        work.level_reasons.add("professional-judgement")
        effects.append(f"level {pj.level}")
    if pj.level == "high":
        work.refer("professional-judgement")
        # outside domestic abuse SC-ROUTE withdraws the referral and says why
        if answers.case.relationship not in NOT_DOMESTIC:
            effects.append("MARAC referral")
    if not effects:
        effects.append(f"level {pj.level} confirmed")
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-PJ",
            code="professional-judgement",
            effect="; ".join(effects),
            summary=(
                later.gettext(
                    "the practitioner judged the risk %(judged)s (the answers alone give "
                    "%(computed)s); the written rationale is recorded",
                    judged=_level(pj.level),
                    computed=_level(computed),
                )
                if computed and raised
                else later.gettext(
                    "the practitioner judged the risk %(judged)s (confirming the level the "
                    "answers give); the written rationale is recorded",
                    judged=_level(pj.level),
                )
                if computed
                else later.gettext(
                    "the practitioner judged the risk %(judged)s; the written rationale is "
                    "recorded",
                    judged=_level(pj.level),
                )
            ),
            items=("professional_judgement",),
        )
    )
    return pj.level


_NO_FINDINGS = StalkingFindings()
"""What the stalking rules find without their instruments (read only, never changed)."""


SAFETY_KEYS = (
    "safe_to_talk",
    "safe_contact",
    "messages_safe",
    "other_party_whereabouts",
    "children_whereabouts",
)
"""What the victim said about their safety, in the order outputs show it."""


def score(answers: AnswerSet, library: Library, profile: Profile) -> Screening:
    """Score one screening (SC-LEVEL combines the rules; see the rule functions)."""
    plan = plan_for(library, profile)
    responses = answers.responses
    layout = plan.layouts.get(tuple(responses)) or plan.layout(responses)
    work = Work()

    grading = plan.grading
    counts: dict[str, InstrumentResult] = {}
    follow_up: list[str] = []
    band_level: Level | None = None
    for p in layout.present:
        result = count_instrument(p, grading[p.id], responses[p.id], answers, profile, work)
        counts[p.id] = result
        if result.unknown_items:
            qualified = p.qualified
            follow_up += [qualified[i] for i in result.unknown_items]
        if result.band is not None:
            band_level = higher(band_level, result.band)
    graded = [counts[p.id] for p in layout.graded]
    if len(graded) > 1:
        work.warnings.append(
            later.gettext(
                "two-dash-forms: the screening holds both the police DASH and the RIC; each is "
                "counted and the higher band is used"
            )
        )
    probation = answers.purpose == PROBATION
    if not graded and responses and not probation:  # SC-PURPOSE: no DASH is expected
        work.warnings.append(
            later.gettext(
                "no-dash: no DASH or RIC checklist is recorded, so there is no DASH count band; "
                "the level rests on red flags and professional judgement only"
            )
            if band_level is None
            else later.gettext(
                "no-dash: no DASH or RIC checklist is recorded, so there is no DASH count band; "
                "the level comes from the area profile's band for another instrument"
            )
        )
    case = answers.case
    if graded and case.incidents_last_12_months is None and case.crimes_last_12_months is None:
        work.warnings.append(
            later.gettext(
                "escalation-unchecked: police-reported incidents in the last 12 months are not "
                "recorded, so potential escalation (SC-ESC) could not be checked"
            )
        )
    for item in hbv_items(layout, answers, None) if graded else ():
        work.warnings.append(
            later.gettext(
                "hbv-concern-unrecorded: %(item)s is yes but whether there is an "
                "honour-based-violence concern is not recorded; ask and record it",
                item=item,
            )
        )
    rule_hits: list[PromptHit] = []
    if graded:
        visible_high_risk(layout.graded, counts, profile, work, rule_hits, rule_texts(library))
    log = log_findings(answers, profile) if answers.incident_log is not None else None
    if log is not None:  # SC-LOG: may fill the police-reported count
        work.evidence.extend(log.evidence)
        work.warnings.extend(log.warnings)
    escalation(answers if log is None else log.answers, profile, work)
    if case.last_marac_on is not None:
        repeat(answers, profile, work)
    flags, flag_level = _red_flags(layout.red_flags, counts, answers, profile, work)
    # SC-FOUR, SC-TYPE, SC-HRF: only a stalking triage or the SRP context gives findings
    found = stalking_findings(layout.present, answers, flags) if layout.stalking else _NO_FINDINGS
    work.evidence.extend(found.evidence)
    hits = _prompts(layout, counts, answers, work)
    if log is not None:
        hits.extend(log.prompts)
    if profile.marac.honour_based_violence:
        honour_based_violence(hits, layout, answers, profile, work)
    computed = higher(band_level, flag_level)
    pj_level = (
        None
        if answers.professional_judgement is None
        else _professional_judgement(answers, computed, work)
    )
    pj_effective = (
        pj_level
        if pj_level is not None
        and (computed is None or level_rank(pj_level) >= level_rank(computed))
        else None
    )
    graded_level = higher(computed, pj_effective)
    level: Level = graded_level or "standard"
    judged = pj_effective is not None
    texts = rule_texts(library)
    if not judged and not probation:  # SC-JUDGE (probation: the SRP domains are the judgement)
        calling = [h.id for h in hits if h.id in texts.judgement_required_by]
        if flags:
            calling.append(gettext("red flags"))  # in the prompt's language, as its text
        if calling:
            hits.append(
                trusted(
                    PromptHit,
                    id="judgement-required",
                    instrument="",
                    text=texts.text("judgement-required", prompts=", ".join(calling)),
                )
            )
    hits.extend(rule_hits)
    relationship = case.relationship
    if work.marac and relationship in NOT_DOMESTIC:  # SC-ROUTE: MARAC is for domestic abuse
        not_domestic(relationship, work)
    elif work.marac and relationship in (None, "unknown", "other") and not probation:
        work.warnings.append(
            later.gettext(
                "marac-relationship-unknown: MARAC is for domestic abuse (a partner, ex-partner "
                "or family member); the relationship is not recorded, and it decides whether "
                "this referral goes to MARAC or to the stalking services"
            )
        )
    domains = probation_findings(answers) if probation else None
    if domains is not None:  # SC-PURPOSE: the SRP domains are the judgement; no MARAC prompts
        work.evidence.extend(domains.evidence)
        work.incomplete.extend(domains.incomplete)
    elif graded_level is None:
        hits.append(
            trusted(
                PromptHit, id="record-judgement", instrument="", text=texts.text("record-judgement")
            )
        )
    elif level == "high" and not work.marac and relationship not in NOT_DOMESTIC:
        hits.append(
            trusted(
                PromptHit,
                id="high-without-marac",
                instrument="",
                text=texts.text(
                    "high-without-marac",
                    profile=profile.id,
                    threshold=profile.marac.visible_high_risk,
                ),
            )
        )
    if judged:
        basis: LevelBasis = "judged"
    elif graded_level is None:
        basis = "not-graded"
    elif flag_level is not None and flag_level == level:
        basis = "red-flag"
    else:
        basis = "count"

    prompt_ids = tuple(map(_ID, hits))
    missing = completeness(layout, counts, answers, profile, prompt_ids, work)
    s_dash_yes = counts["s-dash"].yes if "s-dash" in counts else 0
    pj = answers.professional_judgement
    assessed = case.assessed_on
    level_reasons = work.level_reasons
    marac_reasons = work.marac_reasons
    reasons = level_reasons | marac_reasons
    context = answers.context
    return trusted_from(
        Screening,
        {
            "reference": case.reference,
            "assessed_on": assessed.isoformat() if assessed is not None else None,
            "profile": profile.id,
            "status": answers.status,
            "risk_level": level,
            "level_sources": {
                "band": band_level,
                "red_flags": flag_level,
                "professional_judgement": pj_level,
            },
            "graded": graded_level is not None,
            "judged": judged,
            "level_basis": basis,
            "marac_referral": work.marac,
            "reasons": tuple([r for r in REASON_ORDER if r in reasons]) if reasons else (),
            "level_reasons": tuple([r for r in REASON_ORDER if r in level_reasons])
            if level_reasons
            else (),
            "marac_reasons": tuple([r for r in REASON_ORDER if r in marac_reasons])
            if marac_reasons
            else (),
            "urgent": bool(flags),
            "complete": not work.incomplete,
            "instruments": counts,
            "red_flags": tuple(flags),
            "judgement_prompts": prompt_ids,
            "prompts": tuple(hits),
            "follow_up": tuple(follow_up),
            "not_asked": missing,
            "incomplete": tuple(work.incomplete),
            "evidence": tuple(work.evidence),
            "warnings": tuple(work.warnings),
            "professional_judgement": pj.level if pj else None,
            "professional_judgement_rationale": pj.rationale if pj else None,
            "stalking_indicated": "stalking" in prompt_ids
            or s_dash_yes > 0
            or found.four_indicated,
            "children_involved": "children" in prompt_ids or context.get("children") == "yes",
            "relationship": relationship,
            "domestic_abuse": relationship in DOMESTIC
            or (bool(graded) and relationship not in NOT_DOMESTIC),
            "stalking_type": found.stalking_type,
            "heightened_risk_factors": found.heightened_risk_factors,
            "red_flag_notes": found.red_flag_notes,
            "incident_log": None if log is None else log.summary,
            "purpose": answers.purpose,
            "srp_domains": None if domains is None else domains.domains,
            "behaviours": behaviours(answers, plan.by_id[BEHAVIOURS].qualified)
            if BEHAVIOURS in responses and BEHAVIOURS in plan.by_id
            else (),
            "safety": {k: context[k] for k in SAFETY_KEYS if k in context} if context else {},
        },
    )
