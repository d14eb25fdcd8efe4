"""Rendering referral summaries: Markdown, HTML, JSON and PDF.

Templates live in the repository's ``reports/`` folder (shipped in the wheel)
and are found on a *search path*: the user's ``--template-dir`` folders first,
the bundled folder last. The bundled templates are also reachable under the
``default/`` prefix, so a user's ``summary.html.j2`` can start with
``{% extends "default/summary.html.j2" %}`` and replace a single block.
Whenever a user folder is on the path, every template runs in Jinja2's
sandbox: it can format the context, never reach Python internals.

Every template runs with Jinja2's i18n extension wired to :mod:`stalkscreen.i18n`:
``{{ _("Outcome") }}`` and ``{% trans %}`` blocks print the project's wording in the
language in force when the template renders (``i18n.using``), and every template sees
``lang`` (the BCP 47 tag for ``<html lang>``), ``translation_status`` and
``translation_draft`` (whether the footer must say the translation is a draft).

Free text is inert in every format: HTML templates autoescape; Markdown
templates escape every value they print (the ``md`` filter, and the same
escape applied to any plain string a template forgets to filter); the PDF is
printed from the escaped HTML and may fetch nothing. In every format an invisible
character (a bidi override, a zero-width space) is first made visible as ``\u202e``
(:func:`~stalkscreen.report.escape.visible`, in each environment's ``finalize`` and the
Markdown filters), so it cannot reorder what the reader sees.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from stalkscreen import i18n
from stalkscreen.about import level_name
from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Reports
from stalkscreen.compare import Comparison
from stalkscreen.definitions.languages import is_draft, translation_status
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.profiles import Profile
from stalkscreen.definitions.words import localise
from stalkscreen.errors import InvalidInputError, Problem, StalkscreenError, UsageError
from stalkscreen.report.advice import find_advice, load_advice
from stalkscreen.report.context import build_context
from stalkscreen.report.effects import domain_name
from stalkscreen.report.escape import (
    UNSEEN,
    breakable,
    css_string,
    md_block,
    md_code,
    md_escape,
    visible,
)
from stalkscreen.report.fixed_texts import FORMAT_FILTER, FixedTexts
from stalkscreen.report.html_output import html_format, print_in_one_call
from stalkscreen.report.views import ReportContext
from stalkscreen.resources import bundled_dir
from stalkscreen.scoring import Screening

Format = Literal["md", "html", "json", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "html", "json", "pdf")
TEMPLATES: dict[str, str] = {"md": "summary.md.j2", "html": "summary.html.j2"}
PROBATION_TEMPLATES: dict[str, str] = {"md": "probation.md.j2", "html": "probation.html.j2"}
"""The report of a probation screening (the person who stalks), chosen by its purpose."""
DEFAULT_PREFIX = "default"
MAX_MARKING = 80
PDF_INSTALL = "pip install 'stalkscreen[pdf]'"


class MissingDependencyError(InvalidInputError):
    """An optional dependency the requested output needs is not installed (exit 3)."""


def _md_finalize(value: Any) -> Any:
    """Markdown's safety net: any plain string printed unfiltered is escaped too."""
    if type(value) is str:  # not Markup (a str subclass): already escaped
        return md_escape(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return md_escape(value)
    return value


def _html_finalize(value: Any) -> Any:
    """HTML's counterpart: autoescape makes text inert, this makes invisible characters
    visible (a bidi override as ``\\u202e``) before it is escaped. Markup is built by
    stalkscreen from text already passed through here or :func:`visible`."""
    if type(value) is str and not value.isprintable():  # see visible(): most text is
        return visible(value)
    return value


def _md_value(value: Any) -> Any:
    return md_escape(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _md_format(translation: str, /, **variables: Any) -> Markup:
    """A translation for Markdown: the project's wording as written (it may use Markdown),
    each value put into it escaped like any other printed value. (Here and below the texts
    are positional only: a template's values may have any name, ``translation`` included.)"""
    text = translation % {k: _md_value(v) for k, v in variables.items()}
    return Markup(text)  # noqa: S704 (our own catalogue's text; the values are escaped)


def _md_gettext(message: str, /, **variables: Any) -> Markup:
    return _md_format(i18n.gettext(message), **variables)


def _md_ngettext(singular: str, plural: str, n: int, /, **variables: Any) -> Markup:
    values = {"num": n, **{k: _md_value(v) for k, v in variables.items()}}
    return Markup(i18n.ngettext(singular, plural, n) % values)  # noqa: S704 (as above)


def _md_pgettext(context: str, message: str, /, **variables: Any) -> Markup:
    text = i18n.pgettext(context, message) % {k: _md_value(v) for k, v in variables.items()}
    return Markup(text)  # noqa: S704 (as above)


def _html_values(variables: dict[str, Any]) -> dict[str, Any]:
    return {k: _html_finalize(v) for k, v in variables.items()}


def _html_format(translation: str, /, **variables: Any) -> Markup:
    """A translation for HTML: the project's wording (it may hold markup), each value put
    into it HTML-escaped (``Markup %``) after the finalize step's visible escapes."""
    text = html_format(translation, variables)  # the same, faster, where it can say
    return Markup(translation) % _html_values(variables) if text is None else text  # noqa: S704


def _html_gettext(message: str, /, **variables: Any) -> Markup:
    return _html_format(i18n.gettext(message), **variables)


def _html_ngettext(singular: str, plural: str, n: int, /, **variables: Any) -> Markup:
    values = {"num": n, **_html_values(variables)}
    return Markup(i18n.ngettext(singular, plural, n)) % values  # noqa: S704 (as above)


def _html_pgettext(context: str, message: str, /, **variables: Any) -> Markup:
    text = Markup(i18n.pgettext(context, message))  # noqa: S704 (as above)
    return text % _html_values(variables)


def _configure(env: jinja2.Environment, markdown: bool, code: str) -> jinja2.Environment:
    # Each format gets only its own filters: a Markdown escape printed into HTML
    # would be marked safe there without being HTML-escaped.
    # Each language has its own environment: a fixed message is translated when the
    # template is compiled (FixedTexts), one with values when it renders.
    env.add_extension("jinja2.ext.i18n")
    env.add_extension(FixedTexts)
    env.fixed_texts_language = code  # type: ignore[attr-defined]
    env.globals["level_name"] = level_name  # a level's name in the language in force
    env.globals["localize"] = i18n.localize  # an engine's sentence (i18n.Message) likewise
    env.globals["domain_name"] = domain_name  # an SRP domain (its id in English)
    print_in_one_call(env, markdown)  # each value printed: see .html_output
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's lines joined, as extracted
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, pgettext=i18n.pgettext, newstyle=True
    )
    if markdown:
        env.filters["md"] = md_escape
        env.filters["md_block"] = md_block
        env.filters["md_code"] = md_code
        env.filters[FORMAT_FILTER] = _md_format  # _("text", v=x) folded (see .fixed_texts)
        # newstyle gettext escapes values only under autoescape (HTML): Markdown's own
        env.globals.update(
            gettext=_md_gettext, _=_md_gettext, ngettext=_md_ngettext, pgettext=_md_pgettext
        )
    else:
        env.filters["css_string"] = css_string
        env.filters["breakable"] = breakable
        env.filters[FORMAT_FILTER] = _html_format  # _("text", v=x) folded (see .fixed_texts)
        # values put into a translation get the finalize step's visible escapes too
        env.globals.update(
            gettext=_html_gettext, _=_html_gettext, ngettext=_html_ngettext, pgettext=_html_pgettext
        )
    return env


def language_variables() -> dict[str, Any]:
    """What every template sees of the language in force, besides its context."""
    return {
        "lang": i18n.html_lang(),
        "translation_status": translation_status(),
        "translation_draft": is_draft(),
    }


def _environment(user_dirs: tuple[Path, ...], markdown: bool) -> jinja2.Environment:
    """The environment for the language in force (see :mod:`.fixed_texts`)."""
    return _environment_in(user_dirs, markdown, i18n.current())


@lru_cache(maxsize=16)
def _environment_in(user_dirs: tuple[Path, ...], markdown: bool, code: str) -> jinja2.Environment:
    bundled = jinja2.FileSystemLoader(str(bundled_dir("reports")))
    loader = jinja2.ChoiceLoader(
        [
            *(jinja2.FileSystemLoader(str(d)) for d in user_dirs),
            bundled,
            jinja2.PrefixLoader({DEFAULT_PREFIX: bundled}),
        ]
    )
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "autoescape": not markdown,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    options["finalize"] = _md_finalize if markdown else _html_finalize
    env = SandboxedEnvironment(**options) if user_dirs else jinja2.Environment(**options)  # noqa: S701 (autoescape is on for HTML; Markdown has its own escape)
    return _configure(env, markdown, code)


def render_bundled(name: str, variables: dict[str, Any]) -> str:
    """Render one bundled template (e.g. ``compare.html.j2``) with the summary's escaping.

    Markdown templates (``*.md.j2``) get the ``md`` filters and the escape-everything
    safety net; HTML templates autoescape and may include ``summary.css``.
    """
    env = _environment((), name.endswith(".md.j2"))
    return render_freeing(env.get_template(name), {**language_variables(), **variables})


def render_freeing(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """``template.render(variables)``, then the render's context is emptied.

    A macro a template defines that calls another (the summary's tables did, and a user's
    template may) is kept in the render's context and closes over it, so the render leaves a
    reference cycle holding all it was given: a summary's ~70 view objects could then be
    freed only by the garbage collector, whose passes over the whole heap came every few
    summaries. Emptying the context breaks the cycle, so a render's objects are freed when
    it returns: `batch --reports-dir html` went from about 520 to 770 summaries/s per core
    here (benchmarks/bench_reports.py; tests/test_report_memory.py)."""
    context = template.new_context(variables)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:  # as Template.render: a template's own line in the traceback
        template.environment.handle_exception()
    finally:
        context.vars.clear()
        context.exported_vars.clear()


def template_search_path(template_dirs: Sequence[Path] = ()) -> list[Path]:
    """User template folders first, the bundled ``reports/`` last."""
    return [*template_dirs, bundled_dir("reports")]


def check_template_dirs(template_dirs: Sequence[Path]) -> tuple[Path, ...]:
    """The folders as absolute paths, or a clear error for one that does not exist."""
    problems = [Problem.of(Reports.NO_TEMPLATE_FOLDER, d) for d in template_dirs if not d.is_dir()]
    if problems:
        raise InvalidInputError(problems)
    return tuple(d.resolve() for d in template_dirs)


def check_marking(marking: str | None) -> str | None:
    """A ``--marking`` value, stripped, or a usage error."""
    if marking is None:
        return None
    text = marking.strip()
    if not text or len(text) > MAX_MARKING or any(not ch.isprintable() for ch in text):
        raise UsageError.of(Reports.BAD_MARKING, limit=MAX_MARKING)
    return text


def report_context(
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    profile: Profile,
    *,
    template_dirs: Sequence[Path] = (),
    marking: str | None = None,
    generated_at: datetime | None = None,
    change: Comparison | None = None,
) -> ReportContext:
    """The :class:`ReportContext` of one screening, with the advice in force."""
    dirs = check_template_dirs(template_dirs)
    search = template_search_path(dirs)
    path = find_advice(search)
    advice = localise(load_advice(path), "advice", library, path)
    return build_context(
        answers,
        screening,
        library,
        profile,
        advice=advice,
        marking=check_marking(marking),
        generated_at=generated_at,
        change=change,
        search_path=search,
    )


def render_template(
    context: ReportContext, fmt: Literal["md", "html"], template_dirs: Sequence[Path] = ()
) -> str:
    """Render the Markdown or HTML summary template for ``context``."""
    name = (PROBATION_TEMPLATES if context.probation is not None else TEMPLATES)[fmt]
    variables = {field: getattr(context, field) for field in type(context).model_fields}
    return render_named(name, variables, fmt, template_dirs)


def template_exists(name: str, fmt: Literal["md", "html"], template_dirs: Sequence[Path]) -> bool:
    """True when ``name`` is found on the search path (the user's folders, then bundled)."""
    env = _environment(tuple(template_dirs), fmt == "md")
    try:
        env.get_template(name)
    except jinja2.TemplateNotFound:
        return False
    except jinja2.TemplateError:
        return True  # found, but broken: rendering reports where
    return True


def render_named(
    name: str,
    variables: dict[str, Any],
    fmt: Literal["md", "html"],
    template_dirs: Sequence[Path] = (),
    *,
    chosen_by_user: bool = False,
) -> str:
    """Render the template ``name`` with the summary's escaping, sandbox and error messages:
    a user template's mistake is an :class:`InvalidInputError` (exit 3) naming the template.
    ``chosen_by_user``: the name itself came from the user (an area profile), so even a
    bundled template's failure to render is their mistake, not a bug."""
    dirs = tuple(template_dirs)
    env = _environment(dirs, fmt == "md")
    user = bool(dirs) or chosen_by_user
    variables = {**language_variables(), **variables}
    try:
        return render_freeing(env.get_template(name), variables)
    except SecurityError as exc:
        raise InvalidInputError.of(Reports.TEMPLATE_SANDBOX, name, detail=exc) from None
    except jinja2.TemplateSyntaxError as exc:
        if not user:
            raise
        where = exc.filename or exc.name or name
        raise InvalidInputError.of(
            Reports.TEMPLATE_SYNTAX, where, "", exc.lineno, detail=exc.message
        ) from None
    except jinja2.UndefinedError as exc:
        if not user:
            raise
        raise InvalidInputError.of(Reports.TEMPLATE_UNDEFINED, name, detail=exc.message) from None
    except jinja2.TemplateNotFound as exc:
        if not user:
            raise
        raise InvalidInputError.of(Reports.NO_SUCH_TEMPLATE, exc) from None
    except RecursionError:
        bundled = f"{DEFAULT_PREFIX}/{name}"
        raise InvalidInputError.of(Reports.TEMPLATE_LOOP, name, bundled=bundled) from None
    except Exception as exc:  # a user template's own expression failed: {{ 1/0 }}
        if not user or isinstance(exc, StalkscreenError):
            raise
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise InvalidInputError.of(Reports.TEMPLATE_FAILED, name, detail=detail) from None


def _refuse_fetch(weasyprint: Any) -> Any:
    """A WeasyPrint URL fetcher that fetches nothing: a summary needs no outside file."""
    base = getattr(weasyprint, "URLFetcher", None)
    if base is None:  # WeasyPrint before 66 takes a plain function

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            raise ValueError("stalkscreen summaries fetch nothing")

        return refuse

    class _NoFetch(base):  # type: ignore[valid-type, misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError("stalkscreen summaries fetch nothing")

    return _NoFetch()


PDF_VARIANT = "pdf/ua-1"
"""Every PDF is PDF/UA-1 (ISO 14289-1): tagged from the HTML's structure (headings, tables
with their header cells, lists, the charts' ``<title>`` as /Alt), its language from
``<html lang>`` and its title from ``<title>``, shown as the window title."""


def html_to_pdf(html: str) -> bytes:
    """Print HTML to an accessible PDF (PDF/UA-1) with WeasyPrint (the optional ``pdf`` extra)."""
    try:
        weasyprint: Any = importlib.import_module("weasyprint")
    except (ImportError, OSError) as exc:
        why = Reports.NO_WEASYPRINT if isinstance(exc, ImportError) else Reports.WEASYPRINT_BROKEN
        raise MissingDependencyError.of(why, "--format pdf", install=PDF_INSTALL) from None
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_refuse_fetch(weasyprint))
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def render_context(
    context: ReportContext, fmt: Format, template_dirs: Sequence[Path] = ()
) -> str | bytes:
    """Render an already built context in ``fmt``."""
    if fmt == "json":
        text = json.dumps(context.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        # an invisible character as a JSON escape: the same string once parsed, visible as text
        return UNSEEN.sub(lambda m: json.dumps(m.group())[1:-1], text)
    if fmt == "md":
        return render_template(context, "md", template_dirs)
    if fmt == "html":
        return render_template(context, "html", template_dirs)
    if fmt == "pdf":
        return html_to_pdf(render_template(context, "html", template_dirs))
    raise UsageError.of(Reports.UNKNOWN_REPORT_FORMAT, name=fmt, known=", ".join(FORMATS))


def render_report(
    answers: AnswerSet,
    screening: Screening,
    library: Library,
    profile: Profile,
    fmt: Format,
    *,
    template_dirs: Sequence[Path] = (),
    marking: str | None = None,
    generated_at: datetime | None = None,
    change: Comparison | None = None,
) -> str | bytes:
    """A referral summary of one scored screening: text for md/html/json, bytes for pdf."""
    dirs = check_template_dirs(template_dirs)
    context = report_context(
        answers,
        screening,
        library,
        profile,
        template_dirs=dirs,
        marking=marking,
        generated_at=generated_at,
        change=change,
    )
    return render_context(context, fmt, dirs)
