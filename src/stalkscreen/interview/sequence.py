"""The sequence of steps: which apply now, in what order, with what value; the cursor's moves."""

from __future__ import annotations

from stalkscreen.definitions.conditions import Lookup
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.interview.session import Session
from stalkscreen.interview.steps import CASE_FIELDS, OFFER_ACCEPTED, PREFLIGHT, Step, offer_key
from stalkscreen.scoring.facts import applicable_items, holds, offered, ordered


class StepSequence(Session):
    """Every step that applies to the answers as they stand, recomputed each time."""

    def offer_driven(self) -> list[Questionnaire]:
        """Instruments not in the plan that another instrument's answers may call for."""
        return [
            q for q in self.library.definitions.values() if q.offered_when and q.id not in self.plan
        ]

    def instruments(self, lookup: Lookup | None = None) -> list[Questionnaire]:
        """Instruments in play: the plan, plus offered ones the practitioner accepted."""
        lookup = lookup or self._lookup()
        chosen = [self.definition(i) for i in self.plan]
        for q in self.offer_driven():
            if offered(q, lookup) and self.context.get(offer_key(q.id)) == OFFER_ACCEPTED:
                chosen.append(q)
        return ordered({q.id: q for q in chosen})

    def steps(self) -> list[Step]:
        """Every step that applies now, in order."""
        lookup = self._lookup()
        out = [Step("case", f.key) for f in CASE_FIELDS]
        out += [Step("context", f.key) for f in PREFLIGHT]
        plan_ids = set(self.plan)
        candidates = [self.definition(i) for i in self.plan] + [
            q for q in self.offer_driven() if offered(q, lookup)
        ]
        for q in ordered({q.id: q for q in candidates}):
            if q.id not in plan_ids:
                out.append(Step("offer", q.id))
                if self.context.get(offer_key(q.id)) != OFFER_ACCEPTED:
                    continue
            out += self._instrument_steps(q, lookup)
        out += [Step("judgement"), Step("review")]
        return out

    def _instrument_steps(self, q: Questionnaire, lookup: Lookup) -> list[Step]:
        applicable = set(applicable_items(q, lookup))
        out: list[Step] = []
        for section in q.sections:
            if section.gate_key:
                out.append(Step("gate", q.id, section.id))
            for item in q.items:
                if item.section != section.id or item.id not in applicable:
                    continue
                out.append(Step("item", q.id, item.id))
                out += [
                    Step("detail", q.id, item.id, d.id)
                    for d in item.details
                    if holds(d.when, lookup, q.id)
                ]
        return out

    def is_set(self, step: Step) -> bool:
        return self.value(step) is not None

    def value(self, step: Step) -> str | None:
        """The current value of a step as display text, or ``None`` when unset."""
        if step.kind == "case":
            v = self.case.get(step.key)
            return None if v is None else str(v)
        if step.kind == "context":
            return self.context.get(step.key)
        if step.kind == "gate":
            section = self._section(step)
            return self.context.get(section.gate_key or "")
        if step.kind == "offer":
            return self.context.get(offer_key(step.key))
        if step.kind == "item":
            r = self.responses.get(step.key, {}).get(step.item)
            return None if r is None else str(r["answer"])
        if step.kind == "detail":
            r = self.responses.get(step.key, {}).get(step.item)
            v = (r or {}).get("details", {}).get(step.detail)
            if v is None:
                return None
            return ", ".join(v) if isinstance(v, list) else str(v)
        if step.kind == "judgement":
            if self.judgement is None:
                return None
            return self.judgement.level or "no judgement yet"
        return None

    @property
    def current(self) -> Step:
        return self.cursor

    def _first_unset(self, start: int) -> Step:
        steps = self.steps()
        for step in steps[start:]:
            if step.kind == "review" or not self.is_set(step) or step.key in self.recheck:
                return step
        return steps[-1]

    def _advance(self) -> None:
        steps = self.steps()
        index = steps.index(self.cursor) + 1 if self.cursor in steps else 0
        self.cursor = self._first_unset(index)

    def unanswered(self) -> list[Step]:
        """Items that apply but have no answer (the screening would be incomplete)."""
        return [s for s in self.steps() if s.kind == "item" and not self.is_set(s)]

    def progress(self) -> tuple[int, int]:
        """(items answered, items that apply)."""
        items = [s for s in self.steps() if s.kind == "item"]
        return sum(1 for s in items if self.is_set(s)), len(items)
