"""Threshold what-if (`batch --compare-profile NAME`): how many outcomes a second profile changes.

Each scored screening is scored again under the second area profile (beside the
scorer, like any rendering); this sink counts the referrals under each profile,
the referrals the second profile would add or drop, the levels it would raise or
lower, and the referral reasons under each. The records carry each screening's
outcome under the second profile (``compare_*`` columns, :mod:`batch.records`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from stalkscreen.batch.outputs import Sink
from stalkscreen.batch.work import Outcome, Renderer, Scored
from stalkscreen.definitions.models import level_rank


class Pair(NamedTuple):
    """One screening's referral, level and reasons under the run's profile and the other."""

    marac: bool
    other_marac: bool
    level: str
    other_level: str
    reasons: tuple[str, ...]
    other_reasons: tuple[str, ...]


class PairRows:
    """Scores one screening again under ``profile`` (nothing for a failed input)."""

    def __init__(self, profile: str) -> None:
        self.profile = profile

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> Pair | None:
        if scored is None or not outcome.ok:
            return None
        from stalkscreen.scoring import score

        base = scored.screening
        other = score(scored.answers, scored.library, scored.library.profile(self.profile).profile)
        return Pair(
            base.marac_referral,
            other.marac_referral,
            base.risk_level,
            other.risk_level,
            base.marac_reasons,
            other.marac_reasons,
        )


@dataclass
class WhatIf(Sink):
    """Counts how the outcomes differ under ``profile``."""

    profile: str
    scored: int = 0
    referrals: int = 0
    other_referrals: int = 0
    gained: int = 0
    lost: int = 0
    raised: int = 0
    lowered: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    other_reasons: Counter[str] = field(default_factory=Counter)

    def renderer(self) -> Renderer:
        return PairRows(self.profile)

    def write(self, piece: Any) -> None:
        if piece is None:
            return
        pair: Pair = piece
        self.scored += 1
        self.referrals += pair.marac
        self.other_referrals += pair.other_marac
        self.gained += pair.other_marac and not pair.marac
        self.lost += pair.marac and not pair.other_marac
        change = level_rank(pair.other_level) - level_rank(pair.level)  # type: ignore[arg-type]
        self.raised += change > 0
        self.lowered += change < 0
        self.reasons.update(pair.reasons)
        self.other_reasons.update(pair.other_reasons)

    def to_dict(self) -> dict[str, Any]:
        names = sorted(set(self.reasons) | set(self.other_reasons))
        return {
            "profile": self.profile,
            "scored": self.scored,
            "marac_referrals": self.referrals,
            "marac_referrals_compared": self.other_referrals,
            "referrals_gained": self.gained,
            "referrals_lost": self.lost,
            "levels_raised": self.raised,
            "levels_lowered": self.lowered,
            "marac_reasons": {r: [self.reasons[r], self.other_reasons[r]] for r in names},
        }
