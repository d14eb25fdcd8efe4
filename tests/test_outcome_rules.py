"""Outcomes a practitioner can defend (issue 14): SC-JUDGE, SC-UNKNOWN, SC-ROUTE, the new
prompts and SC-COMPLETE's pregnancy rule, each test named after the rule it proves."""

from __future__ import annotations

from typing import Any

import pytest

from stalkscreen.about import level_words
from stalkscreen.definitions.library import Library
from stalkscreen.report.routes import safety_view, select_routes
from stalkscreen.scoring import Screening, score
from tests.conftest import dash_answers, make_answers

SDASH_NONE = {f"q{i}": "no" for i in range(1, 12)}
FLAGS_NONE = dict.fromkeys(
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


def run(lib: Library, responses: dict[str, Any], profile: str = "default", **kw: Any) -> Screening:
    return score(make_answers(lib, responses, **kw), lib, lib.profile(profile).profile)


def routes(lib: Library, result: Screening, profile: str = "default") -> list[str]:
    return [r.id for r in select_routes(lib.profile(profile).profile, result)]


def judged(level: str, rationale: str = "my reasons") -> dict[str, Any]:
    return {"professional_judgement": {"level": level, "rationale": rationale}}


# SC-JUDGE ------------------------------------------------------------------


def test_sc_judge_a_level_from_the_count_alone_is_shown_by_count_without_its_meaning(
    lib: Library,
) -> None:
    # 10 yes including strangulation (Q18) and threats to kill (Q17)
    result = run(lib, {"dash": dash_answers({1, 2, 3, 5, 6, 13, 14, 15, 17, 18})})
    assert (result.risk_level, result.level_basis, result.judged) == ("medium", "count", False)
    text, meaning = level_words(result.risk_level, result.level_basis, upper=True)
    assert text == "by count: MEDIUM (not yet judged)"
    assert "not likely unless" not in meaning and "not a risk grading" in meaning
    assert result.contract()["judged"] is False


def test_sc_judge_prompt_when_strangulation_or_threats_and_no_judgement(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({17, 18})})
    assert "judgement-required" in result.judgement_prompts
    (hit,) = [p for p in result.prompts if p.id == "judgement-required"]
    assert "strangulation" in hit.text and "threats-to-kill" in hit.text


@pytest.mark.parametrize(
    ("responses", "case"),
    [
        ({"dash": dash_answers({6, 15, 1})}, {}),  # separation-control-violence
        ({"dash": dash_answers({6, 8}), "s-dash": SDASH_NONE}, {}),  # stalking-after-separation
        ({"dash": dash_answers({25})}, {}),  # perpetrator-suicide
        ({"s-dash": dict(SDASH_NONE, q6="yes")}, {"relationship": "ex-partner"}),
        ({"srp-red-flags": dict(FLAGS_NONE, psychopathy="yes")}, {}),  # any red flag
    ],
)
def test_sc_judge_each_trigger_calls_for_a_judgement(
    lib: Library, responses: dict[str, Any], case: dict[str, Any]
) -> None:
    result = run(lib, responses, case=case)
    assert "judgement-required" in result.judgement_prompts


def test_sc_judge_no_prompt_once_a_judgement_is_recorded(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers({17, 18})}, **judged("medium"))
    assert "judgement-required" not in result.judgement_prompts
    assert result.judged is True and result.level_basis == "judged"
    text, meaning = level_words(result.risk_level, result.level_basis)
    assert text == "Medium" and "unless something in the situation changes" in meaning


def test_sc_judge_a_red_flag_level_shows_its_meaning(lib: Library) -> None:
    result = run(lib, {"srp-red-flags": dict(FLAGS_NONE, psychopathy="yes")})
    assert result.level_basis == "red-flag" and result.risk_level == "high"
    assert level_words("high", result.level_basis)[0] == "High"


# SC-PJ: judgement confirms as well as raises -------------------------------------------


def test_sc_pj_confirming_the_computed_level_is_a_judgement(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(range(1, 11))}, **judged("medium"))
    assert result.risk_level == "medium" and result.judged is True
    assert result.level_reasons == ()  # confirming does not raise
    assert any("confirming the level" in e.summary for e in result.evidence if e.rule == "SC-PJ")


def test_sc_pj_confirming_high_on_a_red_flag_refers_to_marac(lib: Library) -> None:
    flags = {"srp-red-flags": dict(FLAGS_NONE, **{"homicidal-ideation": "yes"})}
    before = run(lib, flags, case={"relationship": "ex-partner"})
    assert before.risk_level == "high" and before.marac_referral is False
    after = run(lib, flags, case={"relationship": "ex-partner"}, **judged("high"))
    assert after.marac_referral is True
    assert after.marac_reasons == ("professional-judgement",)
    assert after.level_reasons == ("srp-red-flag",)


# SC-UNKNOWN ------------------------------------------------------------------


def test_sc_unknown_all_dont_know_is_not_graded(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(set(), unknown=set(range(1, 28)))})
    assert result.graded is False and result.level_basis == "not-graded"
    assert result.instruments["dash"].band is None
    assert "record-judgement" in result.judgement_prompts
    assert any(e.rule == "SC-UNKNOWN" for e in result.evidence)


def test_sc_unknown_half_answered_is_the_edge(lib: Library) -> None:
    # 14 of 27 answered yes or no: graded; 13 of 27: fewer than half, not graded
    graded = run(lib, {"dash": dash_answers(set(), unknown=set(range(1, 14)))})
    assert graded.graded is True and graded.instruments["dash"].band == "standard"
    ungraded = run(lib, {"dash": dash_answers(set(), unknown=set(range(1, 15)))})
    assert ungraded.graded is False


def test_sc_unknown_could_cross_threshold_gives_the_numbers(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(range(1, 14), unknown={20, 21, 22, 23})})
    (hit,) = [p for p in result.prompts if p.id == "unknowns-could-cross-threshold"]
    assert "13 yes and 4 don't know" in hit.text
    assert "could reach 17" in hit.text and "threshold is 14" in hit.text
    assert result.marac_referral is False


def test_sc_unknown_no_threshold_prompt_when_yes_alone_reaches_it(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(range(1, 15), unknown={20})})
    assert "unknowns-could-cross-threshold" not in result.judgement_prompts


# SC-COUNT: a threat to kill counts only when believed -------------------------------------


def test_sc_count_threat_to_kill_not_believed_does_not_count_but_prompts(lib: Library) -> None:
    answers = dash_answers({1, 17})
    answers["q17"] = {"answer": "yes", "details": {"believed": "no", "who": ["victim"]}}
    result = run(lib, {"dash": answers})
    assert result.instruments["dash"].yes == 1
    assert "threats-to-kill" in result.judgement_prompts
    assert any(e.code == "not-counted" and "dash.q17" in e.items for e in result.evidence)
    answers["q17"] = {"answer": "yes", "details": {"believed": "yes"}}
    assert run(lib, {"dash": answers}).instruments["dash"].yes == 2


def test_sc_count_ric_threat_to_kill_has_the_same_rule(lib: Library) -> None:
    answers = dash_answers({14}, n=24)
    answers["q14"] = {"answer": "yes", "details": {"believed": "no"}}
    result = run(lib, {"dash-ric": answers})
    assert result.instruments["dash-ric"].yes == 0
    assert "threats-to-kill" in result.judgement_prompts


# SC-COMPLETE -------------------------------------------------------------------


def test_sc_complete_pregnant_victim_with_no_children_is_asked_q9(lib: Library) -> None:
    answers = dash_answers({9})
    for i in (10, 11, 12):
        del answers[f"q{i}"]
    result = run(lib, {"dash": answers}, context={"children": "no"})
    assert result.complete is True
    assert {"pregnancy", "children"} <= set(result.judgement_prompts)
    assert "childrens-services" in routes(lib, result)


def test_sc_complete_ric_with_q8_and_no_sdash_is_a_prompt(lib: Library) -> None:
    result = run(lib, {"dash-ric": dash_answers({8}, n=24)})
    assert result.complete is True
    (hit,) = [p for p in result.prompts if p.id == "stalking"]
    assert "not recorded" in hit.text


# SC-PROMPTS: the new evidence prompts, on both DASH forms ------------------------------


@pytest.mark.parametrize(
    ("prompt", "dash_yes", "ric_yes"),
    [
        ("perpetrator-suicide", {25}, {22}),
        ("stalking-after-separation", {6, 8}, {6, 8}),
        ("breach-of-orders", {26}, {23}),
        ("victim-suicidal", {5}, {5}),
        ("pregnancy", {9}, {9}),
        ("sexual-violence", {19}, {16}),
    ],
)
def test_sc_prompts_new_evidence_prompts(
    lib: Library, prompt: str, dash_yes: set[int], ric_yes: set[int]
) -> None:
    assert prompt in run(lib, {"dash": dash_answers(dash_yes)}).judgement_prompts
    assert prompt in run(lib, {"dash-ric": dash_answers(ric_yes, n=24)}).judgement_prompts
    assert prompt not in run(lib, {"dash": dash_answers(set())}).judgement_prompts


def test_sc_prompts_fear_of_being_killed(lib: Library) -> None:
    answers = dash_answers({3})
    answers["q3"] = {"answer": "yes", "details": {"feared_harm": ["being-killed"]}}
    assert "fear-of-being-killed" in run(lib, {"dash": answers}).judgement_prompts


@pytest.mark.parametrize("item", ["q15", "q20", "q21"])
def test_sc_hbv_concern_is_asked_after_any_of_q4_q15_q20_q21(lib: Library, item: str) -> None:
    answers = dash_answers({int(item[1:])})
    answers[item] = {"answer": "yes", "details": {"hbv_concern": "yes"}}
    result = run(lib, {"dash": answers}, profile="escalation-5-3-hbv")
    assert "honour-based-violence" in result.judgement_prompts
    assert result.marac_reasons == ("honour-based-violence",)
    (ev,) = [e for e in result.evidence if e.rule == "SC-HBV"]
    assert ev.items == (f"dash.{item}",)
    assert "karma-nirvana" in routes(lib, result, "escalation-5-3-hbv")
    unrecorded = dash_answers({int(item[1:])})
    warnings = run(lib, {"dash": unrecorded}).warnings
    assert any(w.startswith(f"hbv-concern-unrecorded: dash.{item}") for w in warnings)


# SC-ROUTE ----------------------------------------------------------------------


def test_sc_route_conditions_combine_with_and(lib: Library) -> None:
    # high-risk domestic abuse with no stalking: no Paladin, no stalking lead
    result = run(lib, {"dash": dash_answers(range(1, 8))}, **judged("high"))
    assert result.stalking_indicated is False and result.risk_level == "high"
    ids = routes(lib, result)
    assert "paladin" not in ids and "police-stalking-lead" not in ids
    assert {"marac", "idva"} <= set(ids)


def test_sc_route_stranger_stalking_judged_high_goes_to_the_stalking_services(
    lib: Library,
) -> None:
    result = run(
        lib,
        {"s-dash": dict(SDASH_NONE, q1="yes", q4="yes", q5="yes")},
        case={"relationship": "stranger"},
        **judged("high"),
    )
    assert result.marac_referral is False and result.marac_reasons == ()
    assert any(e.code == "not-domestic" for e in result.evidence)
    ids = routes(lib, result)
    assert {"police-stalking-lead", "local-stalking-service", "paladin"} <= set(ids)
    assert "marac" not in ids and "idva" not in ids and "national-da-helpline" not in ids
    assert "high-without-marac" not in result.judgement_prompts


def test_sc_route_unknown_relationship_keeps_marac_and_says_why(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(range(1, 15))})
    assert result.marac_referral is True
    assert any(w.startswith("marac-relationship-unknown") for w in result.warnings)
    known = run(lib, {"dash": dash_answers(range(1, 15))}, case={"relationship": "partner"})
    assert not any(w.startswith("marac-relationship-unknown") for w in known.warnings)


def test_sc_route_every_domestic_abuse_screening_lists_da_support(lib: Library) -> None:
    result = run(lib, {"dash": dash_answers(set())}, case={"relationship": "partner"})
    assert result.risk_level == "standard"
    ids = routes(lib, result)
    for route in ("national-da-helpline", "mens-advice-line", "galop", "silent-solution"):
        assert route in ids
    assert "karma-nirvana" not in ids  # only where honour-based abuse is recorded


def test_sc_route_childrens_services_whenever_children_live_in_the_household(
    lib: Library,
) -> None:
    result = run(lib, {"dash": dash_answers(set())}, context={"children": "yes"})
    assert result.children_involved is True
    assert "childrens-services" in routes(lib, result)
    none = run(lib, {"dash": dash_answers(set())}, context={"children": "no"})
    assert "childrens-services" not in routes(lib, none)


def test_sc_route_every_contact_has_a_verify_note(lib: Library) -> None:
    for loaded in lib.profiles.values():
        for route in loaded.profile.routes:
            contact = route.contact
            if contact.phone or contact.email or contact.web:
                assert route.verify, (loaded.profile.id, route.id)


# What the victim said about their safety -----------------------------------------------


def test_safety_answers_reach_the_reader_and_unsafe_messages_are_flagged(lib: Library) -> None:
    context = {
        "children": "no",
        "safe_to_talk": "yes",
        "safe_contact": "Sister's phone after 6pm",
        "messages_safe": "no",
        "other_party_whereabouts": "In custody",
    }
    result = run(lib, {"dash": dash_answers({1})}, context=context)
    view = safety_view(result)
    assert view.messages_not_safe is not None and "NOT safe" in view.messages_not_safe
    assert [line.key for line in view.lines] == [
        "safe_to_talk",
        "safe_contact",
        "messages_safe",
        "other_party_whereabouts",
    ]
    assert view.recorded["children_whereabouts"] is None
    # free text never reaches the score JSON (and so never the batch records)
    assert "Sister" not in str(result.contract())


# Analysts and the other human outputs see the same truth --------------------------------


def test_sc_unknown_batch_summary_has_a_not_graded_bucket_and_marac_reasons_only(
    lib: Library, cli: Any, tmp_path: Any
) -> None:
    import json

    import yaml

    from tests.conftest import screening_data

    inputs = tmp_path / "in"
    inputs.mkdir()
    cases = {
        "unknowns.yaml": screening_data({"dash": dash_answers(set(), unknown=set(range(1, 28)))}),
        "flag.yaml": screening_data(
            {"srp-red-flags": dict(FLAGS_NONE, psychopathy="yes")},
            case={"relationship": "ex-partner"},
            professional_judgement={"level": "high", "rationale": "seen"},
        ),
        "count.yaml": screening_data({"dash": dash_answers(range(1, 15))}),
    }
    for name, data in cases.items():
        (inputs / name).write_text(yaml.safe_dump(data))
    summary = tmp_path / "summary.json"
    r = cli("batch", inputs, "--summary-json", summary, "-o", tmp_path / "out.csv")
    assert r.code == 0, r.err
    data = json.loads(summary.read_text())
    assert data["risk_levels"] == {"standard": 0, "medium": 0, "high": 2, "not-graded": 1}
    # the red flag raised the level; judgement and the count made the referrals
    assert data["marac_reasons"] == {"visible-high-risk": 1, "professional-judgement": 1}
    assert "not graded" in r.err


def test_sc_judge_compare_and_history_say_by_count(cli: Any, tmp_path: Any) -> None:
    import yaml

    from tests.conftest import screening_data

    old = screening_data({"dash": dash_answers(range(1, 11))}, reference="H/1")
    old["case"]["assessed_on"] = "2026-01-10"
    new = screening_data(
        {"dash": dash_answers(range(1, 11))},
        reference="H/1",
        professional_judgement={"level": "high", "rationale": "escalating"},
    )
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(old))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(new))
    r = cli("compare", tmp_path / "a.yaml", tmp_path / "b.yaml", "--format", "md")
    assert r.code == 0, r.err
    assert "| Risk level | by count: MEDIUM (not yet judged) | **High** (escalated) |" in r.out
    r = cli("history", tmp_path, "--reference", "H/1", "--format", "md")
    assert r.code == 0, r.err
    assert "**by count: MEDIUM (not yet judged)**" in r.out and "**High**" in r.out


def test_sc_route_a_stranger_case_summary_says_why_there_is_no_marac(lib: Library) -> None:
    from stalkscreen.report.advice import find_advice, load_advice
    from stalkscreen.report.context import build_context
    from stalkscreen.resources import bundled_dir

    answers = make_answers(
        lib,
        {"s-dash": dict(SDASH_NONE, q1="yes", q4="yes")},
        case={"relationship": "stranger"},
        **judged("high"),
    )
    profile = lib.profile("default").profile
    result = score(answers, lib, profile)
    advice = load_advice(find_advice([bundled_dir("reports")]))
    context = build_context(answers, result, lib, profile, advice=advice)
    assert context.outcome.marac_note is not None and "MARAC is for domestic abuse" in (
        context.outcome.marac_note
    )
    assert context.outcome.marac_gap is None  # never "a judgement of high is a criterion"
    domestic = make_answers(lib, {"dash": dash_answers(range(1, 15))})
    built = build_context(domestic, score(domestic, lib, profile), lib, profile, advice=advice)
    assert built.outcome.marac_note is None


def test_safety_in_report_json_is_a_mapping_of_the_five_keys(lib: Library) -> None:
    import json

    from stalkscreen.report.render import render_report

    answers = make_answers(
        lib,
        {"dash": dash_answers({1})},
        context={"children": "no", "messages_safe": "no", "safe_contact": "Work phone"},
    )
    profile = lib.profile("default").profile
    text = render_report(answers, score(answers, lib, profile), lib, profile, "json")
    assert isinstance(text, str)
    data = json.loads(text)
    assert data["safety"] == {
        "safe_to_talk": None,
        "safe_contact": "Work phone",
        "messages_safe": "no",
        "other_party_whereabouts": None,
        "children_whereabouts": None,
    }
    assert data["messages_not_safe"].startswith("Messages are NOT safe")
    md = render_report(answers, score(answers, lib, profile), lib, profile, "md")
    assert isinstance(md, str) and md.count("Messages are NOT safe") == 2  # top and section
