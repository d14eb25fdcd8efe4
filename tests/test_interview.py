"""The interview engine (issue 3): every branch, driven by a scripted source, no terminal."""

from __future__ import annotations

import re
import stat
from collections.abc import Collection
from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.drafts import DraftStore, safe_name
from stalkscreen.interview import Interview, InterviewError, Step
from stalkscreen.interview.judgement import choices
from stalkscreen.reading import load_answers
from stalkscreen.scoring import score

from .conftest import make_answers


def new(lib: Library, *plan: str, tmp: Path | None = None, **kw: object) -> Interview:
    iv = Interview.start(lib, lib.profile("default").profile, plan or ("dash",), **kw)  # type: ignore[arg-type]
    if tmp is not None:
        iv.saver = DraftStore(path=tmp / "draft.yaml")
    return iv


def through_case(iv: Interview, reference: str = "T/1", relationship: str = "ex-partner") -> None:
    iv.answer(reference)
    iv.answer("")  # date: today
    iv.skip()  # practitioner
    iv.skip()  # agency
    iv.answer(relationship)
    iv.answer("1")
    iv.skip()
    iv.skip()
    iv.answer("yes")  # safe to talk
    iv.answer("call after 6pm")
    iv.answer("no")
    iv.skip()
    iv.skip()
    assert iv.cursor.kind in ("item", "gate")


def answer_items(
    iv: Interview, yes: Collection[str] = frozenset(), gate: str = "yes", offer: str = "yes"
) -> None:
    """Answer until the judgement: items in ``yes`` yes (``inst.item`` or bare), others no."""
    while iv.cursor.kind in ("item", "gate", "offer", "detail"):
        step = iv.cursor
        if step.kind == "gate":
            iv.answer(gate)
        elif step.kind == "offer":
            iv.answer(offer)
        elif step.kind == "detail":
            iv.skip()
        else:
            bare = step.item in yes and step.key != "s-dash"
            hit = bare or f"{step.key}.{step.item}" in yes
            iv.answer("yes" if hit else "no")


def test_case_details_then_preflight_then_items(lib: Library) -> None:
    iv = new(lib)
    assert iv.cursor == Step("case", "reference")
    with pytest.raises(InterviewError, match="required"):
        iv.answer("")
    with pytest.raises(InterviewError, match="required"):
        iv.skip()
    through_case(iv)
    assert iv.case["relationship"] == "ex-partner"
    assert iv.case["assessed_on"] == iv.today
    assert iv.case["incidents_last_12_months"] == 1
    assert iv.context == {
        "safe_to_talk": "yes",
        "safe_contact": "call after 6pm",
        "messages_safe": "no",
    }
    view = iv.view()
    assert (view.section, view.position, view.number) == ("The current situation", (1, 27), "Q1")


def test_bad_case_values_are_refused_without_echoing_them(lib: Library) -> None:
    iv = new(lib)
    iv.answer("T/1")
    with pytest.raises(InterviewError) as err:
        iv.answer("31/02/2026-secret")
    assert "secret" not in str(err.value)
    iv.answer("20/11/2026")
    assert iv.case["assessed_on"].isoformat() == "2026-11-20"


def test_not_safe_to_talk_gives_a_notice(lib: Library) -> None:
    iv = new(lib)
    iv.answer("T/1")
    while iv.cursor != Step("context", "safe_to_talk"):
        iv.skip()
    iv.answer("no")
    assert any("safe" in n for n in iv.notices)


def test_children_gate_no_skips_the_section_and_is_recorded(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, gate="no")
    assert iv.cursor.kind == "judgement"
    assert iv.context["children"] == "no"
    # SC-COMPLETE: the gate governs Q10-Q12 only; pregnancy (Q9) is asked of everyone
    assert not any(s.kind == "item" and s.item in {"q10", "q11", "q12"} for s in iv.steps())
    assert any(s.kind == "item" and s.item == "q9" for s in iv.steps())
    assert iv.progress() == (24, 24)
    iv.judge(None)
    result = score(iv.finish(), lib, iv.profile)
    assert result.incomplete == ()


def test_gate_changed_to_no_sets_children_answers_aside_and_back(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={"q9"}, gate="yes")
    iv.jump("case/reference")
    gate = Step("gate", "dash", "children")
    iv.jump(gate.code)
    iv.answer("no")
    assert iv.responses["dash"]["q9"]["answer"] == "yes"  # pregnancy is not behind the gate
    assert set(iv.set_aside["dash"]) == {"q10", "q11", "q12"}
    assert any("set aside" in n for n in iv.notices)
    iv.jump(gate.code)
    iv.answer("yes")
    assert iv.responses["dash"]["q9"]["answer"] == "yes"
    assert "q10" in iv.responses["dash"]
    assert any("restored" in n for n in iv.notices)


def test_s_dash_offered_when_q8_yes_and_accepted(lib: Library, tmp_path: Path) -> None:
    iv = new(lib, tmp=tmp_path)
    through_case(iv)
    answer_items(iv, yes={"q8", "s-dash.q1", "s-dash.q6"}, offer="yes")
    assert iv.context["s_dash"] == "accepted"
    assert Step("offer", "s-dash") in iv.steps()
    saved = load_answers(tmp_path / "draft.yaml", lib.definitions)
    assert len(saved.responses["s-dash"]) == 11
    iv.judge(None)
    result = score(iv.finish(), lib, iv.profile)
    assert result.instruments["s-dash"].yes == 2
    assert "ex-partner-threats" in {p.id for p in result.prompts}


def test_s_dash_offer_declined_is_recorded_and_nothing_asked(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={"q8"}, offer="no")
    assert iv.context["s_dash"] == "declined"
    assert "s-dash" not in iv.responses
    assert iv.cursor.kind == "judgement"


def test_offer_takes_yes_or_no_only(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={"q8"}, offer="yes")
    iv.jump(Step("offer", "s-dash").code)
    with pytest.raises(InterviewError):
        iv.answer("unknown")


def test_no_offer_without_q8_yes(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv)
    assert Step("offer", "s-dash") not in iv.steps()
    assert "s_dash" not in iv.context


def test_backing_out_of_s_dash_removes_its_answers_and_restores_them(
    lib: Library, tmp_path: Path
) -> None:
    iv = new(lib, tmp=tmp_path)
    through_case(iv)
    answer_items(iv, yes={"q8", "s-dash.q2"})
    iv.comment("follows her to work", Step("item", "s-dash", "q2"))
    iv.jump("q8")
    iv.answer("no")
    # Q8 no: the offer, the choice and all 11 answers leave the screening ...
    assert "s-dash" not in iv.responses
    assert "s_dash" not in iv.context
    assert Step("offer", "s-dash") not in iv.steps()
    assert any("set aside" in n and "S-DASH" in n for n in iv.notices)
    saved = load_answers(tmp_path / "draft.yaml", lib.definitions)
    assert "s-dash" not in saved.responses and "s_dash" not in saved.context
    assert iv.cursor.kind == "judgement"  # nothing else is missing
    # ... and come back, comment and all, if Q8 goes back to yes and the offer is accepted
    iv.jump("q8")
    iv.answer("yes")
    assert iv.cursor == Step("offer", "s-dash")
    iv.answer("yes")
    assert iv.responses["s-dash"]["q2"]["comment"] == "follows her to work"
    # the behaviours checklist is offered after the S-DASH (issue 16); it is never scored
    assert iv.cursor == Step("offer", "behaviours")


def test_s_dash_chosen_explicitly_is_never_withdrawn(lib: Library) -> None:
    iv = new(lib, "dash", "s-dash")
    through_case(iv)
    answer_items(iv, yes={"q8"})
    assert Step("offer", "s-dash") not in iv.steps()
    assert len(iv.responses["s-dash"]) == 11
    iv.jump("q8")
    iv.answer("no")
    assert len(iv.responses["s-dash"]) == 11


def test_red_flags_alone(lib: Library) -> None:
    iv = new(lib, "srp-red-flags")
    through_case(iv)
    assert iv.view().position == (1, 6)
    answer_items(iv, yes={"victim-fear"})
    iv.judge(None)
    result = score(iv.finish(), lib, iv.profile)
    assert result.urgent and result.risk_level == "high"


def test_details_only_when_their_condition_holds(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    iv.answer("no")  # q1 no: no detail
    assert iv.cursor == Step("item", "dash", "q2")
    iv.back()
    iv.answer("yes")
    assert iv.cursor == Step("detail", "dash", "q1", "first_injury")
    iv.answer("no")
    assert iv.responses["dash"]["q1"]["details"] == {"first_injury": "no"}
    iv.answer("yes")  # q2
    iv.answer("yes")  # q3
    assert iv.cursor == Step("detail", "dash", "q3", "feared_harm")
    with pytest.raises(InterviewError):
        iv.answer("9")
    iv.answer("1 2")
    assert iv.responses["dash"]["q3"]["details"]["feared_harm"] == [
        "further-violence",
        "being-killed",
    ]
    iv.detail("at_risk", ["children"], Step("item", "dash", "q3"))
    # changing the answer to no drops details that no longer apply
    iv.jump("q3")
    iv.answer("no")
    assert "details" not in iv.responses["dash"]["q3"]
    iv.jump("q1")
    with pytest.raises(InterviewError):
        iv.detail("feared_harm", ["other"])


def test_comment_and_source(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    iv.answer("yes")
    q1 = Step("item", "dash", "q1")
    iv.comment("bruised arm\nsecond line", q1)
    iv.source("neighbour", q1)
    assert iv.responses["dash"]["q1"]["comment"] == "bruised arm\nsecond line"
    with pytest.raises(InterviewError) as err:
        iv.source("bad\x1b[31m secret", q1)
    assert "secret" not in str(err.value)
    iv.comment("", q1)
    assert "comment" not in iv.responses["dash"]["q1"]


def test_items_need_an_answer(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    with pytest.raises(InterviewError):
        iv.skip()
    with pytest.raises(InterviewError):
        iv.answer("")
    with pytest.raises(InterviewError):
        iv.answer("maybe")


def test_back_and_jump(lib: Library) -> None:
    iv = new(lib)
    iv.back()
    assert iv.notices == ["This is the first question."]
    through_case(iv)
    for _ in range(4):
        iv.answer("no")
    assert iv.cursor == Step("item", "dash", "q5")
    iv.back()
    assert iv.cursor == Step("item", "dash", "q4")
    iv.jump("12")
    assert iv.cursor == Step("item", "dash", "q12")
    iv.jump("q2")
    iv.answer("yes")
    assert iv.cursor == Step("item", "dash", "q5"), "after a change, on to the first unanswered"
    with pytest.raises(InterviewError):
        iv.jump("q99")
    with pytest.raises(InterviewError):
        iv.jump("s-dash.q3")  # not offered
    iv.jump("dash.q7")
    assert iv.cursor.item == "q7"


def test_review_lists_everything_and_edits_by_number(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={"q2"})
    iv.judge(None)
    assert iv.cursor.kind == "review"
    rows = iv.rows()
    assert rows[0].step == Step("case", "reference") and rows[0].value == "T/1"
    q2 = next(r for r in rows if r.step == Step("item", "dash", "q2"))
    assert q2.value == "yes" and q2.label.startswith("Q2 ")
    iv.edit(q2.number)
    assert iv.cursor == Step("item", "dash", "q2")
    iv.answer("no")
    assert iv.cursor.kind == "review"
    with pytest.raises(InterviewError):
        iv.edit(999)


def test_sc_pj_judgement_confirms_or_raises_never_lowers(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={f"q{i}" for i in range(13, 24)})  # 11 yes: medium
    assert iv.computed().risk_level == "medium"
    assert [(c.key, c.level) for c in choices(iv.computed())] == [
        ("2", "medium"), ("3", "high"), ("0", None)
    ]  # fmt: skip
    with pytest.raises(InterviewError, match="never lower"):
        iv.judge("standard", "because")
    with pytest.raises(InterviewError, match="rationale"):
        iv.judge("high", "   ")
    with pytest.raises(InterviewError, match="rationale"):
        iv.judge("medium", None)  # the contract: every recorded level has a rationale
    iv.judge("high", "threats since separation")
    answers = iv.finish()
    assert answers.professional_judgement is not None
    assert answers.professional_judgement.level == "high"
    result = score(answers, lib, iv.profile)
    assert result.risk_level == "high" and "professional-judgement" in result.reasons
    assert result.marac_referral


def test_sc_pj_confirm_medium_is_recorded(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={f"q{i}" for i in range(13, 24)})  # 11 yes: medium
    iv.judge("medium", "consistent with what she describes")
    answers = iv.finish()
    assert answers.professional_judgement is not None
    assert answers.professional_judgement.level == "medium"
    result = score(answers, lib, iv.profile)
    assert result.risk_level == "medium" and result.professional_judgement == "medium"
    assert not result.marac_referral


def test_sc_pj_confirm_high_in_interview(lib: Library) -> None:
    """A red-flag-only screening is high already; recording high refers to MARAC (SC-PJ)."""
    iv = new(lib, "srp-red-flags")
    through_case(iv)
    answer_items(iv, yes={"last-resort-thinking"})
    computed = iv.computed()
    assert computed.risk_level == "high" and not computed.marac_referral
    assert [(c.level, c.label) for c in choices(computed)] == [
        ("high", "confirm high, the level the answers give (a MARAC referral)"),
        (None, "no judgement yet (the level stays as the answers give it)"),
    ]
    iv.judge("high", "He says there is nothing left to lose")
    result = score(iv.finish(), lib, iv.profile)
    assert result.risk_level == "high" and result.professional_judgement == "high"
    assert result.marac_referral and result.urgent


def test_sc_route_judging_stranger_stalking_high_names_the_stalking_services(
    lib: Library,
) -> None:
    iv = new(lib, "srp-red-flags")
    through_case(iv, relationship="stranger")
    answer_items(iv, yes={"last-resort-thinking"})
    high = next(c for c in choices(iv.computed()) if c.level == "high")
    assert high.label == (
        "confirm high, the level the answers give (the stalking services, not MARAC: not "
        "domestic abuse)"
    )
    iv.judge("high", "Fixated on her since the court case")
    result = score(iv.finish(), lib, iv.profile)
    assert result.risk_level == "high" and not result.marac_referral


def test_sc_pj_no_judgement_yet_records_no_level(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={f"q{i}" for i in range(13, 24)})
    assert iv.problems() == ["the judgement step is not done (record a level, or no judgement yet)"]
    iv.judge(None)
    assert iv.value(Step("judgement")) == "no judgement yet"
    answers = iv.finish()
    assert answers.professional_judgement is not None
    assert answers.professional_judgement.level is None
    result = score(answers, lib, iv.profile)
    assert result.professional_judgement is None and result.risk_level == "medium"


def test_sc_pj_ungraded_screening_may_record_any_level(lib: Library) -> None:
    iv = new(lib, "s-dash")
    through_case(iv)
    answer_items(iv, yes={"s-dash.q1"})
    assert not iv.computed().graded
    assert [c.label for c in choices(iv.computed())][:3] == [
        "record standard", "record medium", "record high (a MARAC referral)"
    ]  # fmt: skip
    iv.judge("standard", "one incident, no fear expressed")
    assert score(iv.finish(), lib, iv.profile).graded


def test_sc_pj_judgement_below_blocks_finishing_equal_does_not(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv)
    iv.judge("medium", "worried")
    for i in range(13, 23):  # 10 yes: medium, equal to the judgement
        iv.jump(f"q{i}")
        iv.answer("yes")
    assert iv.computed().risk_level == "medium"
    assert iv.problems() == []
    for i in range(23, 27):  # 14 yes: high, above it
        iv.jump(f"q{i}")
        iv.answer("yes")
    assert iv.computed().risk_level == "high"
    assert iv.problems() == [
        "your judgement (medium) is now below the level the answers give (high); record your "
        "judgement again"
    ]
    with pytest.raises(InterviewError):
        iv.finish()
    iv.edit(next(r.number for r in iv.rows() if r.step.kind == "judgement"))
    iv.judge(None)
    assert iv.problems() == []


def test_judgement_only_at_its_step(lib: Library) -> None:
    iv = new(lib)
    with pytest.raises(InterviewError):
        iv.judge(None)


def test_resume_restores_the_exact_state(lib: Library, tmp_path: Path) -> None:
    iv = new(lib, tmp=tmp_path)
    through_case(iv)
    answer_items(iv, yes={"q1", "q8", "s-dash.q4"})
    iv.comment("said twice", Step("item", "dash", "q8"))
    iv.jump("s-dash.q3")
    path = tmp_path / "draft.yaml"
    draft = load_answers(path, lib.definitions)
    assert draft.status == "in-progress"
    again = Interview.resume(lib, iv.profile, draft)
    assert again.cursor == iv.cursor == Step("item", "s-dash", "q3")
    assert again.plan == iv.plan
    assert again.responses == iv.responses
    assert again.context == iv.context
    assert again.case == iv.case
    assert again.steps() == iv.steps()
    assert again.view() == iv.view()
    assert again.answers() == iv.answers()


def test_resume_at_a_case_detail_keeps_the_plan(lib: Library, tmp_path: Path) -> None:
    iv = new(lib, "dash-ric", "srp-red-flags", tmp=tmp_path)
    iv.answer("T/2")
    draft = load_answers(tmp_path / "draft.yaml", lib.definitions)
    again = Interview.resume(lib, iv.profile, draft)
    assert again.plan == ("dash-ric", "srp-red-flags")
    assert again.cursor == Step("case", "assessed_on")


def test_resume_with_an_unknown_position_starts_at_the_first_gap(lib: Library) -> None:
    answers = make_answers(lib, {"dash": {"q1": "yes"}}, status="in-progress")
    iv = Interview.resume(lib, lib.profile("default").profile, answers)
    assert iv.cursor == Step("case", "practitioner")


def test_prefill_asks_only_what_is_missing(lib: Library) -> None:
    answers = make_answers(
        lib,
        {"dash": {f"q{i}": "no" for i in range(1, 28) if i != 14}},
        case={"practitioner": "P", "agency": "A", "relationship": "partner",
              "incidents_last_12_months": 0, "crimes_last_12_months": 0,
              "last_marac_on": "2026-01-01"},
        context={"children": "yes", "safe_to_talk": "yes", "safe_contact": "x",
                 "messages_safe": "yes", "other_party_whereabouts": "y",
                 "children_whereabouts": "z"},
    )  # fmt: skip
    iv = new(lib, prefill=answers)
    assert iv.cursor == Step("case", "assessed_on")  # re-screening: the date is asked again
    iv.answer("")
    iv.skip()  # the 12-month counts are shown again, Enter keeps each
    iv.skip()
    assert iv.cursor == Step("item", "dash", "q14")
    iv.answer("yes")
    assert iv.cursor.kind == "judgement"


def test_plan_checks(lib: Library) -> None:
    with pytest.raises(InterviewError, match="not both"):
        new(lib, "dash", "dash-ric")


def test_drafts_are_private_and_never_named_by_the_raw_reference(
    lib: Library, tmp_path: Path
) -> None:
    name = safe_name()
    assert re.fullmatch(r"screening-\d{8}-\d{6}-[0-9a-f]{8}\.yaml", name)
    assert safe_name() != name
    store = DraftStore(directory=tmp_path / "drafts")
    iv = new(lib)
    iv.saver = store
    iv.answer("../../Evil Name")
    assert store.path is not None and store.path.parent == tmp_path / "drafts"
    assert "Evil" not in store.path.name and "Name" not in store.path.name
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    saved = load_answers(store.path, lib.definitions)
    assert saved.meta is not None and saved.meta.cursor == "dash|case/assessed_on"


def test_nothing_saved_before_the_reference(lib: Library, tmp_path: Path) -> None:
    store = DraftStore(directory=tmp_path / "d")
    iv = new(lib)
    iv.saver = store
    iv.save()
    assert store.path is None and not (tmp_path / "d").exists()


def test_a_note_typed_before_the_answer_is_held_then_attached(lib: Library, tmp_path: Path) -> None:
    iv = new(lib, tmp=tmp_path)
    through_case(iv)
    q1 = Step("item", "dash", "q1")
    iv.comment("bruised arm\nleft side")
    iv.source("her sister")
    view = iv.view()
    assert view.pending and view.comment == "bruised arm\nleft side" and view.source == "her sister"
    # held, never saved or scored before the answer
    assert "dash" not in iv.responses
    assert "bruised" not in (tmp_path / "draft.yaml").read_text()
    iv.comment("bruised arm")  # replacing a held note keeps it held
    iv.answer("yes")
    record = iv.responses["dash"]["q1"]
    assert record["comment"] == "bruised arm" and record["source"] == "her sister"
    assert iv.pending == {} and iv.last_answered == q1
    assert not iv.view(q1).pending
    saved = load_answers(tmp_path / "draft.yaml", lib.definitions).answer("dash", "q1")
    assert saved is not None and saved.comment == "bruised arm"
    # a held note that is removed leaves nothing behind
    iv.skip()  # q1's detail
    iv.comment("x")
    iv.comment("-".strip("-"))
    assert iv.pending == {}


def test_a_note_on_the_item_just_answered_needs_no_going_back(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    iv.answer("no")
    assert iv.cursor == Step("item", "dash", "q2") and iv.last_answered == Step(
        "item", "dash", "q1"
    )
    iv.comment("asked twice", iv.last_answered)
    assert iv.responses["dash"]["q1"]["comment"] == "asked twice"
    assert iv.cursor == Step("item", "dash", "q2")


@pytest.mark.parametrize(
    ("profile", "incidents", "crimes"),
    [
        ("default", "3 or more means a MARAC referral", "do not alone mean"),
        ("escalation-5-3-hbv", "5 or more means a MARAC referral whatever the answers, as do 3 "
         "or more crimes", "3 or more crimes (or 5 or more incidents)"),
    ],
)  # fmt: skip
def test_escalation_help_follows_the_profile(
    lib: Library, profile: str, incidents: str, crimes: str
) -> None:
    iv = Interview.start(lib, lib.profile(profile).profile, ("dash",))
    help_incidents = iv.view(Step("case", "incidents_last_12_months")).guidance
    help_crimes = iv.view(Step("case", "crimes_last_12_months")).guidance
    assert incidents in help_incidents and profile in help_incidents
    assert crimes in help_crimes
    if profile != "default":
        assert "three or more" not in help_incidents and "3 or more means" not in help_incidents


def test_a_jump_that_cannot_be_made_says_why(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    with pytest.raises(InterviewError) as err:
        iv.jump("s-dash.q3")
    message = str(err.value)
    assert "S-DASH is not being asked: DASH Q8 is not yes" in message
    assert "s-dash.q3" not in message
    with pytest.raises(InterviewError, match="srp-red-flags"):
        iv.jump("srp-red-flags.victim-fear")
    with pytest.raises(InterviewError, match="no instrument called"):
        iv.jump("nope.q1")
    answer_items(iv, yes={"q8"}, gate="no", offer="no")
    with pytest.raises(InterviewError, match="declined"):
        iv.jump("s-dash.q3")
    with pytest.raises(InterviewError, match="Q10 is not asked"):
        iv.jump("q10")


def test_review_rows_name_their_instrument(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={"q8"})
    iv.judge(None)
    groups = {(r.group, r.label.split(" ")[0]) for r in iv.rows()}
    assert ("DASH", "Q1") in groups and ("S-DASH", "Q1") in groups
    assert {r.group for r in iv.rows()} == {
        "Case",
        "Safety",
        "DASH",
        "S-DASH",
        "Behaviours",
        "Judgement",
    }


def test_s_dash_from_a_resumed_draft_is_set_aside_and_comes_back(
    lib: Library, tmp_path: Path
) -> None:
    # a draft holding S-DASH answers that does not record the offer (made with --answers from
    # a file like examples/high-by-count.yaml), resumed in a new session
    dash = {f"q{i}": "no" for i in range(1, 28)} | {"q8": "yes"}
    sdash = {f"q{i}": "yes" for i in range(1, 12)}
    given = make_answers(lib, {"dash": dash, "s-dash": sdash}, status="in-progress")
    first = new(lib, prefill=given, tmp=tmp_path)
    assert first.plan == ("dash",) and first.context["s_dash"] == "accepted"
    first.save()
    draft = load_answers(tmp_path / "draft.yaml", lib.definitions)
    iv = Interview.resume(lib, first.profile, draft)
    iv.saver = DraftStore(path=tmp_path / "draft.yaml")
    iv.review()
    iv.edit(next(r.number for r in iv.rows() if r.step == Step("item", "dash", "q8")))
    iv.answer("no")
    assert "s-dash" not in iv.responses and len(iv.set_aside["s-dash"]) == 11
    saved = load_answers(tmp_path / "draft.yaml", lib.definitions)
    assert "s-dash" not in saved.responses and "s_dash" not in saved.context
    iv.back()
    assert iv.cursor.key == "dash", iv.cursor
    iv.jump("q8")
    iv.answer("yes")
    iv.answer("yes")  # the offer, accepted again
    assert len(iv.responses["s-dash"]) == 11


def test_a_draft_holding_answers_that_do_not_apply_sets_them_aside_on_resume(
    lib: Library,
) -> None:
    dash = {f"q{i}": "no" for i in range(1, 28)}
    answers = make_answers(
        lib,
        {"dash": dash, "s-dash": {"q1": "yes"}},
        context={"children": "yes", "s_dash": "accepted"},
        status="in-progress",
    )
    iv = Interview.resume(lib, lib.profile("default").profile, answers)
    assert "s-dash" not in iv.answers().responses and "s-dash" in iv.set_aside
