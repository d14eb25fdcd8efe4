"""The outcome of a screening in words: the level, what set it, the reasons for referral,
and why a high level has no MARAC referral.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stalkscreen.about import REASON_LABELS, level_label, level_name, level_words
from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level
from stalkscreen.definitions.profiles import Profile
from stalkscreen.i18n import N_, gettext, localize, ngettext
from stalkscreen.report.effects import effect_words
from stalkscreen.report.evidence import evidence_views
from stalkscreen.report.routes import NOT_DOMESTIC_NOTE, not_domestic
from stalkscreen.report.shared import interned
from stalkscreen.report.views import (
    LevelSourceView,
    MaracGapView,
    OutcomeView,
    PromptView,
    ReasonView,
)
from stalkscreen.scoring import Screening
from stalkscreen.scoring.result import InstrumentResult

SOURCE_LABELS = {
    "band": N_("count band"),
    "red_flags": N_("red flags"),
    "professional_judgement": N_("professional judgement"),
}
PJ_PROMPT = N_(
    "If, in your professional judgement, the risk is high, record that judgement with your "
    "rationale: a professional judgement of high is itself a MARAC referral criterion, and "
    "the case should then be referred."
)


_PLURAL = re.compile(r"\b(\d+)(\D{0,60}?)\b([A-Za-z]+)\(s\)")


def plural_words(text: str) -> str:
    """An engine's sentence in the language in force (:func:`~stalkscreen.i18n.localize`),
    with ``1 answer(s)`` → ``1 answer``, ``3 answer(s)`` → ``3 answers``.

    The scoring engine writes counts as ``answer(s)``; the nearest number before
    each ``(s)`` decides, and one with no number before it reads as plural.
    """

    return _plurals(localize(text))


def _plural(match: re.Match[str]) -> str:
    number, between, word = match.groups()
    return f"{number}{between}{word}{'' if int(number) == 1 else 's'}"


@lru_cache(maxsize=1024)
def _plurals(text: str) -> str:
    """``text`` with each ``(s)`` settled: remembered, as the engine's sentences recur from
    one screening to the next and the search took about 5 µs a sentence (issue 18)."""
    return _PLURAL.sub(_plural, text).replace("(s)", "s")


def _source_phrase(key: str, level: Level, screening: Screening) -> str:
    name = level_name(level)
    if key == "band":
        return gettext("the count of yes answers (%(level)s band)") % {"level": name}
    if key == "red_flags":
        return gettext("a red flag") if len(screening.red_flags) == 1 else gettext("red flags")
    if key == "professional_judgement":
        return gettext("professional judgement (%(level)s)") % {"level": name}
    return f"{key.replace('_', ' ')} ({name})"


def _level_basis(screening: Screening) -> str:
    """What set the level, in plain words, with any lower source after it."""
    level = screening.risk_level
    sources = [(k, v) for k, v in screening.level_sources.items() if v is not None]
    top = [k for k, v in sources if v == level]
    if not top:
        return gettext(
            "nothing graded (no count band, red flag or professional judgement), so standard"
        )
    text = gettext(" and ").join(_source_phrase(k, level, screening) for k in top)
    for key, other in sources:
        if other == level:
            continue
        name = {"level": level_name(other)}
        if key == "professional_judgement":
            text += (
                gettext(
                    "; professional judgement of %(level)s is lower, and judgement never lowers it"
                )
                % name
            )
        elif key == "band":
            text += gettext("; the count of yes answers alone gives %(level)s") % name
        else:
            text += gettext("; %(source)s alone gives %(level)s") % {
                "source": _source_phrase(key, other, screening),
                **name,
            }
    return text


def _level_reason(screening: Screening, profile: Profile) -> str:
    clauses = []
    for key, level in screening.level_sources.items():
        if level != "high":
            continue
        if key == "band":
            clauses.append(
                gettext(
                    "the count of yes answers is in the high band, below the %(threshold)s "
                    "this profile needs for a MARAC referral"
                )
                % {"threshold": profile.marac.visible_high_risk}
            )
        elif key == "red_flags":
            clauses.append(
                ngettext(
                    "a red flag was answered yes: red flags make the screening urgent and "
                    "raise the level, but are not a MARAC criterion on their own",
                    "red flags were answered yes: red flags make the screening urgent and "
                    "raise the level, but are not a MARAC criterion on their own",
                    len(screening.red_flags),
                )
            )
        else:
            clauses.append(
                gettext("of the %(source)s") % {"source": _source_phrase(key, level, screening)}
            )
    because = gettext("; and ").join(clauses) or gettext("of the answers")
    return gettext("The level is high because %(because)s.") % {"because": because}


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
    threshold = gettext(
        "this profile refers at %(count)s or more yes answers on the DASH or RIC"
    ) % {"count": rules.visible_high_risk}
    if graded:
        best = max(graded, key=lambda r: r.yes)
        criteria.append(
            ngettext(
                "Visible high risk: %(threshold)s; this screening has %(num)s yes answer on "
                "the %(title)s.",
                "Visible high risk: %(threshold)s; this screening has %(num)s yes answers on "
                "the %(title)s.",
                best.yes,
            )
            % {"threshold": threshold, "num": best.yes, "title": best.title}
        )
    else:
        criteria.append(
            gettext("Visible high risk: %(threshold)s, and neither checklist is recorded.")
            % {"threshold": threshold}
        )
    wanted, recorded = [], []
    incidents = case.incidents_last_12_months
    log = screening.incident_log
    if incidents is None and log is not None and log.filled_incidents:
        incidents = log.reported_in_window
    if rules.escalation.incidents is not None:
        count = rules.escalation.incidents
        wanted.append(gettext("%(count)s or more police-reported incidents") % {"count": count})
        recorded.append(
            gettext("no count of police-reported incidents is recorded")
            if incidents is None
            else ngettext(
                "%(num)s police-reported incident recorded",
                "%(num)s police-reported incidents recorded",
                incidents,
            )
            % {"num": incidents}
        )
    if rules.escalation.crimes is not None:
        wanted.append(gettext("%(count)s or more crimes") % {"count": rules.escalation.crimes})
        crimes = case.crimes_last_12_months
        recorded.append(
            gettext("no count of crimes is recorded")
            if crimes is None
            else ngettext("%(num)s crime recorded", "%(num)s crimes recorded", crimes)
            % {"num": crimes}
        )
    if wanted:
        criteria.append(
            gettext(
                "Escalation: this profile refers at %(wanted)s in the 12 months before the "
                "assessment; %(recorded)s."
            )
            % {
                "wanted": gettext(" or ").join(wanted),
                "recorded": gettext(" and ").join(recorded),
            }
        )
    if case.last_marac_on is None:
        criteria.append(gettext("Repeat referral: no earlier MARAC referral is recorded."))
    elif any(w.startswith("repeat-") for w in screening.warnings):
        criteria.append(gettext("Repeat referral: it could not be checked; see the warnings."))
    else:
        criteria.append(
            gettext(
                "Repeat referral: the last MARAC referral, on %(date)s, is more than "
                "%(months)s months before this assessment."
            )
            % {"date": case.last_marac_on.isoformat(), "months": rules.repeat_window_months}
        )
    hbv = any(p.id == "honour-based-violence" for p in screening.prompts)
    if rules.honour_based_violence:
        criteria.append(
            gettext(
                "Honour-based violence: this profile refers a suspected concern automatically, "
                "and none is recorded."
            )
        )
    elif hbv:
        criteria.append(
            gettext(
                "Honour-based violence: a concern is recorded, but this profile does not "
                "refer it automatically."
            )
        )
    return MaracGapView(
        level_reason=_level_reason(screening, profile),
        criteria=tuple(criteria),
        prompt=gettext(PJ_PROMPT),
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
        headline=gettext("Risk level: %(level)s · MARAC referral: %(marac)s")
        % {
            "level": level_text,
            "marac": gettext("yes") if screening.marac_referral else gettext("no"),
        }
        + (gettext(" · URGENT red flag") if screening.urgent else ""),
        level_meaning=level_meaning,
        level_sources=tuple(
            interned(
                LevelSourceView, source=gettext(SOURCE_LABELS.get(k, k.replace("_", " "))), level=v
            )
            for k, v in screening.level_sources.items()
            if v is not None
        ),
        level_basis=_level_basis(screening),
        marac_referral=screening.marac_referral,
        marac_note=gettext(NOT_DOMESTIC_NOTE) if not_domestic(screening) else None,
        marac_gap=_marac_gap(answers, screening, profile, library),
        reasons=tuple(
            ReasonView(
                rule=e.rule,
                code=e.code,
                label=gettext(REASON_LABELS.get(e.code, e.code)),
                effect=effect_words(e.effect),
                summary=plural_words(e.summary),
                items=e.items,
                evidence=evidence_views(e.items, library),
            )
            for e in screening.evidence
        ),
        urgent=screening.urgent,
        prompts=tuple(
            interned(PromptView, id=p.id, text=localize(p.text)) for p in screening.prompts
        ),
        complete=screening.complete,
        incomplete=tuple(plural_words(i) for i in screening.incomplete),
        warnings=tuple(plural_words(w) for w in screening.warnings),
        stalking_indicated=screening.stalking_indicated,
        children_involved=screening.children_involved,
    )
