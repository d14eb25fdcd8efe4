"""Moving about the screening: back, jump, the review screen and editing from it."""

from __future__ import annotations

from stalkscreen.catalogue import Interviewing
from stalkscreen.i18n import gettext
from stalkscreen.interview.jumps import why_not_asked
from stalkscreen.interview.presentation import Presentation
from stalkscreen.interview.steps import InterviewError, Step


class Navigation(Presentation):
    """Moves the cursor without changing any answer (each move saves the draft)."""

    def back(self) -> None:
        """Go to the step before the current one."""
        steps = self.steps()
        index = steps.index(self.cursor) if self.cursor in steps else len(steps) - 1
        if index == 0:
            self.notices.append(gettext("This is the first question."))
            return
        self.cursor = steps[index - 1]
        self.save()

    def jump(self, target: str) -> None:
        """Go to an item: ``12``, ``q12``, ``s-dash.q3`` or a step code such as ``case/agency``."""
        step = self._resolve(target)
        self.cursor = step
        self.save()

    def review(self) -> None:
        """Go to the review screen."""
        self.cursor = Step("review")
        self.save()

    def edit(self, number: int) -> None:
        """From the review screen, go to the row with this number."""
        rows = self.rows()
        if not 1 <= number <= len(rows):
            raise InterviewError(Interviewing.CHOOSE_A_ROW, count=len(rows))
        self.cursor = rows[number - 1].step
        self.save()

    def _resolve(self, target: str) -> Step:
        target = target.strip()
        steps = self.steps()
        if "/" in target:
            try:
                step = Step.parse(target)
            except InterviewError:
                step = None
            if step is not None and step in steps:
                return step
            raise InterviewError(Interviewing.NO_SUCH_STEP)
        inst, _, ref = target.rpartition(".") if "." in target else ("", "", target)
        if not inst and " " in ref:
            inst, _, ref = ref.partition(" ")
        ref = ref.strip().lower()
        items = [s for s in steps if s.kind == "item"]
        if inst:
            scope = [s for s in items if s.key == inst.strip()]
        else:
            here = self.cursor.key if self.cursor.kind in ("item", "detail") else None
            first = items[0].key if items else None
            scope = [s for s in items if s.key == (here or first)]
        for s in scope:
            item = self._item(s)
            if ref in (item.id, str(item.number or ""), f"q{item.number}"):
                return s
        raise InterviewError(
            Interviewing.NOT_ASKED, why=why_not_asked(self, inst.strip(), ref, scope, items)
        )
