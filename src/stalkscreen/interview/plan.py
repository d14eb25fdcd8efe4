"""The plan: the instruments chosen, checked, and those an answer file brings in."""

from __future__ import annotations

from collections.abc import Sequence

from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Interviewing
from stalkscreen.definitions.library import Library
from stalkscreen.interview.steps import OFFER_ACCEPTED, InterviewError, offer_key
from stalkscreen.scoring.facts import answer_lookup, offered


def unplanned(library: Library, plan: Sequence[str], answers: AnswerSet) -> list[str]:
    """Instruments answered in a file but not in the plan, except offers taken up.

    An offer is taken up when the file records it accepted, or records no choice while the
    offer holds (the answers show it was asked); such answers can be set aside later."""
    out = []
    lookup = answer_lookup(answers)
    for inst in answers.responses:
        q = library.definitions.get(inst)
        choice = answers.context.get(offer_key(inst))
        taken = (
            q is not None
            and q.offered_when is not None
            and (choice == OFFER_ACCEPTED or (choice is None and offered(q, lookup)))
        )
        if inst not in plan and not taken:
            out.append(inst)
    return out


def check_plan(library: Library, plan: Sequence[str]) -> None:
    """The chosen instruments must exist, and DASH and RIC are not taken together."""
    for inst in plan:
        library.questionnaire(inst)
    if "dash" in plan and "dash-ric" in plan:
        raise InterviewError(Interviewing.DASH_OR_RIC)
    if not plan:
        raise InterviewError(Interviewing.NO_INSTRUMENT)
