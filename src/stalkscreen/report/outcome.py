"""The outcome of a screening in words: the level, what set it, the reasons for referral,
and why a high level has no MARAC referral.
"""

from __future__ import annotations

import re

from stalkscreen.about import level_label, level_words
from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level
from stalkscreen.definitions.profiles import Profile
from stalkscreen.report.evidence import evidence_views
from stalkscreen.report.routes import NOT_DOMESTIC_NOTE, not_domestic
from stalkscreen.report.views import (
    LevelSourceView,
    MaracGapView,
    OutcomeView,
    PromptView,
    ReasonView,
)
from stalkscreen.scoring import Screening
from stalkscreen.scoring.result import InstrumentResult

REASON_LABELS = {
    "band": "Count band",
    "visible-high-risk": "Visible high risk",
    "potential-escalation": "Potential escalation",
    "professional-judgement": "Professional judgement",
    "repeat-marac": "Repeat referral",
    "srp-red-flag": "Red flag",
    "honour-based-violence": "Honour-based violence",
    "stalking-indicated": "Stalking indicated",
    "stalking-not-indicated": "Stalking triage",
    "stalking-type": "Type of stalking",
    "heightened-risk": "Heightened-risk factors",
    "incident-log": "Incident log",
}
SOURCE_LABELS = {
    "band": "count band",
    "red_flags": "red flags",
    "professional_judgement": "professional judgement",
}
PJ_PROMPT = (
    "If, in your professional judgement, the risk is high, record that judgement with your "
    "rationale: a professional judgement of high is itself a MARAC referral criterion, and "
    "the case should then be referred."
)


_PLURAL = re.compile(r"\b(\d+)(\D{0,60}?)\b([A-Za-z]+)\(s\)")


def plural_words(text: str) -> str:
    """``1 answer(s)`` → ``1 answer``, ``3 answer(s)`` → ``3 answers``.

    The scoring engine writes counts as ``answer(s)``; the nearest number before
    each ``(s)`` decides, and one with no number before it reads as plural.
    """

    def fix(match: re.Match[str]) -> str:
        number, between, word = match.groups()
        return f"{number}{between}{word}{'' if int(number) == 1 else 's'}"

    return _PLURAL.sub(fix, text).replace("(s)", "s")


def _counted(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _source_phrase(key: str, level: Level, screening: Screening) -> str:
    if key == "band":
        return f"the count of yes answers ({level} band)"
    if key == "red_flags":
        return "a red flag" if len(screening.red_flags) == 1 else "red flags"
    if key == "professional_judgement":
        return f"professional judgement ({level})"
    return f"{key.replace('_', ' ')} ({level})"


def _level_basis(screening: Screening) -> str:
    """What set the level, in plain words, with any lower source after it."""
    level = screening.risk_level
    sources = [(k, v) for k, v in screening.level_sources.items() if v is not None]
    top = [k for k, v in sources if v == level]
    if not top:
        return "nothing graded (no count band, red flag or professional judgement), so standard"
    text = " and ".join(_source_phrase(k, level, screening) for k in top)
    for key, other in sources:
        if other == level:
            continue
        if key == "professional_judgement":
            text += f"; professional judgement of {other} is lower, and judgement never lowers it"
        elif key == "band":
            text += f"; the count of yes answers alone gives {other}"
        else:
            text += f"; {_source_phrase(key, other, screening)} alone gives {other}"
    return text


def _level_reason(screening: Screening, profile: Profile) -> str:
    clauses = []
    for key, level in screening.level_sources.items():
        if level != "high":
            continue
        if key == "band":
            clauses.append(
                "the count of yes answers is in the high band, below the "
                f"{profile.marac.visible_high_risk} this profile needs for a MARAC referral"
            )
        elif key == "red_flags":
            clauses.append(
                ("a red flag was" if len(screening.red_flags) == 1 else "red flags were")
                + " answered yes: red flags make the "
                "screening urgent and raise the level, but are not a MARAC criterion on their own"
            )
        else:
            clauses.append("of the " + _source_phrase(key, level, screening))
    return "The level is high because " + ("; and ".join(clauses) or "of the answers") + "."


def _marac_gap(
    answers: AnswerSet, screening: Screening, profile: Profile, library: Library
) -> MaracGapView | None:
    """Why a high level has no MARAC referral, criterion by criterion (None otherwise).

    None too outside domestic abuse (SC-ROUTE): there the stalking routes apply instead.
    """
    if screening.risk_level != "high" or screening.marac_referral or not_domestic(screening):
        return None
    rules = profile.marac
    case = answers.case
    criteria = []
    graded: list[InstrumentResult] = [
        r
        for r in screening.instruments.values()
        if library.questionnaire(r.instrument).definition.band_scale == "dash"
    ]
    threshold = (
        f"this profile refers at {rules.visible_high_risk} or more yes answers on the DASH or RIC"
    )
    if graded:
        best = max(graded, key=lambda r: r.yes)
        criteria.append(
            f"Visible high risk: {threshold}; this screening has "
            f"{_counted(best.yes, 'yes answer')} on the {best.title}."
        )
    else:
        criteria.append(f"Visible high risk: {threshold}, and neither checklist is recorded.")
    wanted, recorded = [], []
    incidents = case.incidents_last_12_months
    log = screening.incident_log
    if incidents is None and log is not None and log.filled_incidents:
        incidents = log.reported_in_window
    if rules.escalation.incidents is not None:
        wanted.append(f"{rules.escalation.incidents} or more police-reported incidents")
        recorded.append(
            "no count of police-reported incidents is recorded"
            if incidents is None
            else f"{_counted(incidents, 'police-reported incident')} recorded"
        )
    if rules.escalation.crimes is not None:
        wanted.append(f"{rules.escalation.crimes} or more crimes")
        crimes = case.crimes_last_12_months
        recorded.append(
            "no count of crimes is recorded"
            if crimes is None
            else f"{_counted(crimes, 'crime')} recorded"
        )
    if wanted:
        criteria.append(
            f"Escalation: this profile refers at {' or '.join(wanted)} in the 12 months before "
            f"the assessment; {' and '.join(recorded)}."
        )
    if case.last_marac_on is None:
        criteria.append("Repeat referral: no earlier MARAC referral is recorded.")
    elif any(w.startswith("repeat-") for w in screening.warnings):
        criteria.append("Repeat referral: it could not be checked; see the warnings.")
    else:
        criteria.append(
            f"Repeat referral: the last MARAC referral, on {case.last_marac_on.isoformat()}, "
            f"is more than {rules.repeat_window_months} months before this assessment."
        )
    hbv = any(p.id == "honour-based-violence" for p in screening.prompts)
    if rules.honour_based_violence:
        criteria.append(
            "Honour-based violence: this profile refers a suspected concern automatically, "
            "and none is recorded."
        )
    elif hbv:
        criteria.append(
            "Honour-based violence: a concern is recorded, but this profile does not refer it "
            "automatically."
        )
    return MaracGapView(
        level_reason=_level_reason(screening, profile),
        criteria=tuple(criteria),
        prompt=PJ_PROMPT,
    )


def outcome_view(
    answers: AnswerSet, screening: Screening, profile: Profile, library: Library
) -> OutcomeView:
    """The outcome a summary shows first: the level, what set it, the reasons and any
    gap between a high level and a MARAC referral."""
    level_meaning = level_words(screening.risk_level, screening.level_basis)[1]
    level_text = level_label(screening.risk_level, screening.level_basis, screening.complete)
    return OutcomeView(
        risk_level=screening.risk_level,
        risk_level_text=level_text,
        judged=screening.judged,
        level_basis_code=screening.level_basis,
        headline=f"Risk level: {level_text} · MARAC referral: "
        f"{'yes' if screening.marac_referral else 'no'}"
        + (" · URGENT red flag" if screening.urgent else ""),
        level_meaning=level_meaning,
        level_sources=tuple(
            LevelSourceView(source=SOURCE_LABELS.get(k, k.replace("_", " ")), level=v)
            for k, v in screening.level_sources.items()
            if v is not None
        ),
        level_basis=_level_basis(screening),
        marac_referral=screening.marac_referral,
        marac_note=NOT_DOMESTIC_NOTE if not_domestic(screening) else None,
        marac_gap=_marac_gap(answers, screening, profile, library),
        reasons=tuple(
            ReasonView(
                rule=e.rule,
                code=e.code,
                label=REASON_LABELS.get(e.code, e.code),
                effect=e.effect,
                summary=plural_words(e.summary),
                items=e.items,
                evidence=evidence_views(e.items, library),
            )
            for e in screening.evidence
        ),
        urgent=screening.urgent,
        prompts=tuple(PromptView(id=p.id, text=p.text) for p in screening.prompts),
        complete=screening.complete,
        incomplete=tuple(plural_words(i) for i in screening.incomplete),
        warnings=tuple(plural_words(w) for w in screening.warnings),
        stalking_indicated=screening.stalking_indicated,
        children_involved=screening.children_involved,
    )
