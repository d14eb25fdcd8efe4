"""A fast way in for answer data that is already plainly valid.

Batch scoring validates tens of thousands of screenings that machines wrote:
plain mappings with known instrument and item ids, canonical answers and no
item details. For those, the full path's general passes — normalising every
value, checking ids against the definitions, normalising details, reporting
every problem with its line — find nothing to do, yet cost several times the
validation itself.

:func:`canonical_answers` checks the shape with cheap explicit tests and hands
the data to the models' own validation (``AnswerSet.model_validate``) in one
call. Two things make that call cheap, both through pydantic's public API:

* a bare answer (``q1: yes``, the bulk of every file) becomes one of three
  shared, validated :class:`Response` objects, which validation takes as they
  are (a model instance is not validated again); so only the case, the context
  and the few answers with a comment are validated field by field;
* the responses are keyed by the definitions' own id strings, which validation
  keeps, so scoring's look-ups by those ids find them without comparing text.

It replaced a builder that wrote pydantic's private fields directly. Measured
when it did (3,000 of ``benchmarks/bench_scoring.py``'s screenings, best of 12
alternating rounds, plain Python): validation alone costs 1.47 times the old
builder's, and a screening read, validated, scored and written as JSON 1.02
times — within issue 15's bound of 1.25, and no private field is written.

It returns ``None`` as soon as anything is unusual — an unknown key or id, a
detail, a value it does not recognise, or any validation error — and the caller
then takes the full path (:func:`stalkscreen.reading.answers_from_data`), which
also writes every error message. It is an optimisation, never a second set of
rules: a property test proves both paths give equal models, with equal fields
set, for valid and invalid data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from stalkscreen.answers import AnswerSet, Response
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.version import ANSWERS_FORMAT
from stalkscreen.vocabulary import ANSWER_SPELLINGS, normalise_answer

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

SHARED: dict[str, Response] = {
    answer: Response.model_validate({"answer": answer}) for answer in ("yes", "no", "unknown")
}
"""One validated response per bare answer, shared by every screening read this way.

Sharing is safe because a :class:`Response` is frozen (assignment raises) and a
bare one holds nothing mutable (no details, so no inner dict); copies made with
``model_copy`` get their own field set. It equals, dumps and reports its fields
set exactly as one validated from the same answer.
"""
_BY_SPELLING: dict[str, Response] = {
    spelling: SHARED[answer] for spelling, answer in ANSWER_SPELLINGS.items()
}
"""The shared response of each accepted spelling of a bare answer, found in one look-up."""

_ITEM_IDS: dict[int, tuple[Questionnaire, dict[str, str]]] = {}


def _item_ids(definition: Questionnaire) -> dict[str, str]:
    """The item ids of a definition, each to itself, computed once per definition object.

    Responses are keyed by the definition's own id strings: equal to the ones read,
    and scoring's look-ups by those ids then find them without comparing text.
    """
    cached = _ITEM_IDS.get(id(definition))
    if cached is None or cached[0] is not definition:
        if len(_ITEM_IDS) > 256:
            _ITEM_IDS.clear()
        cached = (definition, {i.id: i.id for i in definition.items})
        _ITEM_IDS[id(definition)] = cached
    return cached[1]


def _response(value: object) -> Response | None:
    """The response an item's value makes, or ``None`` when it is not plainly one.

    Raises :class:`~pydantic.ValidationError` for an answer mapping the model refuses.
    """
    if type(value) is str:
        shared = _BY_SPELLING.get(value)
        if shared is not None:
            return shared
    if type(value) is not dict:
        answer = normalise_answer(value)  # other spellings, and booleans
        return None if answer is None else SHARED[answer]
    if not value.keys() <= RESPONSE_KEYS:
        return None
    answer = normalise_answer(value.get("answer"))
    if answer is None:
        return None
    if len(value) == 1:
        return SHARED[answer]
    return Response.model_validate({**value, "answer": answer})


def _responses(
    raw: object, definitions: Mapping[str, Questionnaire]
) -> dict[str, dict[str, Response]] | None:
    """The responses as models, keyed by the definitions' own ids; ``None`` if unusual."""
    if type(raw) is not dict:
        return None
    out: dict[str, dict[str, Response]] = {}
    for inst_id, items in raw.items():
        definition = definitions.get(inst_id) if type(inst_id) is str else None
        if definition is None:
            return None
        if items is None:
            out[inst_id] = {}
            continue
        if type(items) is not dict:
            return None
        own_id = _item_ids(definition).get
        answered: dict[str, Response] = {}
        for item_id, value in items.items():
            key = own_id(item_id) if type(item_id) is str else None
            response = _response(value)
            if key is None or response is None:
                return None
            answered[key] = response
        out[inst_id] = answered
    return out


def canonical_answers(raw: object, definitions: Mapping[str, Questionnaire]) -> AnswerSet | None:
    """The :class:`AnswerSet` of plainly valid data, or ``None`` to take the full path."""
    if type(raw) is not dict or not raw.keys() <= TOP_KEYS:
        return None
    if type(raw.get("format")) is not str or raw["format"] != ANSWERS_FORMAT:
        return None
    data: dict[str, Any] = dict(raw)
    try:
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
        return AnswerSet.model_validate(data)
    except (ValidationError, RecursionError):
        return None
