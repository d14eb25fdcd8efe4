"""SC-COMPLETE and SC-SDASH: what should have been asked and was not, and the warnings
about what the answers leave unknown (sentences the reports say in their language)."""

from __future__ import annotations

from collections.abc import Mapping

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.profiles import Profile
from stalkscreen.i18n import later
from stalkscreen.scoring.plan import Layout
from stalkscreen.scoring.probation import PROBATION
from stalkscreen.scoring.result import InstrumentResult
from stalkscreen.scoring.work import Work


def completeness(
    layout: Layout,
    counts: Mapping[str, InstrumentResult],
    answers: AnswerSet,
    profile: Profile,
    prompt_ids: tuple[str, ...],
    work: Work,
) -> tuple[str, ...]:
    """SC-COMPLETE and SC-SDASH: items that should have been asked and were not."""
    missing: list[str] = []
    for plan in layout.present:
        result = counts[plan.id]
        if result.not_asked:
            qualified = plan.qualified
            missing += [qualified[i] for i in result.not_asked_items]
            work.incomplete.append(
                later.ngettext(
                    "%(count)s %(instrument)s item not asked: %(items)s",
                    "%(count)s %(instrument)s items not asked: %(items)s",
                    result.not_asked,
                    count=result.not_asked,
                    instrument=result.title,
                    items=result.not_asked_items,
                )
            )
        if result.unknown and not (result.yes or result.no):
            work.warnings.append(
                later.gettext(
                    "no-information: every %(instrument)s answer is don't know; the count says "
                    "nothing about the risk",
                    instrument=result.title,
                )
            )
    if not answers.responses:
        work.incomplete.append(
            later.gettext("no instrument was answered: there is nothing to score")
        )
    declined = answers.context.get("s_dash") == "declined"
    if declined and "s-dash" in answers.responses:
        work.warnings.append(
            later.gettext(
                "s-dash-declined-but-answered: the S-DASH is recorded as declined but has "
                "answers; the answers are scored"
            )
        )
    # the instruments another one's answers may call for (none for probation: SC-PURPOSE)
    for offered in () if answers.purpose == PROBATION else layout.absent_offered:
        if offered.offered is None:
            raise ValueError(f"{offered.id}: an offered instrument without its condition")
        if not offered.offered(answers):
            continue
        if declined and offered.id == "s-dash":
            work.warnings.append(
                later.gettext("s-dash-declined: stalking is indicated but the S-DASH was declined")
            )
            continue
        if offered.id == "s-dash" and "stalking" in prompt_ids and not profile.s_dash_required:
            continue  # SC-COMPLETE: the `stalking` prompt says the S-DASH is not recorded
        work.incomplete.append(
            later.gettext(
                "%(instrument)s is called for by the answers but was not recorded",
                instrument=offered.title,
            )
        )
    if answers.status != "completed":
        work.incomplete.append(later.gettext("the screening is still in progress (a draft)"))
    return tuple(missing)
