"""The fast Markdown escape (issue 18) writes exactly what the per-character one wrote.

The reference below is the previous implementation, kept here as the specification:
one Python test per character. The module now finds the same characters with regular
expressions and skips values that need nothing; hypothesis checks the two agree.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from stalkscreen.report.escape import _md_escape, md_block, md_escape
from stalkscreen.vocabulary import FORMAT

_ALWAYS = frozenset("`*[|~$")
_LINE_START = frozenset("#>+-=")
_ORDERED = re.compile(r"^(\d+)([.)])")
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?=#\d{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_SCHEME_COLON = re.compile(r":(?=//)|(?i:(?<=mailto)|(?<=xmpp)):")
_WWW = re.compile(r"(?i)\b(www)\.")


def _needs_escape(line: str, index: int) -> bool:
    ch = line[index]
    after = line[index + 1] if index + 1 < len(line) else ""
    if ch in _ALWAYS:
        return True
    if ch == "\\":
        return after == "" or after in _PUNCTUATION
    if ch == "<":
        return after == "" or not after.isspace()
    if ch == "_":
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


def _shown(ch: str) -> str:
    """Issue 21.7: format and control characters (but tab and line breaks) as escapes."""
    hidden = FORMAT.fullmatch(ch) or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
    return ch.encode("unicode_escape").decode() if hidden else ch


def reference(value: object, newline: str = "<br>") -> str:
    text = "".join(_shown(ch) for ch in ("" if value is None else str(value)))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = [_escape_line(line.strip()) for line in text.split("\n")]
    return newline.join(line for line in lines if line) if len(lines) > 1 else lines[0]


PIECES = [
    *"ab1_9 .:/&;#<>\\`*[]|~$+-=)(!\n\r\twW",
    *("www.", "http://", "mailto:", "&amp;", "XMPP:", "é", "\u00a0", "\u2028", "\x1c", "١"),
    *("\u202e", "\u200b", "\ufeff", "\x1b", "\x0b"),
]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(MARKDOWNISH, st.text(max_size=40)))
def test_md_escape_writes_what_the_per_character_escape_wrote(text: str) -> None:
    assert str(md_escape(text)) == reference(text)
    assert str(_md_escape(text)) == reference(text)
    assert str(md_block(text)) == reference(text, "\\\n")


def test_md_escape_of_other_values_and_repeats() -> None:
    for value in (None, 12, 3.5, "1. item", "  # x  ", "snake_case www.x", "a\tb"):
        assert str(md_escape(value)) == reference(value)
        assert str(md_escape(value)) == reference(value)  # remembered: the same again
