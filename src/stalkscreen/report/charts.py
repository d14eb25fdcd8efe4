"""Small inline SVG charts for HTML outputs: no JavaScript, accessible, text labels.

Each chart is a self-contained ``<svg role="img">`` with a ``<title>`` and a
``<desc>`` (read by screen readers), a ``<title>`` on every point or bar (the
tooltip), and visible text labels. The ``<title>`` holds the numbers, not only the
chart's name: WeasyPrint makes it the PDF's /Alt text (the PDF/UA figure alternative),
and it reads nothing else. The ``viewBox`` and the ``chart`` class (``max-width: 100%``
in summary.css) let the chart shrink with a narrow screen. Every piece of text is
XML-escaped here, so the markup is safe to print unescaped into an HTML template.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup

from stalkscreen.definitions.models import LEVELS, Level, level_rank
from stalkscreen.i18n import gettext, ngettext, short_date_text
from stalkscreen.report.escape import svg_text as escape

WIDTH = 640
LEFT = 90
RIGHT = 20
TOP = 20
BOTTOM = 50
LEVEL_COLOURS = {"standard": "#2e7d32", "medium": "#b26a00", "high": "#b00020"}
FONT_SIZE = 11
EM_PER_CHAR = 0.7
"""Room a label needs per character, in em: DejaVu Sans (the widest font summary.css names)
averages 0.55 em over date labels (measured in the PDF, "01 Jun 26" is 52 units wide at 11)."""
LABEL_GAP = 10


def _text(x: float, y: float, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(text)}</text>'


def _open(chart_id: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def level_chart(points: Sequence[tuple[str, Level]], *, chart_id: str = "levels") -> Markup:
    """Risk level over time: one labelled point per screening, joined by a line."""
    height = TOP + 3 * 50 + BOTTOM
    plot_w = WIDTH - LEFT - RIGHT
    from stalkscreen.about import level_name

    levels = "; ".join(f"{label}: {level_name(level)}" for label, level in points) or gettext(
        "no screenings"
    )
    parts = _open(
        chart_id,
        height,
        gettext("Risk level at each screening, earliest first: %(levels)s.") % {"levels": levels},
        gettext(
            "One point per screening, evenly spaced, joined by a line; the level is on the "
            "left, the date under the point."
        ),
    )

    def y_of(level: Level) -> float:
        return TOP + (2 - level_rank(level)) * 50 + 25

    for level in LEVELS:
        y = y_of(level)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#ccc" stroke-dasharray="3 3"/>'
        )
        parts.append(_text(LEFT - 8, y + 4, level_name(level), text_anchor="end"))
    n = len(points)
    xs = [LEFT + (plot_w * (i + 0.5) / n) for i in range(n)]
    step = label_step(plot_w / max(1, n), max((len(label) for label, _ in points), default=0))
    if n > 1:
        path = " ".join(f"{x:.1f},{y_of(lv):.1f}" for x, (_, lv) in zip(xs, points, strict=True))
        parts.append(f'<polyline class="trend" points="{path}" fill="none" stroke="#555"/>')
    for i, (x, (label, level)) in enumerate(zip(xs, points, strict=True)):
        parts.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y_of(level):.1f}" r="6" '
            f'fill="{LEVEL_COLOURS[level]}"><title>{escape(label)}: {level_name(level)}</title>'
            "</circle>"
        )
        if (n - 1 - i) % step == 0:
            parts.append(_text(x, height - BOTTOM + 20, label, text_anchor="middle"))
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704 (every text above is escaped)


def label_step(slot: float, longest: int) -> int:
    """Label every ``step``-th point or bar, ``slot`` apart, so that no two labels of up to
    ``longest`` characters overlap; the charts count back from the latest, always labelled."""
    return max(1, math.ceil((EM_PER_CHAR * FONT_SIZE * longest + LABEL_GAP) / slot))


def weekly_chart(
    weeks: Sequence[tuple[date, int]], *, chart_id: str = "incidents-per-week"
) -> Markup:
    """Incidents per week (weeks start on Monday): one labelled bar per week."""
    height = TOP + 150 + BOTTOM
    plot_w = WIDTH - LEFT - RIGHT
    top = max((c for _, c in weeks), default=0) or 1
    total = sum(c for _, c in weeks)
    span = (
        gettext("%(first)s to %(last)s")
        % {"first": weeks[0][0].isoformat(), "last": weeks[-1][0].isoformat()}
        if weeks
        else gettext("no weeks")
    )
    parts = _open(
        chart_id,
        height,
        gettext(
            "Incidents per week, from the incident log: %(total)s incidents over %(weeks)s "
            "weeks (%(span)s); the busiest week had %(top)s."
        )
        % {"total": total, "weeks": len(weeks), "span": span, "top": top},
        gettext(
            "One bar per week, weeks starting on Monday; the height is the number of "
            "incidents. Dates under the bars name the week; when the weeks are many, only "
            "some are named."
        ),
    )
    base = TOP + 150
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#555"/>')
    parts.append(_text(LEFT - 8, TOP + 4, str(top), text_anchor="end"))
    parts.append(_text(LEFT - 8, base + 4, "0", text_anchor="end"))
    n = max(1, len(weeks))
    slot = plot_w / n
    step = label_step(slot, len("01 Gorff 26"))  # the longest short date in any language
    for i, (monday, count) in enumerate(weeks):
        h = 150 * count / top
        x = LEFT + i * slot + slot * 0.1
        label = ngettext(
            "week of %(monday)s: %(num)s incident", "week of %(monday)s: %(num)s incidents", count
        ) % {"monday": monday.isoformat(), "num": count}
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{base - h:.1f}" width="{slot * 0.8:.1f}" '
            f'height="{h:.1f}" fill="#3949ab"><title>{escape(label)}</title></rect>'
        )
        if (len(weeks) - 1 - i) % step == 0:
            parts.append(
                _text(x + slot * 0.4, base + 16, short_date_text(monday), text_anchor="middle")
            )
    parts.append(_text(LEFT, height - 8, gettext("Weeks start on Monday; each bar is one week.")))
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704 (every text above is escaped)
