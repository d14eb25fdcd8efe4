"""Filters that make free text inert in Markdown and in CSS strings.

HTML needs no filter of its own: the HTML templates run with autoescape on.
Markdown has no such switch, so every value a person typed (comments, sources,
references, names, rationales) goes through :func:`md_escape` before it lands
in a Markdown report. The result renders as the same visible text in any
CommonMark or GitHub-flavoured renderer, but can never open raw HTML, a link,
an image, a heading, a list, a code span, emphasis, or break a table row.

The escape is as light as that allows, so the Markdown still reads well as
plain text or in an e-mail: a backslash goes only before a character that
could start something where it stands. Brackets' partners ``]``, ``(`` and
``)`` stay plain (no link can form once ``[`` is escaped), ``<`` is escaped
only before a character that could open a tag or autolink, ``_`` only where it
could open or close emphasis (not inside ``a_b``), ``&`` only where it would
start an entity, ``#``, ``>``, ``+``, ``-``, ``=`` and ``1.`` only at the start
of a line, and addresses only as far as stops GitHub's autolinker
(``http\\://``, ``www\\.``).
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Characters that open or close a Markdown construct wherever they stand:
# code spans, emphasis, strikethrough, links and images, table cells, maths.
# CommonMark lets any ASCII punctuation be backslash-escaped, and the escaped
# character shows as itself, so the rendered text is unchanged.
_ALWAYS = frozenset("`*[|~$")
# Characters that matter only at the start of a line: headings, block quotes,
# lists, setext headings, thematic breaks.
_LINE_START = frozenset("#>+-=")
_ORDERED = re.compile(r"^(\d+)([.)])")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# GitHub's renderer links bare ``http://``/``https://``/``ftp://`` addresses and
# ``mailto:``/``xmpp:`` ones, and ``www.`` even with no scheme at all.
_SCHEME_COLON = re.compile(r":(?=//)|(?i:(?<=mailto)|(?<=xmpp)):")
_WWW = re.compile(r"(?i)\b(www)\.")


def _needs_escape(line: str, index: int) -> bool:
    ch = line[index]
    after = line[index + 1] if index + 1 < len(line) else ""
    if ch in _ALWAYS:
        return True
    if ch == "\\":  # a backslash only matters before punctuation or at the end
        return after == "" or after in _PUNCTUATION
    if ch == "<":  # a tag, comment or autolink needs a character straight after
        return after == "" or not after.isspace()
    if ch == "_":  # inside a word (snake_case) an underscore cannot open emphasis
        before = line[index - 1] if index else ""
        return not (before.isalnum() and after.isalnum())
    return False


def _escape_line(line: str) -> str:
    out = "".join(f"\\{ch}" if _needs_escape(line, i) else ch for i, ch in enumerate(line))
    out = _ENTITY.sub(r"\\&", out)
    out = _SCHEME_COLON.sub(r"\\:", out)
    out = _WWW.sub(r"\1\\.", out)
    if out[:1] in _LINE_START:
        out = "\\" + out
    return _ORDERED.sub(r"\1\\\2", out)


def md_escape(value: object, *, newline: str = "<br>") -> Markup:
    """``value`` as inert Markdown text.

    Lines are escaped one by one, leading white space is dropped (four spaces
    would open a code block) and line breaks become ``newline``: ``<br>`` by
    default, the one break that survives inside a table cell. The ``<br>`` is
    written by us, never taken from the input, whose own ``<`` is escaped.
    """
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = [_escape_line(line.strip()) for line in text.split("\n")]
    joined = newline.join(line for line in lines if line) if len(lines) > 1 else lines[0]
    return Markup(joined)  # noqa: S704 (every character of the input is escaped above)


def md_block(value: object) -> Markup:
    """Inert Markdown for a paragraph: line breaks become hard breaks (``\\`` + newline)."""
    return md_escape(value, newline="\\\n")


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, every character outside ``[A-Za-z0-9 ]`` hex-escaped.

    Used for the protective marking in ``@page`` margin boxes: nothing in the
    value can end the string, the rule or the ``<style>`` element.
    """
    text = "" if value is None else str(value)
    parts = [
        ch if (ch.isascii() and (ch.isalnum() or ch == " ")) else f"\\{ord(ch):06x} " for ch in text
    ]
    return Markup('"' + "".join(parts) + '"')  # noqa: S704 (all but [A-Za-z0-9 ] hex-escaped)


def md_code(value: object) -> Markup:
    """A short token (an item id, a version stamp) as a code span, else as escaped text.

    Inside a code span nothing is interpreted, but a backtick would end it, a
    pipe would still split a table cell, and a line break would end the row:
    values holding any of those fall back to :func:`md_escape`.
    """
    text = "" if value is None else str(value)
    if not text or any(ch in text for ch in "`|\n\r") or text != text.strip():
        return md_escape(text)
    return Markup(f"`{text}`")  # noqa: S704 (a code span: nothing inside is interpreted)
