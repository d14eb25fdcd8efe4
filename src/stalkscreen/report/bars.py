"""Bar charts as inline SVG for HTML pages: no script, every text escaped, labelled.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and ``<desc>`` (which
says the table after it holds the same numbers), with a ``<title>`` on each bar (a
tooltip) and its value written beside it, so it reads without colour too. The
charts of :mod:`stalkscreen.report.charts` follow one case; these count many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup

from stalkscreen.i18n import gettext
from stalkscreen.report.escape import svg_text as escape

WIDTH = 720
TOP = 34
BOTTOM = 62
LEFT = 44
RIGHT = 16
PLOT_HEIGHT = 180
ROW = 22
MAX_LABEL = 48


class Series(NamedTuple):
    """One set of bars: a name (the legend), a colour, a value per label."""

    name: str
    colour: str
    values: Sequence[int]


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    same = gettext("The table after the chart holds the same numbers.")
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif" '
        f'font-size="11">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)} {escape(same)}</desc>',
    ]


def _legend(series: Sequence[Series], y: float) -> list[str]:
    parts: list[str] = []
    x = LEFT
    for s in series:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{_attr(s.colour)}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}">{escape(s.name)}</text>')
        x += 24 + 7 * len(s.name)
    return parts


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _describe(labels: Sequence[str], series: Sequence[Series]) -> str:
    if not labels:
        return gettext("Nothing to show.")
    rows = []
    for i, label in enumerate(labels):
        values = ", ".join(f"{s.name} {s.values[i]}" for s in series)
        rows.append(f"{label}: {values}")
    return "; ".join(rows) + "."


def bar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    across: bool = False,
) -> Markup:
    """Bars side by side for each label: upright (one group per month), or ``across``
    (one row per label, for long labels such as reasons)."""
    if across:
        return _across(chart_id, title, labels, series)
    top = max((v for s in series for v in s.values), default=0) or 1
    height = TOP + PLOT_HEIGHT + BOTTOM
    parts = _open(chart_id, WIDTH, height, title, _describe(labels, series))
    parts += _legend(series, 16)
    base = TOP + PLOT_HEIGHT
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#333"/>')
    group = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar = max(min(group * 0.8 / max(len(series), 1), 40), 2)
    for i, label in enumerate(labels):
        x0 = LEFT + i * group + (group - bar * len(series)) / 2
        for k, s in enumerate(series):
            value = s.values[i]
            h = PLOT_HEIGHT * value / top
            x = x0 + k * bar
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{_attr(s.colour)}"><title>{escape(f"{label}, {s.name}: {value}")}'
                "</title></rect>"
            )
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{base - h - 3:.1f}" '
                f'text-anchor="middle" font-size="10">{value}</text>'
            )
        cx = LEFT + i * group + group / 2
        parts.append(
            f'<text x="{cx:.1f}" y="{base + 14}" text-anchor="end" '
            f'transform="rotate(-40 {cx:.1f} {base + 14})">{escape(_short(label))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text is escaped above)


def _across(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series]) -> Markup:
    left = min(max(max((len(_short(x)) for x in labels), default=10) * 6.5 + 16, 90), 330)
    rows = max(len(labels), 1)
    height = 12 + rows * ROW * len(series) + 12
    parts = _open(chart_id, WIDTH, height, title, _describe(labels, series))
    top = max((v for s in series for v in s.values), default=0) or 1
    plot = WIDTH - left - RIGHT - 40
    y = 12.0
    if not labels:
        parts.append(f'<text x="{LEFT}" y="{y + 12}">none</text>')
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{left - 6}" y="{y + 15:.1f}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
        )
        for s in series:
            value = s.values[i]
            w = plot * value / top
            parts.append(
                f'<rect x="{left}" y="{y + 4:.1f}" width="{w:.1f}" height="{ROW - 8}" '
                f'fill="{_attr(s.colour)}"><title>{escape(f"{label}: {value}")}</title></rect>'
            )
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + 15:.1f}">{value}</text>')
            y += ROW
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text is escaped above)


def stacked_chart(
    chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series]
) -> Markup:
    """One upright bar per label, stacked by series (e.g. levels by month)."""
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    height = TOP + PLOT_HEIGHT + BOTTOM
    parts = _open(chart_id, WIDTH, height, title, _describe(labels, series))
    parts += _legend(series, 16)
    base = TOP + PLOT_HEIGHT
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#333"/>')
    group = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar = max(min(group * 0.7, 48), 2)
    for i, label in enumerate(labels):
        x = LEFT + i * group + (group - bar) / 2
        y = float(base)
        for s in series:
            value = s.values[i]
            if not value:
                continue
            h = PLOT_HEIGHT * value / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{_attr(s.colour)}" stroke="#fff"><title>'
                f"{escape(f'{label}, {s.name}: {value}')}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" '
            f'font-size="10">{totals[i]}</text>'
        )
        cx = x + bar / 2
        parts.append(
            f'<text x="{cx:.1f}" y="{base + 14}" text-anchor="end" '
            f'transform="rotate(-40 {cx:.1f} {base + 14})">{escape(_short(label))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (every text is escaped above)
