"""The scoring engine's sentences (rule summaries, warnings, incomplete reasons) in the
language of the output that shows them (issue 20), while the score JSON keeps the engine's
English and scores never depend on the language."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from pathlib import Path

from stalkscreen import i18n
from stalkscreen.definitions.library import load_library
from stalkscreen.i18n import Message, later, localize
from stalkscreen.reading import load_answers
from stalkscreen.scoring import Screening, score

from .conftest import Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.stem != "invalid")


def _score(name: str, language: str = "en") -> Screening:
    lib = load_library(language=language)
    answers = load_answers(ROOT / "examples" / f"{name}.yaml", lib.definitions)
    return score(answers, lib, lib.profile(answers.profile or "default").profile)


def _sentences(result: Screening) -> list[str]:
    """The engine's own sentences (not the definitions' texts: the prompts' wording and
    SC-COUNT's note come translated from the overlays)."""
    return [
        *(e.summary for e in result.evidence if e.rule != "SC-COUNT"),
        *result.warnings,
        *result.incomplete,
        *result.red_flag_notes,
        *(p.text for p in result.prompts if p.id == "incident-log-pattern"),
    ]


def test_a_message_is_its_english_and_says_itself_in_welsh() -> None:
    band = later.ngettext(
        "%(count)s yes answer on %(instrument)s fall in the %(band)s band (profile "
        "%(profile)s: %(edges)s); only yes counts",
        "%(count)s yes answers on %(instrument)s fall in the %(band)s band (profile "
        "%(profile)s: %(edges)s); only yes counts",
        15,
        count=15,
        instrument="DASH",
        band=Message("high", context="level"),
        profile="default",
        edges=(later.pgettext("band edges", "%(level)s %(range)s", level="x", range="1+"),),
    )
    english = (
        "15 yes answers on DASH fall in the high band (profile default: x 1+); only yes counts"
    )
    assert band == english and isinstance(band, str)
    assert json.dumps(band) == json.dumps(english)
    assert localize(band) == english  # English: the very string
    with i18n.using("cy"):
        welsh = localize(band)
    assert welsh.startswith("mae 15 ateb ie ar DASH yn y band uchel (proffil default")
    assert localize("plain text") == "plain text"
    copy = pickle.loads(pickle.dumps(band))  # batch workers send results back pickled
    assert type(copy) is Message and copy == band
    with i18n.using("cy"):
        assert localize(copy) == welsh
    domain = Message("risk of persistence", english="persistence")
    assert domain == "persistence"
    with i18n.using("cy"):
        assert localize(domain) == "risg o barhad"
        assert localize(later.gettext("victim-fear: %(note)s", note=domain)) == (
            "victim-fear: risg o barhad"
        )
    assert later.gettext("victim-fear: %(note)s", note=domain) == "victim-fear: persistence"


def test_the_score_json_does_not_depend_on_the_language_in_force() -> None:
    """Scoring builds its sentences once, in English for the contract: the same library
    scored with Welsh or English in force gives the same JSON, to the byte."""
    for example in EXAMPLES:
        with i18n.using("en"):
            english = _score(example.stem).contract()
        with i18n.using("cy"):
            welsh = _score(example.stem).contract()
        assert json.dumps(welsh) == json.dumps(english), example.name


def test_every_engine_sentence_is_a_message_with_a_welsh_translation() -> None:
    """Every sentence the engine writes for the bundled examples is a Message, and says
    itself differently in Welsh (its translation is in the catalogue)."""
    seen = 0
    for example in EXAMPLES:
        result = _score(example.stem, "cy")
        validated = Screening.model_validate(result.model_dump())
        for text, kept in zip(_sentences(result), _sentences(validated), strict=True):
            assert isinstance(text, Message), (example.name, text)
            assert type(kept) is Message, "validating a result keeps its messages"
            with i18n.using("cy"):
                assert localize(text) != text, (example.name, text)
            seen += 1
    assert seen >= 30


def test_score_in_welsh_says_the_rules_in_welsh(cli: Callable[..., Result]) -> None:
    done = cli("score", ROOT / "examples" / "high-by-count.yaml", "--language", "cy")
    assert done.code == 0, done.err
    text = " ".join(done.out.split())
    assert "mae 15 ateb ie ar DASH (heddlu) yn y band uchel" in text
    assert "hbv-concern-unrecorded: mae dash.q4 yn ie" in text
    assert "yes answers" not in text and "is yes but" not in text
    english = cli("score", ROOT / "examples" / "high-by-count.yaml")
    assert "15 yes answers on DASH (police) fall in the high band" in " ".join(english.out.split())
    json_cy = cli("score", ROOT / "examples" / "high-by-count.yaml", "--json", "--language", "cy")
    summaries = [e["summary"] for e in json.loads(json_cy.out)["evidence"]]
    assert summaries[0].startswith("15 yes answers on "), "the JSON keeps the engine's English"


def test_a_sentence_said_again_is_kept_but_never_confused_with_another() -> None:
    """Plain values: the same Message is given again. A value that is a Message is never a
    key (it equals its English, as the plain text would): each is built and says its own."""
    first = later.gettext("hbv-concern-unrecorded: %(item)s is yes", item="dash.q4")
    assert later.gettext("hbv-concern-unrecorded: %(item)s is yes", item="dash.q4") is first
    assert later.gettext("hbv-concern-unrecorded: %(item)s is yes", item="dash.q5") != first
    plain = later.gettext("%(level)s %(range)s", level="high", range="1+")
    level = later.gettext("%(level)s %(range)s", level=Message("high", context="level"), range="1+")
    assert plain == level == "high 1+" and plain is not level
    with i18n.using("cy"):
        assert (localize(plain), localize(level)) == ("high 1+", "uchel 1+")
