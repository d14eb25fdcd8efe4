"""Issue 20.2, 20.3, 20.5: the Welsh words are complete, change no score, and the `wales`
profile routes as the domain rules say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from stalkscreen.definitions.library import Library, language_dir, load_library
from stalkscreen.definitions.overlays import Loc, text_paths
from stalkscreen.definitions.words import (
    about_texts,
    bundled_file,
    localise,
    rule_texts,
    translation_status,
)
from stalkscreen.report.advice import load_advice
from stalkscreen.report.probation import load_behaviour_advice, load_probation_advice
from stalkscreen.report.routes import select_routes
from stalkscreen.scoring import score
from tests.conftest import make_answers
from tests.test_properties import CASES, PJ, _case, responses_strategy

ROOT = Path(__file__).resolve().parent.parent
EN = load_library()
CY = load_library(language="cy")

SAME_IN_WELSH = frozenset(
    {
        # names and abbreviations that are the same in Welsh
        "S-DASH",
        "FOUR",
        "DASH RIC (SafeLives)",
    }
)
"""English texts that a Welsh entry may repeat: proper names only (the test below checks
that each is still in use, so the list cannot hide a forgotten translation)."""


def _pairs(english: BaseModel, welsh: BaseModel, where: str) -> Iterator[tuple[str, str, str]]:
    theirs = dict(text_paths(welsh.model_dump()))
    for loc, text in text_paths(english.model_dump()):
        yield f"{where}:{_dotted(loc)}", text, theirs.get(loc, "")


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def _every_text() -> Iterator[tuple[str, str, str]]:
    for qid, loaded in EN.questionnaires.items():
        yield from _pairs(loaded.definition, CY.questionnaire(qid).definition, f"instrument {qid}")
    for pid, profile in EN.profiles.items():
        yield from _pairs(profile.profile, CY.profile(pid).profile, f"profile {pid}")
    yield from _pairs(rule_texts(EN), rule_texts(CY), "rule prompts")
    yield from _pairs(about_texts(EN), about_texts(CY), "about")
    reports = [ROOT / "reports"]
    advice = load_advice(ROOT / "reports" / "advice.yaml")
    yield from _pairs(advice, localise(advice, "advice", CY, bundled_file("advice")), "advice")
    yield from _pairs(
        load_probation_advice(reports), load_probation_advice(reports, CY), "probation advice"
    )
    yield from _pairs(
        load_behaviour_advice(reports), load_behaviour_advice(reports, CY), "behaviour advice"
    )


def test_every_bundled_text_has_a_welsh_entry() -> None:
    """Every text field of every bundled instrument, profile, rule prompt, advice entry and
    `about` text has Welsh words, and none is left in English but the allowed names."""
    texts = list(_every_text())
    assert len(texts) > 700  # the walk reaches every file (770 texts when written)
    missing = [where for where, _, welsh in texts if not welsh.strip()]
    assert not missing, missing
    english = [where for where, en, cy in texts if en == cy and en not in SAME_IN_WELSH]
    assert not english, english
    used = {en for _, en, cy in texts if en == cy}
    assert used == SAME_IN_WELSH, "remove allow-listed names no longer used"


ENGLISH_NAMES = frozenset(
    {
        # services known by their English names (the Welsh adds what they are)
        "National Domestic Abuse Helpline (Refuge)",
        "Men's Advice Line (Respect)",
        "National Stalking Helpline (Suzy Lamplugh Trust)",
        "Unwanted Prisoner Contact service",
        # a citation: the names of the authors and of the published Stalking Risk Profile
        "Stalking Risk Profile red flags: MacKenzie et al. (2009); stalking types: Mullen, "
        "Pathé & Purcell (2009).",
    }
)
"""English texts whose Welsh keeps most of their words because they are names."""


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zâêîôûŵŷ']+", text.lower()) if len(w) >= 4}


def test_no_welsh_entry_is_mostly_english() -> None:
    """A Welsh entry that repeats most of the English words of its source (English left in
    place, or an English sentence with a Welsh word added) is caught, names excepted."""
    mostly = set()
    for where, en, cy in _every_text():
        english = _words(en)
        if len(english) >= 3 and len(english & _words(cy)) / len(english) >= 0.7:
            mostly.add((where, en))
    assert {en for _, en in mostly} == ENGLISH_NAMES, sorted(mostly)


def test_every_advice_entry_has_an_id_for_its_words() -> None:
    """Advice entries are worded by id: an entry without one could not be translated."""
    reports = [ROOT / "reports"]
    advice = load_advice(ROOT / "reports" / "advice.yaml")
    items = (*advice.give, *advice.avoid, *advice.practitioner)
    ids: list[str | None] = [e.id for e in items] + [n.id for n in advice.marac_needs]
    probation = load_probation_advice(reports)
    behaviour = load_behaviour_advice(reports)
    points = (*probation.working, *probation.interventions, *probation.own_safety)
    points += (*behaviour.everyone, *(p for g in behaviour.groups for p in g.advice))
    ids += [p.id for p in points]
    assert len(ids) > 40 and all(ids)


def test_the_welsh_is_marked_as_a_draft_in_one_place() -> None:
    status = "draft - needs review by a qualified Welsh translator"
    assert translation_status(CY) == status
    text = (language_dir("cy") / "language.yaml").read_text(encoding="utf-8")
    assert f"translation_status: {status}" in text


WORDED = {"summary", "warnings"}
"""The score output's keys that may carry a definition's words: an evidence summary or a
warning names an instrument by its title (a warning's code, before the colon, is checked
apart); prompt texts are beside them, in ``Screening.prompts``."""


def _worded_places(value: Any, english: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict) and isinstance(english, dict):
        for k, v in value.items():
            yield from _worded_places(v, english.get(k), k)
    elif isinstance(value, list) and isinstance(english, list):
        for v, e in zip(value, english, strict=True):
            yield from _worded_places(v, e, key)
    elif value != english:
        yield key


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses_strategy(), CASES, PJ, st.sampled_from(sorted(EN.profiles)))
def test_scores_are_identical_in_welsh_and_english(
    responses: dict[str, Any], case: dict[str, Any], pj: Any, profile: str
) -> None:
    """The same answers score the same in both languages: level, basis, MARAC and every
    reason, count, flag, prompt id and route; only the words differ."""
    kw: dict[str, Any] = {"case": _case(case), "professional_judgement": pj}
    en = score(make_answers(EN, responses, **kw), EN, EN.profile(profile).profile)
    cy = score(make_answers(CY, responses, **kw), CY, CY.profile(profile).profile)
    en_out, cy_out = en.contract(), cy.contract()
    assert set(_worded_places(cy_out, en_out)) <= WORDED
    assert [(p.id, p.instrument) for p in cy.prompts] == [(p.id, p.instrument) for p in en.prompts]
    assert (cy.risk_level, cy.marac_referral, cy.reasons) == (
        en.risk_level,
        en.marac_referral,
        en.reasons,
    )
    assert cy.judgement_prompts == en.judgement_prompts
    assert [w.split(":")[0] for w in cy.warnings] == [w.split(":")[0] for w in en.warnings]
    en_routes = [r.id for r in select_routes(EN.profile(profile).profile, en)]
    assert [r.id for r in select_routes(CY.profile(profile).profile, cy)] == en_routes


def test_the_words_do_differ_where_the_score_carries_them() -> None:
    """The comparison above is not vacuous: a prompt's text and an instrument's title are
    Welsh in the Welsh score, and they are the only differences."""
    responses = {"dash": {"q18": "yes", "q17": "yes", "q2": "yes"}}
    en = score(make_answers(EN, responses), EN, EN.profile("default").profile)
    cy = score(make_answers(CY, responses), CY, CY.profile("default").profile)
    assert set(_worded_places(cy.contract(), en.contract())) == {"summary"}
    texts = {p.id: (e.text, p.text) for e, p in zip(en.prompts, cy.prompts, strict=True)}
    assert texts["strangulation"][1].startswith("Datgelwyd tagu")
    assert texts["judgement-required"][1].startswith("Mae atebion sy'n galw")
    assert all(english != welsh for english, welsh in texts.values())


def _lib_routes(lib: Library, responses: dict[str, Any], **kw: Any) -> list[str]:
    answers = make_answers(lib, responses, **kw)
    profile = lib.profile("wales").profile
    return [r.id for r in select_routes(profile, score(answers, lib, profile))]


FORCES = ["local-dyfed-powys", "local-gwent", "local-north-wales", "local-south-wales"]


def test_sc_route_wales_lists_live_fear_free_for_every_domestic_abuse_screening() -> None:
    """SC-ROUTE: every domestic-abuse screening lists DA support whatever the level; in the
    `wales` profile that includes Live Fear Free and the force areas' local services."""
    low = _lib_routes(EN, {"dash": {"q1": "no", "q2": "yes"}}, case={"relationship": "partner"})
    assert "live-fear-free" in low and "national-da-helpline" in low
    assert set(FORCES) <= set(low)
    assert "marac" not in low  # a standard count refers nowhere by itself


def test_sc_route_wales_stranger_stalking_gets_local_services_not_the_da_helplines() -> None:
    """SC-ROUTE: stranger stalking is not domestic abuse: no MARAC, no DA helplines; the
    local services of each force area still apply (stalking)."""
    routes = _lib_routes(
        EN,
        {"s-dash": {f"q{i}": "yes" for i in range(1, 5)}},
        case={"relationship": "stranger"},
        professional_judgement={"level": "high", "rationale": "escalating"},
    )
    assert "live-fear-free" not in routes and "marac" not in routes
    assert set(FORCES) <= set(routes)
    assert {"police-stalking-lead", "paladin"} <= set(routes)


def test_wales_profile_keeps_the_default_thresholds_and_verifies_every_contact() -> None:
    wales = EN.profile("wales").profile
    default = EN.profile("default").profile
    assert (wales.bands, wales.marac, wales.red_flags) == (
        default.bands,
        default.marac,
        default.red_flags,
    )
    live = next(r for r in wales.routes if r.id == "live-fear-free")
    assert live.contact.phone == "0808 80 10 800" and live.verify
    assert all(r.verify for r in wales.routes if r.id in FORCES)
    assert all(r.verify for r in wales.routes if r.contact.phone or r.contact.web)
    welsh = {r.id: r for r in CY.profile("wales").profile.routes}
    assert welsh["live-fear-free"].name.startswith("Llinell gymorth Byw Heb Ofn")
    assert welsh["live-fear-free"].contact.phone == "0808 80 10 800"  # numbers stay data
    assert "Dalfan" in (welsh["local-gwent"].verify or "")
