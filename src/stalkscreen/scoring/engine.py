"""The scoring rules of the domain brief (§6), each with its rule id.

Every function here is pure: the same answers, definitions and profile always
give the same :class:`Screening`. Each rule that fires adds an
:class:`Evidence` entry naming the rule, what it did and the items behind it.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from itertools import filterfalse
from operator import attrgetter

from stalkscreen.answers import AnswerSet, Response
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import LEVELS, Band, Level, Profile, level_rank
from stalkscreen.definitions.rule_prompts import rule_prompts
from stalkscreen.scoring.plan import HBV_DETAIL, Grading, InstrumentPlan, Layout, plan_for
from stalkscreen.scoring.probation import (
    BEHAVIOURS,
    PROBATION,
    behaviours,
    probation_findings,
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


def _higher(level: Level | None, other: Level | None) -> Level | None:
    """The higher of two levels, either of which may be missing."""
    if level is None:
        return other
    if other is None or _RANK[level] >= _RANK[other]:
        return level
    return other


_ID = attrgetter("id")


class _Work:
    """What the rules accumulate while scoring one screening."""

    __slots__ = (
        "discounted",
        "evidence",
        "incomplete",
        "level_reasons",
        "marac",
        "marac_reasons",
        "warnings",
    )

    def __init__(self) -> None:
        self.evidence: list[Evidence] = []
        self.level_reasons: set[str] = set()
        self.marac_reasons: set[str] = set()
        self.warnings: list[str] = []
        self.incomplete: list[str] = []
        self.marac = False
        self.discounted: dict[str, list[str]] = {}
        """Yes answers not counted (SC-COUNT's `counts_when`), by instrument."""

    def refer(self, code: str) -> None:
        self.marac_reasons.add(code)
        self.marac = True


def _count(
    plan: InstrumentPlan,
    grading: Grading | None,
    given: Mapping[str, Response],
    answers: AnswerSet,
    profile: Profile,
    work: _Work,
) -> InstrumentResult:
    """SC-COUNT and SC-BAND for one instrument; SC-COMPLETE's not-asked items."""
    open_ = plan.openness(answers)
    yes: list[str] = []
    unknown: list[str] = []
    no = 0
    get = given.get
    add_yes = yes.append
    # only counted items: a context item (e.g. the type of stalking) is shown, not counted
    for item_id in plan.counted_items:
        response = get(item_id)
        if response is not None:
            answer = response.answer
            if answer == "no":
                no += 1
            elif answer == "yes":
                add_yes(item_id)
            else:  # an answer is yes, no or unknown
                unknown.append(item_id)
    if plan.count_rules and yes:
        no += _discount(plan, yes, answers, work)
    answered = no + len(yes) + len(unknown)
    for item_id in plan.uncounted_items:
        if item_id in given:
            answered += 1
    if answered == len(given):  # every answer is to an item of this instrument (as validated)
        off = [i for i in open_.closed if i in given] if open_.closed else ()
        for item_id in off:
            work.warnings.append(_answered_not_applicable(plan, item_id))
        # the applicable items and the given ones, counted once each
        total = open_.counted + (len(plan.counted.intersection(off)) if off else 0)
        all_asked = answered - len(off) == len(open_.items)
    else:
        keys = given.keys()
        for item_id in open_.closed:
            if item_id in given:
                work.warnings.append(_answered_not_applicable(plan, item_id))
        if len(open_.items) == plan.item_count or keys <= open_.as_set:
            total = open_.counted
        else:
            total = len((open_.as_set | keys) & plan.counted)
        all_asked = False
    not_asked = () if all_asked else tuple(filterfalse(given.__contains__, open_.items))
    band: Level | None = None
    if grading is not None:  # graded by its own scale, or by a profile table under its id
        if grading.table is None:
            assert grading.warning is not None
            work.warnings.append(grading.warning)
        elif plan.band_scale == "dash" and 2 * (no + len(yes)) < no + len(yes) + len(unknown):
            _too_few_answers(plan, no + len(yes), len(unknown), work)
        else:
            band, effect, summary = _band(plan, grading, profile, len(yes))
            qualified = plan.qualified
            work.evidence.append(
                trusted_from(
                    Evidence,
                    {
                        "rule": "SC-BAND",
                        "code": "band",
                        "effect": effect,
                        "summary": summary,
                        "items": tuple([qualified[i] for i in yes]),
                    },
                )
            )
    return trusted_from(
        InstrumentResult,
        {
            "instrument": plan.id,
            "title": plan.title,
            "stamp": plan.stamp,
            "wording": plan.wording,
            "yes": len(yes),
            "no": no,
            "unknown": len(unknown),
            "not_asked": len(not_asked),
            "total": total,
            "band": band,
            "yes_items": tuple(yes),
            "unknown_items": tuple(unknown),
            "not_asked_items": not_asked,
        },
    )


def _discount(plan: InstrumentPlan, yes: list[str], answers: AnswerSet, work: _Work) -> int:
    """SC-COUNT: yes answers that count only under a condition that does not hold; as no."""
    dropped = 0
    for item_id, counts, note in plan.count_rules:
        if item_id in yes and not counts(answers):
            yes.remove(item_id)
            dropped += 1
            work.discounted.setdefault(plan.id, []).append(item_id)
            qualified = plan.qualified[item_id]
            work.evidence.append(
                trusted(
                    Evidence,
                    rule="SC-COUNT",
                    code="not-counted",
                    effect="counted as no",
                    summary=f"{qualified}: {note}",
                    items=(qualified,),
                )
            )
    return dropped


def _too_few_answers(plan: InstrumentPlan, answered: int, unknown: int, work: _Work) -> None:
    """SC-UNKNOWN: fewer than half of the asked items answered yes or no → not graded."""
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-UNKNOWN",
            code="too-few-answers",
            effect="not graded",
            summary=f"only {answered} of the {answered + unknown} {plan.title} items asked have a "
            "yes or no answer (fewer than half), so the yes-count does not grade the risk",
            items=(),
        )
    )


def _answered_not_applicable(plan: InstrumentPlan, item_id: str) -> str:
    """The warning for an answer to an item its section or condition closes."""
    qualified = plan.qualified[item_id]
    text = _NOT_APPLICABLE.get(qualified)
    if text is None:
        text = (
            f"answered-not-applicable: {qualified} is answered although its "
            "section or condition says it does not apply; it is counted as given"
        )
        if len(_NOT_APPLICABLE) < 4096:
            _NOT_APPLICABLE[qualified] = text
    return text


_NOT_APPLICABLE: dict[str, str] = {}
"""The answered-not-applicable warning by ``instrument.item`` (the same for every screening)."""


def _band(
    plan: InstrumentPlan, grading: Grading, profile: Profile, count: int
) -> tuple[Level, str, str]:
    """SC-BAND: the band of ``count`` yes answers, its effect and its summary (kept per count)."""
    found = grading.by_count.get(count)
    if found is None:
        assert grading.table is not None
        band = band_for(count, grading.table)
        found = (
            band,
            f"level {band}",
            f"{_plural(count, 'yes answer')} on {plan.title} fall in the {band} band (profile "
            f"{profile.id}: {grading.edges}); only yes counts",
        )
        grading.by_count[count] = found
    return found


def _visible_high_risk(
    graded: tuple[InstrumentPlan, ...],
    counts: Mapping[str, InstrumentResult],
    profile: Profile,
    work: _Work,
    work_hits: list[PromptHit],
) -> None:
    """SC-VHR: a DASH/RIC yes-count at or above the profile's threshold → MARAC.

    SC-UNKNOWN: when yes and don't know together would reach it, but yes alone does not,
    the prompt ``unknowns-could-cross-threshold`` gives the numbers.
    """
    threshold = profile.marac.visible_high_risk
    for plan in graded:
        result = counts[plan.id]
        if result.yes < threshold <= result.yes + result.unknown:
            work_hits.append(
                trusted(
                    PromptHit,
                    id="unknowns-could-cross-threshold",
                    instrument=plan.id,
                    text=rule_prompts().text(
                        "unknowns-could-cross-threshold",
                        yes=result.yes,
                        unknown=result.unknown,
                        instrument=result.title,
                        possible=result.yes + result.unknown,
                        threshold=threshold,
                    ),
                )
            )
        if result.yes >= threshold:
            work.refer("visible-high-risk")
            work.evidence.append(
                trusted_from(
                    Evidence,
                    {
                        "rule": "SC-VHR",
                        "code": "visible-high-risk",
                        "effect": "MARAC referral",
                        "summary": f"{result.yes} yes answers on {result.title}; profile "
                        f"{profile.id} refers at {threshold} or more",
                        "items": tuple([plan.qualified[i] for i in result.yes_items]),
                    },
                )
            )


def _escalation(answers: AnswerSet, profile: Profile, work: _Work) -> None:
    """SC-ESC: police-reported incidents (or crimes) in 12 months → MARAC, whatever the count."""
    rule = profile.marac.escalation
    case = answers.case
    texts: list[str] = []
    items: list[str] = []
    if rule.incidents is not None and (case.incidents_last_12_months or 0) >= rule.incidents:
        texts.append(
            f"{case.incidents_last_12_months} police-reported incidents in the 12 months "
            f"before the assessment (profile {profile.id} refers at {rule.incidents})"
        )
        items.append("case.incidents_last_12_months")
    if rule.crimes is not None and (case.crimes_last_12_months or 0) >= rule.crimes:
        texts.append(
            f"{case.crimes_last_12_months} crimes in the 12 months before the assessment "
            f"(profile {profile.id} refers at {rule.crimes})"
        )
        items.append("case.crimes_last_12_months")
    if texts:
        work.refer("potential-escalation")
        work.evidence.append(
            trusted_from(
                Evidence,
                {
                    "rule": "SC-ESC",
                    "code": "potential-escalation",
                    "effect": "MARAC referral",
                    "summary": "; ".join(texts),
                    "items": tuple(items),
                },
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


def _prompts(
    layout: Layout, counts: Mapping[str, InstrumentResult], answers: AnswerSet, work: _Work
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
    work: _Work,
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
        work.level_reasons.add("professional-judgement")
        effects.append(f"level {pj.level}")
    if pj.level == "high":
        work.refer("professional-judgement")
        effects.append("MARAC referral")
    if not effects:
        effects.append(f"level {pj.level} confirmed")
    if effects:
        work.evidence.append(
            trusted(
                Evidence,
                rule="SC-PJ",
                code="professional-judgement",
                effect="; ".join(effects),
                summary=f"the practitioner judged the risk {pj.level}"
                + (
                    f" (the answers alone give {computed})"
                    if computed and raised
                    else " (confirming the level the answers give)"
                    if computed
                    else ""
                )
                + "; the written rationale is recorded",
                items=("professional_judgement",),
            )
        )
    return pj.level


def _hbv_items(layout: Layout, answers: AnswerSet, value: str | None) -> list[str]:
    """`instrument.item` of the DASH/RIC items whose HBV concern is asked and is ``value``.

    The concern is asked at the first of Q4, Q15, Q20 and Q21 (RIC Q4, Q12, Q17, Q18)
    answered yes (the definitions' ``hbv_concern`` details and their conditions).
    ``value`` ``None`` finds the ones asked but not recorded (or recorded don't know).
    """
    found: list[str] = []
    for plan in layout.graded:
        given = answers.responses[plan.id]
        for item_id, asked in plan.hbv_details:
            response = given.get(item_id)
            if response is None or response.answer != "yes" or (asked and not asked(answers)):
                continue
            recorded = (response.details or {}).get(HBV_DETAIL)
            if recorded == value or (value is None and recorded == "unknown"):
                found.append(plan.qualified[item_id])
    return found


def _honour_based_violence(
    hits: list[PromptHit], layout: Layout, answers: AnswerSet, profile: Profile, work: _Work
) -> None:
    """SC-HBV: where the profile makes it automatic, a recorded HBV concern → MARAC."""
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
            items=tuple(_hbv_items(layout, answers, "yes")),
        )
    )


def _completeness(
    layout: Layout,
    counts: Mapping[str, InstrumentResult],
    answers: AnswerSet,
    profile: Profile,
    prompt_ids: tuple[str, ...],
    work: _Work,
) -> tuple[str, ...]:
    """SC-COMPLETE and SC-SDASH: items that should have been asked and were not."""
    missing: list[str] = []
    for plan in layout.present:
        result = counts[plan.id]
        if result.not_asked:
            qualified = plan.qualified
            missing += [qualified[i] for i in result.not_asked_items]
            work.incomplete.append(
                f"{_plural(result.not_asked, result.title + ' item')} not asked: "
                + ", ".join(result.not_asked_items)
            )
        if result.unknown and not (result.yes or result.no):
            work.warnings.append(
                f"no-information: every {result.title} answer is don't know; the count says "
                "nothing about the risk"
            )
    if not answers.responses:
        work.incomplete.append("no instrument was answered: there is nothing to score")
    declined = answers.context.get("s_dash") == "declined"
    if declined and "s-dash" in answers.responses:
        work.warnings.append(
            "s-dash-declined-but-answered: the S-DASH is recorded as declined but has answers; "
            "the answers are scored"
        )
    # the instruments another one's answers may call for (none for probation: SC-PURPOSE)
    for offered in () if answers.purpose == PROBATION else layout.absent_offered:
        assert offered.offered is not None
        if not offered.offered(answers):
            continue
        if declined and offered.id == "s-dash":
            work.warnings.append(
                "s-dash-declined: stalking is indicated but the S-DASH was declined"
            )
            continue
        if offered.id == "s-dash" and "stalking" in prompt_ids and not profile.s_dash_required:
            continue  # SC-COMPLETE: the `stalking` prompt says the S-DASH is not recorded
        work.incomplete.append(f"{offered.title} is called for by the answers but was not recorded")
    if answers.status != "completed":
        work.incomplete.append("the screening is still in progress (a draft)")
    return tuple(missing)


_NO_FINDINGS = StalkingFindings()
"""What the stalking rules find without their instruments (read only, never changed)."""


NOT_DOMESTIC = frozenset({"stranger", "acquaintance", "colleague", "professional"})
"""SC-ROUTE: relationships outside domestic abuse, for which there is no MARAC referral."""
DOMESTIC = frozenset({"partner", "ex-partner", "family"})
"""SC-ROUTE: the relationships of domestic abuse (MARAC and IDVA)."""

SAFETY_KEYS = (
    "safe_to_talk",
    "safe_contact",
    "messages_safe",
    "other_party_whereabouts",
    "children_whereabouts",
)
"""What the victim said about their safety, in the order outputs show it."""


def _not_domestic(relationship: str, work: _Work) -> None:
    """SC-ROUTE: MARAC and IDVA are for domestic abuse; others go to the stalking services."""
    met = [r for r in REASON_ORDER if r in work.marac_reasons]
    work.marac = False
    work.marac_reasons.clear()
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-ROUTE",
            code="not-domestic",
            effect="no MARAC referral",
            summary=f"MARAC is for domestic abuse and the relationship is {relationship}: the "
            f"criteria met ({', '.join(met)}) call for the police stalking lead, the local "
            "stalking service and Paladin instead (see the routes)",
            items=("case.relationship",),
        )
    )


def score(answers: AnswerSet, library: Library, profile: Profile) -> Screening:
    """Score one screening (SC-LEVEL combines the rules; see the rule functions)."""
    plan = plan_for(library, profile)
    responses = answers.responses
    layout = plan.layouts.get(tuple(responses)) or plan.layout(responses)
    work = _Work()

    grading = plan.grading
    counts: dict[str, InstrumentResult] = {}
    follow_up: list[str] = []
    band_level: Level | None = None
    for p in layout.present:
        result = _count(p, grading[p.id], responses[p.id], answers, profile, work)
        counts[p.id] = result
        if result.unknown_items:
            qualified = p.qualified
            follow_up += [qualified[i] for i in result.unknown_items]
        if result.band is not None:
            band_level = _higher(band_level, result.band)
    graded = [counts[p.id] for p in layout.graded]
    if len(graded) > 1:
        work.warnings.append(
            "two-dash-forms: the screening holds both the police DASH and the RIC; each is "
            "counted and the higher band is used"
        )
    probation = answers.purpose == PROBATION
    if not graded and responses and not probation:  # SC-PURPOSE: no DASH is expected
        work.warnings.append(
            "no-dash: no DASH or RIC checklist is recorded, so there is no DASH count band"
            + (
                "; the level rests on red flags and professional judgement only"
                if band_level is None
                else "; the level comes from the area profile's band for another instrument"
            )
        )
    case = answers.case
    if graded and case.incidents_last_12_months is None and case.crimes_last_12_months is None:
        work.warnings.append(
            "escalation-unchecked: police-reported incidents in the last 12 months are not "
            "recorded, so potential escalation (SC-ESC) could not be checked"
        )
    for item in _hbv_items(layout, answers, None) if graded else ():
        work.warnings.append(
            f"hbv-concern-unrecorded: {item} is yes but whether there is an "
            "honour-based-violence concern is not recorded; ask and record it"
        )
    rule_hits: list[PromptHit] = []
    if graded:
        _visible_high_risk(layout.graded, counts, profile, work, rule_hits)
    log = log_findings(answers, profile) if answers.incident_log is not None else None
    if log is not None:  # SC-LOG: may fill the police-reported count
        work.evidence.extend(log.evidence)
        work.warnings.extend(log.warnings)
    _escalation(answers if log is None else log.answers, profile, work)
    if case.last_marac_on is not None:
        _repeat(answers, profile, work)
    flags, flag_level = _red_flags(layout.red_flags, counts, answers, profile, work)
    # SC-FOUR, SC-TYPE, SC-HRF: only a stalking triage or the SRP context gives findings
    found = stalking_findings(layout.present, answers, flags) if layout.stalking else _NO_FINDINGS
    work.evidence.extend(found.evidence)
    hits = _prompts(layout, counts, answers, work)
    if log is not None:
        hits.extend(log.prompts)
    if profile.marac.honour_based_violence:
        _honour_based_violence(hits, layout, answers, profile, work)
    computed = _higher(band_level, flag_level)
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
    graded_level = _higher(computed, pj_effective)
    level: Level = graded_level or "standard"
    judged = pj_effective is not None
    texts = rule_prompts()
    if not judged and not probation:  # SC-JUDGE (probation: the SRP domains are the judgement)
        calling = [h.id for h in hits if h.id in texts.judgement_required_by]
        if flags:
            calling.append("red flags")
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
        _not_domestic(relationship, work)
    elif work.marac and relationship in (None, "unknown", "other") and not probation:
        work.warnings.append(
            "marac-relationship-unknown: MARAC is for domestic abuse (a partner, ex-partner or "
            "family member); the relationship is not recorded, and it decides whether this "
            "referral goes to MARAC or to the stalking services"
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
    missing = _completeness(layout, counts, answers, profile, prompt_ids, work)
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
