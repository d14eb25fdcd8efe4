"""Jumps that say why, and re-screening that asks the date again (issue 14, section 8)."""

from __future__ import annotations

from datetime import date

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.interview import Interview, InterviewError, Step
from stalkscreen.scoring import score

from .conftest import make_answers
from .test_interview import answer_items, new, through_case


def _refused(iv: Interview, target: str) -> str:
    with pytest.raises(InterviewError) as err:
        iv.jump(target)
    return str(err.value)


def test_jump_to_the_s_dash_before_its_offer_says_when_it_is_offered(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    for _ in range(8):  # q1-q8 yes (details left blank)
        while iv.cursor.kind == "detail":
            iv.skip()
        iv.answer("yes")
    message = _refused(iv, "s-dash.q3")
    assert message == (
        "the S-DASH is offered after DASH Q27, because DASH Q8 is yes; "
        "answer up to there and accept the offer"
    )
    assert "(try" not in message and "not yes" not in message


def test_jump_into_the_children_section_after_its_gate_is_no(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, gate="no")
    message = _refused(iv, "q11")
    assert message == (
        "DASH Q11 is not asked: its section (Children and dependants) is skipped because the "
        "opening question was answered no"
    )
    assert _refused(iv, "dash.q11") == message


def test_jump_to_an_s_dash_not_called_for_and_to_nothing(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv)  # q8 no
    assert _refused(iv, "s-dash.q3").endswith("is not being asked: DASH Q8 is not yes")
    assert _refused(iv, "q99") == "no such item is asked in this screening (try 2, q2, dash.q2)"
    assert _refused(iv, "nope.q1").startswith("there is no instrument called 'nope' (try ")


def test_jump_to_a_declined_s_dash(lib: Library) -> None:
    iv = new(lib)
    through_case(iv)
    answer_items(iv, yes={"q8"}, offer="no")
    assert "was declined when offered" in _refused(iv, "s-dash.q1")


def _earlier(lib: Library) -> object:
    dash = {f"q{i}": "no" for i in range(1, 28)}
    return make_answers(
        lib,
        {"dash": dash},
        case={"assessed_on": "2025-01-10", "relationship": "partner", "practitioner": "P",
              "agency": "A", "incidents_last_12_months": 3, "crimes_last_12_months": 0,
              "last_marac_on": "2024-06-01"},
        context={"children": "no", "safe_to_talk": "yes", "safe_contact": "x",
                 "messages_safe": "yes", "other_party_whereabouts": "y",
                 "children_whereabouts": "z"},
    )  # fmt: skip


def test_sc_esc_rescreen_asks_the_date_again_and_enter_is_today(lib: Library) -> None:
    today = date(2026, 12, 3)
    iv = new(lib, prefill=_earlier(lib), today=today)
    assert iv.cursor == Step("case", "assessed_on")
    view = iv.view()
    assert view.value is None and view.default == "2026-12-03"
    assert "earlier screening was assessed on 2025-01-10" in view.guidance
    iv.answer("")  # Enter: today, not the earlier date
    assert iv.case["assessed_on"] == today
    # the 12-month counts are shown again with their earlier values; Enter keeps one
    assert iv.cursor == Step("case", "incidents_last_12_months")
    assert iv.view().value == "3" and "12 months before this assessment" in iv.view().guidance
    iv.answer("1")
    assert iv.cursor == Step("case", "crimes_last_12_months")
    iv.skip()
    assert iv.cursor.kind == "judgement"
    iv.judge(None)
    result = score(iv.finish(), lib, iv.profile)
    assert result.assessed_on == "2026-12-03"
    assert "potential-escalation" not in result.reasons
    assert iv.case["crimes_last_12_months"] == 0


def test_resuming_a_draft_keeps_its_date(lib: Library) -> None:
    earlier = _earlier(lib).model_copy(update={"status": "in-progress"})  # type: ignore[attr-defined]
    iv = Interview.resume(lib, lib.profile("default").profile, earlier)
    assert iv.case["assessed_on"] == date(2025, 1, 10)
    assert iv.cursor != Step("case", "assessed_on")
