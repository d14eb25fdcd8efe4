"""SC-COUNT, SC-BAND and SC-UNKNOWN's grading rule: the counts of one instrument."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import filterfalse

from stalkscreen.answers import AnswerSet, Response
from stalkscreen.definitions.models import Level
from stalkscreen.definitions.profiles import Band, Profile
from stalkscreen.i18n import Message, later
from stalkscreen.scoring.plan import Grading, InstrumentPlan
from stalkscreen.scoring.result import Evidence, InstrumentResult, trusted, trusted_from
from stalkscreen.scoring.work import Work


def band_for(count: int, bands: tuple[Band, ...]) -> Level:
    """SC-BAND: the band whose range holds ``count``."""
    for band in bands:
        if count >= band.min and (band.max is None or count <= band.max):
            return band.level
    return bands[-1].level  # unreachable for validated tables


def count_instrument(
    plan: InstrumentPlan,
    grading: Grading | None,
    given: Mapping[str, Response],
    answers: AnswerSet,
    profile: Profile,
    work: Work,
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
            if grading.warning is None:
                raise ValueError(f"{plan.id}: graded without a band table or a warning")
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


def _discount(plan: InstrumentPlan, yes: list[str], answers: AnswerSet, work: Work) -> int:
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


def _too_few_answers(plan: InstrumentPlan, answered: int, unknown: int, work: Work) -> None:
    """SC-UNKNOWN: fewer than half of the asked items answered yes or no → not graded."""
    work.evidence.append(
        trusted(
            Evidence,
            rule="SC-UNKNOWN",
            code="too-few-answers",
            effect="not graded",
            summary=later.gettext(
                "only %(answered)s of the %(asked)s %(instrument)s items asked have a yes or no "
                "answer (fewer than half), so the yes-count does not grade the risk",
                answered=answered,
                asked=answered + unknown,
                instrument=plan.title,
            ),
            items=(),
        )
    )


def _answered_not_applicable(plan: InstrumentPlan, item_id: str) -> Message:
    """The warning for an answer to an item its section or condition closes."""
    qualified = plan.qualified[item_id]
    text = _NOT_APPLICABLE.get(qualified)
    if text is None:
        text = later.gettext(
            "answered-not-applicable: %(item)s is answered although its section or condition "
            "says it does not apply; it is counted as given",
            item=qualified,
        )
        if len(_NOT_APPLICABLE) < 4096:
            _NOT_APPLICABLE[qualified] = text
    return text


_NOT_APPLICABLE: dict[str, Message] = {}
"""The answered-not-applicable warning by ``instrument.item`` (the same for every screening)."""


def _band(
    plan: InstrumentPlan, grading: Grading, profile: Profile, count: int
) -> tuple[Level, str, str]:
    """SC-BAND: the band of ``count`` yes answers, its effect and its summary (kept per count)."""
    found = grading.by_count.get(count)
    if found is None:
        if grading.table is None:
            raise ValueError(f"{plan.id}: a band asked for without a band table")
        band = band_for(count, grading.table)
        found = (
            band,
            f"level {band}",
            later.ngettext(
                "%(count)s yes answer on %(instrument)s fall in the %(band)s band (profile "
                "%(profile)s: %(edges)s); only yes counts",
                "%(count)s yes answers on %(instrument)s fall in the %(band)s band (profile "
                "%(profile)s: %(edges)s); only yes counts",
                count,
                count=count,
                instrument=plan.title,
                band=Message(band, context="level"),
                profile=profile.id,
                edges=grading.edges,
            ),
        )
        grading.by_count[count] = found
    return found
