"""Fixed texts translated once, when a template is compiled, not each time it renders.

Most of a summary's wording is a message with no values: ``{{ _("Outcome") }}``, a table
heading, a "not recorded". Called at render time, each is a Jinja call, a catalogue
look-up, a :class:`~markupsafe.Markup` built, formatted and escaped again on output, and
an HTML summary has about 130 of them (measured: 129 of its 145 translations). Each
environment of :mod:`.render` serves one language, so :class:`FixedTexts` replaces every
``_("literal")`` (or ``gettext("literal")``) in the template's tokens by
``("<the translation>"|safe)``: the same :class:`~markupsafe.Markup` the call returns (our
catalogue's text, which may hold markup, formatted with no values so ``%%`` is ``%``),
which Jinja then folds into the template's own text. Measured on one core
(``benchmarks/bench_reports.py``, issue 18): the HTML template 905 → 523 µs a summary,
the Markdown template 477 → 270 µs, every output byte for byte the same.

A literal message with values, ``_("no. %(number)s", number=i.number)``, is translated
when the template is compiled too, and formatted when it renders: the call becomes
``("<the translation>"|format_translation(number=i.number))``, the filter each environment
of :mod:`.render` defines to do what its ``_`` does with a translation (each value escaped
for the format). A filter is called straight from the compiled template, where a call to
``_`` goes through Jinja's ``Context.call`` and a catalogue look-up: measured on one core,
1,000 bundled summaries rendered in turns in one process, the HTML template 489 → 467 µs
a summary and the Markdown template 296 → 275 µs (about 20 such calls in each), output the
same.

A plural or a message with a context is still translated when it renders. So is a
literal the fold cannot format (a ``%(name)s`` with no value given: the call fails when
it renders, as before), and every call in a template that gives ``_`` or ``gettext``
another meaning (``{% set _ = … %}``, a macro parameter named ``_``, a macro named ``_``):
there, a name not followed by ``(``, or following ``macro``, leaves the whole template as
written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import jinja2
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from stalkscreen import i18n

CALLS = frozenset({"_", "gettext"})
"""The names the templates translate with (see ``render._configure``)."""
FORMAT_FILTER = "format_translation"
"""The filter that puts values into a translation (``render._configure`` defines it)."""


class FixedTexts(Extension):
    """Folds each fixed message into the template, in the environment's language."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(fixed_texts_language=i18n.SOURCE_LANGUAGE)

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        if any(_rebound(tokens, i) for i, token in enumerate(tokens) if _named(token)):
            return iter(tokens)
        code: str = self.environment.fixed_texts_language  # type: ignore[attr-defined]
        with i18n.using(code):  # the very function the call would use as it renders
            return iter(list(_folded(tokens, i18n.gettext)))


def _named(token: Token) -> bool:
    return token.type == "name" and token.value in CALLS


def _rebound(tokens: list[Token], i: int) -> bool:
    """Whether the translation name at ``i`` is anything but called (set, a parameter…, or
    the name of a macro the template defines: ``{% macro _(text) %}``)."""
    defined = i > 0 and tokens[i - 1].test("name:macro")
    return defined or i + 1 >= len(tokens) or tokens[i + 1].type != "lparen"


def _call(tokens: list[Token], i: int, after: str) -> bool:
    """``_("literal"`` then ``after`` at ``i``, called as a function (not an attribute
    ``x._(…)``, a filter ``|_(…)`` or a test ``is _(…)``)."""
    before = tokens[i - 1] if i else None
    return (
        _named(tokens[i])
        and not (before is not None and (before.type in ("dot", "pipe") or before.test("name:is")))
        and [t.type for t in tokens[i + 1 : i + 4]] == ["lparen", "string", after]
    )


def _fixed_call(tokens: list[Token], i: int) -> bool:
    """``_("literal")`` at ``i``: one string and nothing else."""
    return _call(tokens, i, "rparen")


def _call_with_values(tokens: list[Token], i: int) -> bool:
    """``_("literal", name=value, …)`` at ``i``."""
    return _call(tokens, i, "comma")


def _folded(tokens: list[Token], translate: Callable[[str], str]) -> Iterator[Token]:
    depth = 0  # parentheses open
    closes: list[int] = []  # the depth at which each call with values being read closes
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _call_with_values(tokens, i):  # _("text", v=x) -> ("translation"|filter(v=x))
            line = token.lineno
            yield Token(line, "lparen", "(")
            yield Token(line, "string", translate(tokens[i + 2].value))
            yield Token(line, "pipe", "|")
            yield Token(line, "name", FORMAT_FILTER)
            yield Token(line, "lparen", "(")
            depth += 1
            closes.append(depth)
            i += 4  # the values follow as written (folded in turn), then the call's ")"
            continue
        if token.type == "lparen":
            depth += 1
        elif token.type == "rparen":
            if closes and closes[-1] == depth:
                closes.pop()
                yield token
                token = Token(token.lineno, "rparen", ")")  # closes the "(" before the text
            depth -= 1
        if _fixed_call(tokens, i):
            try:
                text = translate(tokens[i + 2].value) % {}
            except (KeyError, TypeError, ValueError):  # fails when it renders, as before
                text = None
            if text is not None:
                line = token.lineno
                yield Token(line, "lparen", "(")
                yield Token(line, "string", text)
                yield Token(line, "pipe", "|")
                yield Token(line, "name", "safe")
                yield Token(line, "rparen", ")")
                i += 4
                continue
        yield token
        i += 1
