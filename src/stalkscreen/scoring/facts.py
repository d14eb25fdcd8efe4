"""Resolving condition references against one screening's answers."""

from __future__ import annotations

from collections.abc import Mapping

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.conditions import Lookup, parse_condition
from stalkscreen.definitions.models import Questionnaire


def answer_lookup(answers: AnswerSet) -> Lookup:
    """A :data:`Lookup` reading case fields, context keys, answers and details."""

    def lookup(parts: tuple[str, ...]) -> str | list[str] | None:
        scope = parts[0]
        if scope == "case":
            value = getattr(answers.case, parts[1], None) if len(parts) == 2 else None
            return None if value is None else str(value)
        if scope == "context":
            return answers.context.get(parts[1]) if len(parts) == 2 else None
        response = answers.answer(scope, parts[1]) if len(parts) >= 2 else None
        if response is None:
            return None
        if len(parts) == 2:
            return response.answer
        if response.details is None:
            return None
        return response.details.get(parts[2])

    return lookup


def holds(condition: str | None, lookup: Lookup, instrument: str) -> bool:
    """Whether a condition holds; no condition always holds."""
    if condition is None:
        return True
    return parse_condition(condition).evaluate(lookup, instrument)


def applicable_items(definition: Questionnaire, lookup: Lookup) -> tuple[str, ...]:
    """Ids of the items that should be asked, given section and item conditions."""
    open_sections = {s.id for s in definition.sections if holds(s.when, lookup, definition.id)}
    return tuple(
        item.id
        for item in definition.items
        if item.section in open_sections and holds(item.when, lookup, definition.id)
    )


def offered(definition: Questionnaire, lookup: Lookup) -> bool:
    """SC-SDASH: whether another instrument's answers call for this one."""
    return definition.offered_when is not None and holds(
        definition.offered_when, lookup, definition.id
    )


def ordered(definitions: Mapping[str, Questionnaire]) -> list[Questionnaire]:
    """Instruments in a fixed order: graded checklists, other checklists, red flags, records."""
    return sorted(
        definitions.values(),
        key=lambda q: (q.band_scale is None, _KIND_ORDER.get(q.kind, 0), q.id),
    )


_KIND_ORDER = {"checklist": 0, "red-flags": 1, "record": 2}
