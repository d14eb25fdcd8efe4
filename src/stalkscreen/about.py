"""What the tool is and is not, in the project's own words (`about`, report footers)."""

from __future__ import annotations

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
    "standard": "The evidence gathered so far does not point to a likelihood of serious harm.",
    "medium": "There are recognisable signs of a risk of serious harm, but harm is not likely "
    "unless something in the situation changes.",
    "high": "There are recognisable signs of a risk of serious harm; it could happen at any "
    "moment and the impact would be serious.",
}

NOT_GRADED = (
    "Not graded: nothing recorded here grades the risk (the S-DASH and the other stalking "
    "questions have no cut-off), so the level shows as standard only by default. Record your "
    "professional judgement of the level."
)


def level_words(level: str, graded: bool) -> tuple[str, str]:
    """The level as a person should read it, and what it means: (``High``, meaning)."""
    if not graded:
        return "Not graded", NOT_GRADED
    return level.capitalize(), LEVEL_MEANINGS[level]


EVIDENCE_CAVEATS = (
    "Studies of police use of the DASH checklist have found its predictive accuracy limited: "
    "Turner, Medina & Brown (2019); Grogger et al. (2021), who found gradings little better than "
    "chance; Caulfield (2023), AUC 0.67.",
    "Since November 2022 many police forces have been moving from DASH to the College of "
    "Policing's DARA; partner agencies continue to use the SafeLives RIC.",
    "The tool organises professional judgement; it never stands in for it.",
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
