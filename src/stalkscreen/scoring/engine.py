"""The scoring rules of the domain brief (§6), each with its rule id.

Every function here is pure: the same answers, definitions and profile always
give the same :class:`Screening`. Each rule that fires adds an
:class:`Evidence` entry naming the rule, what it did and the items behind it.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import LEVELS, Band, Level, Profile, level_rank
from stalkscreen.scoring.plan import Grading, InstrumentPlan, ScoringPlan, plan_for
from stalkscreen.scoring.result import Evidence, InstrumentResult, PromptHit, Screening, trusted
from stalkscreen.scoring.stalking import log_findings, stalking_findings

_NO_ITEMS: dict[str, Any] = {}

REASON_ORDER = (
    "visible-high-risk",
    "potential-escalation",
    "professional-judgement",
    "repeat-marac",
    "srp-red-flag",
    "honour-based-violence",
)


def band_for(count: int, bands: tuple[Band, ...]) -> Level:
    """SC-BAND: the band whose range holds ``count``."""
    for band in bands:
        if count >= band.min and (band.max is None or count <= band.max):
            return band.level
    return bands[-1].level  # unreachable for validated tables


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months (the 31st falls back to the month's end)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_RANK: dict[Level, int] = {level: level_rank(level) for level in LEVELS}


def _plural(n: int, noun: str) -> str:
    """``1 red flag``, ``3 red flags``: a count with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _highest(levels: list[Level | None]) -> Level | None:
    present: list[Level] = [lv for lv in levels if lv is not None]
    if not present:
        return None
    best: Level = max(present, key=_RANK.__getitem__)
    return best


@dataclass
class _Work:
    """What the rules accumulate while scoring one screening."""

    evidence: list[Evidence] = field(default_factory=list)
    reasons: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    marac: bool = False

    def refer(self, code: str) -> None:
        self.reasons.add(code)
        self.marac = True


def _count(
    plan: InstrumentPlan, grading: Grading | None, answers: AnswerSet, profile: Profile, work: _Work
) -> InstrumentResult:
    """SC-COUNT and SC-BAND for one instrument; SC-COMPLETE's not-asked items."""
    given = answers.responses.get(plan.id, _NO_ITEMS)
    applicable, applicable_set = plan.applicable(answers)
    yes: list[str] = []
    no: list[str] = []
    unknown: list[str] = []
    not_asked: list[str] = []
    by_answer = {"yes": yes.append, "no": no.append, "unknown": unknown.append}
    get = given.get
    check_applies = not given.keys() <= applicable_set  # some answer may not apply
    for item_id, counted in plan.items:
        response = get(item_id)
        if response is None:
            if item_id in applicable_set:
                not_asked.append(item_id)
            continue
        if check_applies and item_id not in applicable_set:
            work.warnings.append(
                f"answered-not-applicable: {plan.id}.{item_id} is answered although its "
                "section or condition says it does not apply; it is counted as given"
            )
        if counted:  # a context item (e.g. the type of stalking) is shown, not counted
            by_answer[response.answer](item_id)
    band: Level | None = None
    if grading is not None:  # graded by its own scale, or by a profile table under its id
        if grading.table is None:
            assert grading.warning is not None
            work.warnings.append(grading.warning)
        else:
            band = band_for(len(yes), grading.table)
            work.evidence.append(
                trusted(
                    Evidence,
                    rule="SC-BAND",
                    code="band",
                    effect=f"level {band}",
                    summary=f"{_plural(len(yes), 'yes answer')} on {plan.title} fall in the "
                    f"{band} band (profile {profile.id}: {grading.edges}); only yes counts",
                    items=tuple(f"{plan.id}.{i}" for i in yes),
                )
            )
    # the applicable items and the given ones, counted once each
    if len(applicable) == plan.item_count or given.keys() <= applicable_set:
        total = len(applicable_set & plan.counted)
    else:
        total = len((applicable_set | given.keys()) & plan.counted)
    return trusted(
        InstrumentResult,
        instrument=plan.id,
        title=plan.title,
        stamp=plan.stamp,
        wording=plan.wording,
        yes=len(yes),
        no=len(no),
        unknown=len(unknown),
        not_asked=len(not_asked),
        total=total,
        band=band,
        yes_items=tuple(yes),
        unknown_items=tuple(unknown),
        not_asked_items=tuple(not_asked),
    )


def _visible_high_risk(counts: list[InstrumentResult], profile: Profile, work: _Work) -> None:
    """SC-VHR: a DASH/RIC yes-count at or above the profile's threshold → MARAC."""
    threshold = profile.marac.visible_high_risk
    for result in counts:
        if result.yes >= threshold:
            work.refer("visible-high-risk")
            work.evidence.append(
                trusted(
                    Evidence,
                    rule="SC-VHR",
                    code="visible-high-risk",
                    effect="MARAC referral",
                    summary=f"{result.yes} yes answers on {result.title}; profile "
                    f"{profile.id} refers at {threshold} or more",
                    items=tuple(f"{result.instrument}.{i}" for i in result.yes_items),
                )
            )


def _escalation(answers: AnswerSet, profile: Profile, work: _Work) -> None:
    """SC-ESC: police-reported incidents (or crimes) in 12 months → MARAC, whatever the count."""
    rule = profile.marac.escalation
    case = answers.case
    hits: list[tuple[str, str]] = []
    if rule.incidents is not None and (case.incidents_last_12_months or 0) >= rule.incidents:
        hits.append(
            (
                f"{case.incidents_last_12_months} police-reported incidents in the 12 months "
                f"before the assessment (profile {profile.id} refers at {rule.incidents})",
                "case.incidents_last_12_months",
            )
        )
    if rule.crimes is not None and (case.crimes_last_12_months or 0) >= rule.crimes:
        hits.append(
            (
                f"{case.crimes_last_12_months} crimes in the 12 months before the assessment "
                f"(profile {profile.id} refers at {rule.crimes})",
                "case.crimes_last_12_months",
            )
        )
    if hits:
        work.refer("potential-escalation")
        work.evidence.append(
            trusted(
                Evidence,
                rule="SC-ESC",
                code="potential-escalation",
                effect="MARAC referral",
                summary="; ".join(text for text, _ in hits),
                items=tuple(item for _, item in hits),
            )
        )


def _repeat(answers: AnswerSet, profile: Profile, work: _Work) -> None:
    """SC-REPEAT: a new screening within the window after the last MARAC referral → refer."""
    last = answers.case.last_marac_on
    if last is None:
        return
    assessed = answers.case.assessed_date
    months = profile.marac.repeat_window_months
    if assessed is None:
        work.warnings.append(
            "repeat-unchecked: the last MARAC referral date is given but the assessment date is "
            "not, so the repeat rule could not be checked"
        )
        return
    if assessed < last:
        work.warnings.append(
            "repeat-dates: the last MARAC referral is dated after the assessment; check the dates"
        )
        return
    until = add_months(last, months)
    if assessed <= until:
        work.refer("repeat-marac")
        work.evidence.append(
            trusted(
                Evidence,
                rule="SC-REPEAT",
                code="repeat-marac",
                effect="MARAC referral",
                summary=f"assessed on {assessed.isoformat()}, within {months} months of the last "
                f"MARAC referral on {last.isoformat()} (window ends {until.isoformat()})",
                items=("case.last_marac_on", "case.assessed_on"),
            )
        )


def _prompts(plans: tuple[InstrumentPlan, ...], answers: AnswerSet) -> list[PromptHit]:
    """SC-PROMPTS: judgement prompts of every instrument present in the screening."""
    hits: list[PromptHit] = []
    seen: set[str] = set()
    responses = answers.responses
    for plan in plans:
        if plan.id not in responses:
            continue
        for prompt_id, when, hit in plan.prompts:
            if prompt_id not in seen and when(answers):
                seen.add(prompt_id)
                hits.append(hit)
    return hits


def _red_flags(
    plans: tuple[InstrumentPlan, ...], answers: AnswerSet, profile: Profile, work: _Work
) -> tuple[list[str], Level | None]:
    """SC-RF: any red flag → urgent; raise to high unless the profile switches the raise off."""
    flags: list[str] = []
    items: list[str] = []
    for plan in plans:  # the red-flag instruments
        given = answers.responses.get(plan.id)
        if not given:
            continue
        for item_id in plan.all_items:
            response = given.get(item_id)
            if response is not None and response.answer == "yes":
                flags.append(item_id)
                items.append(f"{plan.id}.{item_id}")
    if not flags:
        return flags, None
    raise_ = profile.red_flags.raise_to_high
    work.reasons.add("srp-red-flag")
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-RF",
            code="srp-red-flag",
            effect="urgent; level high" if raise_ else "urgent (profile does not raise the level)",
            summary=f"{_plural(len(flags), 'red flag')} present: {', '.join(flags)}. Any one "
            "may mean a high risk of imminent violence; further assessment or monitoring is needed",
            items=tuple(items),
        )
    )
    return flags, ("high" if raise_ else None)


def _professional_judgement(
    answers: AnswerSet, computed: Level | None, work: _Work
) -> Level | None:
    """SC-PJ: judgement raises (never lowers) the level; judged high → MARAC."""
    pj = answers.professional_judgement
    if pj is None or pj.level is None:
        return None
    if computed is not None and level_rank(pj.level) < level_rank(computed):
        work.warnings.append(
            f"judgement-below-level: professional judgement of {pj.level} is below the "
            f"{computed} level the answers give; judgement can raise a level, never lower it"
        )
        return pj.level
    raised = computed is None or level_rank(pj.level) > level_rank(computed)
    effects = []
    if raised:
        work.reasons.add("professional-judgement")
        effects.append(f"level {pj.level}")
    if pj.level == "high":
        work.refer("professional-judgement")
        effects.append("MARAC referral")
    if effects:
        work.evidence.append(
            trusted(
                Evidence,
                rule="SC-PJ",
                code="professional-judgement",
                effect="; ".join(effects),
                summary=f"the practitioner judged the risk {pj.level}"
                + (f" (the answers alone give {computed})" if computed else "")
                + "; the written rationale is recorded",
                items=("professional_judgement",),
            )
        )
    return pj.level


def _honour_based_violence(hits: list[PromptHit], profile: Profile, work: _Work) -> None:
    """SC-HBV: where the profile makes it automatic, an HBV concern on Q4 → MARAC."""
    if not profile.marac.honour_based_violence:
        return
    hit = next((h for h in hits if h.id == "honour-based-violence"), None)
    if hit is None:
        return
    work.refer("honour-based-violence")
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-HBV",
            code="honour-based-violence",
            effect="MARAC referral",
            summary=f"a suspected honour-based-violence concern is recorded and profile "
            f"{profile.id} refers such cases automatically",
            items=(f"{hit.instrument}.q4",),
        )
    )


def _completeness(
    plan: ScoringPlan,
    counts: Mapping[str, InstrumentResult],
    answers: AnswerSet,
    work: _Work,
) -> list[str]:
    """SC-COMPLETE and SC-SDASH: items that should have been asked and were not."""
    missing: list[str] = []
    for result in counts.values():
        if result.not_asked:
            missing.extend(f"{result.instrument}.{i}" for i in result.not_asked_items)
            work.incomplete.append(
                f"{_plural(result.not_asked, result.title + ' item')} not asked: "
                + ", ".join(result.not_asked_items)
            )
    if not answers.responses:
        work.incomplete.append("no instrument was answered: there is nothing to score")
    for result in counts.values():
        if result.unknown and not (result.yes or result.no):
            work.warnings.append(
                f"no-information: every {result.title} answer is don't know; the count says "
                "nothing about the risk"
            )
    if answers.context.get("s_dash") == "declined" and "s-dash" in answers.responses:
        work.warnings.append(
            "s-dash-declined-but-answered: the S-DASH is recorded as declined but has answers; "
            "the answers are scored"
        )
    for offered in plan.offered:  # the instruments another one's answers may call for
        assert offered.offered is not None
        if offered.id in answers.responses or not offered.offered(answers):
            continue
        if answers.context.get("s_dash") == "declined" and offered.id == "s-dash":
            work.warnings.append(
                "s-dash-declined: stalking is indicated but the S-DASH was declined"
            )
            continue
        work.incomplete.append(f"{offered.title} is called for by the answers but was not recorded")
    if answers.status != "completed":
        work.incomplete.append("the screening is still in progress (a draft)")
    return missing


def score(answers: AnswerSet, library: Library, profile: Profile) -> Screening:
    """Score one screening (SC-LEVEL combines the rules; see the rule functions)."""
    plan = plan_for(library, profile)
    responses = answers.responses
    present = tuple(p for p in plan.order if p.id in responses)
    work = _Work()

    counts = {p.id: _count(p, plan.grading[p.id], answers, profile, work) for p in present}
    graded = [counts[p.id] for p in present if p.band_scale == "dash"]
    if len(graded) > 1:
        work.warnings.append(
            "two-dash-forms: the screening holds both the police DASH and the RIC; each is "
            "counted and the higher band is used"
        )
    band_level = _highest([r.band for r in counts.values()])
    if not graded and responses:
        work.warnings.append(
            "no-dash: no DASH or RIC checklist is recorded, so there is no DASH count band"
            + (
                "; the level rests on red flags and professional judgement only"
                if band_level is None
                else "; the level comes from the area profile's band for another instrument"
            )
        )
    if (
        graded
        and answers.case.incidents_last_12_months is None
        and (answers.case.crimes_last_12_months is None)
    ):
        work.warnings.append(
            "escalation-unchecked: police-reported incidents in the last 12 months are not "
            "recorded, so potential escalation (SC-ESC) could not be checked"
        )
    for result in graded:
        q4 = responses[result.instrument].get("q4")
        concern = (q4.details or {}).get("hbv_concern") if q4 is not None else None
        if q4 is not None and q4.answer == "yes" and concern in (None, "unknown"):
            work.warnings.append(
                f"hbv-concern-unrecorded: {result.instrument}.q4 is yes but whether there is an "
                "honour-based-violence concern is not recorded; ask and record it"
            )
    _visible_high_risk(graded, profile, work)
    log = log_findings(answers, profile)  # SC-LOG: may fill the police-reported count
    work.evidence.extend(log.evidence)
    work.warnings.extend(log.warnings)
    _escalation(log.answers, profile, work)
    _repeat(answers, profile, work)
    flags, flag_level = _red_flags(
        tuple(p for p in plan.red_flags if p.id in responses), answers, profile, work
    )
    found = stalking_findings(present, answers, flags)  # SC-FOUR, SC-TYPE, SC-HRF
    work.evidence.extend(found.evidence)
    hits = [*_prompts(present, answers), *log.prompts]
    _honour_based_violence(hits, profile, work)
    computed = _highest([band_level, flag_level])
    pj_level = _professional_judgement(answers, computed, work)
    pj_effective = (
        pj_level
        if pj_level is not None
        and (computed is None or level_rank(pj_level) >= level_rank(computed))
        else None
    )
    graded_level = _highest([band_level, flag_level, pj_effective])
    level: Level = graded_level or "standard"
    if graded_level is None:
        hits.append(
            trusted(
                PromptHit,
                id="record-judgement",
                instrument="",
                text="Nothing here grades the risk: the S-DASH and the other stalking questions "
                "have no cut-off, so the level shows as standard only by default. Record your "
                "professional judgement of the level, with your reasons.",
            )
        )
    elif level == "high" and not work.marac:
        hits.append(
            trusted(
                PromptHit,
                id="high-without-marac",
                instrument="",
                text=f"The level is high but no MARAC criterion of profile {profile.id} is met "
                f"(it refers at {profile.marac.visible_high_risk} or more yes answers, on "
                "escalation, on a repeat or on judgement). Judging the risk high yourself "
                "records a MARAC referral.",
            )
        )

    missing = _completeness(plan, counts, answers, work)
    follow_up = tuple(f"{r.instrument}.{i}" for r in counts.values() for i in r.unknown_items)
    prompt_ids = {h.id for h in hits}
    s_dash_yes = counts["s-dash"].yes if "s-dash" in counts else 0
    pj = answers.professional_judgement
    assessed = answers.case.assessed_on
    return trusted(
        Screening,
        reference=answers.case.reference,
        assessed_on=assessed.isoformat() if assessed is not None else None,
        profile=profile.id,
        status=answers.status,
        risk_level=level,
        level_sources={
            "band": band_level,
            "red_flags": flag_level,
            "professional_judgement": pj_level,
        },
        graded=graded_level is not None,
        marac_referral=work.marac,
        reasons=tuple(r for r in REASON_ORDER if r in work.reasons),
        urgent=bool(flags),
        complete=not work.incomplete,
        instruments=counts,
        red_flags=tuple(flags),
        judgement_prompts=tuple(h.id for h in hits),
        prompts=tuple(hits),
        follow_up=follow_up,
        not_asked=tuple(missing),
        incomplete=tuple(work.incomplete),
        evidence=tuple(work.evidence),
        warnings=tuple(work.warnings),
        professional_judgement=pj.level if pj else None,
        professional_judgement_rationale=pj.rationale if pj else None,
        stalking_indicated="stalking" in prompt_ids or s_dash_yes > 0 or found.four_indicated,
        children_involved="children" in prompt_ids,
        stalking_type=found.stalking_type,
        heightened_risk_factors=found.heightened_risk_factors,
        red_flag_notes=found.red_flag_notes,
        incident_log=log.summary,
    )
