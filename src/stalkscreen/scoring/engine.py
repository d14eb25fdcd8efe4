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

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.conditions import Lookup
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Band, Level, Profile, Questionnaire, level_rank
from stalkscreen.scoring.facts import answer_lookup, applicable_items, holds, offered, ordered
from stalkscreen.scoring.result import Evidence, InstrumentResult, PromptHit, Screening
from stalkscreen.scoring.stalking import log_findings, stalking_findings

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


def _highest(levels: list[Level | None]) -> Level | None:
    present: list[Level] = [lv for lv in levels if lv is not None]
    if not present:
        return None
    best: Level = max(present, key=level_rank)
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
    definition: Questionnaire,
    answers: AnswerSet,
    lookup: Lookup,
    library: Library,
    profile: Profile,
    work: _Work,
) -> InstrumentResult:
    """SC-COUNT and SC-BAND for one instrument; SC-COMPLETE's not-asked items."""
    given = answers.responses.get(definition.id, {})
    applicable = set(applicable_items(definition, lookup))
    yes: list[str] = []
    no: list[str] = []
    unknown: list[str] = []
    not_asked: list[str] = []
    for item in definition.items:
        response = given.get(item.id)
        if response is None:
            if item.id in applicable:
                not_asked.append(item.id)
            continue
        if item.id not in applicable:
            work.warnings.append(
                f"answered-not-applicable: {definition.id}.{item.id} is answered although its "
                "section or condition says it does not apply; it is counted as given"
            )
        if item.counted:  # a context item (e.g. the type of stalking) is shown, not counted
            {"yes": yes, "no": no, "unknown": unknown}[response.answer].append(item.id)
    band: Level | None = None
    # An instrument is graded by its own scale (DASH/RIC), or by a table the area profile
    # defines under the instrument's id (e.g. an S-DASH band some areas use).
    scale = definition.band_scale or (definition.id if definition.id in profile.bands else None)
    if scale is not None:
        table = profile.bands.get(scale)
        if table is None:
            work.warnings.append(
                f"no-band-table: profile {profile.id!r} has no {scale!r} bands, "
                f"so {definition.id} is not graded"
            )
        else:
            band = band_for(len(yes), table)
            edges = ", ".join(
                f"{b.level} {b.min}" + (f"–{b.max}" if b.max is not None else "+") for b in table
            )
            work.evidence.append(
                Evidence(
                    rule="SC-BAND",
                    code="band",
                    effect=f"level {band}",
                    summary=f"{len(yes)} yes answer(s) on {definition.short_title} fall in the "
                    f"{band} band (profile {profile.id}: {edges}); only yes counts",
                    items=tuple(f"{definition.id}.{i}" for i in yes),
                )
            )
    loaded = library.questionnaires[definition.id]
    return InstrumentResult(
        instrument=definition.id,
        title=definition.short_title,
        stamp=loaded.stamp,
        wording=loaded.wording,
        yes=len(yes),
        no=len(no),
        unknown=len(unknown),
        not_asked=len(not_asked),
        total=sum(1 for i in applicable | set(given) if (it := definition.item(i)) and it.counted),
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
                Evidence(
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
            Evidence(
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
            Evidence(
                rule="SC-REPEAT",
                code="repeat-marac",
                effect="MARAC referral",
                summary=f"assessed on {assessed.isoformat()}, within {months} months of the last "
                f"MARAC referral on {last.isoformat()} (window ends {until.isoformat()})",
                items=("case.last_marac_on", "case.assessed_on"),
            )
        )


def _prompts(
    definitions: list[Questionnaire], answers: AnswerSet, lookup: Lookup
) -> list[PromptHit]:
    """SC-PROMPTS: judgement prompts of every instrument present in the screening."""
    hits: list[PromptHit] = []
    seen: set[str] = set()
    for definition in definitions:
        if definition.id not in answers.responses:
            continue
        for prompt in definition.prompts:
            if prompt.id not in seen and holds(prompt.when, lookup, definition.id):
                seen.add(prompt.id)
                hits.append(PromptHit(id=prompt.id, instrument=definition.id, text=prompt.text))
    return hits


def _red_flags(
    definitions: list[Questionnaire], answers: AnswerSet, profile: Profile, work: _Work
) -> tuple[list[str], Level | None]:
    """SC-RF: any red flag → urgent; raise to high unless the profile switches the raise off."""
    flags: list[str] = []
    items: list[str] = []
    for definition in definitions:
        if definition.kind != "red-flags":
            continue
        for item in definition.items:
            response = answers.answer(definition.id, item.id)
            if response is not None and response.answer == "yes":
                flags.append(item.id)
                items.append(f"{definition.id}.{item.id}")
    if not flags:
        return flags, None
    raise_ = profile.red_flags.raise_to_high
    work.reasons.add("srp-red-flag")
    work.evidence.append(
        Evidence(
            rule="SC-RF",
            code="srp-red-flag",
            effect="urgent; level high" if raise_ else "urgent (profile does not raise the level)",
            summary=f"{len(flags)} red flag(s) present: {', '.join(flags)}. Any one may mean a "
            "high risk of imminent violence; further assessment or monitoring is needed",
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
            Evidence(
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
        Evidence(
            rule="SC-HBV",
            code="honour-based-violence",
            effect="MARAC referral",
            summary=f"a suspected honour-based-violence concern is recorded and profile "
            f"{profile.id} refers such cases automatically",
            items=(f"{hit.instrument}.q4",),
        )
    )


def _completeness(
    definitions: list[Questionnaire],
    counts: Mapping[str, InstrumentResult],
    answers: AnswerSet,
    lookup: Lookup,
    work: _Work,
) -> list[str]:
    """SC-COMPLETE and SC-SDASH: items that should have been asked and were not."""
    missing: list[str] = []
    for result in counts.values():
        missing.extend(f"{result.instrument}.{i}" for i in result.not_asked_items)
        if result.not_asked:
            work.incomplete.append(
                f"{result.not_asked} {result.title} item(s) not asked: "
                + ", ".join(result.not_asked_items)
            )
    for definition in definitions:
        if definition.id in answers.responses or not offered(definition, lookup):
            continue
        if answers.context.get("s_dash") == "declined" and definition.id == "s-dash":
            work.warnings.append(
                "s-dash-declined: stalking is indicated but the S-DASH was declined"
            )
            continue
        work.incomplete.append(
            f"{definition.short_title} is called for by the answers but was not recorded"
        )
    if answers.status != "completed":
        work.incomplete.append("the screening is still in progress (a draft)")
    return missing


def score(answers: AnswerSet, library: Library, profile: Profile) -> Screening:
    """Score one screening (SC-LEVEL combines the rules; see the rule functions)."""
    lookup = answer_lookup(answers)
    definitions = ordered(library.definitions)
    present = [d for d in definitions if d.id in answers.responses]
    work = _Work()

    counts = {d.id: _count(d, answers, lookup, library, profile, work) for d in present}
    graded = [counts[d.id] for d in present if d.band_scale == "dash"]
    if len(graded) > 1:
        work.warnings.append(
            "two-dash-forms: the screening holds both the police DASH and the RIC; each is "
            "counted and the higher band is used"
        )
    band_level = _highest([r.band for r in counts.values()])
    if not graded:
        work.warnings.append(
            "no-dash: no DASH or RIC checklist is recorded, so there is no count-based band; "
            "the level rests on red flags and professional judgement only"
        )
    _visible_high_risk(graded, profile, work)
    log = log_findings(answers, profile)  # SC-LOG: may fill the police-reported count
    work.evidence.extend(log.evidence)
    work.warnings.extend(log.warnings)
    _escalation(log.answers, profile, work)
    _repeat(answers, profile, work)
    flags, flag_level = _red_flags(present, answers, profile, work)
    found = stalking_findings(present, answers, lookup, flags)  # SC-FOUR, SC-TYPE, SC-HRF
    work.evidence.extend(found.evidence)
    hits = [*_prompts(definitions, answers, lookup), *log.prompts]
    _honour_based_violence(hits, profile, work)
    computed = _highest([band_level, flag_level])
    pj_level = _professional_judgement(answers, computed, work)
    pj_effective = (
        pj_level
        if pj_level is not None
        and (computed is None or level_rank(pj_level) >= level_rank(computed))
        else None
    )
    level: Level = _highest([band_level, flag_level, pj_effective]) or "standard"

    missing = _completeness(definitions, counts, answers, lookup, work)
    follow_up = tuple(f"{r.instrument}.{i}" for r in counts.values() for i in r.unknown_items)
    prompt_ids = {h.id for h in hits}
    s_dash_yes = counts["s-dash"].yes if "s-dash" in counts else 0
    pj = answers.professional_judgement
    assessed = answers.case.assessed_on
    return Screening(
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
