"""Issue 20.6 (content): every screen of a Welsh interview shows the instruments' Welsh
words — walked through the interview engine, the data every front end (plain, keys, pty)
draws from, with each item, gate, offer and detail visited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library, load_library
from stalkscreen.definitions.overlays import text_paths
from stalkscreen.interview import Interview
from stalkscreen.interview.steps import View
from stalkscreen.reading import load_answers
from stalkscreen.scoring import score
from tests.conftest import Result
from tests.test_screen_cli import feed, whole
from tests.test_welsh_content import SAME_IN_WELSH

EN = load_library()
CY = load_library(language="cy")
WORDS_KINDS = ("item", "gate", "offer", "detail")


def _instrument_texts(lib: Library) -> set[str]:
    return {
        text
        for loaded in lib.questionnaires.values()
        for _, text in text_paths(loaded.definition.model_dump())
    }


def _walk(lib: Library, plan: tuple[str, ...]) -> Iterator[View]:
    """Every instrument screen of an interview that answers yes wherever it can (so every
    section, detail, offer and follow-on instrument is reached)."""
    iv = Interview.start(lib, lib.profile("wales").profile, plan)
    while iv.cursor.kind in ("case", "context"):
        if iv.cursor.key == "reference":
            iv.answer("CY/1")
        elif iv.cursor.key == "relationship":
            iv.answer("2")  # ex-partner
        elif iv.cursor.key == "assessed_on":
            iv.answer("")
        else:
            iv.skip()
    seen = 0
    while iv.cursor.kind in WORDS_KINDS:
        view = iv.view()
        yield view
        seen += 1
        if iv.cursor.kind == "detail":
            if view.choices:
                iv.answer(view.choices[0][0])
            elif view.input == "yes-no":
                iv.answer("yes")
            else:
                iv.answer("Nodyn")
        else:
            iv.answer("yes")
        assert seen < 500


def _shown(view: View) -> list[str]:
    return [view.heading, view.section, view.prompt, view.guidance, *(c[1] for c in view.choices)]


@pytest.mark.parametrize(
    "plan",
    [("dash",), ("dash-ric",), ("four", "stalking-formulation", "srp-context", "srp-red-flags")],
    ids=["dash-s-dash-behaviours", "ric", "probation-instruments"],
)
def test_a_welsh_interview_shows_no_english_instrument_words(plan: tuple[str, ...]) -> None:
    english = _instrument_texts(EN) - SAME_IN_WELSH
    welsh = _instrument_texts(CY)
    views = list(_walk(CY, plan))
    shown = [text for view in views for text in _shown(view) if text]
    left = sorted({text for text in shown if text in english})
    assert not left, left
    # the walk reached the instruments' own words, follow-on instruments included
    assert len({text for text in shown if text in welsh}) > 20
    keys = {view.step.key for view in views}
    if plan == ("dash",):
        assert {"dash", "s-dash", "behaviours"} <= keys
        assert {view.step.kind for view in views} == set(WORDS_KINDS)


def test_the_same_walk_in_english_shows_the_english_words() -> None:
    """The check above can fail: in English the same screens are English instrument words."""
    english = _instrument_texts(EN) - SAME_IN_WELSH
    shown = {text for view in _walk(EN, ("dash",)) for text in _shown(view) if text}
    assert len(shown & english) > 20


def test_screen_in_welsh_runs_a_whole_dash_with_the_s_dash_in_plain_mode(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`stalkscreen --language cy screen --plain`: a whole DASH with the S-DASH, piped as a
    person types; every instrument screen is in Welsh, the answers score as in English."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = tmp_path / "case.yaml"
    feed(monkeypatch, whole())
    result = cli("--language", "cy", "screen", "--plain", "--out", out)
    assert result.code == 0, result.err
    dash = CY.questionnaire("dash").definition
    s_dash = CY.questionnaire("s-dash").definition
    for text in (dash.items[0].prompt, dash.items[26].prompt, s_dash.items[10].prompt):
        assert text in result.out
    english = _instrument_texts(EN) - SAME_IN_WELSH
    assert not [text for text in english if len(text) > 12 and text in result.out]
    saved = load_answers(out, EN.definitions)
    words: dict[str, list[str]] = {"evidence": [], "warnings": []}  # may name an instrument
    in_welsh = score(saved, CY, CY.profile("default").profile).contract()
    in_english = score(saved, EN, EN.profile("default").profile).contract()
    assert in_welsh | words == in_english | words
