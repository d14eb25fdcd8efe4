"""Issue 20: what the interview shows when it finishes is in the interview's language too:
the victim's own safety answers (ie/na, not yes/no) and the not-a-prediction note (from the
Welsh overlay of the about texts), as `score --language cy` shows them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.test_screen_cli import feed, whole


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("STALKSCREEN_LANGUAGE", raising=False)


def test_the_outcome_after_a_welsh_interview_is_welsh(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    runs = {}
    for lang in ("cy", "en"):
        feed(monkeypatch, [*whole(), "n"])
        runs[lang] = cli(
            "screen", "--language", lang, "--plain", "--out", tmp_path / f"{lang}.yaml"
        )
        assert runs[lang].code == 0, runs[lang].err
    welsh, english = runs["cy"].out, runs["en"].out
    assert "Safe to talk now: yes" in english and "Safe to leave messages: no" in english
    assert "Risk identification, not prediction" in english
    assert "Yn ddiogel i siarad nawr: ie" in welsh and "Yn ddiogel i adael negeseuon: na" in welsh
    assert "Adnabod risg, nid rhagfynegi" in welsh
    assert "Risk identification" not in welsh and ": yes" not in welsh
