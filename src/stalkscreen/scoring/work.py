"""What the scoring rules accumulate while scoring one screening, and small shared helpers."""

from __future__ import annotations

from stalkscreen.definitions.models import LEVELS, Level, level_rank
from stalkscreen.i18n import Message
from stalkscreen.scoring.result import Evidence

REASON_ORDER = (
    "visible-high-risk",
    "potential-escalation",
    "professional-judgement",
    "repeat-marac",
    "srp-red-flag",
    "honour-based-violence",
)


RANK: dict[Level, int] = {level: level_rank(level) for level in LEVELS}


def level_message(level: str) -> Message:
    """A level (``high``) as a value of a :class:`Message`: said as the level's name in the
    language the message is rendered in (the catalogue's ``level`` context)."""
    return Message(level, context="level")


def higher(level: Level | None, other: Level | None) -> Level | None:
    """The higher of two levels, either of which may be missing."""
    if level is None:
        return other
    if other is None or RANK[level] >= RANK[other]:
        return level
    return other


class Work:
    """What the rules accumulate while scoring one screening."""

    __slots__ = (
        "discounted",
        "evidence",
        "incomplete",
        "level_reasons",
        "marac",
        "marac_reasons",
        "warnings",
    )

    def __init__(self) -> None:
        self.evidence: list[Evidence] = []
        self.level_reasons: set[str] = set()
        self.marac_reasons: set[str] = set()
        self.warnings: list[str] = []
        self.incomplete: list[str] = []
        self.marac = False
        self.discounted: dict[str, list[str]] = {}
        """Yes answers not counted (SC-COUNT's `counts_when`), by instrument."""

    def refer(self, code: str) -> None:
        self.marac_reasons.add(code)
        self.marac = True
