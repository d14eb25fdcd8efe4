"""Reading YAML and JSON documents safely, with line numbers for errors.

Every file the tool reads (answer files, questionnaires, profiles, overlays)
comes through :func:`read_document`. It enforces a size limit, strict UTF-8,
the safe loader only (the libyaml C loader when present), no anchors/aliases
in answer files (alias bombs), and a bounded nesting depth. Line numbers are
found lazily, only when an error needs one, so the fast path stays fast.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from stalkscreen.catalogue import Reading
from stalkscreen.errors import InvalidInputError, Problem
from stalkscreen.quickload import MAX_DEPTH as MAX_DEPTH
from stalkscreen.quickload import (
    TEXT_KEYS,
    NotPlain,
    TooDeep,
    count_keys,
    quick_json,
    quick_yaml,
)
from stalkscreen.translation import N_, Words

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest single document accepted (5 MiB); a screening is a few kilobytes."""

_Loader: type[yaml.SafeLoader]
try:
    _Loader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice: the later value would silently win."""

    def __init__(self, key: object, first_line: int | None, line: int | None) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.first_line = first_line
        self.line = line


class BadTaggedValue(yaml.YAMLError):
    """A standard tag on a value it cannot build (``!!bool maybe``, ``!!timestamp x``)."""

    def __init__(self, tag: str, mark: Any) -> None:
        super().__init__(f"bad {tag} value")
        self.tag = tag
        self.problem_mark = mark


_FLOAT_TAG = "tag:yaml.org,2002:float"
_INT_TAG = "tag:yaml.org,2002:int"
_NOT_TEXT_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "timestamp")
)


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """The safe loader, refusing a key that appears twice in one mapping, and keeping the
    characters written for a text key's value (see :data:`quickload.TEXT_KEYS`)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value in TEXT_KEYS
                and isinstance(value_node, yaml.ScalarNode)
                and value_node.tag in _NOT_TEXT_TAGS
            ):
                value_node.tag = "tag:yaml.org,2002:str"
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise DuplicateKeyError(key, seen[key], line)
                seen[key] = line
        return mapping

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # pyyaml's safe constructors fail with KeyError, AttributeError or IndexError on a
        # standard tag given a value that does not fit (`!!bool maybe`, an empty `!!int`)
        try:
            return super().construct_object(node, deep=deep)
        except (KeyError, AttributeError, IndexError, TypeError):
            pass
        except ValueError:  # an impossible date, or thousands of digits: explained by the caller
            if node.tag not in (_FLOAT_TAG, _INT_TAG) or len(str(node.value)) > 4000:
                raise
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise BadTaggedValue(tag, node.start_mark)


class _LiteralDateLoader(_StrictLoader):
    """Leaves date-like text as text, so an impossible date is reported where it stands."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    }


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key, None, None)
            seen.add(key)
    return mapping


def _duplicate_problem(path: str, exc: DuplicateKeyError, text: str) -> Problem:
    line = exc.line
    if line is None:  # JSON: find the key's second appearance
        hits = [m.start() for m in re.finditer(re.escape(json.dumps(exc.key)) + r"\s*:", text)]
        line = text.count("\n", 0, hits[1]) + 1 if len(hits) > 1 else None
    first = f" (first at line {exc.first_line})" if exc.first_line else ""
    shown = str(exc.key)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return Problem.of(Reading.DUPLICATE_KEY, path, shown, line, key=shown, first=first)


_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s]", re.MULTILINE)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """False when any value lies deeper than ``limit`` (the document itself is depth 0)."""
    if not isinstance(value, dict | list):
        return True
    try:
        count_keys(value, limit)
    except TooDeep:
        return False
    return True


def _has_alias(text: str) -> bool:
    """True when the YAML text really uses an anchor or alias (checked by events)."""
    if ("&" not in text and "*" not in text) or not _ANCHOR_HINT.search(text):
        return False
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return True
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            return True
    return False


@dataclass
class Document:
    """A parsed document and what is needed to point at places inside it."""

    path: str
    text: str
    data: Any
    _lines: dict[tuple[str | int, ...], int] | None = field(default=None, repr=False)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The 1-based line of the deepest node of ``loc`` that exists."""
        if self._lines is None:
            self._lines = _line_map(self.text)
        key = tuple(loc)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self._lines.get((), None)


def _line_map(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each path in a YAML/JSON document to the line where it starts."""
    lines: dict[tuple[str | int, ...], int] = {}
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return lines
    if root is None:
        return lines
    stack: list[tuple[yaml.Node, tuple[str | int, ...], int]] = [(root, (), 0)]
    while stack:
        node, path, depth = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                sub = (*path, str(key))
                lines[sub] = key_node.start_mark.line + 1
                stack.append((value_node, sub, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*path, index), depth + 1))
    return lines


def _yaml_problem(path: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or "the text is not valid YAML"
    if isinstance(exc, BadTaggedValue):
        tag = exc.tag if len(exc.tag) <= 40 else exc.tag[:39] + "…"
        return Problem.of(Reading.YAML_BAD_TAG, path, "", line, tag=tag)
    if isinstance(exc, yaml.constructor.ConstructorError):
        return Problem.of(Reading.YAML_OBJECT_TAG, path, "", line)
    return Problem.of(Reading.NOT_YAML, path, "", line, detail=problem)


def parse_text(
    text: str, path: str, *, allow_aliases: bool = False, fmt: str | None = None
) -> Document:
    """Parse YAML or JSON text that has already been decoded.

    A plain document (the usual kind) is read by :mod:`stalkscreen.quickload`;
    anything else, and every error, by the full loaders below, with the same data.
    """
    suffix = fmt or file_suffix(path)
    try:
        data = quick_json(text) if suffix == ".json" else quick_yaml(text)
    except NotPlain:
        pass
    else:
        return Document(path=path, text=text, data=data)
    if not allow_aliases and suffix != ".json" and _has_alias_safe(text, path):
        raise InvalidInputError.of(Reading.YAML_ALIAS, path)
    try:
        data = (
            json.loads(text, object_pairs_hook=_json_pairs)
            if suffix == ".json"
            else yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - safe loaders only
        )
    except DuplicateKeyError as exc:
        problem = _duplicate_problem(path, exc, text)
        raise InvalidInputError(problem) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError.of(Reading.NOT_JSON, path, "", exc.lineno, detail=exc.msg) from None
    except yaml.YAMLError as exc:
        problem = _yaml_problem(path, exc)
        raise InvalidInputError(problem) from None
    except RecursionError:
        raise _too_deep(path) from None
    except ValueError:  # an impossible date (2026-13-45) or an integer with thousands of digits
        data = _reparse_dates_as_text(text, path, suffix)
    if not _depth_ok(data):
        raise _too_deep(path)
    return Document(path=path, text=text, data=data)


def file_suffix(path: str) -> str:
    """What ``Path(path).suffix.lower()`` gives, without building a :class:`Path`."""
    name = os.path.basename(path)  # noqa: PTH119 - a string, not a Path
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _reparse_dates_as_text(text: str, path: str, suffix: str) -> Any:
    """Parse again with dates left as text, so the field that holds a bad one is named."""
    try:
        if suffix == ".json":
            raise ValueError
        return yaml.load(text, Loader=_LiteralDateLoader)  # noqa: S506 - safe loaders only
    except (ValueError, yaml.YAMLError):
        raise InvalidInputError.of(Reading.VALUE_TOO_BIG, path) from None


def _has_alias_safe(text: str, path: str) -> bool:
    try:
        return _has_alias(text)
    except yaml.YAMLError as exc:
        problem = _yaml_problem(path, exc)
        raise InvalidInputError(problem) from None


def _too_deep(path: str) -> InvalidInputError:
    return InvalidInputError.of(Reading.TOO_DEEP, path, limit=MAX_DEPTH)


def decode(raw: bytes, path: str) -> str:
    """Decode bytes as strict UTF-8 (a BOM is allowed), or explain where it fails."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInputError.of(Reading.FILE_TOO_LARGE, path, limit=MAX_FILE_BYTES)
    if b"\x00" in raw:
        raise InvalidInputError.of(Reading.BINARY_FILE, path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInputError.of(Reading.NOT_UTF8, path, f"byte {exc.start}", line) from None


_FIRST_READ = 1 << 16


def read_bytes(path: Path | str) -> bytes:
    """Read a file, refusing anything over the size limit without reading it all.

    A sealed (encrypted) file is opened here with the keys the command was given,
    so every loader reads encrypted screenings without knowing it.
    """
    label = str(path)
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a str path is cheaper than a Path
            # a first small read: asking for the whole limit at once allocates 5 MiB per file
            raw = handle.read(_FIRST_READ)
            if len(raw) == _FIRST_READ:
                raw += handle.read(MAX_FILE_BYTES + 1 - _FIRST_READ)
    except FileNotFoundError:
        raise InvalidInputError.of(Reading.NO_SUCH_FILE, label) from None
    except IsADirectoryError:
        raise InvalidInputError.of(Reading.IS_A_FOLDER, label) from None
    except PermissionError:
        raise InvalidInputError.of(Reading.UNREADABLE, label, reason="permission denied") from None
    except OSError as exc:
        raise InvalidInputError.of(Reading.UNREADABLE, label, reason=exc.strerror) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInputError.of(Reading.FILE_TOO_LARGE, label, limit=MAX_FILE_BYTES)
    from stalkscreen.sealing import is_sealed, unseal

    if is_sealed(raw):
        return unseal(raw, label)
    return raw


def read_document(path: Path, *, allow_aliases: bool = False) -> Document:
    """Read and parse one YAML or JSON file."""
    raw = read_bytes(path)
    return parse_text(decode(raw, str(path)), str(path), allow_aliases=allow_aliases)


TOP_LEVEL = Words(N_("top level"))
"""The place of a problem with a whole file's structure."""


def require_mapping(doc: Document, what: str) -> dict[str, Any]:
    """The document's top level as a mapping, or a clear error."""
    if not isinstance(doc.data, dict):
        kind = Words(N_("empty")) if doc.data is None else type(doc.data).__name__
        raise InvalidInputError.of(
            Reading.NOT_A_MAPPING, doc.path, TOP_LEVEL, 1, found=kind, what=what
        )
    return doc.data
