"""The answer vocabulary: the words, limits and checks an answer file is written in.

A leaf (the standard library and :mod:`stalkscreen.translation` only), so every layer may
use it — the incident log's ``reported_to_police``, the definitions' case fields, the fast
reading path and the models in :mod:`stalkscreen.answers` — without importing the models.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from stalkscreen.translation import N_, Words

Answer = Literal["yes", "no", "unknown"]

Relationship = Literal[
    "partner",
    "ex-partner",
    "family",
    "acquaintance",
    "colleague",
    "stranger",
    "professional",
    "other",
    "unknown",
]

Purpose = Literal["victim", "probation"]
"""Who the screening is with: a victim (the default) or, for probation, the person who stalks."""
DomainLevel = Literal["low", "moderate", "high"]
SrpDomain = Literal["violence", "persistence", "recurrence", "psychosocial-damage"]
SRP_DOMAINS: tuple[SrpDomain, ...] = get_args(SrpDomain)
PROBATION_CONTEXT: dict[str, tuple[str, ...]] = {
    "supervision": ("custody", "licence", "community-order", "none", "unknown"),
    "victim_contact": ("yes", "no", "unknown"),
    "police_involved": ("yes", "no", "unknown"),
}
"""The case details a probation screening keeps in ``context``, with the values each takes."""

MAX_COMMENT = 20_000
"""Longest comment accepted, in characters (about eight pages of typing)."""
MAX_SHORT_TEXT = 500
"""Longest source, practitioner, agency, context value or detail text."""
MAX_RATIONALE = 20_000

ANSWER_SPELLINGS: dict[str, Answer] = {
    "yes": "yes",
    "y": "yes",
    "true": "yes",
    "no": "no",
    "n": "no",
    "false": "no",
    "unknown": "unknown",
    "don't know": "unknown",
    "don’t know": "unknown",
    "dont know": "unknown",
    "dont-know": "unknown",
    "dont_know": "unknown",
    "dk": "unknown",
}
ACCEPTED_SPELLINGS = Words(N_("yes, no or unknown (also: true/false, y/n, don't know, dk)"))
"""The answer file's spellings, named in a problem; its joining words follow the language
(the spellings are what a file holds, the same in every language)."""


def normalise_answer(value: object) -> Answer | None:
    """The canonical answer for a value people really type, or ``None`` if it is not one."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        return ANSWER_SPELLINGS.get(value.strip().lower())
    return None


# Unicode's control characters (category Cc) are exactly C0, DEL and C1; one regex
# search is far cheaper than looking up the category of every character.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Any control character (Unicode category Cc)."""
CONTROL_EXCEPT_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""A control character other than tab, line feed and carriage return."""


FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
"""Unicode format characters (category Cf): bidi overrides, zero-width spaces and joiners.
Invisible, they make two references that look the same differ, or reorder a line."""


CASE_FIELDS: tuple[str, ...] = (
    "reference",
    "assessed_on",
    "practitioner",
    "agency",
    "relationship",
    "incidents_last_12_months",
    "crimes_last_12_months",
    "last_marac_on",
)
"""The fields of a screening's ``case``, in order (:class:`stalkscreen.answers.Case` checks
at import that its fields are these)."""
