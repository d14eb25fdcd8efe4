"""The fast path for canonical answer data gives exactly the full path's result or error."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalkscreen.answers import (
    CONTROL,
    CONTROL_EXCEPT_BREAKS,
    AnswerSet,
    answers_from_data,
)
from stalkscreen.canonical import canonical_answers
from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.source import Document

from .conftest import dash_answers, screening_data

MISSING = object()

texts = st.one_of(
    st.sampled_from(["", " ", "Says he follows her", "x" * 501, "line\nbreak", "tab\there"]),
    st.text(max_size=12),
    st.sampled_from(["bell\x07", "del\x7f", "c1\x85", "nul\x00"]),
)
answer_values = st.one_of(
    st.sampled_from(["yes", "no", "unknown", "Yes", " NO ", "dk", "don't know", "y", "n"]),
    st.sampled_from(["maybe", "", "2", "true", "FALSE"]),
    st.sampled_from([True, False, None, 2, 1.5, [], ["yes"]]),
)
answer_maps = st.fixed_dictionaries(
    {"answer": answer_values},
    optional={
        "comment": st.one_of(texts, st.none(), st.just(5), st.just("x" * 20_001)),
        "source": st.one_of(texts, st.none()),
        "details": st.sampled_from([{}, {"hbv_concern": "yes"}, {"nope": 1}]),
        "note": st.just("extra key"),
    },
)
item_ids = st.sampled_from(
    ["q1", "q2", "q4", "q8", "q27", "q28", "Q1", "suicidal-ideation", "victim-fear", "nope"]
)
items = st.dictionaries(
    st.one_of(item_ids, st.just(1)), st.one_of(answer_values, answer_maps), max_size=8
)
instrument_ids = st.sampled_from(["dash", "dash-ric", "s-dash", "srp-red-flags", "dsah", "DASH"])
responses = st.one_of(
    st.dictionaries(instrument_ids, st.one_of(items, st.none(), st.just(["yes"])), max_size=3),
    st.sampled_from([None, [], "dash"]),
)
cases = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "reference": st.one_of(
                texts, st.sampled_from(["CR/2026/1", " padded ", "x" * 65, 12345, True])
            ),
            "assessed_on": st.sampled_from(
                ["2026-11-20", "2026-11-20T10:30:00", "20/11/2026", date(2026, 1, 2), 5, None]
            ),
            "practitioner": st.one_of(texts, st.none()),
            "relationship": st.sampled_from(["partner", "Ex Partner", "ex_partner", "pal", 3]),
            "incidents_last_12_months": st.sampled_from([0, 3, -1, "2", 10_001, True, 2.0]),
            "last_marac_on": st.sampled_from(["2026-03-02", "soon", None]),
            "colour": st.just("blue"),
        },
    ),
    st.sampled_from([None, "CR/1", ["CR/1"]]),
)
contexts = st.one_of(
    st.dictionaries(
        st.one_of(st.sampled_from(["children", "safe_to_talk", "s_dash"]), st.just(7)),
        st.one_of(st.sampled_from(["yes", "no", "declined", True, False, 5, None]), texts),
        max_size=3,
    ),
    st.sampled_from([None, [], "children"]),
)
judgements = st.sampled_from(
    [
        None,
        {"level": "high", "rationale": "Escalating threats"},
        {"level": " HIGH ", "rationale": "Escalating threats"},
        {"level": "high"},
        {"level": "extreme", "rationale": "r"},
        {"rationale": "bell\x07"},
        "high",
    ]
)
metas = st.sampled_from(
    [
        None,
        {},
        {"tool": "stalkscreen 0.1.0", "created_at": "2026-11-20T10:00:00Z"},
        {"cursor": "dash.q3", "instruments": {"dash": "1.0.0"}},
        {"created_at": "yesterday"},
        {"unknown": 1},
        3,
    ]
)
screenings = st.fixed_dictionaries(
    {},
    optional={
        "format": st.sampled_from(["stalkscreen/answers@1", "stalkscreen/answers@2", 1, None]),
        "case": cases,
        "profile": st.sampled_from([None, "default", "x" * 65, 5]),
        "context": contexts,
        "responses": responses,
        "professional_judgement": judgements,
        "status": st.sampled_from(["completed", "in-progress", "done", None, ["completed"]]),
        "meta": metas,
        "extra": st.just(1),
        7: st.just("int key"),
    },
)


def _outcome(data: Any, lib: Library, *, fast: bool) -> AnswerSet | list[tuple[Any, ...]]:
    doc = Document(path="<test>", text="", data=data)
    try:
        return answers_from_data(data, doc, lib.definitions, fast=fast)
    except InvalidInputError as exc:
        return [(p.file, p.place, p.message, p.fix, p.line) for p in exc.problems]


def _assert_same(fast: Any, full: Any) -> None:
    assert type(fast) is type(full)
    if isinstance(full, list):
        assert fast == full
        return
    assert fast == full
    assert fast.model_dump() == full.model_dump()
    assert fast.model_dump(exclude_unset=True) == full.model_dump(exclude_unset=True)


def _valid(data: dict[str, Any]) -> dict[str, Any]:
    """Nudge generated data towards the plainly valid shape, so both paths are exercised."""
    data["format"] = "stalkscreen/answers@1"
    case = data.get("case")
    data["case"] = case if isinstance(case, dict) else {}
    data["case"]["reference"] = "CR/2026/1"
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=screenings, nudge=st.booleans())
def test_fast_path_gives_the_full_paths_result_or_error(
    lib: Library, data: dict[str, Any], nudge: bool
) -> None:
    if nudge:
        data = _valid(data)
    _assert_same(_outcome(data, lib, fast=True), _outcome(data, lib, fast=False))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    dash=st.dictionaries(st.sampled_from([f"q{i}" for i in range(1, 28)]), answer_values),
    comment=st.one_of(st.none(), texts),
)
def test_fast_path_on_realistic_screenings(
    lib: Library, dash: dict[str, Any], comment: str | None
) -> None:
    if comment is not None:
        dash = {**dash, "q1": {"answer": "yes", "comment": comment}}
    data = screening_data({"dash": dash, "srp-red-flags": {"victim-fear": "no"}})
    _assert_same(_outcome(data, lib, fast=True), _outcome(data, lib, fast=False))


def test_fast_path_takes_plain_data_and_leaves_the_rest(lib: Library) -> None:
    plain = screening_data({"dash": dash_answers({1, 2}), "s-dash": {"q1": "Yes", "q2": False}})
    assert canonical_answers(plain, lib.definitions) is not None
    for unusual in (
        screening_data({"dash": {"q4": {"answer": "yes", "details": {"hbv_concern": "yes"}}}}),
        screening_data({"dash": {"q30": "yes"}}),
        screening_data({"dsah": {"q1": "yes"}}),
        screening_data({"dash": {"q1": "maybe"}}),
        screening_data({"dash": {}}, extra=1),
    ):
        assert canonical_answers(unusual, lib.definitions) is None


@pytest.mark.parametrize("code", [*range(0x20), *range(0x7F, 0xA0)])
def test_control_pattern_is_exactly_unicode_category_cc(code: int) -> None:
    import unicodedata

    ch = chr(code)
    assert unicodedata.category(ch) == "Cc"
    assert CONTROL.search(ch)
    assert bool(CONTROL_EXCEPT_BREAKS.search(ch)) == (ch not in "\t\n\r")


def test_no_other_character_is_a_control_character() -> None:
    import sys
    import unicodedata

    others = "".join(
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) != "Cc" and not 0xD800 <= c <= 0xDFFF
    )
    assert CONTROL.search(others) is None
