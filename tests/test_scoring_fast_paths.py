"""The shortcuts of the scoring hot path give what the general code gives, key order included.

The golden (``test_scoring_equivalence.py``) compares contract output as parsed JSON,
where key order does not show; a JSON Lines file shows it. These tests pin the order,
that the canonical fast path keys responses by the definitions' own id strings, and
that judgement prompts kept as yes masks hold exactly when their conditions do.
"""

from __future__ import annotations

import gzip
import itertools
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stalkscreen.answers import AnswerSet
from stalkscreen.canonical import canonical_answers
from stalkscreen.definitions.conditions import parse_condition
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Prompt as DefinedPrompt
from stalkscreen.reading import answers_from_data
from stalkscreen.scoring import Evidence, Screening, score
from stalkscreen.scoring.facts import answer_lookup
from stalkscreen.scoring.plan import InstrumentPlan, Prompt, _prompt, plan_for
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
        answers = canonical_answers(json.loads(json.dumps(data)), lib.definitions)
        if answers is None:  # not plain enough for the fast path
            continue
        built += 1
        for inst_id, responses in answers.responses.items():
            own = {i: i for i in plans[inst_id].all_items}
            assert all(own[item_id] is item_id for item_id in responses)
    assert built > 20


def _holds(prompt: Prompt, plan: InstrumentPlan, answers: AnswerSet) -> bool:
    """A compiled prompt's condition, evaluated as the engine does."""
    all_of, any_of, when, _, _ = prompt
    if when is not None:
        return when(answers)
    responses = answers.responses.get(plan.id, {})
    yes = sum(
        plan.bits[i] for i in plan.counted_items if (r := responses.get(i)) and r.answer == "yes"
    )
    return yes & all_of == all_of and (not any_of or bool(yes & any_of))


def test_prompt_masks_agree_with_the_condition_trees(lib: Library) -> None:
    plan = plan_for(lib, lib.profile("default").profile)
    masked = 0
    screenings = _answer_sets(lib)
    for instrument in plan.order:
        definition = lib.definitions[instrument.id]
        for spec, prompt in zip(definition.prompts, instrument.prompts, strict=True):
            masked += prompt[2] is None
            node = parse_condition(spec.when)
            for answers in screenings:
                expected = node.evaluate(answer_lookup(answers), instrument.id)
                assert _holds(prompt, instrument, answers) == expected, (spec.id, spec.when)
    assert masked > 20


def _answer_sets(lib: Library, limit: int = 500) -> list[AnswerSet]:
    out = []
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, limit):
            data = json.loads(line)["input"]
            out.append(answers_from_data(data, Document("<golden>", "", data), lib.definitions))
    return out


ANSWER_SETS: list[AnswerSet] = []


@settings(max_examples=300, deadline=None)
@given(
    text=st.recursive(
        st.builds(
            lambda item, value, negate: f"{item} {'!=' if negate else '=='} {value}",
            st.sampled_from(["q1", "q2", "q4", "q9", "dash.q13", "dash-ric.q1", "q4.hbv_concern"]),
            st.sampled_from(["yes", "no", "unknown"]),
            st.booleans(),
        ),
        lambda inner: st.one_of(
            st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
            st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
            st.builds(lambda a: f"not ({a})", inner),
        ),
        max_leaves=6,
    )
)
def test_any_prompt_condition_compiles_to_what_its_tree_gives(lib: Library, text: str) -> None:
    if not ANSWER_SETS:
        ANSWER_SETS.extend(_answer_sets(lib, 150))
    plan = plan_for(lib, lib.profile("default").profile).by_id["dash"]
    prompt = _prompt(DefinedPrompt(id="p", when=text, text="any"), "dash", plan.bits)
    node = parse_condition(text)
    for answers in ANSWER_SETS:
        assert _holds(prompt, plan, answers) == node.evaluate(answer_lookup(answers), "dash")


def test_copies_of_results_keep_their_own_fields_set(lib: Library) -> None:
    (_, first), (_, second) = _screenings(lib, 2)
    all_fields = set(Screening.model_fields)
    assert first.model_fields_set == second.model_fields_set == all_fields
    # the frozen results share their fields set; a copy with an update gets its own
    copied = first.model_copy(update={"reference": "copied"})
    assert copied.model_fields_set == all_fields
    assert copied.model_fields_set is not first.model_fields_set
    assert second.model_fields_set == all_fields
    for result in (first, second):
        for instrument in result.instruments.values():
            assert instrument.model_fields_set == set(type(instrument).model_fields)
