"""A small, safe condition language for definitions and profiles (no eval).

Grammar::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | atom
    atom    := "(" expr ")" | ref "==" value | ref "!=" value
             | ref "in" "[" value ("," value)* "]" | ref "answered"
    ref     := name ("." name)*         e.g. q8, dash.q8, dash.q4.hbv_concern,
                                        case.relationship, context.children
    value   := name                     e.g. yes, no, unknown, ex-partner

A one-part ref names an item of the instrument that holds the condition. A
ref's value is a string or ``None`` (not asked); a detail holding a list
compares as "contains".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

Lookup = Callable[[tuple[str, ...]], "str | list[str] | None"]
"""Resolves a fully-qualified ref to its value, or ``None`` when absent."""

_TOKEN = re.compile(r"\s*(?:(==|!=|\(|\)|\[|\]|,)|([A-Za-z0-9_][A-Za-z0-9_\-.]*))")


_PUNCTUATION = frozenset({"(", ")", "[", "]", ","})


class ConditionSyntaxError(ValueError):
    """The condition text does not follow the grammar."""


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ConditionSyntaxError(f"unexpected character at {text[pos : pos + 10]!r}")
        out.append(match.group(1) or match.group(2))
        pos = match.end()
    return out


@dataclass(frozen=True)
class Ref:
    parts: tuple[str, ...]

    def qualified(self, instrument: str) -> tuple[str, ...]:
        if len(self.parts) == 1:
            return (instrument, self.parts[0])
        return self.parts

    def __str__(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class Compare:
    ref: Ref
    values: frozenset[str]
    negate: bool = False

    def evaluate(self, lookup: Lookup, instrument: str) -> bool:
        value = lookup(self.ref.qualified(instrument))
        if isinstance(value, list):
            hit = any(v in self.values for v in value)
        else:
            hit = value in self.values
        return hit != self.negate


@dataclass(frozen=True)
class Answered:
    ref: Ref

    def evaluate(self, lookup: Lookup, instrument: str) -> bool:
        return lookup(self.ref.qualified(instrument)) is not None


@dataclass(frozen=True)
class Not:
    inner: Node

    def evaluate(self, lookup: Lookup, instrument: str) -> bool:
        return not self.inner.evaluate(lookup, instrument)


@dataclass(frozen=True)
class All:
    parts: tuple[Node, ...]

    def evaluate(self, lookup: Lookup, instrument: str) -> bool:
        return all(p.evaluate(lookup, instrument) for p in self.parts)


@dataclass(frozen=True)
class Any_:
    parts: tuple[Node, ...]

    def evaluate(self, lookup: Lookup, instrument: str) -> bool:
        return any(p.evaluate(lookup, instrument) for p in self.parts)


Node = Compare | Answered | Not | All | Any_


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None:
            raise ConditionSyntaxError(f"the condition ends early; expected {expected or 'more'}")
        if expected in _PUNCTUATION and token != expected:
            raise ConditionSyntaxError(f"expected {expected!r}, found {token!r}")
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_()
        if self.peek() is not None:
            raise ConditionSyntaxError(f"unexpected {self.peek()!r}")
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek() == "or":
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Any_(tuple(parts))

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek() == "and":
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def not_(self) -> Node:
        if self.peek() == "not":
            self.take()
            return Not(self.not_())
        return self.atom()

    def name(self, what: str) -> str:
        token = self.take(what)
        if token in {"==", "!=", "(", ")", "[", "]", ",", "and", "or", "not", "in"}:
            raise ConditionSyntaxError(f"expected {what}, found {token!r}")
        return token

    def atom(self) -> Node:
        if self.peek() == "(":
            self.take("(")
            node = self.or_()
            self.take(")")
            return node
        ref = Ref(tuple(self.name("an item such as dash.q8").split(".")))
        if any(not part for part in ref.parts):
            raise ConditionSyntaxError(f"{ref!s} is not a valid reference")
        op = self.take("==, !=, in or answered")
        if op == "answered":
            return Answered(ref)
        if op in {"==", "!="}:
            return Compare(ref, frozenset({self.name("a value")}), negate=op == "!=")
        if op == "in":
            self.take("[")
            values = {self.name("a value")}
            while self.peek() == ",":
                self.take(",")
                values.add(self.name("a value"))
            self.take("]")
            return Compare(ref, frozenset(values))
        raise ConditionSyntaxError(f"expected ==, !=, in or answered after {ref!s}, found {op!r}")


@functools.lru_cache(maxsize=4096)
def parse_condition(text: str) -> Node:
    """Parse condition text, raising :class:`ConditionSyntaxError` when malformed.

    Parsed trees are immutable, so they are cached: scoring evaluates the same
    few dozen conditions for every screening.
    """
    if not text.strip():
        raise ConditionSyntaxError("the condition is empty")
    return _Parser(text).parse()


def refs(node: Node) -> Iterator[Ref]:
    """Every reference a condition reads (for cross-reference checks)."""
    if isinstance(node, (Compare, Answered)):
        yield node.ref
    elif isinstance(node, Not):
        yield from refs(node.inner)
    else:
        for part in node.parts:
            yield from refs(part)
