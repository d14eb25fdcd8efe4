"""A fast way in for answer data that is already plainly valid.

Batch scoring validates tens of thousands of screenings that machines wrote:
plain mappings with known instrument and item ids, canonical answers and no
item details. For those, the full path's general passes — normalising every
value, checking ids against the definitions, normalising details, reporting
every problem with its line — find nothing to do, yet cost several times the
validation itself.

:func:`canonical_answers` checks the shape with cheap explicit tests, builds
exactly the data the full path would build, and hands it to the same pydantic
validation in one call. It returns ``None`` as soon as anything is unusual — an
unknown key or id, a detail, a value it does not recognise, or any validation
error — and the caller then takes the full path
(:func:`stalkscreen.answers.answers_from_data`), which also writes every error
message. It is an optimisation, never a second set of rules: a property test
proves both paths give equal models, with equal fields set, for valid and
invalid data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from stalkscreen import ANSWERS_FORMAT
from stalkscreen.answers import ANSWER_SPELLINGS, AnswerSet, normalise_answer
from stalkscreen.definitions.models import Questionnaire

TOP_KEYS = frozenset(
    {
        "format",
        "case",
        "profile",
        "context",
        "responses",
        "professional_judgement",
        "status",
        "meta",
    }
)
"""The top-level keys this path understands; any other key takes the full path."""
RESPONSE_KEYS = frozenset({"answer", "comment", "source"})
"""The keys of an answer mapping this path understands (``details`` takes the full path)."""

_ITEM_IDS: dict[int, tuple[Questionnaire, frozenset[str]]] = {}


def _item_ids(definition: Questionnaire) -> frozenset[str]:
    """The item ids of a definition, computed once per definition object."""
    cached = _ITEM_IDS.get(id(definition))
    if cached is None or cached[0] is not definition:
        if len(_ITEM_IDS) > 256:
            _ITEM_IDS.clear()
        cached = (definition, frozenset(i.id for i in definition.items))
        _ITEM_IDS[id(definition)] = cached
    return cached[1]


def _responses(raw: object, definitions: Mapping[str, Questionnaire]) -> dict[str, Any] | None:
    """The responses with answers in canonical form, as the full path prepares them."""
    if type(raw) is not dict:
        return None
    out: dict[str, Any] = {}
    for inst_id, items in raw.items():
        definition = definitions.get(inst_id) if type(inst_id) is str else None
        if definition is None:
            return None
        if items is None:
            out[inst_id] = {}
            continue
        if type(items) is not dict:
            return None
        known = _item_ids(definition)
        answered: dict[str, Any] = {}
        for item_id, value in items.items():
            if type(item_id) is not str or item_id not in known:
                return None
            kind = type(value)
            if kind is str:
                # most files hold the canonical spelling: one dictionary look-up
                answer = ANSWER_SPELLINGS.get(value) or normalise_answer(value)
                if answer is None:
                    return None
                answered[item_id] = {"answer": answer}
            elif kind is dict:
                if not value.keys() <= RESPONSE_KEYS:
                    return None
                answer = normalise_answer(value.get("answer"))
                if answer is None:
                    return None
                answered[item_id] = {**value, "answer": answer}
            elif kind is bool:
                answer = normalise_answer(value)
                if answer is None:
                    return None
                answered[item_id] = {"answer": answer}
            else:
                return None
        out[inst_id] = answered
    return out


def canonical_answers(raw: object, definitions: Mapping[str, Questionnaire]) -> AnswerSet | None:
    """The :class:`AnswerSet` of plainly valid data, or ``None`` to take the full path."""
    if type(raw) is not dict or not raw.keys() <= TOP_KEYS:
        return None
    data: dict[str, Any] = dict(raw)
    if type(data.get("format")) is not str or data["format"] != ANSWERS_FORMAT:
        return None
    if "responses" in data:
        responses = _responses(data["responses"], definitions)
        if responses is None:
            return None
        data["responses"] = responses
    context = data.get("context")
    if type(context) is dict:
        if not all(type(k) is str for k in context):
            return None
        data["context"] = {
            k: ("yes" if v else "no") if type(v) is bool else v for k, v in context.items()
        }
    try:
        return AnswerSet.model_validate(data)
    except (ValidationError, RecursionError):
        return None
