"""Issue 19.2: evidence in words. Every report names the items behind a rule by their
number and question, not only by id."""

from __future__ import annotations

from stalkscreen.definitions.library import Library
from stalkscreen.report import render_report
from stalkscreen.report.evidence import FIELD_WORDS, evidence_view
from stalkscreen.scoring import score
from tests.conftest import dash_answers, make_answers
from tests.report_helpers import FIXED_TIME


def test_an_item_is_named_by_its_number_and_question(lib: Library) -> None:
    view = evidence_view("dash.q18", lib)
    prompt = lib.questionnaire("dash").definition.item("q18").prompt  # type: ignore[union-attr]
    assert view.label == "DASH (police) no. 18"
    assert view.text == prompt and "breathing" in prompt


def test_case_fields_and_judgement_are_named_in_words(lib: Library) -> None:
    for ref, words in FIELD_WORDS.items():
        view = evidence_view(ref, lib)
        assert (view.label, view.text) == (words, None)
    assert evidence_view("srp_domains.violence", lib).label == "the SRP violence domain as judged"


def test_an_unknown_ref_keeps_its_id(lib: Library) -> None:
    assert evidence_view("nothing.here", lib).label == "nothing.here"
    assert evidence_view("dash.q99", lib).label == "dash.q99"


def test_the_summary_says_the_question_behind_each_rule(lib: Library) -> None:
    answers = make_answers(lib, {"dash": dash_answers({2, 18}, unknown={3})})
    profile = lib.profile("default").profile
    screening = score(answers, lib, profile)
    prompt = lib.questionnaire("dash").definition.item("q18").prompt  # type: ignore[union-attr]
    for fmt in ("md", "html"):
        text = render_report(answers, screening, lib, profile, fmt, generated_at=FIXED_TIME)
        assert isinstance(text, str)
        why = text.split("Why: every rule that applied", 1)[1].split("Judgement prompts", 1)[0]
        assert "Behind it:" in why
        assert "DASH (police) no. 18: " in why, fmt
        assert prompt.split(",")[0] in why, fmt
        assert "Behind it: dash.q" not in why


def test_a_rule_with_the_same_items_as_the_last_says_so(lib: Library) -> None:
    answers = make_answers(lib, {"dash": dash_answers(set(range(1, 16)))})
    profile = lib.profile("default").profile
    screening = score(answers, lib, profile)
    md = render_report(answers, screening, lib, profile, "md", generated_at=FIXED_TIME)
    assert isinstance(md, str)
    assert md.count("(`dash.q15`)") == 1  # SC-VHR rests on the count band's items
    assert "Behind it: the same as above." in md
