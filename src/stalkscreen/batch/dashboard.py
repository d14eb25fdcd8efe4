"""A picture of the year (`batch --dashboard PATH.html`): one self-contained HTML page.

Each screening is reduced, beside the scorer, to the few facts the page counts
(:class:`DashboardFacts`: its month, level, referral and reasons, red flags and
heightened-risk factors, completeness); the main process adds them up as they
come, so memory holds counts, not screenings (and the references referred, to
count repeat referrals within the batch). When the run finishes the page is
rendered from ``reports/dashboard.html.j2``: SVG bar charts (no script, no
outside request, the report's Content-Security-Policy), each with a table twin
holding the same numbers for screen readers, and written atomically (0600).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from stalkscreen.batch.outputs import Sink
from stalkscreen.batch.summary import ERROR, OK
from stalkscreen.batch.work import Outcome, Renderer, Scored
from stalkscreen.definitions.models import LEVELS
from stalkscreen.i18n import gettext as _
from stalkscreen.report.bars import Series, bar_chart, stacked_chart
from stalkscreen.report.render import render_bundled
from stalkscreen.storage import write_atomic

NOT_GRADED = "not graded"
UNKNOWN_MONTH = "no date"
REPEAT = "repeat-marac"
UNKNOWN_HEAVY = 0.25
"""A screening is unknown-heavy when at least this share of its DASH/RIC items that were
answered are don't know: too little known to grade by count with confidence."""
LEVEL_KEYS = (*LEVELS, NOT_GRADED)
LEVEL_COLOURS = {
    "standard": "#2e7d32",
    "medium": "#8a5300",
    "high": "#b00020",
    NOT_GRADED: "#5f6368",
}


class DashboardFacts(NamedTuple):
    """What the page counts of one screening (a failed input: its status only)."""

    status: str
    month: str = UNKNOWN_MONTH
    level: str = NOT_GRADED
    marac: bool = False
    reasons: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()
    complete: bool = True
    unknown_heavy: bool = False
    draft: bool = False
    reference: str | None = None


def _unknown_heavy(record: dict[str, Any]) -> bool:
    for inst in ("dash", "dash-ric"):
        counts = record["instruments"].get(inst)
        if counts:
            answered: int = counts["yes"] + counts["no"] + counts["unknown"]
            return answered > 0 and counts["unknown"] >= UNKNOWN_HEAVY * answered
    return False


class DashboardRows:
    """Renders one outcome as its :class:`DashboardFacts`."""

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> DashboardFacts:
        record = outcome.record
        if not outcome.ok or record is None:
            return DashboardFacts(outcome.status)
        marac = bool(record["marac_referral"])
        # what made the referral (a red flag raises the level; it is no MARAC reason)
        reasons = record["marac_reasons"] if marac else ()
        return DashboardFacts(
            OK,
            (record.get("assessed_on") or "")[:7] or UNKNOWN_MONTH,
            record["risk_level"] if record["graded"] else NOT_GRADED,
            marac,
            tuple(reasons),
            tuple(record["red_flags"]),
            tuple(record.get("heightened_risk_factors") or ()),
            bool(record["complete"]),
            _unknown_heavy(record),
            record.get("status") == "in-progress",
            record["reference"] if marac else None,
        )


@dataclass
class Counts:
    """Everything the page shows, added up as the screenings come."""

    scored: int = 0
    invalid: int = 0
    errors: int = 0
    months: Counter[str] = field(default_factory=Counter)
    marac_months: Counter[str] = field(default_factory=Counter)
    levels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    reasons: Counter[str] = field(default_factory=Counter)
    red_flags: Counter[str] = field(default_factory=Counter)
    factors: Counter[str] = field(default_factory=Counter)
    repeat_months: Counter[str] = field(default_factory=Counter)
    incomplete_months: Counter[str] = field(default_factory=Counter)
    unknown_heavy: int = 0
    drafts: int = 0
    referred: Counter[str] = field(default_factory=Counter)

    def add(self, f: DashboardFacts) -> None:
        if f.status != OK:
            if f.status == ERROR:
                self.errors += 1
            else:
                self.invalid += 1
            return
        self.scored += 1
        self.months[f.month] += 1
        self.levels[f.month][f.level] += 1
        if f.marac:
            self.marac_months[f.month] += 1
            self.reasons.update(f.reasons)
            if REPEAT in f.reasons:
                self.repeat_months[f.month] += 1
            if f.reference is not None:
                self.referred[f.reference] += 1
        self.red_flags.update(f.red_flags)
        self.factors.update(f.factors)
        if not f.complete:
            self.incomplete_months[f.month] += 1
        self.unknown_heavy += f.unknown_heavy
        self.drafts += f.draft


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _level_key(key: str) -> str:
    """A column of the level table: the level's name, or "not graded", in the language."""
    from stalkscreen.about import level_name

    return _("not graded") if key == NOT_GRADED else level_name(key)


def page_variables(counts: Counts, *, marking: str, generated_at: datetime) -> dict[str, Any]:
    """The template's variables: every chart with the rows of its table twin."""
    months = sorted(m for m in counts.months if m != UNKNOWN_MONTH)
    if UNKNOWN_MONTH in counts.months:
        months.append(UNKNOWN_MONTH)
    per_month = [
        (m, counts.months[m], counts.marac_months[m], counts.repeat_months[m]) for m in months
    ]
    level_rows = [(m, [counts.levels[m][k] for k in LEVEL_KEYS]) for m in months]
    level_totals = [sum(counts.levels[m][k] for m in months) for k in LEVEL_KEYS]
    twice = sum(1 for n in counts.referred.values() if n > 1)
    quality = [
        (_("inputs that could not be read or were not valid"), counts.invalid),
        (_("inputs that failed while scoring (a fault)"), counts.errors),
        (_("incomplete screenings (items not asked)"), sum(counts.incomplete_months.values())),
        (
            _("unknown-heavy screenings (a quarter or more of DASH/RIC answers don't know)"),
            counts.unknown_heavy,
        ),
        (_("drafts (in progress) scored"), counts.drafts),
        (_("screenings nothing graded"), level_totals[-1]),
    ]
    series_month = [
        Series(_("screenings"), "#1a5e9a", [n for _, n, _, _ in per_month]),
        Series(_("MARAC referrals"), "#b00020", [r for _, _, r, _ in per_month]),
    ]
    charts = {
        "months": bar_chart(
            "months",
            _("Screenings and MARAC referrals per month"),
            months,
            series_month,
        ),
        "levels": stacked_chart(
            "levels",
            _("Risk level by month, with the screenings nothing graded"),
            months,
            [
                Series(_level_key(k), LEVEL_COLOURS[k], [counts.levels[m][k] for m in months])
                for k in LEVEL_KEYS
            ],
        ),
        "reasons": _hbars("reasons", _("MARAC referrals by reason"), _ranked(counts.reasons)),
        "red_flags": _hbars("red-flags", _("SRP red flags present"), _ranked(counts.red_flags)),
        "factors": _hbars("factors", _("Heightened-risk factors present"), _ranked(counts.factors)),
        "repeats": bar_chart(
            "repeats",
            _("Repeat MARAC referrals (SC-REPEAT) per month"),
            months,
            [Series(_("repeat referrals"), "#6a1b9a", [p[3] for p in per_month])],
        ),
        "incomplete": bar_chart(
            "incomplete",
            _("Incomplete screenings per month"),
            months,
            [Series(_("incomplete"), "#8a5300", [counts.incomplete_months[m] for m in months])],
        ),
        "quality": _hbars("quality", _("Data quality"), quality),
    }
    return {
        "marking": marking,
        "generated_at": generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "counts": counts,
        "screenings": counts.scored + counts.invalid + counts.errors,
        "marac": sum(counts.marac_months.values()),
        "per_month_rows": [(m, n, r) for m, n, r, _ in per_month],
        "repeat_rows": [(m, k) for m, _, _, k in per_month],
        "level_head": [_("Month"), *(_level_key(k) for k in LEVEL_KEYS)],
        "level_table": [
            *((m, *values) for m, values in level_rows),
            (_("all months"), *level_totals),
        ],
        "reasons": _ranked(counts.reasons),
        "red_flags": _ranked(counts.red_flags),
        "factors": _ranked(counts.factors),
        "referred_twice": twice,
        "incomplete": [(m, counts.incomplete_months[m]) for m in months],
        "quality": quality,
        "charts": charts,
    }


def _hbars(chart_id: str, title: str, rows: list[tuple[str, int]]) -> Any:
    labels = [label for label, _ in rows]
    return bar_chart(
        chart_id, title, labels, [Series(_("count"), "#1a5e9a", [n for _, n in rows])], across=True
    )


class DashboardSink(Sink):
    """Counts every screening; writes the page at ``path`` when the run finishes."""

    def __init__(self, path: Path, *, marking: str, generated_at: datetime) -> None:
        self.path = path
        self.marking = marking
        self.generated_at = generated_at
        self.counts = Counts()

    def renderer(self) -> Renderer:
        return DashboardRows()

    def write(self, piece: Any) -> None:
        self.counts.add(piece)

    def finish(self) -> None:
        variables = page_variables(
            self.counts, marking=self.marking, generated_at=self.generated_at
        )
        html = render_bundled("dashboard.html.j2", variables)
        write_atomic(self.path, html.encode("utf-8"))
