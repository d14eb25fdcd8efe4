"""The compiled scoring plan reads definitions exactly as the general code does."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.conditions import parse_condition
from stalkscreen.definitions.library import Library, _conditions, load_library
from stalkscreen.reading import answers_from_data
from stalkscreen.scoring.facts import answer_lookup, applicable_items
from stalkscreen.scoring.plan import compile_condition, plan_for
from stalkscreen.scoring.result import (
    Evidence,
    InstrumentResult,
    LogSummary,
    PromptHit,
    trusted,
)
from stalkscreen.source import Document

from .scoring_golden import GOLDEN


def _answers(lib: Library, limit: int = 600) -> list[AnswerSet]:
    out = []
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        for line, _ in zip(handle, range(limit), strict=False):
            data = json.loads(line)["input"]
            doc = Document(path="<golden>", text="", data=data)
            out.append(answers_from_data(data, doc, lib.definitions))
    return out


def test_compiled_conditions_agree_with_the_condition_trees(lib: Library) -> None:
    conditions = [(q.id, text) for q in lib.definitions.values() for _, text in _conditions(q)]
    assert len(conditions) > 40
    compiled = [
        (o, parse_condition(t), compile_condition(parse_condition(t), o)) for o, t in conditions
    ]
    for answers in _answers(lib):
        lookup = answer_lookup(answers)
        for owner, node, check in compiled:
            assert check(answers) == node.evaluate(lookup, owner), (owner, node)


refs = st.sampled_from(
    [
        "q8",
        "dash.q4",
        "dash.q4.hbv_concern",
        "srp-context.stalking-type.type",
        "four.fixated",
        "case.relationship",
        "case.assessed_on",
        "case.incidents_last_12_months",
        "case.nope",
        "case.a.b",
        "context.children",
        "context.s_dash",
        "context.a.b",
        "dash.q4.hbv_concern.extra",
        "dash.q99",
        "nowhere.q1",
    ]
)
values = st.sampled_from(["yes", "no", "unknown", "rejected", "ex-partner", "declined", "3"])
atoms = st.one_of(
    st.builds(lambda r, v: f"{r} == {v}", refs, values),
    st.builds(lambda r, v: f"{r} != {v}", refs, values),
    st.builds(lambda r, vs: f"{r} in [{', '.join(vs)}]", refs, st.lists(values, min_size=1)),
    st.builds(lambda r: f"{r} answered", refs),
)
conditions = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
        st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
        st.builds(lambda a: f"not ({a})", inner),
    ),
    max_leaves=6,
)
ANSWERS: list[AnswerSet] = []


@settings(max_examples=200, deadline=None)
@given(text=conditions, owner=st.sampled_from(["dash", "four", "srp-context"]))
def test_any_compiled_condition_agrees_with_its_tree(lib: Library, text: str, owner: str) -> None:
    if not ANSWERS:
        ANSWERS.extend(_answers(lib, 150))
    node = parse_condition(text)
    check = compile_condition(node, owner)
    for answers in ANSWERS:
        assert check(answers) == node.evaluate(answer_lookup(answers), owner), text


def test_applicable_items_agree(lib: Library) -> None:
    profile = lib.profile("default").profile
    plan = plan_for(lib, profile)
    for answers in _answers(lib, 400):
        lookup = answer_lookup(answers)
        for p in plan.order:
            ordered_ids, as_set = p.applicable(answers)
            assert ordered_ids == applicable_items(lib.definitions[p.id], lookup)
            assert as_set == frozenset(ordered_ids)


def test_plans_are_cached_by_identity(lib: Library, tmp_path: Path) -> None:
    profile = lib.profile("default").profile
    plan = plan_for(lib, profile)
    assert plan_for(lib, profile) is plan
    other = profile.model_copy()
    assert plan_for(lib, other) is not plan
    assert plan_for(lib, lib.profile("cambridgeshire").profile) is not plan
    # a wording overlay applied later replaces a definition: the plan follows it
    fresh = load_library()
    before = plan_for(fresh, fresh.profile("default").profile)
    overlay = tmp_path / "w.yaml"
    overlay.write_text(
        "overlay: stalkscreen/wording@1\ninstrument: dash\nname: Local wording\n"
        "items:\n  q1:\n    prompt: Has the current incident left you hurt?\n"
    )
    from stalkscreen.definitions.files import load_overlay

    fresh.apply_overlay(load_overlay(overlay), overlay)
    after = plan_for(fresh, fresh.profile("default").profile)
    assert after is not before
    assert after.by_id["dash"].wording == "Local wording"


def _samples() -> list[tuple[type[Any], dict[str, Any]]]:
    """One of each small result model (Screening itself is covered by the golden test)."""
    evidence = {"rule": "SC-X", "code": "c", "effect": "e", "summary": "s", "items": ("a.b",)}
    result = {
        "instrument": "dash",
        "title": "DASH",
        "stamp": "1.0.0+sha256:x",
        "wording": "bundled",
        "yes": 1,
        "no": 2,
        "unknown": 0,
        "not_asked": 0,
        "total": 3,
        "band": "standard",
        "yes_items": ("q1",),
        "unknown_items": (),
        "not_asked_items": (),
    }
    log = {"entries": 3, "in_window": 2, "reported_in_window": 1, "filled_incidents": True}
    return [
        (Evidence, evidence),
        (InstrumentResult, result),
        (PromptHit, {"id": "p", "instrument": "dash", "text": "t"}),
        (LogSummary, log),
    ]


@pytest.mark.parametrize(("cls", "values"), _samples())
def test_trusted_builds_what_validation_builds(cls: type[Any], values: dict[str, Any]) -> None:
    assert tuple(values) == tuple(cls.model_fields)
    built = trusted(cls, **values)
    for other in (cls(**values), cls.model_construct(**values)):
        assert built == other
        assert built.__dict__ == other.__dict__
        assert list(built.__dict__) == list(other.__dict__)
        assert built.model_fields_set == other.model_fields_set
        assert built.__pydantic_extra__ == other.__pydantic_extra__
        assert built.__pydantic_private__ == other.__pydantic_private__
        assert repr(built) == repr(other)
        assert built.model_dump() == other.model_dump()
        assert built.model_dump_json() == other.model_dump_json()
