"""Rendering the MARAC referral form: Markdown, HTML, PDF (from the HTML) and JSON.

The form renders through the summary's machinery (search path, sandbox for user folders,
escaping, the PDF printer that fetches nothing). The template is the bundled
``marac.md.j2`` / ``marac.html.j2``, or the area's own form when the profile names one
(``marac_template``): that name must be found on the template search path, or the command
stops (exit 3) saying which profile, which file, and where it looked.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal

from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Reports
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.profiles import Profile
from stalkscreen.errors import InvalidInputError, shown
from stalkscreen.report.marac import MaracForm, build_marac_form, refuse_if_not_marac
from stalkscreen.report.render import (
    Format,
    check_template_dirs,
    html_to_pdf,
    render_named,
    report_context,
    template_exists,
    template_search_path,
)
from stalkscreen.scoring import Screening

BUNDLED_FORM = "marac"
"""The bundled form's template name, without its ending."""


def marac_template(
    profile: Profile,
    fmt: Literal["md", "html"],
    template_dirs: Sequence[Path] = (),
    profile_source: str | None = None,
) -> str:
    """The template of the form in ``fmt``: the profile's own, found on the search path,
    else the bundled one. A profile naming a template that is not there is an error."""
    base = profile.marac_template or BUNDLED_FORM
    name = f"{base}.{fmt}.j2"
    if profile.marac_template is not None and not template_exists(name, fmt, template_dirs):
        folders = ", ".join(shown(d) for d in template_search_path(template_dirs))
        raise InvalidInputError.of(
            Reports.MARAC_TEMPLATE_MISSING,
            profile_source or f"profile {profile.id}",
            "marac_template",
            base=base,
            name=name,
            folders=folders,
        )
    return name


def marac_form(
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    profile: Profile,
    *,
    template_dirs: Sequence[Path] = (),
    marking: str | None = None,
    generated_at: datetime | None = None,
    source: str = "the screening",
) -> MaracForm:
    """The form's fields for one screening; :class:`NotAMaracCase` (exit 3) for a screening
    MARAC is not for (``source`` names the file in that message)."""
    refuse_if_not_marac(screening, profile, source)
    context = report_context(
        answers,
        screening,
        library,
        profile,
        template_dirs=template_dirs,
        marking=marking,
        generated_at=generated_at,
    )
    return build_marac_form(context, answers, screening, library, profile)


def render_marac(
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    profile: Profile,
    fmt: Format,
    *,
    template_dirs: Sequence[Path] = (),
    marking: str | None = None,
    generated_at: datetime | None = None,
    source: str = "the screening",
    profile_source: str | None = None,
) -> str | bytes:
    """The MARAC referral form: text for md/html/json (json: the form's fields), bytes for
    pdf."""
    dirs = check_template_dirs(template_dirs)
    form = marac_form(
        answers,
        screening,
        library,
        profile,
        template_dirs=dirs,
        marking=marking,
        generated_at=generated_at,
        source=source,
    )
    if fmt == "json":
        return json.dumps(form.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    markup: Literal["md", "html"] = "md" if fmt == "md" else "html"
    name = marac_template(profile, markup, dirs, profile_source)
    variables = {field: getattr(form, field) for field in type(form).model_fields}
    text = render_named(
        name, variables, markup, dirs, chosen_by_user=profile.marac_template is not None
    )
    return html_to_pdf(text) if fmt == "pdf" else text
