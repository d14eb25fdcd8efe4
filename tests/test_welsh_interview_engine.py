"""Issue 20.6 (engine): every text the interview engine gives a front end is Welsh in a Welsh
interview — case details, safety checks, gates, items, details, offers, judgement, review
rows, set-aside notices, jump explanations, re-screening help, the probation steps — and the
answers saved are the same in both languages.

The walk runs the same script twice, once in English and once in Welsh, and collects every
text each screen shows, in order; the two runs show the same screens, so each Welsh text is
compared with the English one at the same place. A Welsh text may equal the English only
when it is a name or code that Welsh keeps (:data:`SAME`); a Welsh text may hold an English
word of its English counterpart only when that word is one of :data:`KEPT_WORDS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from stalkscreen import i18n
from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library, load_library
from stalkscreen.interview import Interview, InterviewError, Step, View
from stalkscreen.interview.judgement import choices
from stalkscreen.interview.jumps import why_not_asked
from stalkscreen.interview.probation import PLAN, ProbationInterview, parse_level
from stalkscreen.interview.words import typed_answer
from stalkscreen.reading import load_answers
from tests.conftest import Result
from tests.test_screen_cli import CASE, FINISH, S_DASH, feed, whole
from tests.test_welsh_content import ENGLISH_NAMES

EN = load_library()
CY = load_library(language="cy")

TYPED = {"CY/1", "Nodyn", "Rhesymeg y farn", "Caerdydd", "07700 900000"}
"""What the script types (shown back as values): the same in both runs."""
SAME = frozenset(
    {"DASH", "DASH RIC", "DASH RIC (SafeLives)", "S-DASH", "FOUR", "MARAC", "partner", *TYPED}
)
"""Texts a Welsh screen may show as the English one does: names, and what was typed."""
IDS = frozenset(
    word
    for lib in (EN,)
    for q in lib.definitions.values()
    for word in (q.id, *(item.id for item in q.items))
) | frozenset(EN.profiles)
"""Instrument, item and profile ids: what a practitioner types to jump or choose (an item
without a number is labelled by its id, in every language)."""
KEPT_WORDS = (
    frozenset(
        {
            "MARAC",
            "DASH",
            "S-DASH",
            "SafeLives",
            "SC-ESC",
            "SC-REPEAT",
            "CRN",
            "FOUR",
            "SRP",
            "Enter",
            "instrument",
            "nothing",
            "Nodyn",
            "Caerdydd",
            "Rhesymeg",
            # Welsh words spelled as English ones
            "person",
            "alcohol",
            "problem",
            "CCTV",
            "partner",
        }
    )
    | frozenset(word for name in ENGLISH_NAMES for word in re.findall(r"[A-Za-z]+", name))
    | IDS
)
"""English-looking words a Welsh text may keep: names, rule ids, ids the practitioner types
(``--instrument``, item and profile ids), Welsh words spelled as English ones, services known
by their English names, and the script's own typing."""


@dataclass
class Walk:
    """Every text shown, in order: (where, text)."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    saved: list[AnswerSet] = field(default_factory=list)

    def view(self, where: str, view: View) -> None:
        texts = [view.heading, view.section, view.prompt, view.guidance, view.value or ""]
        texts += [label for _, label in view.choices]
        for i, text in enumerate(texts):
            if text:
                self.shown.append((f"{where} {view.step.code} [{i}]", text))

    def add(self, where: str, *texts: str) -> None:
        self.shown += [(where, text) for text in texts if text]


def _notices(walk: Walk, iv: Interview, where: str) -> None:
    walk.add(f"{where} notice", *iv.notices)
    iv.notices.clear()


def _victim(lib: Library, plan: tuple[str, ...], profile: str) -> Walk:
    """A victim interview, every kind of screen, answered the same way in both languages."""
    walk = Walk()
    iv = Interview.start(lib, lib.profile(profile).profile, plan)
    iv.back()  # the first question: a notice says so
    _notices(walk, iv, "start")
    script = {
        "reference": "CY/1",
        "relationship": "2",
        "incidents_last_12_months": "1",
        "crimes_last_12_months": "1",
        "last_marac_on": "2026-01-05",
        "safe_to_talk": "no",  # the unsafe-to-talk notice
        "safe_contact": "07700 900000",
        "messages_safe": "unknown",
        "other_party_whereabouts": "Caerdydd",
    }
    while iv.cursor.kind in ("case", "context"):
        walk.view("ask", iv.view())
        value = script.get(iv.cursor.key)
        if value is None:
            iv.skip()
        else:
            iv.answer(value)
        _notices(walk, iv, iv.cursor.code)
    while iv.cursor.kind in ("gate", "item", "detail", "offer"):
        view = iv.view()
        walk.view("ask", view)
        if iv.cursor.kind == "detail":
            iv.answer("1" if view.choices else "yes" if view.input == "yes-no" else "Nodyn")
        else:
            iv.answer("yes" if iv.cursor.item != "q2" else "unknown")
        _notices(walk, iv, "answer")
    walk.view("judgement", iv.view())
    walk.add("judgement choices", *(c.label for c in choices(iv.computed())))
    walk.add("problems before judgement", *iv.problems())
    iv.judge(None)
    for row in iv.rows():  # every answer shown back, in the review's words
        walk.add(f"row {row.number}", row.label, row.value, row.group)
    walk.view("review", iv.view())
    # a jump to an item that is not asked: the reason names what keeps it out
    items = [s for s in iv.steps() if s.kind == "item"]
    walk.add("jump", why_not_asked(iv, "nothing", "q1", items, items))
    walk.add("jump", why_not_asked(iv, "", "q99", items, items))
    # Q8 back to no: the offered instruments' answers are set aside; yes again restores them
    dash = plan[0]
    iv.jump(f"{dash}.q8")
    iv.answer("no")
    _notices(walk, iv, "set aside")
    walk.add("jump", why_not_asked(iv, "s-dash", "q1", items, items))
    iv.jump(f"{dash}.q8")
    iv.answer("yes")
    walk.view("offer again", iv.view(Step("offer", "s-dash")))
    iv.jump(f"{dash}.q8")
    iv.cursor = Step("offer", "s-dash")
    iv.answer("yes")
    _notices(walk, iv, "restored")
    iv.cursor = Step("judgement")
    iv.judge("high", "Rhesymeg y farn")
    walk.view("judged", iv.view(Step("judgement")))
    iv.cursor = Step("judgement")
    walk.add("judgement choices", *(c.label for c in choices(iv.computed())))
    walk.saved.append(iv.finish())
    # re-screening from the saved file: the date and the counts say so
    again = Interview.start(lib, lib.profile(profile).profile, plan, prefill=iv.finish())
    for key in ("assessed_on", "incidents_last_12_months"):
        walk.view("rescreen", again.view(Step("case", key)))
    return walk


def _probation(lib: Library) -> Walk:
    walk = Walk()
    iv = ProbationInterview.start(lib, lib.profile("wales").profile, PLAN)
    assert isinstance(iv, ProbationInterview)
    script = {"reference": "CY/1", "relationship": "2", "supervision": "2"}
    while iv.cursor.kind in ("case", "context"):
        walk.view("ask", iv.view())
        key = iv.cursor.key
        value = script.get(key, "yes" if iv.view().input == "yes-no" else None)
        if value is None:
            iv.skip()
        else:
            iv.answer(value)
    while iv.cursor.kind in ("gate", "item", "detail"):
        view = iv.view()
        walk.view("ask", view)
        if iv.cursor.kind == "detail":
            iv.answer("1" if view.choices else "yes" if view.input == "yes-no" else "Nodyn")
        else:
            iv.answer("yes")
    while iv.cursor.kind == "domain":
        walk.view("domain", iv.view())
        iv.rate("high", "Rhesymeg y farn")
    for row in iv.rows():
        walk.add(f"row {row.number}", row.label, row.value, row.group)
    walk.view("review", iv.view())
    iv.case.pop("reference")
    walk.add("problems", *iv.problems())
    iv.case["reference"] = "CY/1"
    walk.saved.append(iv.finish())
    return walk


def _both(run: Callable[[Library], Walk]) -> tuple[Walk, Walk]:
    with i18n.using("en"):
        english = run(EN)
    with i18n.using("cy"):
        welsh = run(CY)
    return english, welsh


def _left_in_english(english: Walk, welsh: Walk) -> Iterator[str]:
    """The places where the Welsh run shows English."""
    assert [w for w, _ in english.shown] == [w for w, _ in welsh.shown]
    for (where, en), (_, cy) in zip(english.shown, welsh.shown, strict=True):
        if en == cy:
            if en not in SAME and re.search(r"[A-Za-z]{2}", en) and not _code(en):
                yield f"{where}: {en!r}"
            continue
        words = {w for w in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", en) if len(w) > 3}
        words -= KEPT_WORDS
        kept = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", cy)]
        if kept:
            yield f"{where}: {cy!r} keeps {sorted(kept)}"


def _code(text: str) -> bool:
    """An id, item number or date: ``q12``, ``Q3+``, ``2026-01-05``."""
    return bool(re.fullmatch(r"[QqC]?\d+\+?|\d{4}-\d\d-\d\d|[a-z0-9-]+\.[a-z0-9_]+", text))


RUNS: dict[str, Callable[[Library], Walk]] = {
    "dash-s-dash-wales": lambda lib: _victim(lib, ("dash",), "wales"),
    "dash-default": lambda lib: _victim(lib, ("dash",), "default"),
    "ric-escalation-5-3": lambda lib: _victim(lib, ("dash-ric",), "escalation-5-3-hbv"),
    "probation": _probation,
}


@pytest.mark.parametrize("name", list(RUNS))
def test_a_welsh_interview_shows_no_english(name: str) -> None:
    english, welsh = _both(RUNS[name])
    assert len(welsh.shown) > 150
    assert list(_left_in_english(english, welsh)) == []


@pytest.mark.parametrize("name", list(RUNS))
def test_what_is_saved_is_the_same_in_both_languages(name: str) -> None:
    """Canonical values whatever the language: yes/no/unknown, relationship codes, ISO dates
    (the stamps name the wording, which differs; the rest must not)."""
    english, welsh = _both(RUNS[name])
    strip = {"meta"}
    assert [a.model_dump(exclude=strip) for a in english.saved] == [
        a.model_dump(exclude=strip) for a in welsh.saved
    ]
    assert english.saved[0].status == "completed"


def test_the_check_finds_english_left_in_a_welsh_screen() -> None:
    """The comparison can fail: an English screen compared with itself is all English, and a
    Welsh sentence keeping an English word is caught."""
    english, _ = _both(RUNS["dash-default"])
    assert len(list(_left_in_english(english, english))) > 100
    mixed = Walk([(w, t.replace("Rhif cyfan", "A whole number")) for w, t in _both(
        RUNS["dash-default"])[1].shown])  # fmt: skip
    assert any("keeps" in line for line in _left_in_english(english, mixed))


# --------------------------------------------------------------------------- typed words


def _at(iv: Interview, step: Step) -> Interview:
    iv.cursor = step
    return iv


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("ie", "yes"), ("Oes", "yes"), ("do", "yes"), ("na", "no"), ("nac oes", "no"),
        ("Naddo", "no"), ("ddim yn gwybod", "unknown"), ("wn i ddim", "unknown"),
        ("yes", "yes"), ("n", "no"), ("don't know", "unknown"),
    ],
)  # fmt: skip
def test_welsh_answer_words_are_saved_as_the_canonical_answer(typed: str, saved: str) -> None:
    with i18n.using("cy"):
        iv = Interview.start(CY, CY.profile("wales").profile, ("dash",))
        iv.answer("CY/1")
        _at(iv, Step("item", "dash", "q1")).answer(typed)
        assert iv.responses["dash"]["q1"]["answer"] == saved
        _at(iv, Step("context", "safe_to_talk")).answer(typed)
        assert iv.context["safe_to_talk"] == saved


def test_welsh_words_are_understood_only_in_welsh() -> None:
    with i18n.using("en"):
        assert typed_answer("ie") is None and typed_answer("yes") == "yes"
    with i18n.using("cy"):
        assert typed_answer("ie") == "yes" and typed_answer("yes") == "yes"
        assert typed_answer("gwyrdd") is None


def test_welsh_choice_names_are_saved_as_their_codes() -> None:
    with i18n.using("cy"):
        iv = Interview.start(CY, CY.profile("wales").profile, ("dash",))
        iv.answer("CY/1")
        _at(iv, Step("case", "relationship")).answer("Cyn-bartner")
        assert iv.case["relationship"] == "ex-partner"
        _at(iv, Step("case", "relationship")).answer("teulu")
        assert iv.case["relationship"] == "family"
        _at(iv, Step("case", "relationship")).answer("3")
        assert iv.case["relationship"] == "family"
        iv.answer("")  # on to the next; answer Q3 and choose its detail by its Welsh label
        _at(iv, Step("item", "dash", "q3")).answer("ie")
        detail = Step("detail", "dash", "q3", "at_risk")
        _at(iv, detail).answer("Y plant")
        assert iv.responses["dash"]["q3"]["details"]["at_risk"] == ["children"]
        assert iv.view(detail).value == "Y plant"  # shown back in Welsh
        _at(iv, detail).answer("1 2")
        assert iv.responses["dash"]["q3"]["details"]["at_risk"] == ["self", "children"]
        with pytest.raises(InterviewError):
            _at(iv, Step("case", "relationship")).answer("gwyrdd")

        probation = ProbationInterview.start(CY, CY.profile("wales").profile, PLAN)
        probation.answer("CY/1")
        _at(probation, Step("context", "supervision")).answer("ar drwydded")
        assert probation.context["supervision"] == "licence"
        _at(probation, Step("context", "victim_contact")).answer("nac oes")
        assert probation.context["victim_contact"] == "no"
        assert parse_level("uchel") == "high" and parse_level("isel") == "low"
        assert parse_level("cymedrol") == "moderate" and parse_level("2") == "moderate"


def test_an_offer_takes_welsh_yes_and_no() -> None:
    with i18n.using("cy"):
        iv = Interview.start(CY, CY.profile("wales").profile, ("dash",))
        iv.answer("CY/1")
        _at(iv, Step("item", "dash", "q8")).answer("ie")
        _at(iv, Step("offer", "s-dash")).answer("ie")
        assert iv.context["s_dash"] == "accepted"
        assert iv.view(Step("offer", "s-dash")).value == "derbyniwyd"
        _at(iv, Step("offer", "s-dash")).answer("na")
        assert iv.context["s_dash"] == "declined"


def test_plain_mode_takes_welsh_answer_words_and_saves_what_english_saves(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--language cy screen --plain`, typed with Welsh words (ie, na, cyn-bartner) instead of
    keys and numbers: the saved answers are those of the English run typed with keys."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    english_out, welsh_out = tmp_path / "en.yaml", tmp_path / "cy.yaml"
    feed(monkeypatch, whole())
    in_english = cli("screen", "--plain", "--out", english_out)
    assert in_english.code == 0
    assert len(_english_engine_texts(in_english.out, "dash-s-dash-wales")) > 20
    words = {"y": "ie", "n": "na"}
    typed = [words.get(line, line) for line in whole()]
    typed[CASE.index("2")] = "cyn-bartner"  # the relationship, by its Welsh name
    typed[len(CASE)] = "ydy"  # safe to talk: yes, as Welsh answers "is it safe?"
    typed[len(CASE) + 2] = "nac ydy"  # messages safe: no
    offer = len(whole()) - len(FINISH) - len(S_DASH)
    typed[offer] = "ie"  # the S-DASH offer
    typed[len(whole()) - len(FINISH) - 1] = "na"  # the behaviours offer
    assert typed != whole()
    feed(monkeypatch, typed)
    result = cli("--language", "cy", "screen", "--plain", "--out", welsh_out)
    assert result.code == 0, result.err
    assert "is not a choice here" not in result.out
    assert _english_engine_texts(result.out, "dash-s-dash-wales") == []
    english, welsh = (load_answers(p, EN.definitions) for p in (english_out, welsh_out))
    assert welsh.case.relationship == "ex-partner" and welsh.context["safe_to_talk"] == "yes"
    assert welsh.model_dump(exclude={"meta"}) == english.model_dump(exclude={"meta"})


def _english_engine_texts(out: str, run: str) -> list[str]:
    """The engine's English texts (those the Welsh run translates) found in ``out``."""
    english, welsh = _both(RUNS[run])
    translated = {en for (_, en), (_, cy) in zip(english.shown, welsh.shown, strict=True)}
    translated -= {cy for _, cy in welsh.shown}
    return sorted(text for text in translated if len(text) > 12 and text in out)


def test_a_welsh_probation_interview_in_plain_mode_shows_no_english_engine_text(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--language cy screen --for probation --plain`: the engine's texts are Welsh on the
    screen, the Welsh words typed (supervision, yes and no) are saved as English keys do."""
    from tests.test_probation_flow import CASE as P_CASE
    from tests.test_probation_flow import CONTEXT_SRP, DOMAINS, FLAGS, FORMULATION, FOUR

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    english_out, welsh_out = tmp_path / "en.yaml", tmp_path / "cy.yaml"
    rest = FOUR + FORMULATION + CONTEXT_SRP + FLAGS + DOMAINS + ["f", "n"]
    feed(monkeypatch, [*P_CASE, "2", "1", "1", *rest])
    in_english = cli("screen", "--for", "probation", "--plain", "--out", english_out)
    assert in_english.code == 0
    assert len(_english_engine_texts(in_english.out, "probation")) > 20  # the check can fail
    feed(monkeypatch, [*P_CASE[:-1], "cyn-bartner", "ar drwydded", "oes", "ydw", *rest])
    result = cli("--language", "cy", "screen", "--for", "probation", "--plain", "--out", welsh_out)
    assert result.code == 0, result.err
    assert "Ar ba gam o’i ddedfryd y mae’r person?" in result.out
    assert _english_engine_texts(result.out, "probation") == []
    english, welsh = (load_answers(p, EN.definitions) for p in (english_out, welsh_out))
    assert welsh.context == {"supervision": "licence", "victim_contact": "yes",
                             "police_involved": "yes"}  # fmt: skip
    assert welsh.model_dump(exclude={"meta"}) == english.model_dump(exclude={"meta"})


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_the_typed_answer_words_of_each_language_mean_one_answer_each(code: str) -> None:
    """A word typed for yes never also means no or don't know (in the language's own list or
    against the English spellings every language understands)."""
    from stalkscreen.interview.words import _typed_lists, fold
    from stalkscreen.vocabulary import ANSWER_SPELLINGS

    with i18n.using(code):
        lists = {
            answer: {fold(w) for w in words.split(",") if w.strip()}
            for answer, words in _typed_lists().items()
        }
    assert all(lists.values())
    for answer, words in lists.items():
        for other, theirs in lists.items():
            assert other == answer or not words & theirs, (answer, other)
        clash = {w for w in words if ANSWER_SPELLINGS.get(w, answer) != answer}
        assert not clash, (answer, clash)
        with i18n.using(code):
            assert {typed_answer(w) for w in words} == {answer}
