"""Fast reading of plain YAML and JSON documents, with the full loaders' result.

Nearly every document a batch reads is plain: block or flow YAML, or JSON,
with no tags, anchors, aliases, merge keys or repeated keys, nested a few
levels deep. For those, this module builds the data straight from libyaml's
event stream (YAML) or from orjson (JSON), which gives exactly what
:func:`stalkscreen.source.parse_text` gives through pyyaml's constructor or
``json.loads`` with a duplicate-key hook, in well under half the time.

Anything that is not plain — and every error — raises :class:`NotPlain`, and
the caller takes the full loader, which finds, locates and explains the problem
exactly as before. This module never decides that a document is invalid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import orjson
import yaml
from yaml.events import (
    DocumentEndEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

MAX_DEPTH = 32
"""Deepest nesting accepted; the deepest legitimate structure is about 5 (see :mod:`source`)."""

_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - pyyaml built without libyaml
    _CParser = None


class NotPlain(Exception):
    """The document needs the full loader (or holds an error the full loader explains)."""


# ----------------------------------------------------------------------------- YAML

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "timestamp")
)
_SCALARS: dict[str, Any] = {}
"""Plain scalar text → its value. A plain scalar's value depends on its text alone
(YAML 1.1 as pyyaml's safe loader resolves it) and every such value is immutable,
so one value can serve every document."""
_SCALARS_LIMIT = 8192
_SCALAR_CACHED_LENGTH = 64

Next = Callable[[], Any]

TEXT_KEYS = frozenset(
    {
        "reference", "practitioner", "agency", "comment", "source", "rationale",
        "what", "where", "who_saw", "how_it_felt", "evidence_kept", "kept_by",
    }
)  # fmt: skip
"""Keys whose value is free text wherever they stand: a plain scalar there keeps the
characters written (``reference: 01234567`` stays "01234567", not the octal number 342391;
``12:30:45`` is not 45045, ``0x1F`` not 31, ``yes`` not true). A null stays null."""


def text_value(text: str, value: Any) -> Any:
    """What a text key holds: the written ``text`` unless ``value`` is already text or null."""
    return value if value is None or type(value) is str else text


def _plain_scalar(text: str) -> Any:
    """The value of an untagged plain scalar, resolved and built as the safe loader does."""
    try:
        return _SCALARS[text]
    except KeyError:
        pass
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _PLAIN_TAGS:  # merge keys (<<) and value keys (=) take the full loader
        raise NotPlain
    build = _CONSTRUCTOR.yaml_constructors[tag]
    try:
        value = build(_CONSTRUCTOR, yaml.ScalarNode(tag, text))
    except (ValueError, OverflowError, yaml.YAMLError):  # e.g. an impossible date
        raise NotPlain from None
    if len(text) <= _SCALAR_CACHED_LENGTH and len(_SCALARS) < _SCALARS_LIMIT:
        _SCALARS[text] = value
    return value


def _scalar(event: ScalarEvent) -> Any:
    if event.anchor is not None or event.tag is not None:
        raise NotPlain
    return _plain_scalar(event.value) if event.implicit[0] else event.value


def _node(next_event: Next, event: Event, depth: int) -> Any:
    """The value of the node that ``event`` starts, at nesting ``depth`` (the root is 0)."""
    kind = type(event)
    if depth > MAX_DEPTH:
        raise NotPlain
    if kind is ScalarEvent:
        return _scalar(event)  # type: ignore[arg-type]
    if kind is MappingStartEvent:
        if event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
            raise NotPlain
        mapping: dict[Any, Any] = {}
        pairs = 0
        while True:
            key_event = next_event()
            if type(key_event) is MappingEndEvent:
                break
            if type(key_event) is not ScalarEvent or depth >= MAX_DEPTH:
                raise NotPlain  # a collection as a key, or nested too deep
            key = _scalar(key_event)
            value_event = next_event()
            if (
                key in TEXT_KEYS
                and type(value_event) is ScalarEvent
                and value_event.anchor is None
                and value_event.tag is None
                and value_event.implicit[0]
            ):
                text = value_event.value
                mapping[key] = text_value(text, _plain_scalar(text))
            else:
                mapping[key] = _node(next_event, value_event, depth + 1)
            pairs += 1
        if len(mapping) != pairs:  # a repeated key: the full loader says where
            raise NotPlain
        return mapping
    if kind is SequenceStartEvent:
        if event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
            raise NotPlain
        items: list[Any] = []
        while True:
            item_event = next_event()
            if type(item_event) is SequenceEndEvent:
                return items
            items.append(_node(next_event, item_event, depth + 1))
    raise NotPlain  # an alias, or an event a node cannot start with


def quick_yaml(text: str) -> Any:
    """The data of a plain single-document YAML text; :class:`NotPlain` otherwise."""
    if _CParser is None:  # pragma: no cover - pyyaml built without libyaml
        raise NotPlain
    try:
        parser = _CParser(text)
        next_event: Next = parser.get_event
        next_event()  # the stream's start
        event = next_event()
        if type(event) is StreamEndEvent:
            return None  # no document at all (empty, or only comments)
        data = _node(next_event, next_event(), 0)
        if type(next_event()) is not DocumentEndEvent or type(next_event()) is not StreamEndEvent:
            raise NotPlain  # a second document: the full loader refuses it
    except (yaml.YAMLError, UnicodeError, RecursionError):
        raise NotPlain from None
    return data


# ----------------------------------------------------------------------------- JSON

_SPACED_KEY = re.compile(r'"[ \t\r\n]+:')


class TooDeep(NotPlain):
    """A value lies deeper than the nesting limit."""


def count_keys(
    value: dict[Any, Any] | list[Any], limit: int = MAX_DEPTH, *, floats: bool = True
) -> int:
    """How many keys the mappings in ``value`` hold; :class:`TooDeep` past ``limit``.

    A value lies deeper than ``limit`` (the document itself is depth 0) exactly
    when a non-empty container lies at ``limit`` or deeper. The walk stops there,
    so it never recurses more than ``limit`` levels, however deep the data.
    ``floats=False`` raises :class:`NotPlain` at any float.
    """
    return _keys(value, 0, limit, floats)


def _keys(value: Any, depth: int, limit: int, floats: bool) -> int:
    if depth >= limit and value:
        raise TooDeep
    if type(value) is dict:
        count = len(value)
        children = value.values()
    else:
        count = 0
        children = value
    for child in children:
        kind = type(child)
        if kind is dict or kind is list:
            count += _keys(child, depth + 1, limit, floats)
        elif kind is float and not floats:
            raise NotPlain
    return count


def quick_json(text: str) -> Any:
    """The data of a JSON text with no repeated key, float or deep nesting; else :class:`NotPlain`.

    Repeated keys are ruled out without a per-object hook: in JSON, every key
    written straight before its colon puts one ``":`` in the text (other
    occurrences, inside strings, only add to the count), so when no key has
    space before its colon and the text holds exactly as many ``":`` as the
    parsed mappings hold keys, no key was written twice.
    """
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise NotPlain from None
    if type(data) is float:
        raise NotPlain  # orjson reads an integer beyond 64 bits as a float; json keeps it whole
    if type(data) is dict or type(data) is list:
        keys = count_keys(data, floats=False)
        if text.count('":') != keys or (keys and _SPACED_KEY.search(text)):
            raise NotPlain
    return data
