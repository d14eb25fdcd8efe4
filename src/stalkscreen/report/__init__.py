"""Referral summaries: a typed :class:`ReportContext` rendered through Jinja2.

Use :func:`render_report` from any command (``report``, the interview, batch):
it builds the context, renders Markdown, HTML, JSON or PDF, and raises only
:class:`~stalkscreen.errors.StalkscreenError` subclasses for user problems.
No terminal libraries are imported here.
"""

from stalkscreen.report.context import build_context
from stalkscreen.report.naming import report_filename, safe_stem
from stalkscreen.report.render import (
    FORMATS,
    Format,
    MissingDependencyError,
    render_context,
    render_report,
    report_context,
)
from stalkscreen.report.views import ReportContext

__all__ = [
    "FORMATS",
    "Format",
    "MissingDependencyError",
    "ReportContext",
    "build_context",
    "render_context",
    "render_report",
    "report_context",
    "report_filename",
    "safe_stem",
]
