"""Issue 7 scoring rules: SC-FOUR, SC-TYPE, SC-HRF (and the S-DASH offer from FOUR)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.definitions.validate import validate_paths
from stalkscreen.interview import Interview
from stalkscreen.scoring import Screening, score
from stalkscreen.scoring.facts import answer_lookup, holds, offered
from tests.conftest import make_answers

ROOT = Path(__file__).resolve().parent.parent
FOUR_ITEMS = ("fixated", "obsessive", "unwanted", "repeated")
FACTORS = (
    "threats",
    "approach",
    "history",
    "mental-health",
    "substance-use",
    "unavoidable-contact",
    "home-entry",
    "mounting-losses",
)
RED_FLAGS = (
    "suicidal-ideation",
    "homicidal-ideation",
    "last-resort-thinking",
    "psychotic-symptoms",
    "psychopathy",
    "victim-fear",
)
FLAGS_NONE = dict.fromkeys(RED_FLAGS, "no")


def run(lib: Library, responses: dict[str, Any], **kw: Any) -> Screening:
    return score(make_answers(lib, responses, **kw), lib, lib.profile("default").profile)


def four(*yes: str) -> dict[str, str]:
    return {i: "yes" if i in yes else "no" for i in FOUR_ITEMS}


def context(kind: str | None, *factors: str) -> dict[str, Any]:
    out: dict[str, Any] = {f: "yes" if f in factors else "no" for f in FACTORS}
    out["stalking-type"] = (
        {"answer": "yes", "details": {"type": kind}} if kind else {"answer": "unknown"}
    )
    return out


def test_new_instruments_validate() -> None:
    checked, problems = validate_paths(
        [ROOT / "questionnaires" / "four.yaml", ROOT / "questionnaires" / "srp-context.yaml"]
    )
    assert problems == []
    assert {c.ident for c in checked} == {"four", "srp-context"}


# SC-FOUR ---------------------------------------------------------------------


def test_sc_four_all_four_yes_indicates_stalking_and_calls_for_the_s_dash(lib: Library) -> None:
    result = run(lib, {"four": four(*FOUR_ITEMS)})
    assert result.stalking_indicated is True
    assert [e.code for e in result.evidence if e.rule == "SC-FOUR"] == ["stalking-indicated"]
    assert "four-stalking" in result.judgement_prompts
    # SC-SDASH: the S-DASH is now called for, so leaving it out is incomplete ...
    assert any("S-DASH is called for" in why for why in result.incomplete)
    # ... unless the offer was declined
    declined = run(lib, {"four": four(*FOUR_ITEMS)}, context={"s_dash": "declined"})
    assert declined.complete is True
    assert result.contract()["stalking_indicated"] is True


@pytest.mark.parametrize("missing", FOUR_ITEMS)
def test_sc_four_three_of_four_does_not_indicate_stalking(lib: Library, missing: str) -> None:
    result = run(lib, {"four": four(*(i for i in FOUR_ITEMS if i != missing))})
    assert result.stalking_indicated is False
    assert [e.code for e in result.evidence if e.rule == "SC-FOUR"] == ["stalking-not-indicated"]
    assert result.complete is True
    assert result.instruments["four"].yes == 3


def test_sc_four_unwanted_and_repeated_only_prompts_a_harassment_check(lib: Library) -> None:
    result = run(lib, {"four": four("unwanted", "repeated")})
    assert "four-harassment-or-unclear" in result.judgement_prompts
    assert "four-stalking" not in result.judgement_prompts


def test_sc_four_offer_and_indication_agree_for_every_answer_combination(lib: Library) -> None:
    """The S-DASH offer (s-dash.yaml) and FOUR's own finding (four.yaml) name one rule."""
    four_def = lib.definitions["four"]
    s_dash = lib.definitions["s-dash"]
    assert four_def.indicates_stalking is not None
    for combo in itertools.product(("yes", "no", "unknown"), repeat=4):
        answers = make_answers(lib, {"four": dict(zip(FOUR_ITEMS, combo, strict=True))})
        lookup = answer_lookup(answers)
        assert offered(s_dash, lookup) == holds(four_def.indicates_stalking, lookup, "four")


def test_sc_four_stalking_routes_apply_in_the_report(lib: Library) -> None:
    from stalkscreen.report import report_context

    answers = make_answers(lib, {"four": four(*FOUR_ITEMS)}, context={"s_dash": "declined"})
    profile = lib.profile("default").profile
    ctx = report_context(answers, score(answers, lib, profile), lib, profile)
    assert any("stalking indicated" in r.because for r in ctx.routes)
    assert ctx.stalking is not None and ctx.stalking.indicated


def test_sc_four_interview_offers_the_s_dash(lib: Library) -> None:
    interview = Interview(lib, lib.profile("default").profile, plan=("four",))
    for key, value in (("reference", "T/9"), ("assessed_on", "2026-11-20")):
        interview.case[key] = value
    for item in FOUR_ITEMS:
        interview.responses.setdefault("four", {})[item] = {"answer": "yes"}
    interview._lookup_cache = None
    steps = [s.code for s in interview.steps()]
    assert "offer/s-dash" in steps
    interview.responses["four"]["fixated"] = {"answer": "no"}
    interview._lookup_cache = None
    assert "offer/s-dash" not in [s.code for s in interview.steps()]


# SC-TYPE ---------------------------------------------------------------------


def _fear(lib: Library, kind: str | None, **kw: Any) -> Screening:
    flags = {**FLAGS_NONE, "victim-fear": "yes"}
    responses: dict[str, Any] = {"srp-red-flags": flags}
    if kind != "not-asked":
        responses["srp-context"] = context(kind)
    return run(lib, responses, **kw)


def test_sc_type_rejected_victim_fear_is_a_red_flag(lib: Library) -> None:
    result = _fear(lib, "rejected")
    assert result.red_flags == ("victim-fear",) and result.urgent
    assert result.risk_level == "high"
    assert result.stalking_type == "rejected"
    assert result.red_flag_notes == ()
    assert [e.effect for e in result.evidence if e.rule == "SC-TYPE"] == ["red flag as defined"]


@pytest.mark.parametrize(
    "kind", ["resentful", "intimacy-seeker", "incompetent-suitor", "predatory"]
)
def test_sc_type_other_known_type_keeps_the_flag_with_a_note(lib: Library, kind: str) -> None:
    result = _fear(lib, kind)
    # never lost: still listed, still urgent, still raises the level (SC-RF)
    assert result.red_flags == ("victim-fear",)
    assert result.urgent is True
    assert result.risk_level == "high"
    assert len(result.red_flag_notes) == 1
    assert "defined for the rejected type" in result.red_flag_notes[0]
    assert kind in result.red_flag_notes[0]
    assert [e.effect for e in result.evidence if e.rule == "SC-TYPE"] == [
        "red flag kept, with a note"
    ]
    assert result.contract()["red_flag_notes"] == list(result.red_flag_notes)


@pytest.mark.parametrize("kind", [None, "not-asked"])
def test_sc_type_unknown_or_unasked_type_leaves_the_red_flag_as_it_is(
    lib: Library, kind: str | None
) -> None:
    result = _fear(lib, kind)
    assert result.red_flags == ("victim-fear",) and result.urgent
    assert result.red_flag_notes == ()
    assert result.stalking_type == ("unknown" if kind is None else None)


def test_sc_type_single_choice_is_enforced(lib: Library) -> None:
    from stalkscreen.errors import InvalidInputError

    bad = context(None)
    bad["stalking-type"] = {"answer": "yes", "details": {"type": ["rejected", "resentful"]}}
    with pytest.raises(InvalidInputError) as info:
        make_answers(lib, {"srp-context": bad})
    assert any("only one choice" in p.message for p in info.value.problems)


def test_sc_type_item_is_never_counted(lib: Library) -> None:
    result = run(lib, {"srp-context": context("rejected")})
    counts = result.instruments["srp-context"]
    assert (counts.yes, counts.total) == (0, 8)


# SC-HRF ----------------------------------------------------------------------


def test_sc_hrf_factors_are_prompts_and_evidence_never_a_level(lib: Library) -> None:
    result = run(lib, {"srp-context": context("rejected", "threats", "home-entry")})
    assert result.heightened_risk_factors == ("threats", "home-entry")
    assert {"hrf-threats", "hrf-home-entry", "rejected-threats"} <= set(result.judgement_prompts)
    assert [e.rule for e in result.evidence if e.code == "heightened-risk"] == ["SC-HRF"]
    assert result.risk_level == "standard"
    assert result.marac_referral is False


def test_sc_hrf_all_eight_factors_still_do_not_raise_the_level(lib: Library) -> None:
    result = run(lib, {"srp-context": context("resentful", *FACTORS)})
    assert len(result.heightened_risk_factors) == 8
    assert result.instruments["srp-context"].yes == 8
    assert result.risk_level == "standard"
    assert "rejected-threats" not in result.judgement_prompts
