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
(:func:`stalkscreen.reading.answers_from_data`), which also writes every error
message. It is an optimisation, never a second set of rules: a property test
proves both paths give equal models, with equal fields set, for valid and
invalid data.

For the plainest data of all — no judgement, meta or incident log, and only
values it can check exactly (strings within their limits and free of control
characters and surrogates, ``YYYY-MM-DD`` dates, small whole numbers, the
relationship and status words) — :func:`_construct` builds the models directly,
the way pydantic's ``model_construct`` does, after making every check the
models' validators make. Anything else, however slight, goes to the pydantic
validation above.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar, cast, get_args

from pydantic import BaseModel, ValidationError

from stalkscreen.answers import AnswerSet, Case, Response
from stalkscreen.dates import EARLIEST_DATE, LATEST_DATE
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.version import ANSWERS_FORMAT
from stalkscreen.vocabulary import (
    ANSWER_SPELLINGS,
    FORMAT,
    MAX_COMMENT,
    MAX_SHORT_TEXT,
    Relationship,
    normalise_answer,
)

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
    if type(raw) is not dict:
        return None
    built = _construct(raw, definitions)  # (its keys are some of TOP_KEYS)
    if built is not None:
        return built
    if not raw.keys() <= TOP_KEYS:
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


# --------------------------------------------------------------------------- built directly

PLAIN_KEYS = frozenset({"format", "case", "profile", "context", "responses", "status"})
"""Top-level keys :func:`_construct` builds; any other takes the pydantic validation."""
CASE_KEYS = frozenset(Case.model_fields)
RELATIONSHIPS = frozenset(get_args(Relationship))
STATUSES = frozenset({"in-progress", "completed"})
MAX_REFERENCE = 64
MAX_PROFILE = 64

# The printable checks of answers.py (Unicode category Cc), plus surrogates, which
# pydantic refuses in any string it validates: a string with either is left to it.
_NOT_PRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__
_new = object.__new__  # what BaseModel.__new__ is; without the look-up on the class


class _Refused(Exception):
    """Not plain enough to build directly: take the pydantic validation."""


def _model(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """What ``cls.model_construct(_fields_set, **values)`` builds, ``values`` in field order."""
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def _text(value: object, limit: int, bad: re.Pattern[str]) -> str | None:
    if value is None:
        return None
    if type(value) is not str or len(value) > limit:
        raise _Refused
    # printable ASCII holds no control character or surrogate: two flag-fast checks
    if not (value.isascii() and value.isprintable()) and bad.search(value):
        raise _Refused
    return value


def _day(value: object) -> date | None:
    if value is None:
        return None
    if type(value) is date:
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            raise _Refused
        return value
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _Refused
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _Refused from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise _Refused  # the model explains it
    return day


def _count(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= 10_000:
        raise _Refused
    return value


def _case(raw: object) -> Case:
    if type(raw) is not dict or not raw.keys() <= CASE_KEYS:
        raise _Refused
    reference = raw.get("reference")
    if (
        type(reference) is not str
        or not 1 <= len(reference) <= MAX_REFERENCE
        or reference.strip() != reference
        or (
            not (reference.isascii() and reference.isprintable())
            and _NOT_PRINTABLE.search(reference)
        )
    ):
        raise _Refused
    relationship = raw.get("relationship")
    if relationship is not None:
        if type(relationship) is not str:
            raise _Refused
        if relationship not in RELATIONSHIPS:  # written as the model stores it, usually
            relationship = relationship.strip().lower().replace("_", "-").replace(" ", "-")
        if relationship not in RELATIONSHIPS:
            raise _Refused
    values = {
        "reference": reference,
        "assessed_on": _day(raw.get("assessed_on")),
        "practitioner": _text(raw.get("practitioner"), MAX_SHORT_TEXT, _NOT_PRINTABLE),
        "agency": _text(raw.get("agency"), MAX_SHORT_TEXT, _NOT_PRINTABLE),
        "relationship": relationship,
        "incidents_last_12_months": _count(raw.get("incidents_last_12_months")),
        "crimes_last_12_months": _count(raw.get("crimes_last_12_months")),
        "last_marac_on": _day(raw.get("last_marac_on")),
    }
    for name in ("reference", "practitioner", "agency"):
        text = values[name]
        if isinstance(text, str) and not text.isascii() and FORMAT.search(text):
            raise _Refused  # invisible format characters: the model explains
    return _model(Case, values, set(raw))


_BARE: dict[str, Response] = {
    answer: _model(
        Response, {"answer": answer, "comment": None, "source": None, "details": None}, {"answer"}
    )
    for answer in ("yes", "no", "unknown")
}
"""One response per bare answer, shared: building one per item cost more than pydantic.

Sharing is safe because a :class:`Response` is frozen (assignment raises) and a
bare one holds nothing mutable (no details, so no inner dict); copies made with
``model_copy`` get their own field set. It equals, dumps and reports its fields
set exactly as a validated one.
"""


_BARE_SPELLINGS: dict[str, Response] = {
    spelling: _BARE[answer] for spelling, answer in ANSWER_SPELLINGS.items()
}
"""The shared response of each accepted spelling of a bare answer."""


def _bare(answer: str) -> Response:
    return _BARE[answer]


def _response(value: object) -> Response:
    kind = type(value)
    if kind is str:
        answer = ANSWER_SPELLINGS.get(value) or normalise_answer(value)  # type: ignore[call-overload]
    elif kind is bool:
        answer = "yes" if value else "no"
    elif kind is dict:
        assert isinstance(value, dict)
        if not value.keys() <= RESPONSE_KEYS:
            raise _Refused
        given = value.get("answer")
        answer = (ANSWER_SPELLINGS.get(given) if type(given) is str else None) or (
            normalise_answer(given)
        )
        if answer is None:
            raise _Refused
        values = {
            "answer": answer,
            "comment": _text(value.get("comment"), MAX_COMMENT, _NOT_MULTILINE),
            "source": _text(value.get("source"), MAX_SHORT_TEXT, _NOT_PRINTABLE),
            "details": None,
        }
        return _model(Response, values, set(value))
    else:
        raise _Refused
    if answer is None:
        raise _Refused
    return _bare(answer)


def _built_responses(
    raw: object, definitions: Mapping[str, Questionnaire]
) -> dict[str, dict[str, Response]]:
    if type(raw) is not dict:
        raise _Refused
    out: dict[str, dict[str, Response]] = {}
    for inst_id, items in raw.items():
        definition = definitions.get(inst_id) if type(inst_id) is str else None
        if definition is None:
            raise _Refused
        if items is None:
            out[inst_id] = {}
            continue
        if type(items) is not dict:
            raise _Refused
        own_id = _item_ids(definition).get
        # most files hold a bare answer in its canonical spelling: one look-up each (a
        # response is always true); an id the instrument lacks becomes None, refused below
        answered = {
            own_id(item_id): (_BARE_SPELLINGS.get(value) if type(value) is str else None)
            or _response(value)
            for item_id, value in items.items()
        }
        if None in answered:
            raise _Refused
        out[inst_id] = cast("dict[str, Response]", answered)
    return out


def _context(raw: object) -> dict[str, str]:
    if type(raw) is not dict:
        raise _Refused
    out: dict[str, str] = {}
    for key, value in raw.items():
        if type(key) is not str or (not key.isascii() and _SURROGATE.search(key)):
            raise _Refused
        if type(value) is bool:
            out[key] = "yes" if value else "no"
        else:
            text = _text(value, MAX_SHORT_TEXT, _NOT_PRINTABLE)
            if text is None:
                raise _Refused
            out[key] = text
    return out


def _construct(raw: dict[Any, Any], definitions: Mapping[str, Questionnaire]) -> AnswerSet | None:
    """The :class:`AnswerSet` of the plainest data, built directly; ``None`` otherwise."""
    if not raw.keys() <= PLAIN_KEYS or raw.get("format") != ANSWERS_FORMAT:
        return None
    if type(raw["format"]) is not str or "case" not in raw:
        return None
    try:
        profile = raw.get("profile")
        if profile is not None and (
            type(profile) is not str
            or len(profile) > MAX_PROFILE
            or (not profile.isascii() and _SURROGATE.search(profile))
        ):
            return None
        status = raw.get("status", "completed")
        if type(status) is not str or status not in STATUSES:
            return None
        values = {
            "format": ANSWERS_FORMAT,
            "purpose": "victim",  # a probation screening is not in PLAIN_KEYS: full path
            "case": _case(raw["case"]),
            "profile": profile,
            "context": _context(raw["context"]) if "context" in raw else {},
            "responses": (
                _built_responses(raw["responses"], definitions) if "responses" in raw else {}
            ),
            "professional_judgement": None,
            "srp_domains": None,
            "status": status,
            "incident_log": None,
            "meta": None,
        }
    except _Refused:
        return None
    return _model(AnswerSet, values, set(raw))


def _plain(cls: type[BaseModel]) -> None:
    """:func:`_model` is only for models that ``model_construct`` builds plainly."""
    fields = cls.model_fields.values()
    plain = (
        not cls.__private_attributes__
        and cls.__pydantic_post_init__ is None
        and not cls.__pydantic_root_model__
        and cls.model_config.get("extra") == "forbid"
        and all(f.alias is None and f.validation_alias is None for f in fields)
    )
    if not plain:  # checked at import, under python -O too
        raise TypeError(f"{cls.__name__} is not a plain model: build it with model_construct")


for _cls in (AnswerSet, Case, Response):
    _plain(_cls)
_ORDER: dict[type[BaseModel], list[str]] = {
    Case: [
        "reference",
        "assessed_on",
        "practitioner",
        "agency",
        "relationship",
        "incidents_last_12_months",
        "crimes_last_12_months",
        "last_marac_on",
    ],
    Response: ["answer", "comment", "source", "details"],
    AnswerSet: [
        "format",
        "purpose",
        "case",
        "profile",
        "context",
        "responses",
        "professional_judgement",
        "srp_domains",
        "status",
        "incident_log",
        "meta",
    ],
}
"""The field order the values dicts above are written in (the order validation gives)."""
for _owner, _names in _ORDER.items():
    if list(_owner.model_fields) != _names:  # checked at import, under python -O too
        raise TypeError(f"{_owner.__name__}'s fields changed: update canonical.py to match")
