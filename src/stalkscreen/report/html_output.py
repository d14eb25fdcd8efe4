"""Each value an HTML template prints, made visible and escaped in one call.

Jinja compiles ``{{ value }}`` under autoescape to ``escape(environment.finalize(value))``:
two calls, and :func:`markupsafe.escape` builds a :class:`~markupsafe.Markup` for every
value only for the template to join it into the page as plain text. An HTML summary
prints about 320 values, so the HTML environments of :mod:`.render` compile it to
``environment.html_output(value)`` instead (:class:`OutputCodeGenerator`, through
``_output_child_pre``/``_output_child_post``, the hooks Jinja's own ``NativeCodeGenerator``
overrides): the same text, made visible (:func:`~.escape.visible`, as the ``finalize`` step
does) and escaped by MarkupSafe's own C escape, with no ``Markup`` built. Measured on one
core, 1,000 bundled summaries rendered in turns in one process (issue 18): the HTML template
15% faster (569 → 486 µs a summary), every output byte for byte the same.

Markdown's counterpart, ``str(environment.finalize(value))``, becomes
``environment.text_output(value)`` (:func:`~.escape.md_output`): one call, not two, for each
of about 240 values: the Markdown template 239 → 224 µs a summary, measured the same way.

Only those forms change: a value in an ``{% autoescape %}`` block whose setting is
decided as it renders, one whose setting is not the environment's own, and every constant
Jinja folds when it compiles, go the way Jinja writes them, through ``finalize``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup, escape

from stalkscreen.report.escape import md_output, visible

_escape_text: Callable[[str], str]
try:  # MarkupSafe 3: the escape itself, text in, text out (C, or its Python twin)
    from markupsafe import _escape_inner as _escape_text  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover (MarkupSafe 2: the same text, as Markup)
    _escape_text = escape

OUTPUT = "html_output"
"""The environment attribute the compiled templates call (``environment.html_output(…)``)."""
TEXT_OUTPUT = "text_output"
"""Its counterpart where autoescape is off: ``str(environment.finalize(value))`` in one call."""


def html_output(value: Any) -> str:
    """What ``escape(finalize(value))`` prints, as text: a plain string made visible, then
    HTML-escaped; anything else (Markup, a number, an undefined value) as ``escape`` treats
    it (:func:`~.render._html_finalize` changes only plain strings)."""
    kind = type(value)
    if kind is str:
        return _escape_text(value if value.isprintable() else visible(value))
    if kind is Markup:  # HTML already (a macro, a translation with values, ``breakable``),
        # which escape() would copy unchanged: about 90 a summary (7% of it, measured)
        return cast(str, value)
    return escape(value)


class OutputCodeGenerator(CodeGenerator):
    """Jinja's code generator, printing each value with one call: ``environment.html_output``
    where autoescape is on, ``environment.text_output`` where it is off (a Markdown
    environment's :func:`~.escape.md_output`), each only in an environment that has it."""

    def _output(self, frame: Frame) -> str | None:
        if frame.eval_ctx.volatile:  # autoescape decided as it renders: as Jinja writes it
            return None
        name = OUTPUT if frame.eval_ctx.autoescape else TEXT_OUTPUT
        return name if hasattr(self.environment, name) else None

    def _output_child_pre(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> None:
        name = self._output(frame)
        if name is not None:
            self.write(f"environment.{name}(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> None:
        if self._output(frame) is not None:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


def print_in_one_call(env: jinja2.Environment, markdown: bool) -> None:
    """Compile ``env``'s templates to print each value with one call, in its format."""
    env.code_generator_class = OutputCodeGenerator
    env.extend(**{TEXT_OUTPUT: md_output} if markdown else {OUTPUT: html_output})


_FIELD = re.compile(r"%(?:\(\w+\)[sd]|%)")


@lru_cache(maxsize=1024)
def _plain(translation: str) -> bool:
    """Whether every ``%`` of ``translation`` is ``%(name)s``, ``%(name)d`` or ``%%``."""
    return "%" not in _FIELD.sub("", translation)


def html_format(translation: str, variables: dict[str, Any]) -> Markup | None:
    """``Markup(translation) % values`` (each value made visible, then escaped), or None
    where only that can say what it prints.

    ``Markup %`` wraps every value in a helper object and builds a ``Markup`` for each;
    here a text (or Markup) value is escaped by :func:`html_output` and a whole number put
    in as it is, then the translation is formatted once: the same text for ``%(name)s``
    and ``%(name)d``, the only fields a catalogue message holds but one (``%(key)r``, left
    to ``Markup %``, as is any value of another kind). About 20 a summary: the HTML
    template about 12% faster (measured in turns in one process, issue 18)."""
    if not _plain(translation):
        return None
    values: dict[str, Any] = {}
    for name, value in variables.items():
        kind = type(value)
        if kind is str or kind is Markup:
            values[name] = html_output(value)
        elif kind is int:
            values[name] = value
        else:
            return None
    try:
        text = translation % values
    except TypeError:  # text for a %(name)d: Markup % takes its int()
        return None
    return Markup(text)  # noqa: S704 (our catalogue's text; every value escaped above)
