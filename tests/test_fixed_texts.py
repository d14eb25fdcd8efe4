"""Fixed messages are translated when a template is compiled (issue 18, report/fixed_texts.py).

What a template prints must not change: every message of the catalogue, called with a
literal (folded) and with a variable (translated as it renders), prints the same in both
formats and both languages; so does every message with values, folded into a filter
(``format_translation``). The fold is what makes the summaries faster, so one test
checks that no translation is looked up when a message renders.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import pytest
from babel.messages.pofile import read_po

from stalkscreen import i18n
from stalkscreen.report import render

ROOT = Path(__file__).resolve().parent.parent


def _env(markdown: bool, code: str) -> jinja2.Environment:
    return render._environment_in((), markdown, code)


def _fixed_messages() -> list[str]:
    """Every message of the catalogue a template could call with a literal and no values."""
    with (ROOT / "locale" / "cy" / "LC_MESSAGES" / "stalkscreen.po").open("rb") as handle:
        catalogue = read_po(handle)
    return [
        m.id
        for m in catalogue
        if m.id and isinstance(m.id, str) and not m.context and _needs_no_values(m.id)
    ]


def _needs_no_values(message: str) -> bool:
    try:
        message % {}  # what the call does with no values
    except (KeyError, TypeError, ValueError):
        return False
    return True


def _literal(text: str) -> str:
    """``text`` as a Jinja string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.mark.parametrize("code", ["en", "cy"])
@pytest.mark.parametrize("markdown", [False, True])
def test_a_folded_message_prints_what_the_call_prints(markdown: bool, code: str) -> None:
    messages = ["", *_fixed_messages()]  # an empty message stays empty
    assert len(messages) > 100
    folded = "".join("{{ _(" + _literal(m) + ") }}\n" for m in messages)
    called = "{% for m in messages %}{{ _(m) }}\n{% endfor %}"
    env = _env(markdown, code)
    with i18n.using(code):
        assert env.from_string(folded).render() == env.from_string(called).render(messages=messages)


@pytest.mark.parametrize("markdown", [False, True])
def test_a_fixed_message_is_not_looked_up_when_it_renders(
    markdown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[str] = []
    real = i18n.gettext

    def counted(message: str) -> str:
        looked_up.append(message)
        return real(message)

    template = _env(markdown, "cy").from_string(
        '{{ _("Outcome") }} {{ gettext("Case") }} {{ x or _("not recorded") }} '
        '{{ _("Answered “don\'t know”, to follow up: %(refs)s", refs=x) }}'
    )
    monkeypatch.setattr(i18n, "gettext", counted)
    with i18n.using("cy"):
        text = template.render(x="")
    cy = i18n.translations("cy").gettext
    assert text.startswith(f"{cy('Outcome')} {cy('Case')} {cy('not recorded')} ")
    assert cy("Outcome") != "Outcome"
    assert looked_up == []  # a message with values is translated when compiled too


HOSTILE = "<b>*x*</b> & [a](b) \u202e"


def _with_values() -> list[tuple[str, dict[str, Any]]]:
    """Every message of the catalogue a template could call with a literal and values,
    with hostile text for each ``%(name)s`` (a number for ``%(name)d``)."""
    with (ROOT / "locale" / "cy" / "LC_MESSAGES" / "stalkscreen.po").open("rb") as handle:
        catalogue = read_po(handle)
    found = []
    for m in catalogue:
        if m.id and isinstance(m.id, str) and not m.context:
            places = re.findall(r"%\((\w+)\)(\w)", m.id)
            if places:
                found.append((m.id, {n: 3 if kind == "d" else HOSTILE for n, kind in places}))
    return found


@pytest.mark.parametrize("code", ["en", "cy"])
@pytest.mark.parametrize("markdown", [False, True])
def test_a_message_with_values_prints_what_the_call_prints(markdown: bool, code: str) -> None:
    """Folded (``_("literal", v=…)``, translated when compiled) and called with a variable
    (translated as it renders), each value hostile text with an invisible character."""
    messages = _with_values()
    assert len(messages) > 50
    folded = "".join(
        "{{ _(" + _literal(m) + "".join(f", {n}=values[{n!r}]" for n in values) + ") }}\n"
        for m, values in messages
    )
    env = _env(markdown, code)
    with i18n.using(code):
        expected = env.from_string(
            "{% for m, values in messages %}{{ _(m, **values) }}\n{% endfor %}"
        ).render(messages=messages)
        # each folded call sees its own values: render it with that message's
        lines = [
            env.from_string(line).render(values=values)
            for line, (_m, values) in zip(folded.splitlines(), messages, strict=True)
        ]
    assert "\n".join(lines) + "\n" == expected
    assert "\u202e" not in expected and "<b>*x*" not in expected  # escaped, made visible


@pytest.mark.parametrize("markdown", [False, True])
def test_values_may_be_any_expression_and_hold_fixed_messages(markdown: bool) -> None:
    env = _env(markdown, "cy")
    cy = i18n.translations("cy").gettext
    template = env.from_string(
        '{{ _("%(label)s (table)", label=_("Outcome")) }}|'
        '{{ _("Incomplete: %(why)s", why=(x ~ ")")|upper, ) }}|'
        '{{ _("Warning: %(warning)s", warning=xs|map("upper")|join(", ")) }}|'
        '{{ (_("Case") ~ "(")|length }}'
    )
    with i18n.using("cy"):
        text = template.render(x="a(", xs=["b", "c"])
    label = cy("%(label)s (table)") % {"label": cy("Outcome")}
    why = cy("Incomplete: %(why)s") % {"why": "A()"}
    warning = cy("Warning: %(warning)s") % {"warning": "B, C"}
    assert text == f"{label}|{why}|{warning}|{len(cy('Case')) + 1}"


def test_each_language_has_its_own_compiled_templates() -> None:
    """A summary in Welsh, then one in English, in the same process (a bilingual report)."""
    cy = i18n.translations("cy").gettext
    for code, outcome in (("cy", cy("Outcome")), ("en", "Outcome"), ("cy", cy("Outcome"))):
        with i18n.using(code):
            html = render.render_bundled("table-region.j2", {})  # compiles, prints nothing
            assert html.strip() == ""
            env = render._environment((), False)
            assert env.from_string('{{ _("Outcome") }}').render() == outcome


class _Object:
    def _(self, message: str) -> str:
        return f"method: {message}"


def test_a_name_that_is_not_the_translation_is_left_alone() -> None:
    """``_`` rebound in the template (a macro parameter), an attribute ``x._(…)``, a message
    that needs values it is not given (an error when it renders, as before)."""
    env = _env(False, "cy")
    rebound = "{% macro m(_) %}{{ _('Case') }}{% endmacro %}{{ m(shout) }}"
    shout: Any = str.upper
    assert env.from_string(rebound).render(shout=shout) == "CASE"
    assert env.from_string("{{ x._('Case') }}").render(x=_Object()) == "method: Case"
    needs_values = env.from_string('{{ _("%(refs)s to follow up") }}')  # compiles
    with pytest.raises(KeyError):
        needs_values.render()
