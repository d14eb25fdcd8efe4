"""Each printed value in one call (issue 18, report/html_output.py).

The HTML environments compile ``{{ value }}`` to ``environment.html_output(value)`` where
Jinja writes ``escape(environment.finalize(value))``, the Markdown ones to
``environment.text_output(value)`` for ``str(environment.finalize(value))``: what a
template prints must not change, for any text (hostile, invisible characters), any kind
of value, and in every construct that prints (macros, call blocks, block sets, filter
blocks, autoescape blocks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from stalkscreen.report import render
from stalkscreen.report.escape import md_output
from stalkscreen.report.html_output import html_format, html_output
from stalkscreen.scoring import score

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = [
    "<script>alert(1)</script>",
    "\"quoted\" & 'single' <b>",
    "right\u202eto left",
    "zero\u200bwidth\x1b[31m",
    "",
    "Ysgrifennwyd — ‘dyfynnu’",
]


@given(st.text())
def test_a_string_prints_what_escape_of_finalize_prints(text: str) -> None:
    assert html_output(text) == str(escape(render._html_finalize(text)))
    assert type(html_output(text)) is str or isinstance(html_output(text), Markup)


@pytest.mark.parametrize(
    "value", [Markup("<b>ok</b>"), 3, 2.5, None, True, Markup("a\u202eb"), *HOSTILE]
)
def test_any_value_prints_what_escape_of_finalize_prints(value: Any) -> None:
    assert str(html_output(value)) == str(escape(render._html_finalize(value)))


@given(st.text())
def test_a_markdown_string_prints_what_str_of_finalize_prints(text: str) -> None:
    assert md_output(text) == str(render._md_finalize(text))


class _Text(str):
    pass


@pytest.mark.parametrize(
    "value", [Markup("*ok*"), 3, 2.5, None, True, _Text("*a*\u202e"), *HOSTILE]
)
def test_any_markdown_value_prints_what_str_of_finalize_prints(value: Any) -> None:
    assert md_output(value) == str(render._md_finalize(value))


@pytest.mark.parametrize(
    ("markdown", "name", "call"),
    [(False, "summary.html.j2", "html_output"), (True, "summary.md.j2", "text_output")],
)
def test_the_summary_compiles_each_value_to_one_call(markdown: bool, name: str, call: str) -> None:
    env = render._environment_in((), markdown, "en")
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    code = env.compile(source, raw=True)
    assert code.count(f"environment.{call}(") > 90
    assert "(environment.finalize(" not in code


TEMPLATE = """\
{%- macro m(x) %}<i>{{ x }}</i>{% endmacro -%}
{%- macro c(x) %}<i>{{ x }}</i>{{ caller() }}{% endmacro -%}
{{ v }}|{{ m(v) }}|{% call c(v) %}[{{ v }}]{% endcall %}|
{%- set block %}<{{ v }}>{% endset %}{{ block }}|{% filter upper %}{{ v }}{% endfilter %}|
{%- autoescape false %}{{ v }}{% endautoescape %}|{% autoescape true %}{{ v }}{% endautoescape %}|
{%- autoescape flag %}{{ v }}{% endautoescape %}|
{{- v ~ "&" }}|{{ n }}|{{ s }}|{{ "<const>" }}|{{ _("Outcome") }}|{{ _("%(x)s!", x=v) }}"""


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("flag", [True, False])
@pytest.mark.parametrize("text", HOSTILE)
def test_every_construct_prints_what_jinja_would(text: str, flag: bool, markdown: bool) -> None:
    ours = render._environment_in.__wrapped__((), markdown, "en")
    stock = render._environment_in.__wrapped__((), markdown, "en")
    stock.code_generator_class = jinja2.compiler.CodeGenerator
    values = {"v": text, "n": 7, "s": Markup("<b>safe</b>"), "flag": flag}
    expected = stock.from_string(TEMPLATE).render(values)
    assert ours.from_string(TEMPLATE).render(values) == expected
    assert "\u202e" not in expected and "\u200b" not in expected  # made visible, both ways


def test_a_user_template_in_the_sandbox_prints_the_same(tmp_path: Path) -> None:
    (tmp_path / "u.html.j2").write_text("<p>{{ v }}</p>{{ v|length }}", encoding="utf-8")
    text = "<x>\u202e&"
    out = render.render_named("u.html.j2", {"v": text}, "html", [tmp_path])
    assert out == "<p>&lt;x&gt;\\u202e&amp;</p>5"


@pytest.mark.parametrize(("name", "example"), [("summary", "medium"), ("probation", "probation")])
def test_a_replaced_block_can_still_call_the_region_macro(
    lib: Library, tmp_path: Path, name: str, example: str
) -> None:
    """The bundled tables write their region out (a macro call each cost ~10%), but the
    templates still import ``region`` for a user's block that calls it, as it always could."""
    (tmp_path / f"{name}.html.j2").write_text(
        f'{{% extends "default/{name}.html.j2" %}}{{% block case %}}'
        '{% call region("Local") %}<table><tr><td>{{ case.reference }}</td></tr></table>'
        "{% endcall %}{% endblock %}",
        encoding="utf-8",
    )
    answers = load_answers(ROOT / "examples" / f"{example}.yaml", lib.definitions)
    profile = lib.profile(answers.profile or "default").profile
    screening = score(answers, lib, profile)
    html = render.render_report(answers, screening, lib, profile, "html", template_dirs=(tmp_path,))
    assert isinstance(html, str)
    local = '<div class="table-region" role="region" tabindex="0" aria-label="Local (table)">'
    assert f"{local}\n<table><tr><td>{answers.case.reference}</td></tr></table></div>" in html
    bundled = html.count('<div class="table-region" role="region" tabindex="0" aria-label="')
    assert bundled >= 3  # the bundled tables' regions, written out, are there too


VALUE = st.one_of(
    st.text(),
    st.sampled_from(HOSTILE),
    st.integers(),
    st.booleans(),
    st.none(),
    st.text().map(Markup),
    st.text().map(lambda t: Markup.escape(t)),
)
FORMATS = [
    "%(a)s",
    "<strong>%(a)s of %(b)s</strong> 100%%",
    "%(a)d items, %(b)s",
    "%(a)r is not a choice",
    "%(a)5s",
    "no values",
]


@given(st.sampled_from(FORMATS), VALUE, VALUE)
def test_a_translation_with_values_prints_what_markup_formatting_prints(
    translation: str, a: Any, b: Any
) -> None:
    """What ``_("…", a=…, b=…)`` prints in HTML, the fast way and Markup's own."""
    variables = {"a": a, "b": b}
    try:
        expected: str | type[Exception] = Markup(translation) % render._html_values(variables)
    except (TypeError, ValueError) as exc:
        expected = type(exc)
    try:
        got: str | type[Exception] = render._html_format(translation, **variables)
    except (TypeError, ValueError) as exc:
        got = type(exc)
    assert got == expected
    assert type(got) is type(expected)


def test_only_plain_fields_take_the_fast_way() -> None:
    assert html_format("%(a)s and %(b)d, 100%%", {"a": "<x>", "b": 3}) == "&lt;x&gt; and 3, 100%"
    assert html_format("%(a)r", {"a": "x"}) is None  # Markup % escapes the repr
    assert html_format("%(a)d", {"a": "3"}) is None  # Markup % takes int("3")
    assert html_format("%(a)s", {"a": 2.5}) is None  # any other kind: Markup % decides


@pytest.mark.parametrize(
    ("fmt", "macros"),
    [("html", "evidence_html, items_table, region"), ("md", "evidence_md, items_table")],
)
def test_a_replaced_block_still_sees_the_summary_macros(
    lib: Library, tmp_path: Path, fmt: str, macros: str
) -> None:
    """The bundled summaries write some macros out where they are used; the macros stay."""
    names = macros.split(", ")
    seen = "".join(f"{{{{ {name} is defined }}}}," for name in names)
    (tmp_path / f"summary.{fmt}.j2").write_text(
        f'{{% extends "default/summary.{fmt}.j2" %}}{{% block case %}}[{seen}]{{% endblock %}}',
        encoding="utf-8",
    )
    answers = load_answers(ROOT / "examples" / "medium.yaml", lib.definitions)
    profile = lib.profile(answers.profile or "default").profile
    screening = score(answers, lib, profile)
    text = render.render_report(answers, screening, lib, profile, fmt, template_dirs=(tmp_path,))  # type: ignore[arg-type]
    assert isinstance(text, str)
    assert "[" + "True," * len(names) + "]" in text
