"""The MARAC referral rules (SC-VHR, SC-ESC, SC-REPEAT, SC-HBV) and SC-ROUTE's rule that
MARAC is for domestic abuse."""

from __future__ import annotations

from collections.abc import Mapping

from stalkscreen.answers import AnswerSet
from stalkscreen.dates import add_months
from stalkscreen.definitions.profiles import Profile
from stalkscreen.definitions.rule_prompts import RulePrompts
from stalkscreen.i18n import Message, later
from stalkscreen.scoring.plan import HBV_DETAIL, InstrumentPlan, Layout
from stalkscreen.scoring.result import Evidence, InstrumentResult, PromptHit, trusted, trusted_from
from stalkscreen.scoring.work import REASON_ORDER, Work


def visible_high_risk(
    graded: tuple[InstrumentPlan, ...],
    counts: Mapping[str, InstrumentResult],
    profile: Profile,
    work: Work,
    work_hits: list[PromptHit],
    texts: RulePrompts,
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
                    text=texts.text(
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
                        "summary": later.gettext(
                            "%(count)s yes answers on %(instrument)s; profile %(profile)s refers "
                            "at %(threshold)s or more",
                            count=result.yes,
                            instrument=result.title,
                            profile=profile.id,
                            threshold=threshold,
                        ),
                        "items": tuple([plan.qualified[i] for i in result.yes_items]),
                    },
                )
            )


def escalation(answers: AnswerSet, profile: Profile, work: Work) -> None:
    """SC-ESC: police-reported incidents (or crimes) in 12 months → MARAC, whatever the count."""
    rule = profile.marac.escalation
    case = answers.case
    texts: list[Message] = []
    items: list[str] = []
    if rule.incidents is not None and (case.incidents_last_12_months or 0) >= rule.incidents:
        texts.append(
            later.gettext(
                "%(count)s police-reported incidents in the 12 months before the assessment "
                "(profile %(profile)s refers at %(threshold)s)",
                count=case.incidents_last_12_months,
                profile=profile.id,
                threshold=rule.incidents,
            )
        )
        items.append("case.incidents_last_12_months")
    if rule.crimes is not None and (case.crimes_last_12_months or 0) >= rule.crimes:
        texts.append(
            later.gettext(
                "%(count)s crimes in the 12 months before the assessment (profile %(profile)s "
                "refers at %(threshold)s)",
                count=case.crimes_last_12_months,
                profile=profile.id,
                threshold=rule.crimes,
            )
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
                    "summary": texts[0]
                    if len(texts) == 1
                    else later.pgettext(
                        "two reasons", "%(first)s; %(second)s", first=texts[0], second=texts[1]
                    ),
                    "items": tuple(items),
                },
            )
        )


def repeat(answers: AnswerSet, profile: Profile, work: Work) -> None:
    """SC-REPEAT: a new screening within the window after the last MARAC referral → refer."""
    last = answers.case.last_marac_on
    if last is None:
        return
    assessed = answers.case.assessed_date
    months = profile.marac.repeat_window_months
    if assessed is None:
        work.warnings.append(
            later.gettext(
                "repeat-unchecked: the last MARAC referral date is given but the assessment date "
                "is not, so the repeat rule could not be checked"
            )
        )
        return
    if assessed < last:
        work.warnings.append(
            later.gettext(
                "repeat-dates: the last MARAC referral is dated after the assessment; check the "
                "dates"
            )
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
                summary=later.gettext(
                    "assessed on %(assessed)s, within %(months)s months of the last MARAC "
                    "referral on %(last)s (window ends %(until)s)",
                    assessed=assessed.isoformat(),
                    months=months,
                    last=last.isoformat(),
                    until=until.isoformat(),
                ),
                items=("case.last_marac_on", "case.assessed_on"),
            )
        )


def hbv_items(layout: Layout, answers: AnswerSet, value: str | None) -> list[str]:
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


def honour_based_violence(
    hits: list[PromptHit], layout: Layout, answers: AnswerSet, profile: Profile, work: Work
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
            summary=later.gettext(
                "a suspected honour-based-violence concern is recorded and profile %(profile)s "
                "refers such cases automatically",
                profile=profile.id,
            ),
            items=tuple(hbv_items(layout, answers, "yes")),
        )
    )


NOT_DOMESTIC = frozenset({"stranger", "acquaintance", "colleague", "professional"})
"""SC-ROUTE: relationships outside domestic abuse, for which there is no MARAC referral."""
DOMESTIC = frozenset({"partner", "ex-partner", "family"})
"""SC-ROUTE: the relationships of domestic abuse (MARAC and IDVA)."""


def not_domestic(relationship: str, work: Work) -> None:
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
            summary=later.gettext(
                "MARAC is for domestic abuse and the relationship is %(relationship)s: the "
                "criteria met (%(met)s) call for the police stalking lead, the local stalking "
                "service and Paladin instead (see the routes)",
                relationship=Message(relationship),  # the catalogue's word for it
                met=tuple(met),
            ),
            items=("case.relationship",),
        )
    )
