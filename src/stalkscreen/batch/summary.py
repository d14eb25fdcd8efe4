"""What a batch found, counted as it streams (no result is kept).

Each worker counts the screenings of a chunk into a :class:`Summary` of its
own; the main process only merges those, so counting costs it nothing per
screening.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from stalkscreen.definitions.models import LEVELS
from stalkscreen.scoring.engine import REASON_ORDER

OK = "ok"
INVALID = "invalid"
ERROR = "error"
"""What became of one input screening: scored, not valid, or a fault while scoring it."""
NOT_GRADED = "not-graded"
"""The bucket of screenings nothing graded (SC-UNKNOWN, SC-LEVEL): never counted as standard."""


@dataclass
class Summary:
    """Counts by level, MARAC referrals by reason, red-flag prevalence, failures."""

    screenings: int = 0
    scored: int = 0
    invalid: int = 0
    errors: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    marac: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    urgent: int = 0
    red_flags: Counter[str] = field(default_factory=Counter)
    incomplete: int = 0
    stopped_early: bool = False

    @property
    def failed(self) -> int:
        return self.invalid + self.errors

    def add(self, status: str, record: dict[str, Any] | None) -> None:
        """Count one outcome: its status and, when it scored, its score record."""
        self.screenings += 1
        if status != OK or record is None:
            if status == ERROR:
                self.errors += 1
            else:
                self.invalid += 1
            return
        self.scored += 1
        # SC-UNKNOWN / SC-LEVEL: an ungraded screening is "standard" only by default
        self.levels[record["risk_level"] if record.get("graded", True) else NOT_GRADED] += 1
        if record["marac_referral"]:
            self.marac += 1
            # only what made the referral (a red flag raises the level; it is no MARAC reason)
            self.reasons.update(record.get("marac_reasons", record["reasons"]))
        if record["urgent"]:
            self.urgent += 1
        self.red_flags.update(record["red_flags"])
        if not record["complete"]:
            self.incomplete += 1

    def merge(self, other: Summary) -> None:
        """Add the counts of another part of the same batch."""
        self.screenings += other.screenings
        self.scored += other.scored
        self.invalid += other.invalid
        self.errors += other.errors
        self.levels.update(other.levels)
        self.marac += other.marac
        self.reasons.update(other.reasons)
        self.urgent += other.urgent
        self.red_flags.update(other.red_flags)
        self.incomplete += other.incomplete
        self.stopped_early |= other.stopped_early

    def share(self, count: int) -> float:
        """``count`` as a fraction of the scored screenings."""
        return round(count / self.scored, 4) if self.scored else 0.0

    def to_dict(self) -> dict[str, Any]:
        reasons = [r for r in REASON_ORDER if r in self.reasons] + sorted(
            r for r in self.reasons if r not in REASON_ORDER
        )
        return {
            "screenings": self.screenings,
            "scored": self.scored,
            "failed": self.failed,
            INVALID: self.invalid,
            ERROR: self.errors,
            "stopped_early": self.stopped_early,
            "risk_levels": {level: self.levels.get(level, 0) for level in (*LEVELS, NOT_GRADED)},
            "marac_referrals": self.marac,
            "marac_reasons": {r: self.reasons[r] for r in reasons},
            "urgent": self.urgent,
            "red_flags": {
                flag: {"count": n, "share": self.share(n)}
                for flag, n in sorted(self.red_flags.items(), key=lambda kv: (-kv[1], kv[0]))
            },
            "incomplete": self.incomplete,
        }
