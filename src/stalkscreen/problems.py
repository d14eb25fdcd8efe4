"""Turning pydantic validation errors into located, fixable problems."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stalkscreen.catalogue import Model, Reading
from stalkscreen.errors import Invalid, InvalidInputError, Problem, nearest, short_token
from stalkscreen.source import MAX_DEPTH, Document, read_document, require_mapping
from stalkscreen.translation import N_, Words

M = TypeVar("M", bound=BaseModel)

_CODES = {  # pydantic's error types whose message gains the offending value
    "greater_than_equal": Model.TOO_SMALL,
    "greater_than": Model.TOO_SMALL,
    "less_than_equal": Model.TOO_LARGE,
    "string_too_long": Model.TEXT_TOO_LONG,
    "string_too_short": Model.TEXT_EMPTY,
    "string_pattern_mismatch": Model.BAD_NAME,
    "date_from_datetime_parsing": Model.BAD_DATE,
    "date_parsing": Model.BAD_DATE,
    "date_type": Model.BAD_DATE,
    "datetime_parsing": Model.BAD_DATETIME,
    "int_parsing": Model.NOT_WHOLE_NUMBER,
    "int_from_float": Model.NOT_WHOLE_NUMBER,
    "too_short": Model.LIST_EMPTY,
}


def dotted(loc: Sequence[str | int]) -> str:
    """A YAML path such as ``responses.dash.q4`` or ``items[3].prompt``.

    Keys come from the file, so each is shown as a short, printable token: a long
    or strange key cannot carry free text into an error message or a terminal.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = "".join(ch if ch.isprintable() else "?" for ch in str(part))
            if len(text) > 40:
                text = text[:39] + "…"
            out += ("." if out else "") + text
    return out or "top level"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType) or origin is not None:
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg))
    return found


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (best effort)."""
    current: list[type[BaseModel]] = [model]
    for part in loc:
        nxt: list[type[BaseModel]] = []
        for cls in current:
            field = cls.model_fields.get(str(part)) if isinstance(part, str) else None
            if field is not None:
                nxt.extend(_models_in(field.annotation))
        if nxt:
            current = nxt
    names: list[str] = []
    for cls in current:
        names.extend(f.alias or n for n, f in cls.model_fields.items())
    return names


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    # pydantic inserts union-member and validator tags into locations; drop them. A type tag
    # always follows a field name, so a field really called `date` (first, or after a list
    # index) keeps its place.
    return tuple(
        p
        for i, p in enumerate(loc)
        if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))
        and not (
            p in {"str", "int", "date", "datetime", "dict", "list", "bool"}
            and i > 0
            and isinstance(loc[i - 1], str)
        )
    )


_FREE_TEXT = frozenset(
    {
        "comment", "rationale", "source", "practitioner", "agency",
        # an incident log's text (issue 21: "what happened" reached stderr and batch errors)
        "what", "where", "who_saw", "how_it_felt", "evidence_kept", "kept_by",
    }
)  # fmt: skip


def _is_free_text(loc: Sequence[str | int]) -> bool:
    """Fields whose value is what someone typed: errors describe it, never quote it."""
    return bool(loc) and (str(loc[-1]) in _FREE_TEXT or str(loc[0]) == "context")


class _TextShape:
    """Stands in for free text in an error message: its kind and length, not its words."""

    def __init__(self, value: object) -> None:
        self.text = (
            f"text of {len(value):,} characters" if isinstance(value, str) else type(value).__name__
        )

    def __repr__(self) -> str:
        return f"<{self.text}>"


_TYPE_WORDS = {
    "string_type": Words(N_("Input should be a valid string")),
    "int_type": Words(N_("Input should be a valid integer")),
    "dict_type": Words(N_("Input should be a valid dictionary")),
    "list_type": Words(N_("Input should be a valid list")),
    "bool_type": Words(N_("Input should be a valid boolean")),
}
"""pydantic's words for a value of the wrong type, as stalkscreen's own (translated when
the problem is filled in); used only while pydantic says exactly these."""


def problems_from(
    exc: ValidationError,
    doc: Document,
    model: type[BaseModel],
    *,
    prefix: Sequence[str | int] = (),
) -> list[Problem]:
    """One :class:`Problem` per validation error, with line numbers and fixes."""
    problems: list[Problem] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    union_seen: set[tuple[str | int, ...]] = set()
    for err in exc.errors(include_url=False, include_input=True):
        loc = _clean_loc(err["loc"])
        if len(loc) != len(err["loc"]):  # one branch of a union (date | datetime …)
            if loc in union_seen:
                continue
            union_seen.add(loc)
        full = (*prefix, *loc)
        kind = err["type"]
        if _is_free_text(loc):
            err = {**err, "input": _TextShape(err.get("input"))}
        detail = str(err["msg"]).removeprefix("Value error, ")
        value = short_token(err.get("input"))
        where = (doc.path, dotted(full), doc.line_of(full))
        raised = (err.get("ctx") or {}).get("error")
        if isinstance(raised, Invalid):  # a validator's own problem, from the catalogue
            problem = Problem.of(raised.code, *where, **raised.params)
        elif kind == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            guess = nearest(key, _fields_at(model, loc[:-1]))
            problem = Problem.of(Model.UNKNOWN_KEY, *where, key=short_token(key), guess=guess)
        elif kind == "missing":
            problem = Problem.of(Model.MISSING_KEY, *where, key=str(loc[-1]) if loc else "it")
        elif kind in {"string_type", "int_type", "dict_type", "list_type", "bool_type"}:
            said = _TYPE_WORDS.get(kind)
            detail = said if said == detail else detail
            problem = Problem.of(Model.WRONG_TYPE, *where, detail=detail, value=value)
        elif kind == "literal_error":
            problem = Problem.of(Model.NOT_ALLOWED, *where, detail=detail.lower(), value=value)
        elif kind in _CODES:
            detail = detail[0].lower() + detail[1:]
            problem = Problem.of(_CODES[kind], *where, detail=detail, value=value)
        else:  # pydantic's own wording (a type it converts, a plain ValueError)
            problem = Problem.of(Model.VALUE_REJECTED, *where, detail=detail)
        marker = (full, problem.message)
        if marker in seen:
            continue
        seen.add(marker)
        problems.append(problem)
    return problems


def _without(data: Any, locs: list[tuple[str | int, ...]]) -> Any:
    """A copy of ``data`` with the keys at ``locs`` removed (unknown keys)."""
    import copy

    trimmed = copy.deepcopy(data)
    for loc in locs:
        if not loc:  # a key that names no place (e.g. "[") cannot be trimmed
            continue
        node = trimmed
        for part in loc[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
                break
        if isinstance(node, dict):
            node.pop(loc[-1], None)
    return trimmed


def collect(
    model: type[M], data: Any, doc: Document, *, prefix: Sequence[str | int] = ()
) -> tuple[M | None, list[Problem]]:
    """Validate ``data``; report every problem, not only the first layer.

    pydantic skips whole-model checks (duplicate ids, band tables…) when a field
    fails, so after reporting unknown keys the data is validated again without
    them, to surface the deeper problems in the same run.
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for _ in range(3):
        try:
            validated = model.model_validate(data)
            return (None, problems) if problems else (validated, problems)
        except ValidationError as exc:
            for problem in problems_from(exc, doc, model, prefix=prefix):
                if (problem.place, problem.message) not in seen:
                    seen.add((problem.place, problem.message))
                    problems.append(problem)
            extra = [_clean_loc(e["loc"]) for e in exc.errors() if e["type"] == "extra_forbidden"]
            if not extra:
                break
            data = _without(data, extra)
        except RecursionError:
            problems.append(Problem.of(Reading.TOO_DEEP, doc.path, limit=MAX_DEPTH))
            break
    return None, problems


def read_model(path: Path, model: type[M], keys: str) -> M:
    """One YAML or JSON data file (advice, rule prompts, a configuration…) as ``model``.

    The top level must be a mapping (``keys`` says what it holds); a file that does not
    fit the model is an :class:`InvalidInputError` naming the file, each place and its fix.
    """
    doc = read_document(path)
    data = require_mapping(doc, keys)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, doc, model)) from None
