"""Issue 18: views shared by the summaries of a run (``stalkscreen.report.shared``) are
built once, and sharing never changes what a summary says: free text is never shared,
the language in force and reworded definitions get views of their own."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from stalkscreen import i18n
from stalkscreen.about import level_name
from stalkscreen.definitions.files import LoadedQuestionnaire
from stalkscreen.definitions.library import Library, load_library
from stalkscreen.report import probation, report_context, shared
from stalkscreen.report.effects import effect_words
from stalkscreen.report.outcome import plural_words
from stalkscreen.report.views import PromptView, ReportContext
from stalkscreen.resources import bundled_dir
from stalkscreen.scoring import score
from tests.conftest import dash_answers, make_answers
from tests.report_helpers import FIXED_TIME


def _context(lib: Library, responses: dict[str, Any]) -> ReportContext:
    answers = make_answers(lib, {"dash": responses})
    profile = lib.profile("default").profile
    return report_context(
        answers, score(answers, lib, profile), lib, profile, generated_at=FIXED_TIME
    )


def _items(context: ReportContext) -> dict[str, Any]:
    return {v.ref: v for i in context.instruments for v in (*i.yes_items, *i.unknown_items)}


def test_views_without_typed_text_are_built_once_per_run(lib: Library) -> None:
    first = _context(lib, dash_answers({1, 2, 18}, unknown={3}))
    second = _context(lib, dash_answers({1, 2, 18}, unknown={3}))
    assert _items(first)["dash.q18"] is _items(second)["dash.q18"]
    assert first.routes[0] is second.routes[0]
    assert first.advice_give == second.advice_give and first.advice_give[0] is second.advice_give[0]
    reasons = [r for r in first.outcome.reasons if r.evidence]
    again = {r.rule: r for r in second.outcome.reasons}
    assert reasons and reasons[0].evidence[0] is again[reasons[0].rule].evidence[0]


def test_an_answer_with_a_comment_or_source_is_never_shared(lib: Library) -> None:
    plain = _context(lib, dash_answers({18}))
    for extra in ({"comment": "said on the phone"}, {"source": "police log"}):
        responses = dash_answers({18}) | {"q18": {"answer": "yes", **extra}}
        typed = _items(_context(lib, responses))["dash.q18"]
        assert typed is not _items(plain)["dash.q18"]
        assert (typed.comment, typed.source) == (extra.get("comment"), extra.get("source"))
    assert _items(plain)["dash.q18"].comment is None


def test_each_language_in_force_has_its_own_views(lib: Library) -> None:
    english = _context(lib, dash_answers({18}, unknown={3}))
    with i18n.using("cy"):
        welsh = _context(lib, dash_answers({18}, unknown={3}))
        shared._views.clear()
        fresh = _context(lib, dash_answers({18}, unknown={3}))
    assert welsh.model_dump_json() == fresh.model_dump_json()
    assert _items(welsh)["dash.q3"].answer_text != _items(english)["dash.q3"].answer_text
    assert _context(lib, dash_answers({18}, unknown={3})).model_dump_json() == (
        english.model_dump_json()
    )


def test_a_reworded_definition_gets_its_own_views() -> None:
    lib = load_library()
    before = _items(_context(lib, dash_answers({18})))["dash.q18"]
    loaded = lib.questionnaires["dash"]
    items = tuple(
        i.model_copy(update={"prompt": "Reworded question?"}) if i.id == "q18" else i
        for i in loaded.definition.items
    )
    definition = loaded.definition.model_copy(update={"items": items})
    lib.questionnaires["dash"] = LoadedQuestionnaire(definition, loaded.path, loaded.digest)
    after = _items(_context(lib, dash_answers({18})))["dash.q18"]
    assert (before.prompt != "Reworded question?", after.prompt) == (True, "Reworded question?")


def test_the_cache_is_bounded_and_drops_the_oldest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared, "_views", {})
    monkeypatch.setattr(shared, "LIMIT", 3)
    owner = object()
    built: list[int] = []

    def build(n: int) -> int:
        built.append(n)
        return n

    def view(n: int) -> int:
        return shared.shared(owner, n, lambda: build(n))

    assert [view(n) for n in (1, 2, 3, 4)] == [1, 2, 3, 4]
    assert len(shared._views) == 3
    assert view(4) == 4 and view(1) == 1  # 4 kept, 1 dropped and built again
    assert built == [1, 2, 3, 4, 1]


def test_equal_words_give_the_same_view_and_other_words_their_own() -> None:
    first = shared.interned(PromptView, id="p", text="Consider it.")
    assert shared.interned(PromptView, id="p", text="Consider it.") is first
    other = shared.interned(PromptView, id="p", text="Consider that.")
    assert (other is not first, other.text) == (True, "Consider that.")


def test_remembered_effects_and_sentences_follow_the_language() -> None:
    english = effect_words("urgent; level high")
    with i18n.using("cy"):
        welsh = effect_words("urgent; level high")
    assert english == "urgent; level high" and welsh != english
    assert effect_words("urgent; level high") == english
    with i18n.using("cy"):
        welsh_level = level_name("high")
    assert (level_name("high"), welsh_level != "high") == ("high", True)
    assert [plural_words(t) for t in ("1 answer(s)", "3 answer(s)", "1 answer(s)")] == [
        "1 answer",
        "3 answers",
        "1 answer",
    ]


def test_the_bundled_advice_is_found_once_a_users_folder_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = bundled_dir("reports")
    probation._bundled.cache_clear()
    looked: list[tuple[Path, ...]] = []
    look = probation._look

    def counted(name: str, dirs: Sequence[Path]) -> Path:
        looked.append(tuple(dirs))
        return look(name, dirs)

    monkeypatch.setattr(probation, "_look", counted)
    first = probation._find(probation.PROBATION_ADVICE, (bundled,))
    assert (
        probation._find(probation.PROBATION_ADVICE, (bundled,))
        == first
        == (bundled / probation.PROBATION_ADVICE)
    )
    assert looked == [(bundled,)]
    mine = (tmp_path, bundled)
    assert probation._find(probation.PROBATION_ADVICE, mine) == first
    (tmp_path / probation.PROBATION_ADVICE).write_text("format: x\n", encoding="utf-8")
    assert (
        probation._find(probation.PROBATION_ADVICE, mine) == tmp_path / probation.PROBATION_ADVICE
    )


def test_two_threads_dropping_the_oldest_view_at_once_both_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paused, resume = threading.Event(), threading.Event()

    class Views(dict[Any, Any]):
        """Stops the first thread between choosing the oldest entry and dropping it."""

        def __delitem__(self, key: Any) -> None:
            if threading.current_thread().name == "first" and not paused.is_set():
                paused.set()
                resume.wait(1)
            super().__delitem__(key)

    monkeypatch.setattr(shared, "LIMIT", 2)
    monkeypatch.setattr(shared, "_views", Views())
    owner = object()
    shared.shared(owner, "old", lambda: "old")
    shared.shared(owner, "older", lambda: "older")
    got: dict[str, object] = {}

    def view(name: str) -> None:
        try:
            got[name] = shared.shared(owner, name, lambda: name)
        except Exception as exc:  # what the test looks for
            got[name] = exc

    first = threading.Thread(target=view, args=("first",), name="first")
    first.start()
    assert paused.wait(5)
    second = threading.Thread(target=view, args=("second",), name="second")
    second.start()
    second.join(0.3)  # it waits for the first to finish dropping (or, unguarded, races it)
    resume.set()
    first.join(5)
    second.join(5)
    assert got == {"first": "first", "second": "second"}
    assert len(shared._views) <= 2
