"""Reading a screening: the one way in, choosing the fast or the full path.

:func:`answers_from_data` first offers the data to the fast path
(:func:`stalkscreen.canonical.canonical_answers`: plainly valid data, the same model
for less work), and otherwise takes the full one here: normalise every spelling,
check ids, details and choices against the instrument definitions, validate, and
report every problem with its file, place, line and fix. The files themselves are
read by :mod:`stalkscreen.source` (which, in its turn, takes :mod:`stalkscreen.quickload`
for plain documents and the YAML parser for the rest).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from stalkscreen.answers import AnswerSet
from stalkscreen.canonical import canonical_answers
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.errors import InvalidInputError, Problem, nearest, short_token
from stalkscreen.limits import check_incident_dates
from stalkscreen.problems import collect, dotted
from stalkscreen.source import Document, parse_text, read_document, require_mapping
from stalkscreen.version import ANSWERS_FORMAT
from stalkscreen.vocabulary import ACCEPTED_SPELLINGS, normalise_answer


def _prepare(
    raw: dict[str, Any],
) -> tuple[dict[str, Any], list[tuple[tuple[str | int, ...], str, str]]]:
    """Normalise answer spellings in place-copy; return problems found on the way."""
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    data = dict(raw)
    if "format" in data and data["format"] != ANSWERS_FORMAT:
        problems.append(
            (
                ("format",),
                f"format {short_token(data['format'])} is not one this version reads",
                f"use format: {ANSWERS_FORMAT}",
            )
        )
        data["format"] = ANSWERS_FORMAT
    responses = data.get("responses")
    if isinstance(responses, dict):
        prepared: dict[str, Any] = {}
        for inst_id, items in responses.items():
            if items is None:
                prepared[str(inst_id)] = {}
                continue
            if not isinstance(items, dict):
                prepared[str(inst_id)] = items
                continue
            out: dict[str, Any] = {}
            for item_id, value in items.items():
                key = str(item_id)
                loc: tuple[str | int, ...] = ("responses", str(inst_id), key)
                if isinstance(value, dict):
                    answer = normalise_answer(value.get("answer"))
                    if answer is None:
                        problems.append(_bad_answer((*loc, "answer"), value.get("answer")))
                        continue
                    out[key] = {**value, "answer": answer}
                else:
                    answer = normalise_answer(value)
                    if answer is None:
                        problems.append(_bad_answer(loc, value))
                        continue
                    out[key] = {"answer": answer}
            prepared[str(inst_id)] = out
        data["responses"] = prepared
    context = data.get("context")
    if isinstance(context, dict):
        data["context"] = {
            str(k): (normalise_answer(v) if isinstance(v, bool) else v) for k, v in context.items()
        }
    return data, problems


def _bad_answer(
    loc: tuple[str | int, ...], value: object
) -> tuple[tuple[str | int, ...], str, str]:
    if value is None:
        return (loc, "the answer is empty", f"answer {ACCEPTED_SPELLINGS}, or leave the item out")
    return (loc, f"{short_token(value)} is not an answer", f"use {ACCEPTED_SPELLINGS}")


def check_responses(
    responses: Mapping[str, Any], definitions: Mapping[str, Questionnaire]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Problems that need the instrument definitions: unknown ids, details and choices."""
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    for inst_id, items in responses.items():
        loc: tuple[str | int, ...] = ("responses", str(inst_id))
        definition = definitions.get(str(inst_id))
        if definition is None:
            guess = nearest(str(inst_id), definitions)
            fix = f"did you mean {guess!r}?" if guess else f"use one of: {', '.join(definitions)}"
            problems.append((loc, f"unknown instrument {short_token(str(inst_id))}", fix))
            continue
        if not isinstance(items, dict):
            continue
        for item_id, value in items.items():
            item = definition.item(str(item_id))
            item_loc = (*loc, str(item_id))
            if item is None:
                guess = nearest(str(item_id), definition.item_ids)
                fix = (
                    f"did you mean {guess!r}?" if guess else "check the item ids in the instrument"
                )
                problems.append(
                    (item_loc, f"{definition.id} has no item {short_token(str(item_id))}", fix)
                )
                continue
            details = value.get("details") if isinstance(value, dict) else None
            if isinstance(details, dict):
                problems.extend(_check_details(item_loc, details, item.details))
    return problems


def _check_details(
    loc: tuple[str | int, ...], details: Mapping[str, Any], known: Iterable[Any]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    by_id = {d.id: d for d in known}
    for key, value in details.items():
        dloc = (*loc, "details", str(key))
        detail = by_id.get(str(key))
        if detail is None:
            guess = nearest(str(key), by_id)
            fix = (
                f"did you mean {guess!r}?"
                if guess
                else (
                    f"this item records: {', '.join(by_id)}"
                    if by_id
                    else "this item has no details"
                )
            )
            problems.append((dloc, f"unknown detail {short_token(str(key))}", fix))
        elif detail.kind == "choices":
            allowed = {c.id for c in detail.choices}
            values = value if isinstance(value, list) else [value]
            if detail.single and len(values) > 1:
                problems.append((dloc, "only one choice may be given", "keep one of them"))
            for v in values:
                if v not in allowed:
                    problems.append(
                        (
                            dloc,
                            f"{short_token(v)} is not a choice",
                            f"use any of: {', '.join(sorted(allowed))}",
                        )
                    )
        elif detail.kind == "yes-no" and normalise_answer(value) is None:
            problems.append(
                (dloc, f"{short_token(value)} is not an answer", f"use {ACCEPTED_SPELLINGS}")
            )
    return problems


def _normalise_details(data: dict[str, Any], definitions: Mapping[str, Questionnaire]) -> None:
    """Store yes-no details canonically (``true`` → ``yes``)."""
    responses = data.get("responses")
    if not isinstance(responses, dict):
        return
    for inst_id, items in responses.items():
        definition = definitions.get(inst_id)
        if definition is None or not isinstance(items, dict):
            continue
        for item_id, value in items.items():
            details = value.get("details") if isinstance(value, dict) else None
            item = definition.item(item_id)
            if not isinstance(details, dict) or item is None:
                continue
            kinds = {d.id: d.kind for d in item.details}
            value["details"] = {
                k: (normalise_answer(v) or v) if kinds.get(k) == "yes-no" else v
                for k, v in details.items()
            }


def answers_from_data(
    raw: object,
    doc: Document,
    definitions: Mapping[str, Questionnaire],
    *,
    prefix: tuple[str | int, ...] = (),
    fast: bool = True,
) -> AnswerSet:
    """Validate one screening's data (already parsed) into an :class:`AnswerSet`.

    Data that is already canonical takes a fast path with the same result
    (:mod:`stalkscreen.canonical`); ``fast=False`` always takes the full one.
    """
    if fast:
        found = canonical_answers(raw, definitions)
        if found is not None:
            return found
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else type(raw).__name__
        raise InvalidInputError(
            "not a mapping",
            [
                Problem(
                    doc.path,
                    dotted(prefix) if prefix else "top level",
                    f"expected a screening (a mapping of format, case, responses…), found {kind}",
                    "see the answer-file format in the README",
                    doc.line_of(prefix) if prefix else 1,
                )
            ],
        )
    data, early = _prepare(raw)
    responses = raw.get("responses")
    if isinstance(responses, dict):
        early.extend(check_responses(responses, definitions))
    _normalise_details(data, definitions)
    problems = [
        Problem(doc.path, dotted((*prefix, *loc)), msg, fix, doc.line_of((*prefix, *loc)))
        for loc, msg, fix in early
    ]
    answers, structural = collect(AnswerSet, data, doc, prefix=prefix)
    problems.extend(structural)
    if problems or answers is None:
        problems.sort(key=lambda p: (p.line or 0, p.place))
        raise InvalidInputError(f"{doc.path} is not a valid answer file", problems)
    if answers.incident_log is not None:
        check_incident_dates(
            answers.incident_log,
            answers.case.assessed_date,
            doc.path,
            lambda i: doc.line_of((*prefix, "incident_log", "entries", i, "date")),
            dotted((*prefix, "incident_log", "entries")),
        )
    return answers


def load_answers(path: Path, definitions: Mapping[str, Questionnaire]) -> AnswerSet:
    """Read one answer file (YAML or JSON) and validate it against the contract."""
    doc = read_document(path)
    require_mapping(doc, "an answer file (format, case, responses…)")
    return answers_from_data(doc.data, doc, definitions)


def parse_answers(
    text: str, label: str, definitions: Mapping[str, Questionnaire], *, fmt: str = ".yaml"
) -> AnswerSet:
    """Validate answer-file text that is already in memory (e.g. one JSON Lines record)."""
    doc = parse_text(text, label, fmt=fmt)
    return answers_from_data(doc.data, doc, definitions)
