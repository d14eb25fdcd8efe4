"""Issue 20.2: language overlays word every text field; scoring never changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import stalkscreen
from stalkscreen.definitions.files import load_overlay
from stalkscreen.definitions.library import load_library
from stalkscreen.definitions.words import (
    about_texts,
    language_info,
    localise,
    rule_texts,
    translation_status,
)
from stalkscreen.errors import InvalidInputError, StalkscreenError, UsageError
from stalkscreen.report.advice import load_advice
from tests.conftest import Result

ROOT = Path(__file__).resolve().parent.parent
Cli = Callable[..., Result]


def _overlay(tmp_path: Path, data: dict[str, Any], name: str = "wording.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _v2(target: dict[str, str], texts: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "stalkscreen/wording@2", "name": "Local words", **target, "texts": texts}


def test_language_puts_welsh_words_in_every_kind_of_text() -> None:
    english = load_library()
    welsh = stalkscreen.load_library(language="cy")
    assert welsh.language == "cy" and english.language == "en"
    en_q1 = english.questionnaire("s-dash").definition.items[0]
    cy_q1 = welsh.questionnaire("s-dash").definition.items[0]
    assert cy_q1.prompt.startswith("Ydy'r hyn") and en_q1.prompt.startswith("Is what")
    assert cy_q1.model_dump(exclude={"prompt", "guidance"}) == en_q1.model_dump(
        exclude={"prompt", "guidance"}
    )
    text = rule_texts(welsh).text("high-without-marac", profile="default", threshold=14)
    assert "proffil default" in text and "14 neu fwy" in text
    assert (
        rule_texts(english)
        .text("high-without-marac", profile="d", threshold=1)
        .startswith("The level is high")
    )
    # the stamps (versions and hashes) name the definitions, whatever their words
    assert welsh.stamps() == english.stamps()


def test_translation_status_is_read_from_the_language_file() -> None:
    welsh = load_library(language="cy")
    status = "draft - needs review by a qualified Welsh translator"
    assert translation_status(welsh) == status
    info = language_info("cy")
    assert info is not None and info.translation_status == status and info.name == "Cymraeg"
    assert translation_status(load_library()) is None and language_info("en") is None


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"'fr'.*en, cy"):
        load_library(language="fr")
    with pytest.raises(StalkscreenError):
        stalkscreen.load_library(language="xx")


def test_user_wording_comes_after_the_language(tmp_path: Path) -> None:
    mine = _overlay(
        tmp_path,
        _v2({"instrument": "s-dash"}, {"items": {"q1": {"prompt": "Geiriad lleol yr ardal"}}}),
    )
    lib = load_library(wording=[mine], language="cy")
    items = lib.questionnaire("s-dash").definition.items
    assert items[0].prompt == "Geiriad lleol yr ardal"
    assert items[1].prompt.startswith("Ydy'r person")  # the rest stays Welsh
    assert lib.questionnaire("s-dash").wording == "Local words"


def test_v2_words_choices_details_sections_and_profile_routes(tmp_path: Path) -> None:
    words = _overlay(
        tmp_path,
        _v2(
            {"instrument": "srp-context"},
            {
                "sections": {"type": {"title": "TYPE SECTION"}},
                "items": {
                    "stalking-type": {"details": {"type": {"choices": {"rejected": "REJECTED"}}}}
                },
            },
        ),
    )
    route = _overlay(
        tmp_path,
        _v2({"profile": "*"}, {"routes": {"marac": {"name": "MARAC (local)", "action": "Do it"}}}),
        "routes.yaml",
    )
    lib = load_library(wording=[words, route])
    q = lib.questionnaire("srp-context").definition
    assert [s.title for s in q.sections if s.id == "type"] == ["TYPE SECTION"]
    item = q.item("stalking-type")
    assert item is not None
    labels = {c.id: c.label for c in item.details[0].choices}
    assert labels["rejected"] == "REJECTED" and labels["resentful"] != "REJECTED"
    for loaded in lib.profiles.values():
        marac = [r for r in loaded.profile.routes if r.id == "marac"]
        assert [(r.name, r.action) for r in marac] == [("MARAC (local)", "Do it")]


def test_advice_and_about_follow_the_library(tmp_path: Path) -> None:
    path = ROOT / "reports" / "advice.yaml"
    english = load_advice(path)
    welsh = localise(english, "advice", load_library(language="cy"), path)
    assert welsh.marac_needs[0].source == english.marac_needs[0].source
    assert welsh.give[0].title != english.give[0].title
    # an organisation's own advice.yaml keeps its own words in any language
    own = tmp_path / "advice.yaml"
    own.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert localise(load_advice(own), "advice", load_library(language="cy"), own).give[0].title == (
        english.give[0].title
    )
    assert about_texts(load_library()).not_prediction.startswith("Risk identification")
    assert about_texts(load_library(language="cy")).not_prediction != (
        about_texts(load_library()).not_prediction
    )


def test_bundled_language_leaves_a_local_definition_in_its_own_words(tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    data = yaml.safe_load((ROOT / "questionnaires" / "s-dash.yaml").read_text(encoding="utf-8"))
    data["items"][0]["prompt"] = "Our own local question one?"
    (local / "s-dash.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    lib = load_library([local], language="cy")
    assert lib.questionnaire("s-dash").definition.items[0].prompt == "Our own local question one?"
    assert lib.language == "cy"


@pytest.mark.parametrize(
    "text",
    ["Cwestiwn\u202eun", "Cwestiwn\u200bun", "Cwestiwn\x07un", "Cwestiwn\x1bun", "   "],
)
def test_overlay_texts_keep_the_answer_files_text_rules(
    cli: Cli, tmp_path: Path, text: str
) -> None:
    path = _overlay(tmp_path, _v2({"instrument": "s-dash"}, {"items": {"q1": {"prompt": text}}}))
    with pytest.raises(InvalidInputError) as caught:
        load_overlay(path)
    (problem,) = caught.value.problems
    assert problem.place == "texts.items.q1.prompt" and problem.line == 7
    result = cli("questionnaires", "validate", path)
    assert result.code == 3
    assert f"{path}:7: texts.items.q1.prompt" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    ("target", "texts", "needle"),
    [
        ({"instrument": "dash"}, {"items": {"q1": {"when": "dash.q2 == yes"}}}, "is data"),
        ({"instrument": "dash"}, {"items": {"q99": {"prompt": "x"}}}, "did you mean"),
        ({"instrument": "dash"}, {"items": {"q1": {"promt": "x"}}}, "did you mean 'prompt'"),
        ({"profile": "default"}, {"routes": {"marac": {"contact": {"phone": "1"}}}}, "is data"),
        ({"profile": "*"}, {"routes": {"no-such-route": {"name": "x"}}}, "no profile"),
        ({"file": "rule-prompts"}, {"prompts": {"high-without-marac": "Dim {x}"}}, "braces"),
        ({"file": "advice"}, {"give": {"nothing": {"title": "x"}}}, "no entry"),
        ({"instrument": "s-dash"}, {"short_title": "x" * 41}, "shorten it"),
    ],
)
def test_overlay_changes_words_only(
    cli: Cli, tmp_path: Path, target: dict[str, str], texts: dict[str, Any], needle: str
) -> None:
    path = _overlay(tmp_path, _v2(target, texts))
    result = cli("questionnaires", "validate", path)
    assert result.code == 3 and needle in result.err and "Traceback" not in result.err
    assert str(path) in result.err


def test_an_overlay_names_exactly_one_target(cli: Cli, tmp_path: Path) -> None:
    path = _overlay(tmp_path, _v2({"instrument": "dash", "file": "advice"}, {"title": "x"}))
    result = cli("questionnaires", "validate", path)
    assert result.code == 3 and "exactly one target" in result.err


def test_wording_at_1_files_still_load(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        {
            "overlay": "stalkscreen/wording@1",
            "instrument": "dash",
            "name": "Licensed",
            "items": {"q1": {"prompt": "Official one", "high_risk_factor": True}},
        },
    )
    lib = load_library(wording=[path], language="cy")
    item = lib.questionnaire("dash").definition.items[0]
    assert item.prompt == "Official one" and item.high_risk_factor is True
