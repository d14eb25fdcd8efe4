"""The fast path for canonical answer data gives exactly the full path's result or error."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from stalkscreen.answers import AnswerSet
from stalkscreen.canonical import SHARED, canonical_answers
from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import answers_from_data
from stalkscreen.source import Document
from stalkscreen.vocabulary import CONTROL, CONTROL_EXCEPT_BREAKS

from .conftest import dash_answers, screening_data

MISSING = object()

texts = st.one_of(
    st.sampled_from(["", " ", "Says he follows her", "x" * 501, "line\nbreak", "tab\there"]),
    st.text(max_size=12),
    st.sampled_from(["bell\x07", "del\x7f", "c1\x85", "nul\x00", "lone \ud800", "\udfff"]),
    st.sampled_from(["x" * 64, "x" * 500, "x" * 20_000, "é" * 64, "\u2028 sep", "tab\t"]),
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
responses: st.SearchStrategy[Any] = st.one_of(
    st.dictionaries(instrument_ids, st.one_of(items, st.none(), st.just(["yes"])), max_size=3),
    st.sampled_from([None, [], "dash"]),
)
cases = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "reference": st.one_of(
                texts,
                st.sampled_from(["CR/2026/1", " padded ", "x" * 65, 12345, True, "x" * 64, ""]),
            ),
            "assessed_on": st.sampled_from(
                [
                    "2026-11-20",
                    "2026-11-20T10:30:00",
                    "2026-11-20T00:00:00",
                    "20/11/2026",
                    "20261120",
                    "2026-02-30",
                    "0000-01-01",
                    "２０２６-11-20",
                    date(2026, 1, 2),
                    datetime(2026, 1, 2, 10, 30),
                    5,
                    None,
                ]
            ),
            "practitioner": st.one_of(texts, st.none()),
            "agency": st.one_of(texts, st.none()),
            "relationship": st.sampled_from(
                [
                    "partner",
                    "Ex Partner",
                    "ex_partner",
                    "pal",
                    3,
                    " FAMILY ",
                    None,
                    "ex\u2028partner",
                ]
            ),
            "incidents_last_12_months": st.sampled_from(
                [0, 3, -1, "2", 10_000, 10_001, True, 2.0, None]
            ),
            "crimes_last_12_months": st.sampled_from([0, 4, -2, "1", False, None]),
            "last_marac_on": st.sampled_from(
                ["2026-03-02", "soon", None, date(2025, 12, 1), datetime(2025, 12, 1), "2026-3-2"]
            ),
            "colour": st.just("blue"),
        },
    ),
    st.sampled_from([None, "CR/1", ["CR/1"]]),
)
contexts: st.SearchStrategy[Any] = st.one_of(
    st.dictionaries(
        st.one_of(
            st.sampled_from(["children", "safe_to_talk", "s_dash", "\ud800", "x" * 600]),
            st.just(7),
        ),
        st.one_of(st.sampled_from(["yes", "no", "declined", True, False, 5, None, 1.0]), texts),
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
        "profile": st.sampled_from([None, "default", "x" * 65, "x" * 64, 5, "bell\x07", "\ud800"]),
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


def _same_types(fast: Any, full: Any, where: str = "") -> None:
    """The same classes, fields set and Python types everywhere inside the two models."""
    assert type(fast) is type(full), where
    if isinstance(full, BaseModel):
        assert fast.model_fields_set == full.model_fields_set, where
        assert fast.__pydantic_extra__ == full.__pydantic_extra__, where
        assert fast.__pydantic_private__ == full.__pydantic_private__, where
        assert list(fast.__dict__) == list(full.__dict__), where
        for name in type(full).model_fields:
            _same_types(getattr(fast, name), getattr(full, name), f"{where}.{name}")
    elif isinstance(full, dict):
        assert list(fast) == list(full), where
        for key in full:
            _same_types(fast[key], full[key], f"{where}[{key}]")
    elif isinstance(full, list | tuple):
        assert len(fast) == len(full), where
        for i, (a, b) in enumerate(zip(fast, full, strict=True)):
            _same_types(a, b, f"{where}[{i}]")
    else:
        assert fast == full, where


def _assert_same(fast: Any, full: Any) -> None:
    assert type(fast) is type(full)
    if isinstance(full, list):
        assert fast == full
        return
    assert fast == full
    assert repr(fast) == repr(full)
    assert fast.model_dump() == full.model_dump()
    assert fast.model_dump(exclude_unset=True) == full.model_dump(exclude_unset=True)
    assert fast.model_dump_json() == full.model_dump_json()
    _same_types(fast, full)


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


def test_plain_data_takes_the_fast_path_with_shared_bare_answers(lib: Library) -> None:
    plain = screening_data(
        {
            "dash": {**dash_answers({1, 2}), "q3": {"answer": "Yes", "comment": "c"}},
            "s-dash": {"q1": "Yes", "q2": False, "q3": {"answer": "dk"}},
            "srp-red-flags": None,
        },
        case={"relationship": "Ex Partner", "incidents_last_12_months": 2},
        context={"children": True, "safe_to_talk": "yes"},
        profile="default",
    )
    fast = canonical_answers(plain, lib.definitions)
    assert fast is not None
    _assert_same(fast, _outcome(plain, lib, fast=False))
    # the bulk of a file, bare answers, is three shared validated responses
    assert fast.responses["dash"]["q1"] is SHARED["yes"]
    assert fast.responses["s-dash"]["q2"] is SHARED["no"]
    assert fast.responses["s-dash"]["q3"] is SHARED["unknown"]
    assert fast.responses["dash"]["q3"] is not SHARED["yes"]
    assert fast.responses["dash"]["q3"].comment == "c"
    for unusual in (
        screening_data({"dash": {"q1": {"answer": "yes", "details": {}}}}),
        screening_data({"dash": {"q1": {"answer": "yes", "comment": "bell\x07"}}}),
        screening_data({"dash": {}}, case={"practitioner": "lone \ud800"}),
        screening_data({"dash": {}}, context={"children": 1}),
    ):
        assert canonical_answers(unusual, lib.definitions) is None
