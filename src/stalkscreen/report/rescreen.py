"""Markdown and HTML for `compare` and `history` (bundled templates, the summary's escaping)."""

from __future__ import annotations

from typing import Literal

from stalkscreen.about import NOT_PREDICTION
from stalkscreen.compare import Comparison
from stalkscreen.definitions.library import Library
from stalkscreen.history import Timeline
from stalkscreen.report.charts import level_chart
from stalkscreen.report.render import render_bundled


def _not_prediction(library: Library | None) -> str:
    """The not-a-prediction note in the library's language (English without one)."""
    if library is None:
        return NOT_PREDICTION
    from stalkscreen.definitions.words import about_texts

    return about_texts(library).not_prediction


def render_comparison(
    change: Comparison, fmt: Literal["md", "html"], marking: str, library: Library | None = None
) -> str:
    """What changed between two screenings, as Markdown or one self-contained HTML file."""
    variables = {"change": change, "marking": marking, "not_prediction": _not_prediction(library)}
    return render_bundled(f"compare.{fmt}.j2", variables)


def timeline_chart(timeline: Timeline) -> str:
    """The level-over-time SVG of a timeline (undated screenings labelled by file name)."""
    points = [(e.assessed_on or e.file, e.risk_level) for e in timeline.entries]
    return str(level_chart(points))


def render_timeline(
    timeline: Timeline, fmt: Literal["md", "html"], marking: str, library: Library | None = None
) -> str:
    """A case's screenings over time; the HTML embeds the level chart as SVG."""
    variables = {
        "timeline": timeline,
        "marking": marking,
        "not_prediction": _not_prediction(library),
        "chart_svg": timeline_chart(timeline) if fmt == "html" else "",
    }
    return render_bundled(f"history.{fmt}.j2", variables)
