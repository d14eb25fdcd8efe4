"""A scoring rule's effect (``urgent; level high``) in the language in force."""

from __future__ import annotations

import re
from functools import lru_cache

from stalkscreen.about import level_name
from stalkscreen.i18n import N_, Message, current, gettext, localize
from stalkscreen.scoring.probation import DOMAIN_WORDS

EFFECTS = (
    N_("MARAC referral"),
    N_("counted as no"),
    N_("judgement prompts (not scored)"),
    N_("no MARAC referral"),
    N_("no finding (weigh on judgement)"),
    N_("not graded"),
    N_("recorded (professional judgement; not scored)"),
    N_("red flag as defined"),
    N_("red flag kept, with a note"),
    N_("stalking indicated"),
    N_("S-DASH called for"),
    N_("stalking routes apply"),
    N_("urgent"),
    N_("urgent (profile does not raise the level)"),
    N_("shown only (no logged incident is marked reported to police)"),
    N_("shown only (the recorded police count is used)"),
)
"""The scoring engine's effect phrases (``; ``-joined in one rule's effect), translated
where a summary shows them; the score JSON keeps the engine's English."""
_LEVEL_EFFECT = re.compile(r"level (standard|medium|high)( confirmed)?")
_DERIVED = re.compile(r"incidents_last_12_months = (\d+) \(derived from the log\)")


def domain_name(domain: str) -> str:
    """An SRP domain as outputs name it: its id in English (``SRP violence``), as they
    always have, its words in another language (``risg o drais``)."""
    words = DOMAIN_WORDS.get(domain)
    return localize(Message(words, english=domain)) if words else domain


def effect_words(effect: str) -> str:
    """A rule's effect in the language in force (unknown phrases as they are)."""
    return _effect_words(effect, current())


@lru_cache(maxsize=256)
def _effect_words(effect: str, language: str) -> str:
    """Remembered per effect and language: a few dozen effects recur in every summary."""
    parts = []
    for part in effect.split("; "):
        level = _LEVEL_EFFECT.fullmatch(part)
        derived = _DERIVED.fullmatch(part)
        if level is not None:
            name = level_name(level.group(1))
            if level.group(2):
                parts.append(gettext("level %(level)s confirmed") % {"level": name})
            else:
                parts.append(gettext("level %(level)s") % {"level": name})
        elif derived is not None:
            parts.append(
                gettext("incidents_last_12_months = %(count)s (derived from the log)")
                % {"count": derived.group(1)}
            )
        else:
            parts.append(gettext(part))
    return "; ".join(parts)
