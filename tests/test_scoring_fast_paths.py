"""The shortcuts of the scoring hot path give what the general code gives, key order included.

The golden (``test_scoring_equivalence.py``) compares contract output as parsed JSON,
where key order does not show; a JSON Lines file shows it. These tests pin the order,
and that the canonical fast path keys responses by the definitions' own id strings.
"""

from __future__ import annotations

import gzip
import itertools
import json
from typing import Any

from stalkscreen.answers import answers_from_data
from stalkscreen.canonical import _construct
from stalkscreen.definitions.library import Library
from stalkscreen.scoring import Evidence, Screening, score
from stalkscreen.scoring.plan import plan_for
from stalkscreen.source import Document

from .scoring_golden import GOLDEN


def _screenings(lib: Library, limit: int = 400) -> list[tuple[dict[str, Any], Screening]]:
    out = []
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, limit):
            record = json.loads(line)
            data = record["input"]
            answers = answers_from_data(data, Document("<golden>", "", data), lib.definitions)
            out.append((data, score(answers, lib, lib.profile(record["profile"]).profile)))
    return out


def test_contract_keeps_its_key_order(lib: Library) -> None:
    fields = list(Evidence.model_fields)
    for _, result in _screenings(lib):
        contract = result.contract()
        for entry, evidence in zip(contract["evidence"], result.evidence, strict=True):
            assert list(entry) == fields
            assert entry == evidence.model_dump()
            assert entry is not evidence.__dict__  # a copy: changing it leaves the result be
        for entry in contract["instruments"].values():
            assert list(entry) == [
                "yes",
                "no",
                "unknown",
                "not_asked",
                "band",
                "version",
                "wording",
                "yes_items",
            ]


def test_contract_of_a_validated_screening_is_the_same(lib: Library) -> None:
    for _, result in _screenings(lib, 200):
        validated = Screening.model_validate(result.model_dump())
        assert json.dumps(validated.contract()) == json.dumps(result.contract())


def test_fast_path_keys_responses_by_the_definitions_own_ids(lib: Library) -> None:
    plans = {p.id: p for p in plan_for(lib, lib.profile("default").profile).order}
    built = 0
    for data, _ in _screenings(lib, 300):
        answers = _construct(json.loads(json.dumps(data)), lib.definitions)
        if answers is None:  # not plain enough to build directly
            continue
        built += 1
        for inst_id, given in answers.responses.items():
            own = {i: i for i in plans[inst_id].all_items}
            assert all(own[item_id] is item_id for item_id in given)
    assert built > 20
