"""The interview state machine (see the package docstring for the rules it keeps).

:class:`Interview` is built from rooms with one purpose each: :mod:`.session` (the state
and the answer set), :mod:`.sequence` (the steps that apply), :mod:`.setaside` (answers
that stop applying), :mod:`.presentation` (views and review rows), :mod:`.recording`
(commands that change answers) and :mod:`.navigation` (back, jump, review, edit); this
module starts or resumes an interview, records the judgement and finishes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stalkscreen.about import level_name
from stalkscreen.answers import AnswerSet, ProfessionalJudgement
from stalkscreen.catalogue import Interviewing
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level
from stalkscreen.definitions.profiles import Profile
from stalkscreen.i18n import gettext
from stalkscreen.interview.judgement import allowed_levels
from stalkscreen.interview.navigation import Navigation
from stalkscreen.interview.plan import check_plan, unplanned
from stalkscreen.interview.recording import Recording
from stalkscreen.interview.rescreen import restart_case
from stalkscreen.interview.steps import DEFAULT_PLAN, InterviewError, Step, clean_text
from stalkscreen.scoring import Screening, score


class Interview(Recording, Navigation):
    """One screening being taken. Mutating methods save the draft through ``saver``."""

    # ------------------------------------------------------------------ building

    @classmethod
    def start(
        cls,
        library: Library,
        profile: Profile,
        plan: Sequence[str] = DEFAULT_PLAN,
        *,
        prefill: AnswerSet | None = None,
        **kw: Any,
    ) -> Interview:
        """A new interview, optionally pre-filled from an answer file (asks what is missing)."""
        chosen = list(plan)
        if prefill is not None:
            chosen += unplanned(library, chosen, prefill)
        check_plan(library, chosen)
        interview = cls(library, profile, tuple(chosen), **kw)
        if prefill is not None:
            interview._load(prefill)
            interview.earlier_date, interview.recheck = restart_case(interview.case)
            interview._changed()
        interview.cursor = interview._first_unset(0)
        return interview

    @classmethod
    def resume(cls, library: Library, profile: Profile, draft: AnswerSet, **kw: Any) -> Interview:
        """Continue a draft at the exact step its ``meta.cursor`` names."""
        cursor = draft.meta.cursor if draft.meta else None
        plan: list[str] = []
        step: Step | None = None
        if cursor:
            plan_text, _, code = cursor.rpartition("|")
            plan = [p for p in plan_text.split(",") if p]
            try:
                step = Step.parse(code)
            except InterviewError:
                step = None
        plan += unplanned(library, plan, draft)
        if not plan:
            plan = list(DEFAULT_PLAN)
        check_plan(library, plan)
        interview = cls(library, profile, tuple(plan), **kw)
        interview._load(draft)
        interview._changed()
        steps = interview.steps()
        interview.cursor = step if step in steps else interview._first_unset(0)
        return interview

    # ------------------------------------------------------------------ judgement and finish

    def computed(self) -> Screening:
        """The screening as finishing it now would score it, without any professional judgement."""
        base = self._build("completed").model_copy(update={"professional_judgement": None})
        return score(base, self.library, self.profile)

    def judge(self, level: Level | None, rationale: str | None = None) -> None:
        """SC-PJ: record a level at or above the computed one (confirming counts), with a written
        rationale; ``None`` records no judgement yet (the level stays by count)."""
        if self.cursor.kind != "judgement":
            raise InterviewError(Interviewing.JUDGEMENT_AT_ITS_STEP)
        note = (rationale or "").strip() or None
        if note is not None:
            clean_text(note, "rationale", multiline=True, limit=20_000)
        if level is not None:
            computed = self.computed()
            if level not in allowed_levels(computed):
                raise InterviewError(Interviewing.JUDGEMENT_NOT_LOWER, level=computed.risk_level)
            if note is None:
                raise InterviewError(Interviewing.LEVEL_NEEDS_RATIONALE)
        self.judgement = ProfessionalJudgement(level=level, rationale=note)
        self._changed()
        self._advance()
        self.save()

    def problems(self) -> list[str]:
        """What stops the screening being finished (empty when it can be)."""
        out = []
        if not self.case.get("reference"):
            out.append(gettext("the case reference is missing"))
        if self.judgement is None:
            out.append(
                gettext("the judgement step is not done (record a level, or no judgement yet)")
            )
        elif self.judgement.level is not None:
            current = self.computed()
            if self.judgement.level not in allowed_levels(current):
                out.append(
                    gettext(
                        "your judgement (%(judged)s) is now below the level the answers give "
                        "(%(level)s); record your judgement again"
                    )
                    % {
                        "judged": level_name(self.judgement.level),
                        "level": level_name(current.risk_level),
                    }
                )
        return out

    def finish(self) -> AnswerSet:
        """The completed screening; raises :class:`InterviewError` when :meth:`problems` says so."""
        problems = self.problems()
        if problems:
            raise InterviewError(Interviewing.NOT_FINISHED, problems="; ".join(problems))
        return self.answers("completed")
