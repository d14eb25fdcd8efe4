"""Issue 16 scoring rules: SC-PURPOSE, SC-DOMAINS (probation) and SC-BEHAV (behaviours)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import load_answers
from stalkscreen.saving import answers_to_data
from stalkscreen.scoring import Screening, score
from tests.conftest import Result, dash_answers, make_answers

FLAGS = (
    "suicidal-ideation",
    "homicidal-ideation",
    "last-resort-thinking",
    "psychotic-symptoms",
    "psychopathy",
    "victim-fear",
)
FOUR_YES = dict.fromkeys(("fixated", "obsessive", "unwanted", "repeated"), "yes")
DOMAINS = {
    "violence": {"level": "high", "rationale": "Threats made in the last supervision"},
    "persistence": {"level": "moderate"},
    "recurrence": {"level": "moderate", "rationale": "Two earlier victims"},
    "psychosocial-damage": {"level": "low"},
}
PROBATION_CONTEXT = {"supervision": "licence", "victim_contact": "yes", "police_involved": "no"}


def flags(*yes: str) -> dict[str, str]:
    return {f: "yes" if f in yes else "no" for f in FLAGS}


def probation(
    lib: Library, responses: dict[str, Any] | None = None, **kw: Any
) -> tuple[AnswerSet, Screening]:
    kw.setdefault("srp_domains", DOMAINS)
    kw.setdefault("context", PROBATION_CONTEXT)
    answers = make_answers(
        lib,
        responses if responses is not None else {"srp-red-flags": flags()},
        purpose="probation",
        **kw,
    )
    return answers, score(answers, lib, lib.profile("default").profile)


def victim(lib: Library, responses: dict[str, Any], **kw: Any) -> Screening:
    return score(make_answers(lib, responses, **kw), lib, lib.profile("default").profile)


# --------------------------------------------------------------------------- SC-PURPOSE


def test_sc_purpose_probation_screening_has_no_no_dash_warning(lib: Library) -> None:
    _, result = probation(lib)
    assert result.purpose == "probation"
    assert not any(w.startswith("no-dash") for w in result.warnings)
    # the same answers in a victim screening still warn that no DASH is recorded
    same = victim(lib, {"srp-red-flags": flags()})
    assert any(w.startswith("no-dash") for w in same.warnings)
    assert same.purpose == "victim"


def test_sc_purpose_red_flags_keep_their_effects_and_sc_type_still_holds(lib: Library) -> None:
    responses = {
        "srp-context": {"stalking-type": {"answer": "yes", "details": {"type": "resentful"}}},
        "srp-red-flags": flags("victim-fear"),
    }
    _, result = probation(lib, responses)
    assert result.urgent and result.red_flags == ("victim-fear",)
    assert result.risk_level == "high" and "srp-red-flag" in result.reasons
    assert result.red_flag_notes  # SC-TYPE: kept, with a note, for a non-rejected type
    assert any(e.rule == "SC-TYPE" for e in result.evidence)


def test_sc_purpose_s_dash_is_not_called_for_in_a_probation_screening(lib: Library) -> None:
    _, result = probation(lib, {"four": FOUR_YES, "srp-red-flags": flags()})
    assert result.stalking_indicated
    assert result.complete, result.incomplete
    # a victim screening with the same FOUR answers calls for the S-DASH
    assert not victim(lib, {"four": FOUR_YES}).complete


def test_sc_purpose_no_victim_side_judgement_prompts(lib: Library) -> None:
    _, nothing = probation(lib, {"srp-red-flags": flags()})
    assert "record-judgement" not in nothing.judgement_prompts
    _, flagged = probation(lib, {"srp-red-flags": flags("homicidal-ideation")})
    assert flagged.risk_level == "high" and not flagged.marac_referral
    assert "high-without-marac" not in flagged.judgement_prompts
    # in a victim screening both prompts stay
    assert "record-judgement" in victim(lib, {"srp-red-flags": flags()}).judgement_prompts
    assert (
        "high-without-marac"
        in victim(lib, {"srp-red-flags": flags("homicidal-ideation")}).judgement_prompts
    )


def test_sc_purpose_probation_context_values_are_checked(lib: Library) -> None:
    with pytest.raises(InvalidInputError) as caught:
        make_answers(
            lib, {"srp-red-flags": flags()}, purpose="probation", context={"supervision": "bail"}
        )
    (problem,) = caught.value.problems
    assert problem.place == "context"
    assert "supervision" in problem.message and "licence" in problem.fix
    # a victim screening's context keys are free, as they always were
    make_answers(lib, {"srp-red-flags": flags()}, context={"supervision": "bail"})


def test_sc_purpose_unknown_purpose_is_refused_with_the_choices(lib: Library) -> None:
    with pytest.raises(InvalidInputError) as caught:
        make_answers(lib, {"srp-red-flags": flags()}, purpose="offender")
    assert [p.place for p in caught.value.problems] == ["purpose"]


# --------------------------------------------------------------------------- SC-DOMAINS


def test_sc_domains_are_recorded_as_judged_and_never_change_the_level(lib: Library) -> None:
    _, judged = probation(lib)
    assert judged.srp_domains == {
        "violence": "high",
        "persistence": "moderate",
        "recurrence": "moderate",
        "psychosocial-damage": "low",
    }
    _, lower = probation(
        lib, srp_domains={d: {"level": "low"} for d in ("violence", *list(DOMAINS)[1:])}
    )
    # no red flag and no DASH: nothing grades it, whatever the domains say
    assert judged.risk_level == lower.risk_level == "standard"
    assert judged.graded is lower.graded is False
    assert judged.reasons == lower.reasons == ()
    (evidence,) = [e for e in judged.evidence if e.rule == "SC-DOMAINS"]
    assert "risk of violence high" in evidence.summary
    assert "Threats" not in evidence.summary  # the rationale is free text: never in evidence


def test_sc_domains_a_domain_not_rated_makes_the_screening_incomplete(lib: Library) -> None:
    _, partial = probation(lib, srp_domains={"violence": {"level": "low"}})
    assert not partial.complete
    assert any("persistence, recurrence, psychosocial-damage" in i for i in partial.incomplete)
    _, none = probation(lib, srp_domains=None)
    assert none.srp_domains == {} and not none.complete
    _, whole = probation(lib)
    assert whole.complete


def test_sc_domains_high_needs_a_rationale(
    lib: Library, write_answers: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    path = write_answers(
        {"srp-red-flags": flags()},
        purpose="probation",
        srp_domains={"violence": {"level": "high"}},
    )
    result = cli("score", path)
    assert result.code == 3
    assert "srp_domains.violence" in result.err and "rationale" in result.err
    assert "Traceback" not in result.err


def test_sc_domains_belong_to_a_probation_screening(
    write_answers: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    path = write_answers({"srp-red-flags": flags()}, srp_domains={"violence": {"level": "low"}})
    result = cli("score", path)
    assert result.code == 3
    assert "srp_domains" in result.err and "purpose: probation" in result.err


def test_sc_domains_score_json_carries_purpose_and_domain_levels(
    write_answers: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    path = write_answers(
        {"srp-red-flags": flags("last-resort-thinking")},
        purpose="probation",
        srp_domains=DOMAINS,
        context=PROBATION_CONTEXT,
    )
    result = cli("score", path, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["purpose"] == "probation"
    assert data["srp_domains"]["violence"] == "high"
    assert data["urgent"] is True
    assert "Threats made" not in result.out  # rationale stays out of score output
    assert not any(w.startswith("no-dash") for w in data["warnings"])


def test_sc_domains_domain_high_or_red_flag_brings_the_probation_routes(
    write_answers: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    def route_ids(**kw: Any) -> list[str]:
        path = write_answers(
            {"srp-red-flags": flags(*kw.pop("flagged", ()))},
            purpose="probation",
            context=PROBATION_CONTEXT,
            **kw,
        )
        result = cli("report", path, "--format", "json")
        assert result.code == 0, result.err
        return [r["id"] for r in json.loads(result.out)["routes"]]

    calm = route_ids(srp_domains={d: {"level": "low"} for d in DOMAINS})
    assert {"police-stalking-lead", "victim-liaison", "local-stalking-service"} <= set(calm)
    assert "stalking-intervention" in calm
    assert "rosh-review" not in calm and "mappa" not in calm
    assert not {"marac", "idva", "emergency", "national-stalking-helpline"} & set(calm)
    assert {"rosh-review", "mappa"} <= set(route_ids(srp_domains=DOMAINS))
    flagged = route_ids(srp_domains={d: {"level": "low"} for d in DOMAINS}, flagged=["psychopathy"])
    assert {"rosh-review", "mappa"} <= set(flagged)


def test_purpose_round_trips_and_a_victim_file_stays_as_it_was(
    lib: Library, tmp_path: Path
) -> None:
    answers, _ = probation(lib)
    data = answers_to_data(answers)
    assert data["purpose"] == "probation" and data["srp_domains"]["violence"]["level"] == "high"
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data))
    assert load_answers(path, lib.definitions) == answers
    plain = answers_to_data(make_answers(lib, {"dash": dash_answers({1})}))
    assert "purpose" not in plain and "srp_domains" not in plain


# --------------------------------------------------------------------------- SC-BEHAV

BEHAVIOURS = {
    "repeated-contact": "yes",
    "tracking": "yes",
    "turning-up": "no",
    "workplace": "yes",
    "from-prison": "unknown",
}


def test_sc_behav_behaviours_never_change_the_score(lib: Library) -> None:
    base = {"dash": dash_answers({2, 8, 13}), "s-dash": {"q1": "yes", "q4": "yes"}}
    without = victim(lib, base, case={"incidents_last_12_months": 1})
    with_them = victim(
        lib, {**base, "behaviours": BEHAVIOURS}, case={"incidents_last_12_months": 1}
    )
    assert with_them.behaviours == ("repeated-contact", "tracking", "workplace")
    before, after = without.contract(), with_them.contract()
    assert after.pop("behaviours") == ["repeated-contact", "tracking", "workplace"]
    assert before.pop("behaviours") == []
    assert before == after
    assert "behaviours" not in with_them.instruments


def test_sc_behav_not_asking_them_is_never_incomplete(lib: Library) -> None:
    # Q8 yes calls for the S-DASH (recorded) and offers the behaviours (not recorded)
    result = victim(
        lib,
        {"dash": dash_answers({8}), "s-dash": dict.fromkeys([f"q{i}" for i in range(1, 12)], "no")},
        case={"incidents_last_12_months": 0},
    )
    assert result.complete, result.incomplete
    half = victim(lib, {"behaviours": {"threats": "yes"}})
    assert half.behaviours == ("threats",)
    assert not any("Behaviours" in i for i in half.incomplete)
