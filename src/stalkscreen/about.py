"""What the tool is and is not, in the project's own words (`about`, report footers)."""

from __future__ import annotations

from functools import lru_cache

from stalkscreen.i18n import N_, current, gettext, pgettext

NOT_PREDICTION = (
    "Risk identification, not prediction: stalkscreen sets out what was asked and answered "
    "and the rules applied to it; it does not forecast what anyone will do, and it does not "
    "replace the practitioner's professional judgement."
)

NOT_OFFICIAL = (
    "The questions are stalkscreen's own aide-memoire wording keyed to the official item "
    "numbers; this is not the official form and no endorsement by the forms' authors is "
    "claimed."
)

LEVEL_MEANINGS = {
    "standard": N_("The evidence gathered so far does not point to a likelihood of serious harm."),
    "medium": N_(
        "There are recognisable signs of a risk of serious harm, but harm is not likely "
        "unless something in the situation changes."
    ),
    "high": N_(
        "There are recognisable signs of a risk of serious harm; it could happen at any "
        "moment and the impact would be serious."
    ),
}
"""The meaning of each level, in English (the source text; :func:`level_words` gives it in
the language in force)."""

NOT_GRADED = N_(
    "Not graded: nothing recorded here grades the risk (too few questions have a yes or no "
    "answer, or the instruments used, such as the S-DASH, have no cut-off), so the level shows "
    "as standard only by default. Record your professional judgement of the level."
)

BY_COUNT = N_(
    "This level comes from the count of yes answers alone, which is a local convention, not a "
    "risk grading. Grade the risk by your professional judgement against the level "
    "definitions, and record it: the level's meaning is shown once it is judged."
)


REASON_LABELS = {
    "band": N_("Count band"),
    "visible-high-risk": N_("Visible high risk"),
    "potential-escalation": N_("Potential escalation"),
    "professional-judgement": N_("Professional judgement"),
    "repeat-marac": N_("Repeat referral"),
    "srp-red-flag": N_("Red flag"),
    "honour-based-violence": N_("Honour-based violence"),
    "stalking-indicated": N_("Stalking indicated"),
    "stalking-not-indicated": N_("Stalking triage"),
    "stalking-type": N_("Type of stalking"),
    "heightened-risk": N_("Heightened-risk factors"),
    "incident-log": N_("Incident log"),
}
"""What each reason code of scoring (``marac_reasons``, ``level_reasons``, an evidence's
``code``) means, in English (:func:`reason_name` gives it in the language in force)."""


def reason_name(code: str) -> str:
    """A reason code (``visible-high-risk``) in words in the language in force; a code
    with no words keeps its id."""
    label = REASON_LABELS.get(code)
    return gettext(label) if label is not None else code


def level_name(level: str) -> str:
    """A risk level (``standard``, ``medium``, ``high``) or an SRP domain's (``low``,
    ``moderate``, ``high``) in the language in force (lower case)."""
    return _level_name(level, current())


@lru_cache(maxsize=64)
def _level_name(level: str, language: str) -> str:
    """Remembered per level and language (``language`` is the one in force): a summary
    names levels a dozen times, and each time looked up all five (issue 18)."""
    names = {
        "standard": pgettext("level", "standard"),
        "medium": pgettext("level", "medium"),
        "high": pgettext("level", "high"),
        "low": pgettext("level", "low"),
        "moderate": pgettext("level", "moderate"),
    }
    return names.get(level, level)


def level_words(level: str, basis: str, *, upper: bool = False) -> tuple[str, str]:
    """SC-JUDGE: the level as a person should read it, and what it means.

    ``basis`` is the screening's ``level_basis``. A level from the yes-count alone reads
    ``by count: MEDIUM (not yet judged)`` and carries no meaning text; a judged level, or
    one raised by a red flag, reads ``High`` (``HIGH`` with ``upper``) with its meaning.
    """
    if basis == "not-graded":
        words = gettext("Not graded")
        return (words.upper() if upper else words), gettext(NOT_GRADED)
    name = level_name(level)
    if basis == "count":
        return gettext("by count: %(level)s (not yet judged)") % {"level": name.upper()}, gettext(
            BY_COUNT
        )
    return (name.upper() if upper else name.capitalize()), gettext(LEVEL_MEANINGS[level])


def level_label(level: str, basis: str, complete: bool = True) -> str:
    """SC-JUDGE and SC-COMPLETE in a few words: ``High``, ``by count: HIGH (not yet judged)``,
    ``Not graded``, with `` · incomplete`` when items that apply were not asked."""
    text = level_words(level, basis)[0]
    return text if complete else f"{text} · {gettext('incomplete')}"


EVIDENCE_CAVEATS = (
    "Evaluations of police use of DASH have found its accuracy limited. Turner, Medina & Brown "
    "(2019) found officers' risk gradings little better than chance. Grogger et al. (2021) "
    "found the protocol's predictions less accurate than a classifier using base rates alone. "
    "Caulfield et al. (2025) report moderate accuracy for the most serious outcomes.",
    "The Home Office commissioned a review of DASH in 2025. Some police forces now use the "
    "College of Policing's DARA instead; partner agencies continue to use the SafeLives RIC.",
    "A yes-count is not a risk grading: the level is the practitioner's professional judgement, "
    "which this tool organises and never stands in for.",
)

ATTRIBUTION = (
    "DASH 2009 risk identification checklist: Laura Richards for ACPO and CAADA (2009).",
    "DASH risk identification checklist for partner agencies: SafeLives.",
    "S-DASH stalking and harassment screening: Sheridan & Roberts, operationalised by "
    "Laura Richards (2009).",
    "Stalking Risk Profile red flags: MacKenzie et al. (2009); stalking types: Mullen, Pathé "
    "& Purcell (2009).",
)

ABOUT = (
    "stalkscreen helps practitioners in England and Wales work through domestic-abuse and "
    "stalking risk identification checklists, see the rules that produce each outcome with "
    "the answers behind them, and write a referral summary. It works offline and never "
    "contacts a network."
)
