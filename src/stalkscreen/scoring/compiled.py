"""Conditions compiled to closures that read an :class:`AnswerSet` directly.

:func:`compile_condition` gives exactly what
:meth:`~stalkscreen.definitions.conditions.Node.evaluate` gives with
:func:`~stalkscreen.scoring.facts.answer_lookup` (a property test proves it), without
walking the tree or building the qualified reference for every screening: a
comparison of an answer, a detail or a context value is one closure, and ``and``/
``or`` of two parts one more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.conditions import All, Answered, Any_, Compare, Node, Not

Check = Callable[[AnswerSet], bool]
"""A compiled condition: whether it holds for one screening."""

Value = str | list[str] | None
_NO_ITEMS: dict[str, Any] = {}


def _reader(parts: tuple[str, ...]) -> Callable[[AnswerSet], Value]:
    """What :func:`~stalkscreen.scoring.facts.answer_lookup` returns for ``parts``."""
    scope = parts[0]
    if scope == "case":
        if len(parts) != 2:
            return lambda answers: None
        name = parts[1]

        def case(answers: AnswerSet) -> Value:
            value = getattr(answers.case, name, None)
            return None if value is None else str(value)

        return case
    if scope == "context":
        if len(parts) != 2:
            return lambda answers: None
        key = parts[1]
        return lambda answers: answers.context.get(key)
    if len(parts) < 2:  # pragma: no cover - qualified refs always have two parts
        return lambda answers: None
    item = parts[1]
    if len(parts) == 2:

        def answer(answers: AnswerSet) -> Value:
            response = answers.responses.get(scope, _NO_ITEMS).get(item)
            return None if response is None else response.answer

        return answer
    detail = parts[2]

    def detail_value(answers: AnswerSet) -> Value:
        response = answers.responses.get(scope, _NO_ITEMS).get(item)
        if response is None or response.details is None:
            return None
        value: Value = response.details.get(detail)
        return value

    return detail_value


def _compare_answer(scope: str, item: str, values: frozenset[str], negate: bool) -> Check:
    """``scope.item == value`` (or ``in``/``!=``): an answer is always one string."""
    if len(values) == 1 and not negate:
        (value,) = values

        def answer_is(answers: AnswerSet) -> bool:
            response = answers.responses.get(scope, _NO_ITEMS).get(item)
            return response is not None and response.answer == value

        return answer_is

    def compare_answer(answers: AnswerSet) -> bool:
        response = answers.responses.get(scope, _NO_ITEMS).get(item)
        return (response is not None and response.answer in values) != negate

    return compare_answer


def _compare_context(key: str, values: frozenset[str], negate: bool) -> Check:
    """``context.key == value`` (or ``in``/``!=``)."""

    def compare_context(answers: AnswerSet) -> bool:
        value = answers.context.get(key)
        hit = any(v in values for v in value) if isinstance(value, list) else value in values
        return hit != negate

    return compare_context


def _compare_detail(
    scope: str, item: str, detail: str, values: frozenset[str], negate: bool
) -> Check:
    """``scope.item.detail == value`` (or ``in``/``!=``): a detail may hold a list."""

    def compare_detail(answers: AnswerSet) -> bool:
        response = answers.responses.get(scope, _NO_ITEMS).get(item)
        details = None if response is None else response.details
        value = None if details is None else details.get(detail)
        hit = any(v in values for v in value) if isinstance(value, list) else value in values
        return hit != negate

    return compare_detail


def _all(parts: tuple[Check, ...]) -> Check:
    if len(parts) == 2:
        first, second = parts
        return lambda answers: first(answers) and second(answers)

    def all_of(answers: AnswerSet) -> bool:
        for part in parts:  # noqa: SIM110 - all() of a generator costs more, per screening
            if not part(answers):
                return False
        return True

    return all_of


def _any(parts: tuple[Check, ...]) -> Check:
    if len(parts) == 2:
        first, second = parts
        return lambda answers: first(answers) or second(answers)

    def any_of(answers: AnswerSet) -> bool:
        for part in parts:  # noqa: SIM110 - any() of a generator costs more, per screening
            if part(answers):
                return True
        return False

    return any_of


def compile_condition(node: Node, instrument: str) -> Check:
    """A closure that evaluates ``node`` (owned by ``instrument``) against a screening."""
    if isinstance(node, Compare):
        parts = node.ref.qualified(instrument)
        values, negate = node.values, node.negate
        if len(parts) == 2 and parts[0] == "context":
            return _compare_context(parts[1], values, negate)
        if len(parts) == 2 and parts[0] != "case":
            return _compare_answer(parts[0], parts[1], values, negate)
        if len(parts) == 3 and parts[0] not in ("case", "context"):
            return _compare_detail(parts[0], parts[1], parts[2], values, negate)
        read = _reader(parts)

        def compare(answers: AnswerSet) -> bool:
            value = read(answers)
            hit = any(v in values for v in value) if isinstance(value, list) else value in values
            return hit != negate

        return compare
    if isinstance(node, Answered):
        read = _reader(node.ref.qualified(instrument))
        return lambda answers: read(answers) is not None
    if isinstance(node, Not):
        inner = compile_condition(node.inner, instrument)
        return lambda answers: not inner(answers)
    parts_ = tuple(compile_condition(p, instrument) for p in node.parts)
    if len(parts_) == 1:  # pragma: no cover - the parser never makes a one-part and/or
        return parts_[0]
    if isinstance(node, All):
        return _all(parts_)
    if not isinstance(node, Any_):
        raise TypeError(f"{instrument}: not a condition the compiler knows: {node!r}")
    return _any(parts_)
