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
from stalkscreen.catalogue import Answers, Entry
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.errors import InvalidInputError, Problem, nearest, short_token
from stalkscreen.limits import check_incident_dates
from stalkscreen.problems import collect, dotted
from stalkscreen.source import TOP_LEVEL, Document, parse_text, read_document, require_mapping
from stalkscreen.translation import N_, Words
from stalkscreen.version import ANSWERS_FORMAT
from stalkscreen.vocabulary import ACCEPTED_SPELLINGS, normalise_answer

AN_ANSWER_FILE = Words(N_("an answer file (format, case, responses…)"))
"""What an answer file holds at its top level, as problems name it."""

Found = tuple[tuple[str | int, ...], Entry, dict[str, object]]
"""A problem found before validation: its place, its catalogue entry and its values."""


def _prepare(raw: dict[str, Any]) -> tuple[dict[str, Any], list[Found]]:
    """Normalise answer spellings in place-copy; return problems found on the way."""
    problems: list[Found] = []
    data = dict(raw)
    if "format" in data and data["format"] != ANSWERS_FORMAT:
        values: dict[str, object] = {
            "value": short_token(data["format"]),
            "expected": ANSWERS_FORMAT,
        }
        problems.append((("format",), Answers.UNKNOWN_FORMAT, values))
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


def _bad_answer(loc: tuple[str | int, ...], value: object) -> Found:
    if value is None:
        return (loc, Answers.ANSWER_EMPTY, {"accepted": ACCEPTED_SPELLINGS})
    values: dict[str, object] = {"value": short_token(value), "accepted": ACCEPTED_SPELLINGS}
    return (loc, Answers.NOT_AN_ANSWER, values)


def check_responses(
    responses: Mapping[str, Any], definitions: Mapping[str, Questionnaire]
) -> list[Found]:
    """Problems that need the instrument definitions: unknown ids, details and choices."""
    problems: list[Found] = []
    for inst_id, items in responses.items():
        loc: tuple[str | int, ...] = ("responses", str(inst_id))
        definition = definitions.get(str(inst_id))
        if definition is None:
            values: dict[str, object] = {
                "value": short_token(str(inst_id)),
                "guess": nearest(str(inst_id), definitions),
                "known": ", ".join(definitions),
            }
            problems.append((loc, Answers.UNKNOWN_ANSWERED_INSTRUMENT, values))
            continue
        if not isinstance(items, dict):
            continue
        for item_id, value in items.items():
            item = definition.item(str(item_id))
            item_loc = (*loc, str(item_id))
            if item is None:
                values = {
                    "instrument": definition.id,
                    "value": short_token(str(item_id)),
                    "guess": nearest(str(item_id), definition.item_ids),
                }
                problems.append((item_loc, Answers.UNKNOWN_ITEM, values))
                continue
            details = value.get("details") if isinstance(value, dict) else None
            if isinstance(details, dict):
                problems.extend(_check_details(item_loc, details, item.details))
    return problems


def _check_details(
    loc: tuple[str | int, ...], details: Mapping[str, Any], known: Iterable[Any]
) -> list[Found]:
    problems: list[Found] = []
    by_id = {d.id: d for d in known}
    for key, value in details.items():
        dloc = (*loc, "details", str(key))
        detail = by_id.get(str(key))
        if detail is None:
            values: dict[str, object] = {"value": short_token(str(key))}
            if by_id:
                values.update(guess=nearest(str(key), by_id), known=", ".join(by_id))
            code = Answers.UNKNOWN_DETAIL if by_id else Answers.ITEM_HAS_NO_DETAILS
            problems.append((dloc, code, values))
        elif detail.kind == "choices":
            allowed = {c.id for c in detail.choices}
            given = value if isinstance(value, list) else [value]
            if detail.single and len(given) > 1:
                problems.append((dloc, Answers.ONE_CHOICE_ONLY, dict[str, object]()))
            for v in given:
                if v not in allowed:
                    listed = ", ".join(sorted(allowed))
                    chosen: dict[str, object] = {"value": short_token(v), "allowed": listed}
                    problems.append((dloc, Answers.NOT_A_CHOICE, chosen))
        elif detail.kind == "yes-no" and normalise_answer(value) is None:
            problems.append(_bad_answer(dloc, value))
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
        kind = Words(N_("empty")) if raw is None else type(raw).__name__
        raise InvalidInputError.of(
            Answers.NOT_A_SCREENING,
            doc.path,
            dotted(prefix) if prefix else TOP_LEVEL,
            doc.line_of(prefix) if prefix else 1,
            found=kind,
        )
    data, early = _prepare(raw)
    responses = raw.get("responses")
    if isinstance(responses, dict):
        early.extend(check_responses(responses, definitions))
    _normalise_details(data, definitions)
    problems = [
        Problem.of(code, doc.path, dotted((*prefix, *loc)), doc.line_of((*prefix, *loc)), **values)
        for loc, code, values in early
    ]
    answers, structural = collect(AnswerSet, data, doc, prefix=prefix)
    problems.extend(structural)
    if problems or answers is None:
        problems.sort(key=lambda p: (p.line or 0, p.place))
        raise InvalidInputError(problems)
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
    require_mapping(doc, AN_ANSWER_FILE)
    return answers_from_data(doc.data, doc, definitions)


def parse_answers(
    text: str, label: str, definitions: Mapping[str, Questionnaire], *, fmt: str = ".yaml"
) -> AnswerSet:
    """Validate answer-file text that is already in memory (e.g. one JSON Lines record)."""
    doc = parse_text(text, label, fmt=fmt)
    return answers_from_data(doc.data, doc, definitions)
