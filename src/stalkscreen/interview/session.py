"""The state of one screening being taken, and the answer set built from it.

:class:`Session` holds what the practitioner has said so far (case, context, responses,
judgement, what is set aside and held back) and turns it into an
:class:`~stalkscreen.answers.AnswerSet`; the classes built on it add the sequence of
steps, the views, the recording commands and the navigation (see :mod:`.engine`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from stalkscreen.answers import AnswerSet, Case, Meta, ProfessionalJudgement, Response
from stalkscreen.catalogue import Interviewing
from stalkscreen.definitions.conditions import Lookup
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Item, Questionnaire, Section
from stalkscreen.definitions.profiles import Profile
from stalkscreen.interview.steps import (
    DEFAULT_PLAN,
    OFFER_ACCEPTED,
    TOOL,
    InterviewError,
    Saver,
    Step,
    offer_key,
)
from stalkscreen.saving import stamp_meta
from stalkscreen.scoring.facts import answer_lookup, offered
from stalkscreen.version import ANSWERS_FORMAT


@dataclass
class Session:
    """One screening being taken. Mutating methods save the draft through ``saver``."""

    library: Library
    profile: Profile
    plan: tuple[str, ...] = DEFAULT_PLAN
    saver: Saver | None = None
    today: date = field(default_factory=date.today)
    defaults: Mapping[str, str] = field(default_factory=dict)
    case: dict[str, Any] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    responses: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    judgement: ProfessionalJudgement | None = None
    set_aside: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    pending: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    """Comments and sources typed before their item was answered, by (instrument, item).
    Held in memory only: attached when the item is answered, never saved or scored before."""
    last_answered: Step | None = None
    """The item answered most recently in this session (a comment on it needs no going back)."""
    created_at: datetime | None = None
    earlier_date: date | None = None
    """Re-screening (``--answers``): the earlier file's date, which is asked again."""
    recheck: set[str] = field(default_factory=set)
    """Case keys asked again although set (the 12-month counts when re-screening)."""
    cursor: Step = field(default_factory=lambda: Step("case", "reference"))
    _lookup_cache: AnswerSet | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ loading

    def _load(self, answers: AnswerSet) -> None:
        self.case = {k: v for k, v in answers.case.model_dump().items() if v is not None}
        self.context = dict(answers.context)
        self.responses = {
            inst: {item: r.model_dump(exclude_none=True) for item, r in items.items()}
            for inst, items in answers.responses.items()
        }
        self.judgement = answers.professional_judgement
        self.created_at = answers.meta.created_at if answers.meta else None
        # An offered instrument answered in the file while its offer holds was accepted, even
        # if the file does not say so; recording it lets a later change set its answers aside.
        lookup = answer_lookup(answers)
        for inst in answers.responses:
            q = self.library.definitions.get(inst)
            key = offer_key(inst)
            fresh = q is not None and inst not in self.plan and key not in self.context
            if fresh and q is not None and offered(q, lookup):
                self.context[key] = OFFER_ACCEPTED
        self._dirty()

    # ------------------------------------------------------------------ the answer set

    def _dirty(self) -> None:
        self._lookup_cache = None

    def answers(self, status: Literal["in-progress", "completed"] = "in-progress") -> AnswerSet:
        """The screening as it stands (set-aside answers are not in it)."""
        if not self.case.get("reference"):
            raise InterviewError(Interviewing.REFERENCE_FIRST)
        return self._build(status)

    def _build(self, status: Literal["in-progress", "completed"]) -> AnswerSet:
        case = dict(self.case)
        case.setdefault("reference", "-")
        cursor = None if status == "completed" else f"{','.join(self.plan)}|{self.cursor.code}"
        answers = AnswerSet(
            format=ANSWERS_FORMAT,
            case=Case.model_validate(case),
            profile=self.profile.id,
            context=dict(self.context),
            responses={
                inst: {item: Response.model_validate(r) for item, r in items.items()}
                for inst, items in self.responses.items()
                if items
            },
            professional_judgement=self.judgement,
            status=status,
            meta=Meta(created_at=self.created_at, cursor=cursor),
        )
        stamped = stamp_meta(answers, self.library.stamps(), self.library.wordings(), tool=TOOL)
        if self.created_at is None and stamped.meta is not None:
            self.created_at = stamped.meta.created_at
        return stamped

    def _lookup(self) -> Lookup:
        if self._lookup_cache is None:
            self._lookup_cache = self._build("in-progress")
        return answer_lookup(self._lookup_cache)

    def save(self) -> None:
        """Write the draft now (nothing is written before the reference is known)."""
        if self.saver is not None and self.case.get("reference"):
            self.saver(self.answers("in-progress"))

    # ------------------------------------------------------------------ lookups

    def definition(self, instrument: str) -> Questionnaire:
        return self.library.questionnaire(instrument).definition

    def _section(self, step: Step) -> Section:
        q = self.definition(step.key)
        for section in q.sections:
            if section.id == step.item:
                return section
        raise InterviewError(Interviewing.UNKNOWN_SECTION)

    def _item(self, step: Step) -> Item:
        item = self.definition(step.key).item(step.item)
        if item is None:
            raise InterviewError(Interviewing.UNKNOWN_ITEM)
        return item

    def _default(self, step: Step) -> str | None:
        if step.kind == "case" and step.key == "assessed_on":
            return self.today.isoformat()
        return self.defaults.get(step.key)
