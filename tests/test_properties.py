"""Hypothesis properties of scoring and loading."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalkscreen.definitions.library import Library, load_library
from stalkscreen.definitions.models import level_rank
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import load_answers
from stalkscreen.saving import dump_answers
from stalkscreen.scoring import score
from tests.conftest import make_answers

LIB = load_library()
DEFAULT = LIB.profile("default").profile
ANSWER = st.sampled_from(["yes", "no", "unknown", None])
FLAGS = LIB.questionnaire("srp-red-flags").definition.item_ids


def responses_strategy() -> st.SearchStrategy[dict[str, dict[str, str]]]:
    def build(
        dash: list[str | None], sdash: list[str | None], flags: list[str | None]
    ) -> dict[str, Any]:
        out: dict[str, dict[str, str]] = {}
        for inst, ids, values in (
            ("dash", [f"q{i}" for i in range(1, 28)], dash),
            ("s-dash", [f"q{i}" for i in range(1, 12)], sdash),
            ("srp-red-flags", list(FLAGS), flags),
        ):
            chosen = {i: v for i, v in zip(ids, values, strict=True) if v is not None}
            if chosen:
                out[inst] = chosen
        return out

    return st.builds(
        build,
        st.lists(ANSWER, min_size=27, max_size=27),
        st.lists(ANSWER, min_size=11, max_size=11),
        st.lists(ANSWER, min_size=6, max_size=6),
    )


CASES = st.fixed_dictionaries(
    {
        "relationship": st.sampled_from(["partner", "ex-partner", "stranger", None]),
        "incidents_last_12_months": st.one_of(st.none(), st.integers(0, 8)),
        "crimes_last_12_months": st.one_of(st.none(), st.integers(0, 5)),
        "last_marac_on": st.sampled_from([None, "2025-06-01", "2026-06-01"]),
    }
)
PJ = st.one_of(
    st.none(),
    st.builds(
        lambda lv: {"level": lv, "rationale": "reason"},
        st.sampled_from(["standard", "medium", "high"]),
    ),
)


def _case(case: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in case.items() if v is not None}


@settings(max_examples=150, deadline=None)
@given(responses_strategy(), CASES, PJ, st.data())
def test_monotonic_in_yes_answers(
    responses: dict[str, Any], case: dict[str, Any], pj: Any, data: st.DataObject
) -> None:
    """Turning any answer into yes never lowers the level, un-refers, or drops a reason."""
    kw: dict[str, Any] = {"case": _case(case), "professional_judgement": pj}
    before = score(make_answers(LIB, responses, **kw), LIB, DEFAULT)
    inst = data.draw(st.sampled_from(["dash", "s-dash", "srp-red-flags"]))
    ids = LIB.questionnaire(inst).definition.item_ids
    item = data.draw(st.sampled_from(ids))
    more = {k: dict(v) for k, v in responses.items()}
    more.setdefault(inst, {})[item] = "yes"
    after = score(make_answers(LIB, more, **kw), LIB, DEFAULT)
    assert level_rank(after.risk_level) >= level_rank(before.risk_level)
    assert after.marac_referral >= before.marac_referral
    assert set(before.red_flags) <= set(after.red_flags)
    assert set(before.reasons) - {"professional-judgement"} <= set(after.reasons)
    assert after.urgent >= before.urgent


@settings(max_examples=100, deadline=None)
@given(responses_strategy(), CASES, PJ, st.randoms(use_true_random=False))
def test_independent_of_answer_order(
    responses: dict[str, Any], case: dict[str, Any], pj: Any, rnd: random.Random
) -> None:
    kw: dict[str, Any] = {"case": _case(case), "professional_judgement": pj}
    shuffled: dict[str, dict[str, str]] = {}
    for inst in rnd.sample(list(responses), len(responses)):
        items = list(responses[inst].items())
        rnd.shuffle(items)
        shuffled[inst] = dict(items)
    a = score(make_answers(LIB, responses, **kw), LIB, DEFAULT).contract()
    b = score(make_answers(LIB, shuffled, **kw), LIB, DEFAULT).contract()
    assert a == b


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    responses_strategy(),
    CASES,
    PJ,
    st.sampled_from(["yaml", "json"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=50),
)
def test_save_load_score_round_trips(
    tmp_path: Path, responses: dict[str, Any], case: dict[str, Any], pj: Any, fmt: str, comment: str
) -> None:
    if responses.get("dash"):
        first = next(iter(responses["dash"]))
        responses["dash"][first] = {"answer": responses["dash"][first], "comment": comment or None}
    answers = make_answers(LIB, responses, case=_case(case), professional_judgement=pj)
    path = tmp_path / f"round.{fmt}"
    path.write_text(dump_answers(answers, fmt=fmt), encoding="utf-8")
    again = load_answers(path, LIB.definitions)
    assert again == answers
    assert score(again, LIB, DEFAULT) == score(answers, LIB, DEFAULT)


YAMLISH = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=12),
        st.sampled_from(["yes", "no", "dk", "q1", "dash", "stalkscreen/answers@1"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "case",
                    "responses",
                    "dash",
                    "q1",
                    "q2",
                    "reference",
                    "answer",
                    "comment",
                    "status",
                    "meta",
                    "professional_judgement",
                    "level",
                    "x",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(YAMLISH)
def test_any_structure_loads_or_fails_cleanly(tmp_path: Path, data: Any) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    try:
        answers = load_answers(path, LIB.definitions)
    except InvalidInputError as exc:
        assert exc.problems
        assert all(p.file == str(path) for p in exc.problems)
    else:
        score(answers, LIB, DEFAULT)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=300)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))
)
def test_any_bytes_load_or_fail_cleanly(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        load_answers(path, LIB.definitions)
    except InvalidInputError as exc:
        assert exc.problems


def test_library_fixture_matches(lib: Library) -> None:
    assert lib.stamps() == LIB.stamps()


HOSTILE_SNIPPETS = st.sampled_from(
    [
        "format: stalkscreen/answers@1\n",
        "case: {reference: R}\n",
        "responses: {dash: {q1: yes}}\n",
        "responses: {dash: {q99: maybe}}\n",
        "!!python/object/apply:os.system ['true']\n",
        "a: &x [1]\nb: *x\n",
        "professional_judgement: {level: high}\n",
        "status: done\n",
        "meta: {created_at: yesterday}\n",
        "\x1b[2J\n",
        'case: {reference: "\\x07"}\n',
        "- [\n",
        "{{{{\n",
        "responses: {dash: {q1: {answer: yes, comment: [1,2]}}}\n",
    ]
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(HOSTILE_SNIPPETS, min_size=1, max_size=5), st.booleans())
def test_score_never_prints_a_traceback(
    tmp_path: Path, capsys: Any, snippets: list[str], as_json: bool
) -> None:
    from stalkscreen.cli.errors import run
    from stalkscreen.cli.main import app

    path = tmp_path / "fuzz.yaml"
    path.write_text("".join(snippets), encoding="utf-8")
    args = ["score", str(path)] + (["--json"] if as_json else [])
    code = run(app, args)
    captured = capsys.readouterr()
    assert code in (0, 3), captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "internal error" not in captured.err
    if code == 3:
        assert captured.err.startswith("stalkscreen: ")
        assert "\x1b" not in captured.err and "\x07" not in captured.err
