"""Markdown and HTML for `compare` and `history` (bundled templates, the summary's escaping)."""

from __future__ import annotations

from typing import Literal

from stalkscreen.about import NOT_PREDICTION
from stalkscreen.compare import Comparison
from stalkscreen.history import Timeline
from stalkscreen.report.charts import level_chart
from stalkscreen.report.render import render_bundled


def render_comparison(change: Comparison, fmt: Literal["md", "html"], marking: str) -> str:
    """What changed between two screenings, as Markdown or one self-contained HTML file."""
    variables = {"change": change, "marking": marking, "not_prediction": NOT_PREDICTION}
    return render_bundled(f"compare.{fmt}.j2", variables)


def timeline_chart(timeline: Timeline) -> str:
    """The level-over-time SVG of a timeline (undated screenings labelled by file name)."""
    points = [(e.assessed_on or e.file, e.risk_level) for e in timeline.entries]
    return str(level_chart(points))


def render_timeline(timeline: Timeline, fmt: Literal["md", "html"], marking: str) -> str:
    """A case's screenings over time; the HTML embeds the level chart as SVG."""
    variables = {
        "timeline": timeline,
        "marking": marking,
        "not_prediction": NOT_PREDICTION,
        "chart_svg": timeline_chart(timeline) if fmt == "html" else "",
    }
    return render_bundled(f"history.{fmt}.j2", variables)
