"""Filters that make free text inert in Markdown and in CSS strings, and let long runs wrap.

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

Invisible characters are made visible first, in every format (:func:`visible`): a
bidi override or a zero-width space in a comment shows as ``\\u202e`` or
``\\u200b``, so it can never reorder or hide what a reader sees (issue 21.7).
"""

from __future__ import annotations

import re
from functools import lru_cache
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup, escape

from stalkscreen.vocabulary import FORMAT

UNSEEN = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]|{FORMAT.pattern}")
"""A character a reader cannot see where it stands: a Unicode format character (category
Cf: bidi overrides and isolates, zero-width spaces and joiners, the byte-order mark, the
soft hyphen) or a control character other than tab and line breaks."""


def _token(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def visible(text: str) -> str:
    """``text`` with every :data:`UNSEEN` character written as its escape (``\\u202e``,
    ``\\x1b``): the one rule for showing free text in reports and on the terminal.

    References, names and ids refuse these characters when read; free text (comments,
    sources, rationales, safety notes, incident text) keeps them as written, and every
    output shows them this way. The escape is plain ASCII letters after a backslash, so
    it stays as it is in Markdown, HTML and JSON.
    """
    # ``isprintable`` (in C) is false for every UNSEEN character: most text needs no search
    # (measured: searching every value for UNSEEN, a class with astral ranges, made HTML
    # summaries a third slower; this costs a tenth of that)
    return text if text.isprintable() else UNSEEN.sub(_token, text)


def svg_text(text: str, entities: dict[str, str] | None = None) -> str:
    """Text for the SVG charts built in Python: made :func:`visible`, then XML-escaped."""
    return xml_escape(visible(text), entities or {})


# One pass of one regular expression finds every character that needs a backslash
# where it stands (measured: the per-character Python loop this replaces made
# Markdown summaries five times slower than HTML; ``re.sub`` runs the scan in C):
# - `` ` * [ | ~ $ `` open or close a construct wherever they stand: code spans,
#   emphasis, strikethrough, links and images, table cells, maths;
# - ``\`` only matters before ASCII punctuation or at the end of the line;
# - ``<`` opens a tag, comment or autolink only with a character straight after;
# - ``_`` cannot open emphasis inside a word (``snake_case``): it is escaped unless
#   both neighbours are letters or digits (``[^\W_]`` is exactly ``str.isalnum``;
#   each branch starts with its character, so the scan skips ahead in C).
# CommonMark lets any ASCII punctuation be backslash-escaped, and the escaped
# character shows as itself, so the rendered text is unchanged.
_INLINE = re.compile(r"[`*\[|~$]|\\(?=[!-/:-@\[-`{-~]|\Z)|<(?=\S|\Z)|_(?:(?![^\W_])|(?<![^\W_]_))")
_SPECIAL = re.compile(r"[`*\[|~$\\<_]")
"""The characters :data:`_INLINE` starts at: a line without any needs no substitution."""
# Characters that matter only at the start of a line: headings, block quotes,
# lists, setext headings, thematic breaks.
_LINE_START = frozenset("#>+-=")
_PLAIN = re.compile(r"(?![\s#>+\-=]|\d+[.)])[^`*\[|~$\\<_&:\n\r\t]*(?<!\s)")
"""One line that needs nothing at all (most values: labels, item texts, answers): no
white space to strip at either end, nothing that starts a construct where it stands,
no line start a block could take. Tested against the full escape by hypothesis."""
_ORDERED = re.compile(r"^(\d+)([.)])")
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# GitHub's renderer links bare ``http://``/``https://``/``ftp://`` addresses and
# ``mailto:``/``xmpp:`` ones, and ``www.`` even with no scheme at all.
_SCHEME_COLON = re.compile(r":(?:(?=//)|(?<=[mM][aA][iI][lL][tT][oO]:)|(?<=[xX][mM][pP][pP]:))")
_WWW = re.compile(r"(?i)\b(www)\.")


def _escape_line(line: str) -> str:
    # Each pattern runs only where a quick test finds what it starts at: most lines
    # hold none (a search is a quarter of the cost of a substitution, measured).
    # (the escapes added never make or break "//", "mailto:", "xmpp:" or "www.")
    out = _INLINE.sub(r"\\\g<0>", line) if _SPECIAL.search(line) else line
    if "&" in out:
        out = _ENTITY.sub(r"\\&", out)
    low = line.lower()
    if ":" in line and ("//" in line or "mailto:" in low or "xmpp:" in low):
        out = _SCHEME_COLON.sub(r"\\:", out)
    if "www." in low:
        out = _WWW.sub(r"\1\\.", out)
    if out[:1] in _LINE_START:
        out = "\\" + out
    if out[:1].isdigit():
        out = _ORDERED.sub(r"\1\\\2", out)
    return out


_markup = str.__new__
"""``Markup(text)`` for a ``str`` already escaped, without ``Markup.__new__``'s checks in
Python (it looks for ``__html__`` on what is here always a plain ``str``): a third of the
cost of escaping a plain label, measured."""


def md_escape(value: object, *, newline: str = "<br>") -> Markup:
    """``value`` as inert Markdown text (see :func:`_md_escape`).

    A summary escapes about 150 values, nearly all the same from one summary to the
    next (labels, item texts, answers, route names): they are remembered, so a batch
    of summaries escapes each once. Measured: Markdown summaries render twice as fast
    with it, as fast as HTML's escaping in C. The memory holds at most
    :data:`MEMO_SIZE` values (of a process that holds the screenings it renders
    anyway) and is never written anywhere.
    """
    if type(value) is str:
        return _memo(value, newline)
    return _md_escape(value, newline=newline)


MEMO_SIZE = 2048


def _md_escape(value: object, *, newline: str = "<br>") -> Markup:
    """``value`` as inert Markdown text.

    Lines are escaped one by one, leading white space is dropped (four spaces
    would open a code block) and line breaks become ``newline``: ``<br>`` by
    default, the one break that survives inside a table cell. The ``<br>`` is
    written by us, never taken from the input, whose own ``<`` is escaped.
    """
    text = value if type(value) is str else "" if value is None else str(value)
    text = visible(text)
    if _PLAIN.fullmatch(text) and ("." not in text or "www." not in text.lower()):
        return _markup(Markup, text)  # nothing in it can start anything
    if "\t" in text:
        text = text.replace("\t", " ")
    if "\n" not in text and "\r" not in text:  # one line: most values
        return _markup(Markup, _escape_line(text.strip()))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_escape_line(line.strip()) for line in text.split("\n")]
    return _markup(Markup, newline.join(line for line in lines if line))


_memo = lru_cache(maxsize=MEMO_SIZE)(lambda text, newline: _md_escape(text, newline=newline))


def md_output(value: object) -> str:
    """What a Markdown template prints for ``{{ value }}``: any string but Markup escaped
    (:func:`md_escape`), Markup as it is, anything else as ``str`` makes it (the safety
    net of ``render._md_finalize`` and the ``str`` around it, in one call)."""
    if type(value) is str:
        return md_escape(value)
    if isinstance(value, Markup):
        return value
    return md_escape(value) if isinstance(value, str) else str(value)


def md_block(value: object) -> Markup:
    """Inert Markdown for a paragraph: line breaks become hard breaks (``\\`` + newline)."""
    return md_escape(value, newline="\\\n")


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, every character outside ``[A-Za-z0-9 ]`` hex-escaped.

    Used for the protective marking in ``@page`` margin boxes: nothing in the
    value can end the string, the rule or the ``<style>`` element.
    """
    return _css_string("" if value is None else str(value))


@lru_cache(maxsize=256)  # the marking and the headline recur in every summary: 3-5 µs each
def _css_string(text: str) -> Markup:
    parts = [
        ch if (ch.isascii() and (ch.isalnum() or ch == " ")) else f"\\{ord(ch):06x} " for ch in text
    ]
    return Markup('"' + "".join(parts) + '"')  # noqa: S704 (all but [A-Za-z0-9 ] hex-escaped)


LONG_RUN = 24
BREAK_EVERY = 12
_LONG = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def breakable(value: object) -> Markup:
    """``value`` HTML-escaped, with a ``<wbr>`` every 12 characters of any run of more than 24
    characters without a space (a web address, a hash); shorter words are left whole.

    Free text in a table cell wraps between words only (``overflow-wrap: break-word`` in
    summary.css). That alone lets one long run set the column's width: measured in
    WeasyPrint, a 170-character address in the incident timeline pushed the table past the
    A4 page and the rest of the row was lost. ``overflow-wrap: anywhere`` instead lets the
    table make every column narrow and broke "Neighbour" and "Frightened" mid-word in the
    bundled incident log. These break points are for the long runs only.
    """
    if isinstance(value, Markup):  # already HTML (built by stalkscreen): left as it is
        return value
    text = "" if value is None else str(value)
    if _LONG.search(text) is None:  # most values (a reference, "—"): 0.6 µs, not 2 (measured)
        return escape(visible(text))

    def shown(piece: str) -> str:  # made visible (as finalize does), then escaped; runs are
        return str(escape(visible(piece)))  # counted in the text as typed, so an escape
        # such as \u202e is never split and counts as the one character it stands for

    parts: list[str] = []
    last = 0
    for found in _LONG.finditer(text):
        parts.append(shown(text[last : found.start()]))
        run = found.group()
        parts.append(
            "<wbr>".join(shown(run[i : i + BREAK_EVERY]) for i in range(0, len(run), BREAK_EVERY))
        )
        last = found.end()
    parts.append(shown(text[last:]))
    return Markup("".join(parts))  # noqa: S704 (every piece is escaped; only <wbr> is added)


def md_code(value: object) -> Markup:
    """A short token (an item id, a version stamp) as a code span, else as escaped text.

    Inside a code span nothing is interpreted, but a backtick would end it, a
    pipe would still split a table cell, and a line break would end the row:
    values holding any of those fall back to :func:`md_escape`.
    """
    text = visible("" if value is None else str(value))
    if not text or any(ch in text for ch in "`|\n\r") or text != text.strip():
        return md_escape(text)
    return Markup(f"`{text}`")  # noqa: S704 (a code span: nothing inside is interpreted)
