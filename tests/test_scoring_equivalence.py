"""Scoring gives exactly the results frozen in the golden, for thousands of varied screenings.

The golden (``tests/golden/scoring-equivalence.jsonl.gz``, written by
``python -m tests.scoring_golden``) was taken from the scoring code before it was
optimised. Every result must match it exactly: the contract output, the full
model dump, the fields set, and the Python types inside the models (a result
built without validation must equal one pydantic validates).
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from stalkscreen.definitions.library import Library
from stalkscreen.reading import answers_from_data
from stalkscreen.scoring import Screening, score
from stalkscreen.source import Document

from .scoring_golden import GOLDEN


def _records(part: int = 0, parts: int = 1) -> Iterator[dict[str, Any]]:
    """Every ``parts``-th record from ``part``, streamed: the pytest process stays small
    (tests that fork a child to measure its peak memory inherit the parent's size)."""
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, part, None, parts):
            yield json.loads(line)


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _same_types(built: BaseModel, validated: BaseModel, where: str = "") -> None:
    """Same classes and the same types in every field, all the way down.

    (Which fields are set is checked against the golden's ``exclude_unset`` dump.)
    """
    assert type(built) is type(validated), where
    for name in type(built).model_fields:
        a, b = getattr(built, name), getattr(validated, name)
        assert type(a) is type(b), f"{where}.{name}: {type(a)} is not {type(b)}"
        if isinstance(a, BaseModel):
            _same_types(a, b, f"{where}.{name}")
        elif isinstance(a, tuple | list):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                assert type(x) is type(y), f"{where}.{name}[{i}]"
                if isinstance(x, BaseModel):
                    _same_types(x, y, f"{where}.{name}[{i}]")
        elif isinstance(a, dict):
            assert list(a) == list(b), f"{where}.{name}"
            for key in a:
                assert type(a[key]) is type(b[key]), f"{where}.{name}[{key}]"
                if isinstance(a[key], BaseModel):
                    _same_types(a[key], b[key], f"{where}.{name}[{key}]")


def test_golden_is_varied() -> None:
    rules: set[str] = set()
    profiles: set[str] = set()
    count = 0
    for record in _records():
        count += 1
        profiles.add(record["profile"])
        rules.update(e["rule"] for e in record["dump"]["evidence"])
    assert count >= 3000
    assert profiles == {"default", "cambridgeshire", "escalation-5-3-hbv"}
    for rule in ("SC-BAND", "SC-VHR", "SC-ESC", "SC-REPEAT", "SC-RF", "SC-PJ", "SC-HBV"):
        assert rule in rules
    for rule in ("SC-FOUR", "SC-TYPE", "SC-HRF", "SC-LOG"):
        assert rule in rules


@pytest.mark.parametrize("part", range(4))
def test_scoring_matches_the_golden_exactly(lib: Library, part: int) -> None:
    for record in _records(part, 4):
        data = record["input"]
        doc = Document(path="<golden>", text="", data=data)
        answers = answers_from_data(data, doc, lib.definitions)
        result = score(answers, lib, lib.profile(record["profile"]).profile)
        ref = result.reference
        assert _json(result.contract()) == record["contract"], ref
        dump = result.model_dump(mode="json")
        assert dump == record["dump"], ref
        assert result.model_dump(mode="json", exclude_unset=True) == record.get(
            "dump_unset", dump
        ), ref
        # a result built without validation equals, field by field, one pydantic validates
        validated = Screening.model_validate(result.model_dump())
        assert result == validated, ref
        assert repr(result) == repr(validated), ref  # fields in the same order
        _same_types(result, validated, ref)
        # the same result through the full validation path
        full = answers_from_data(data, doc, lib.definitions, fast=False)
        assert full == answers, ref
        assert score(full, lib, lib.profile(record["profile"]).profile) == result, ref
