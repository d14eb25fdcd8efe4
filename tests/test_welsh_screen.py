"""Issue 20 (terminal side): `screen --language cy|en` in plain mode — its precedence
(flag, STALKSCREEN_LANGUAGE, config, English), the interview's own words in Welsh, the
summary offered at the end in the interview's language, resumed drafts (which take the
run's language: the answer file has no language), and `drafts` in Welsh."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from tests.conftest import Result, make_answers
from tests.test_screen_cli import feed, whole

WELSH_HINTS = ("1 ie · 2 na · 3 ddim yn gwybod", "eitem 1 o 27", "q cadw a gadael")
ENGLISH_HINTS = ("1 yes · 2 no · 3 don't know", "item 1 of 27", "q save and quit")


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("STALKSCREEN_LANGUAGE", raising=False)
    monkeypatch.delenv("ACCESSIBLE", raising=False)


def _saved(path: Path, lib: Library) -> dict[str, Any]:
    answers = load_answers(path, lib.definitions).model_dump(mode="json")
    answers.pop("meta", None)  # when it was saved
    return answers


def test_screen_language_cy_runs_the_whole_interview_and_summary_in_welsh(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    """`screen --language cy`: the hints, positions, messages and the summary offer are
    Welsh, the summary written is Welsh, and the answers saved are those of the same keys
    in English."""
    runs = {}
    for lang in ("cy", "en"):
        out = tmp_path / lang / "case.yaml"
        out.parent.mkdir()
        yes = "ie" if lang == "cy" else "y"  # the offer takes y, or the language's word
        feed(monkeypatch, [*whole(), yes, ""])  # write the summary, to the default place
        runs[lang] = cli("screen", "--language", lang, "--plain", "--out", out)
        assert runs[lang].code == 0, runs[lang].err
    welsh, english = runs["cy"], runs["en"]
    for text in (*WELSH_HINTS, "Ysgrifennu’r crynodeb atgyfeirio nawr? (y/n)", "Ble i’w gadw?"):
        assert text in welsh.out, text
    assert "cadwyd y sgrinio gorffenedig yn" in welsh.err
    assert "ysgrifennwyd y crynodeb i" in welsh.err and "summary written to" in english.err
    # the outcome shown at the end carries the not-a-prediction note in the library's words
    assert "Risk identification, not prediction" in english.out
    assert "Risk identification, not prediction" not in welsh.out
    for text in (*ENGLISH_HINTS, "Write the referral summary now?", "Save it where?"):
        assert text not in welsh.out and text in english.out, text
    assert _saved(tmp_path / "cy" / "case.yaml", lib) == _saved(tmp_path / "en" / "case.yaml", lib)
    summary = (tmp_path / "cy" / "case-summary.md").read_text(encoding="utf-8")
    assert "Crynodeb atgyfeirio" in summary and "Referral summary" not in summary
    assert "Referral summary" in (tmp_path / "en" / "case-summary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flag", "env", "config", "welsh"),
    [
        (None, None, None, False),
        ("cy", None, None, True),
        (None, "cy", None, True),
        ("en", "cy", None, False),  # the flag first
        (None, None, "cy", True),
        (None, "en", "cy", False),  # the environment before the config
        ("cy", None, "en", True),
    ],
)
def test_screen_language_precedence(
    cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    flag: str | None,
    env: str | None,
    config: str | None,
    welsh: bool,
) -> None:
    """--language, then STALKSCREEN_LANGUAGE, then the config's language, then English."""
    if env:
        monkeypatch.setenv("STALKSCREEN_LANGUAGE", env)
    if config:
        site = tmp_path / "config.yaml"
        site.write_text(f"language: {config}\n", encoding="utf-8")
        monkeypatch.setenv("STALKSCREEN_CONFIG", str(site))
    feed(monkeypatch, ["T/LANG/1", "", "", "", "", "", "", "", "1", "", "2", "", ""])
    args = ["screen", "--plain", "--out", str(tmp_path / "d.yaml")]
    result = cli(*args, *(["--language", flag] if flag else []))
    assert result.code == 130, result.err  # the end of input: the draft is saved
    shown = WELSH_HINTS if welsh else ENGLISH_HINTS
    other = ENGLISH_HINTS if welsh else WELSH_HINTS
    assert all(text in result.out for text in shown), result.out[-800:]
    assert not any(text in result.out for text in other)
    said = "torrwyd ar draws; mae’r drafft wedi’i gadw" if welsh else "interrupted; the draft"
    assert said in result.err


def test_a_resumed_draft_takes_the_language_of_the_run(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lib: Library
) -> None:
    """The answer file records no language: a draft started in Welsh resumes in English
    unless Welsh is asked for again, and the other way round."""
    out = tmp_path / "d.yaml"
    feed(monkeypatch, ["T/RES/1", "", "", "", "", "", "", "", "1", "", "2", "", "", "q"])
    started = cli("screen", "--language", "cy", "--plain", "--out", out)
    assert started.code == 0, started.err
    assert f"cadwyd y drafft. Ailddechrau gyda: stalkscreen screen --resume {out}" in started.err
    feed(monkeypatch, ["q"])
    resumed = cli("screen", "--resume", out, "--plain")
    assert resumed.code == 0 and "item 1 of 27" in resumed.out and "eitem" not in resumed.out
    assert f"saved the draft. Resume with: stalkscreen screen --resume {out}" in resumed.err
    feed(monkeypatch, ["q"])
    again = cli("screen", "--resume", out, "--plain", "--language", "cy")
    assert again.code == 0 and "eitem 1 o 27" in again.out
    assert load_answers(out, lib.definitions).case.reference == "T/RES/1"


def test_drafts_in_welsh(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, lib: Library
) -> None:
    from stalkscreen.drafts import DraftStore

    assert "Dim drafftiau yn" in cli("drafts", "--language", "cy").err
    store = DraftStore()
    store(make_answers(lib, {"dash": {"q1": "yes"}}, reference="T/DR/1"))
    listed = cli("drafts", "--language", "cy")
    assert listed.code == 0 and "o 27 eitem" in listed.out and "newid diwethaf" in listed.out
    assert "Ailddechrau un gyda: stalkscreen screen --resume FILE" in listed.err
    english = cli("drafts")
    assert "of 27 items" in english.out and "last change" in english.out
    purged = cli("drafts", "purge", "--older-than", "1d", "--dry-run", "--language", "cy")
    assert purged.code == 0 and "byddai 0 ffeil yn cael eu dileu o" in purged.err
