"""Each scoring rule of the domain brief (§6), named by its id."""

from __future__ import annotations

from typing import Any

import pytest

from stalkscreen.dates import add_months
from stalkscreen.definitions.library import Library
from stalkscreen.scoring import Screening, score
from stalkscreen.scoring.engine import band_for
from tests.conftest import dash_answers, make_answers

SDASH_NONE = {f"q{i}": "no" for i in range(1, 12)}


def run(lib: Library, responses: dict[str, Any], profile: str = "default", **kw: Any) -> Screening:
    return score(make_answers(lib, responses, **kw), lib, lib.profile(profile).profile)


def evidence(result: Screening, rule: str) -> list[str]:
    return [e.summary for e in result.evidence if e.rule == rule]


# SC-COUNT ------------------------------------------------------------------


def test_sc_count_only_yes_counts_and_unknown_is_listed_for_follow_up(lib: Library) -> None:
    answers = dash_answers({1, 2}, unknown={3, 4, 5})
    result = run(lib, {"dash": answers})
    counts = result.instruments["dash"]
    assert (counts.yes, counts.no, counts.unknown, counts.not_asked) == (2, 22, 3, 0)
    assert result.follow_up == ("dash.q3", "dash.q4", "dash.q5")
    assert result.risk_level == "standard"


def test_sc_count_not_asked_never_counts(lib: Library) -> None:
    answers = {"q1": "yes", "q2": "yes"}
    result = run(lib, {"dash": answers})
    assert result.instruments["dash"].yes == 2
    assert result.instruments["dash"].not_asked == 25


# SC-BAND -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "level"),
    [(0, "standard"), (9, "standard"), (10, "medium"), (13, "medium"), (14, "high"), (27, "high")],
)
def test_sc_band_default_edges(lib: Library, count: int, level: str) -> None:
    result = run(lib, {"dash": dash_answers(set(range(1, count + 1)))})
    assert result.instruments["dash"].band == level
    assert result.risk_level == level
    assert any(s.startswith(f"{count} yes answer") for s in evidence(result, "SC-BAND"))


def test_sc_band_ric_is_graded_on_the_same_scale(lib: Library) -> None:
    result = run(lib, {"dash-ric": dash_answers(set(range(1, 11)), n=24)})
    assert result.instruments["dash-ric"].band == "medium"


def test_sc_band_band_for_uses_profile_table(lib: Library) -> None:
    table = lib.profile("default").profile.bands["dash"]
    assert [band_for(n, table) for n in (0, 10, 14)] == ["standard", "medium", "high"]


def test_sc_band_s_dash_band_only_where_a_profile_defines_one(lib: Library) -> None:
    sdash = {f"q{i}": "yes" if i <= 7 else "no" for i in range(1, 12)}
    plain = run(lib, {"s-dash": sdash})
    assert plain.instruments["s-dash"].band is None
    assert plain.risk_level == "standard"
    banded = run(lib, {"s-dash": sdash}, profile="escalation-5-3-hbv")
    assert banded.instruments["s-dash"].band == "high"
    assert banded.risk_level == "high"


# SC-VHR --------------------------------------------------------------------


def test_sc_vhr_fourteen_yes_refers_to_marac_with_the_items(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(set(range(1, 15)))})
    assert result.marac_referral is True
    assert result.reasons == ("visible-high-risk",)
    vhr = next(e for e in result.evidence if e.rule == "SC-VHR")
    assert vhr.items == tuple(f"dash.q{i}" for i in range(1, 15))
    assert "refers at 14" in vhr.summary


def test_sc_vhr_thirteen_yes_does_not_refer(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(set(range(1, 14)))})
    assert result.marac_referral is False
    assert result.reasons == ()


def test_sc_vhr_profile_threshold_17(lib: Library) -> None:
    sixteen = run(lib, {"dash": dash_answers(set(range(1, 17)))}, profile="cambridgeshire")
    assert sixteen.risk_level == "high"
    assert sixteen.marac_referral is False
    seventeen = run(lib, {"dash": dash_answers(set(range(1, 18)))}, profile="cambridgeshire")
    assert seventeen.reasons == ("visible-high-risk",)


# SC-PJ ---------------------------------------------------------------------


def test_sc_pj_raises_level_with_rationale(lib: Library) -> None:
    result = run(
        lib,
        {"dash": dash_answers({1, 2})},
        professional_judgement={"level": "medium", "rationale": "Escalating threats"},
    )
    assert result.risk_level == "medium"
    assert result.reasons == ("professional-judgement",)
    assert result.marac_referral is False


def test_sc_pj_at_high_refers_to_marac(lib: Library) -> None:
    result = run(
        lib,
        {"dash": dash_answers({1, 2})},
        professional_judgement={"level": "high", "rationale": "Threats since separation"},
    )
    assert result.risk_level == "high"
    assert result.marac_referral is True
    assert "professional-judgement" in result.reasons


def test_sc_pj_never_lowers_the_level(lib: Library) -> None:
    result = run(
        lib,
        {"dash": dash_answers(set(range(1, 15)))},
        professional_judgement={"level": "standard", "rationale": "Victim minimises"},
    )
    assert result.risk_level == "high"
    assert result.marac_referral is True
    assert any(w.startswith("judgement-below-level") for w in result.warnings)
    assert "professional-judgement" not in result.reasons


def test_sc_pj_requires_a_rationale(lib: Library) -> None:
    from stalkscreen.errors import InvalidInputError

    with pytest.raises(InvalidInputError) as caught:
        make_answers(lib, {"dash": dash_answers({1})}, professional_judgement={"level": "high"})
    assert "rationale" in caught.value.lines()[0]


# SC-ESC --------------------------------------------------------------------


def test_sc_esc_three_incidents_refer_whatever_the_count(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({2})}, case={"incidents_last_12_months": 3})
    assert result.marac_referral is True
    assert result.reasons == ("potential-escalation",)
    assert result.risk_level == "standard"


def test_sc_esc_two_incidents_do_not(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({2})}, case={"incidents_last_12_months": 2})
    assert result.marac_referral is False


def test_sc_esc_profile_five_incidents_or_three_crimes(lib: Library) -> None:
    four = run(
        lib,
        {"dash": dash_answers({2})},
        profile="escalation-5-3-hbv",
        case={"incidents_last_12_months": 4},
    )
    assert four.marac_referral is False
    crimes = run(
        lib,
        {"dash": dash_answers({2})},
        profile="escalation-5-3-hbv",
        case={"incidents_last_12_months": 1, "crimes_last_12_months": 3},
    )
    assert crimes.reasons == ("potential-escalation",)
    assert evidence(crimes, "SC-ESC") and "3 crimes" in evidence(crimes, "SC-ESC")[0]


# SC-REPEAT -----------------------------------------------------------------


def test_sc_repeat_within_twelve_months_refers_again(lib: Library) -> None:
    result = run(
        lib,
        {"dash": dash_answers({2})},
        case={"assessed_on": "2026-11-20", "last_marac_on": "2026-03-02"},
    )
    assert result.reasons == ("repeat-marac",)
    assert result.marac_referral is True


def test_sc_repeat_window_boundary(lib: Library) -> None:
    on_edge = run(
        lib,
        {"dash": dash_answers({2})},
        case={"assessed_on": "2026-03-02", "last_marac_on": "2025-03-02"},
    )
    assert on_edge.reasons == ("repeat-marac",)
    past = run(
        lib,
        {"dash": dash_answers({2})},
        case={"assessed_on": "2026-03-03", "last_marac_on": "2025-03-02"},
    )
    assert past.marac_referral is False


def test_sc_repeat_without_assessment_date_warns(lib: Library) -> None:
    result = run(
        lib, {"dash": dash_answers({2})}, case={"assessed_on": None, "last_marac_on": "2026-03-02"}
    )
    assert result.marac_referral is False
    assert any(w.startswith("repeat-unchecked") for w in result.warnings)


def test_sc_repeat_add_months_clamps_to_month_end() -> None:
    from datetime import date

    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


# SC-HBV --------------------------------------------------------------------


def _hbv_dash() -> dict[str, Any]:
    answers: dict[str, Any] = dash_answers({4})
    answers["q4"] = {"answer": "yes", "details": {"hbv_concern": "yes"}}
    return answers


def test_sc_hbv_off_by_default_but_prompted(lib: Library) -> None:
    result = run(lib, {"dash": _hbv_dash()})
    assert result.marac_referral is False
    assert "honour-based-violence" in result.judgement_prompts


def test_sc_hbv_profile_makes_it_automatic(lib: Library) -> None:
    result = run(lib, {"dash": _hbv_dash()}, profile="escalation-5-3-hbv")
    assert result.reasons == ("honour-based-violence",)
    assert result.marac_referral is True


# SC-SDASH ------------------------------------------------------------------


def test_sc_sdash_reports_k_of_11_without_a_band(lib: Library) -> None:
    dash = dash_answers({8})
    sdash = dict(SDASH_NONE, q1="yes", q6="yes", q11="yes")
    result = run(lib, {"dash": dash, "s-dash": sdash})
    s = result.instruments["s-dash"]
    assert (s.yes, s.total, s.band) == (3, 11, None)
    assert s.yes_items == ("q1", "q6", "q11")
    assert result.stalking_indicated is True
    assert result.complete is True


def test_sc_complete_missing_sdash_after_q8_is_a_prompt_not_incompleteness(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({8})})
    assert result.complete is True
    (stalking,) = [p for p in result.prompts if p.id == "stalking"]
    assert "S-DASH stalking questions are not recorded" in stalking.text
    done = run(lib, {"dash": dash_answers({8}), "s-dash": SDASH_NONE})
    (stalking,) = [p for p in done.prompts if p.id == "stalking"]
    assert "are recorded" in stalking.text and "not recorded" not in stalking.text


def test_sc_complete_profile_may_require_the_sdash(lib: Library) -> None:
    strict = lib.profile("default").profile.model_copy(update={"s_dash_required": True})
    answers = make_answers(lib, {"dash": dash_answers({8})})
    result = score(answers, lib, strict)
    assert result.complete is False
    assert any("S-DASH" in r for r in result.incomplete)


def test_sc_sdash_declined_is_recorded_not_incomplete(lib: Library) -> None:
    result = run(
        lib, {"dash": dash_answers({8})}, context={"children": "yes", "s_dash": "declined"}
    )
    assert result.complete is True
    assert any(w.startswith("s-dash-declined") for w in result.warnings)


def test_sc_sdash_can_run_alone(lib: Library) -> None:
    result = run(lib, {"s-dash": dict(SDASH_NONE, q2="yes")})
    assert result.instruments["s-dash"].yes == 1
    assert result.complete is True


# SC-RF ---------------------------------------------------------------------


FLAGS_NO = dict.fromkeys(
    (
        "suicidal-ideation",
        "homicidal-ideation",
        "last-resort-thinking",
        "psychotic-symptoms",
        "psychopathy",
        "victim-fear",
    ),
    "no",
)


def test_sc_rf_any_red_flag_is_urgent_and_high(lib: Library) -> None:
    result = run(
        lib,
        {
            "dash": dash_answers({2}),
            "srp-red-flags": dict(FLAGS_NO, **{"last-resort-thinking": "yes"}),
        },
    )
    assert result.urgent is True
    assert result.red_flags == ("last-resort-thinking",)
    assert result.risk_level == "high"
    assert "srp-red-flag" in result.reasons


def test_sc_rf_profile_may_switch_off_the_raise_never_the_flag(lib: Library, tmp_path: Any) -> None:
    import yaml

    from stalkscreen.definitions.library import load_library

    default = yaml.safe_load(lib.profile("default").path.read_text())
    default.update(id="no-raise", red_flags={"raise_to_high": False})
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "no-raise.yaml").write_text(yaml.safe_dump(default))
    local = load_library([tmp_path])
    answers = make_answers(local, {"srp-red-flags": dict(FLAGS_NO, psychopathy="yes")})
    result = score(answers, local, local.profile("no-raise").profile)
    assert result.urgent is True
    assert result.red_flags == ("psychopathy",)
    assert result.risk_level == "standard"
    assert "srp-red-flag" in result.reasons


def test_sc_rf_unknown_red_flag_is_not_a_flag_but_followed_up(lib: Library) -> None:
    result = run(lib, {"srp-red-flags": dict(FLAGS_NO, **{"homicidal-ideation": "unknown"})})
    assert result.urgent is False
    assert result.follow_up == ("srp-red-flags.homicidal-ideation",)


# SC-LEVEL ------------------------------------------------------------------


def test_sc_level_is_the_highest_of_band_judgement_and_red_flags(lib: Library) -> None:
    result = run(
        lib,
        {
            "dash": dash_answers(set(range(1, 11))),
            "srp-red-flags": dict(FLAGS_NO, psychopathy="yes"),
        },
        professional_judgement={"level": "medium", "rationale": "As per band"},
    )
    assert result.level_sources == {
        "band": "medium",
        "red_flags": "high",
        "professional_judgement": "medium",
    }
    assert result.risk_level == "high"


# SC-PROMPTS ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "prompt"),
    [
        ({18}, "strangulation"),
        ({17}, "threats-to-kill"),
        ({8}, "stalking"),
        ({2}, "victim-fear"),
        ({13}, "escalation"),
        ({14}, "escalation"),
        ({9}, "children"),
        ({12}, "children"),
        ({6, 15, 19}, "separation-control-violence"),
    ],
)
def test_sc_prompts_fire_and_are_never_scored(lib: Library, yes: set[int], prompt: str) -> None:
    result = run(lib, {"dash": dash_answers(yes)})
    assert prompt in result.judgement_prompts
    assert result.risk_level == "standard"
    assert result.marac_referral is False


def test_sc_prompts_separation_needs_all_three_parts(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({6, 15})})
    assert "separation-control-violence" not in result.judgement_prompts


def test_sc_prompts_ric_uses_shifted_numbering(lib: Library) -> None:
    result = run(lib, {"dash-ric": dash_answers({15}, n=24)})
    assert result.judgement_prompts == ("strangulation", "judgement-required")


def test_sc_prompts_ex_partner_threats(lib: Library) -> None:
    sdash = dict(SDASH_NONE, q6="yes")
    ex = run(lib, {"s-dash": sdash}, case={"relationship": "ex-partner"})
    assert "ex-partner-threats" in ex.judgement_prompts
    partner = run(lib, {"s-dash": sdash}, case={"relationship": "partner"})
    assert "ex-partner-threats" not in partner.judgement_prompts


# SC-COMPLETE ---------------------------------------------------------------


def test_sc_complete_missing_items_mark_incomplete(lib: Library) -> None:
    answers = dash_answers({1})
    del answers["q20"], answers["q27"]
    result = run(lib, {"dash": answers})
    assert result.complete is False
    assert result.not_asked == ("dash.q20", "dash.q27")
    assert result.contract()["complete"] is False


def test_sc_complete_children_gate_no_skips_the_section(lib: Library) -> None:
    answers = dash_answers({1})
    for i in (10, 11, 12):
        del answers[f"q{i}"]
    gated = run(lib, {"dash": answers}, context={"children": "no"})
    assert gated.complete is True
    assert gated.instruments["dash"].total == 24
    ungated = run(lib, {"dash": answers}, context={})
    assert ungated.complete is False


def test_sc_complete_pregnancy_is_asked_of_everyone(lib: Library) -> None:
    answers = dash_answers({1})
    for i in (9, 10, 11, 12):
        del answers[f"q{i}"]
    result = run(lib, {"dash": answers}, context={"children": "no"})
    assert result.complete is False
    assert result.not_asked == ("dash.q9",)


def test_sc_complete_a_draft_is_incomplete(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({1})}, status="in-progress")
    assert result.complete is False


# Review findings: nothing is presented as more than the answers support ----------------


def test_sc_complete_an_empty_screening_is_incomplete_and_not_graded(lib: Library) -> None:
    result = run(lib, {})
    assert result.complete is False
    assert result.graded is False
    assert "record-judgement" in result.judgement_prompts
    assert any("nothing to score" in r for r in result.incomplete)


def test_sc_level_s_dash_alone_is_not_graded_and_asks_for_judgement(lib: Library) -> None:
    sdash = {f"q{i}": "yes" if i <= 7 else "no" for i in range(1, 12)}
    result = run(lib, {"s-dash": sdash})
    assert (result.risk_level, result.graded) == ("standard", False)
    assert result.contract()["graded"] is False
    assert "record-judgement" in result.judgement_prompts
    judged = run(
        lib,
        {"s-dash": sdash},
        professional_judgement={"level": "high", "rationale": "threats, violence"},
    )
    assert judged.graded is True and "record-judgement" not in judged.judgement_prompts


def test_sc_level_all_dont_know_is_flagged(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(set(), unknown=set(range(1, 28)))})
    assert any(w.startswith("no-information") for w in result.warnings)


def test_sc_pj_high_without_marac_prompts_for_judgement(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(set(range(1, 17)))}, profile="cambridgeshire")
    assert (result.risk_level, result.marac_referral) == ("high", False)
    hit = next(h for h in result.prompts if h.id == "high-without-marac")
    assert "refers at 17" in hit.text
    referred = run(lib, {"dash": dash_answers(set(range(1, 18)))}, profile="cambridgeshire")
    assert "high-without-marac" not in referred.judgement_prompts


def test_sc_esc_unrecorded_history_is_said(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({2})})
    assert any(w.startswith("escalation-unchecked") for w in result.warnings)
    recorded = run(lib, {"dash": dash_answers({2})}, case={"incidents_last_12_months": 0})
    assert not any(w.startswith("escalation-unchecked") for w in recorded.warnings)


def test_sc_hbv_unrecorded_concern_is_said(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({4})})
    assert any(w.startswith("hbv-concern-unrecorded: dash.q4") for w in result.warnings)
    assert not any(
        w.startswith("hbv-concern-unrecorded") for w in run(lib, {"dash": _hbv_dash()}).warnings
    )


def test_sc_sdash_declined_but_answered_is_said(lib: Library) -> None:
    result = run(
        lib,
        {"dash": dash_answers({8}), "s-dash": SDASH_NONE},
        context={"children": "yes", "s_dash": "declined"},
    )
    assert any(w.startswith("s-dash-declined-but-answered") for w in result.warnings)
