"""Bilingual summaries (``report --language cy+en``): the whole summary in Welsh, then the
whole summary in English, in one Markdown, HTML or PDF file.

Why Welsh first, then English, rather than side by side: the Welsh Language Standards
require that Welsh is not treated less favourably than English, which Welsh public
bodies commonly meet by putting the Welsh text where it is read first (first, or on the
left); a summary is a long document with tables, and two columns cannot be read in
Markdown, on a narrow screen or in a tagged PDF's reading order (a screen reader would
interleave the languages row by row). So each language is one complete part, in order,
each marked with its own ``lang`` (HTML and the PDF's structure), with links between the
parts at the top.

Each part is rendered by the ordinary templates in its own language (:func:`render_in`);
this module only joins them. In HTML the first part's ``<head>`` is kept, each part's
``<body>`` becomes a ``<div lang>``, the parts' ``<main>`` elements become plain
divisions inside one ``<main>`` (a page has one), and every ``id`` (with the references
to it) gets its part's language as a prefix, so the two parts' ids never collide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from stalkscreen import i18n

T = TypeVar("T")
Format = Literal["md", "html", "json", "pdf"]

_IDREF = re.compile(
    r'\b(id|for|aria-labelledby|aria-describedby|aria-controls|headers)="([^"]*)"'
    r'|\bhref="#([^"]*)"'
)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL)
_HEAD = re.compile(r"^(.*?<body[^>]*>)", re.DOTALL)
_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def render_in(languages: Sequence[str], render: Callable[[str], T]) -> list[tuple[str, T]]:
    """``render(code)`` once per language, each run with that language in force."""
    parts = []
    for code in languages:
        with i18n.using(code):
            parts.append((code, render(code)))
    return parts


def _heading(code: str) -> str:
    with i18n.using(code):
        return i18n.gettext("This summary is in Welsh first, then in English.")


def _prefixed(html: str, prefix: str) -> str:
    def swap(match: re.Match[str]) -> str:
        if match.group(3) is not None:
            return f'href="#{prefix}{match.group(3)}"'
        ids = " ".join(f"{prefix}{name}" for name in match.group(2).split())
        return f'{match.group(1)}="{ids}"'

    return _IDREF.sub(swap, html)


def join_html(parts: Sequence[tuple[str, str]]) -> str:
    """One HTML document of the parts (see the module note)."""
    first_code, first = parts[0]
    head = _HEAD.match(first)
    if head is None:  # a template without a <body>: the parts one after another
        return "\n".join(html for _, html in parts)
    top = _HTML_LANG.sub(f'<html lang="{i18n.html_lang(first_code)}"', head.group(1), count=1)
    links = " · ".join(
        f'<a href="#{code}" lang="{i18n.html_lang(code)}" hreflang="{i18n.html_lang(code)}">'
        f"{i18n.NAMES[code]}</a>"
        for code, _ in parts
    )
    notes = " ".join(
        f'<span lang="{i18n.html_lang(code)}">{_heading(code)}</span>' for code, _ in parts
    )
    out = [top, f'<nav class="languages" aria-label="Cymraeg / English"><p>{links}</p>']
    out.append(f"<p>{notes}</p></nav>\n<main>")
    for code, html in parts:
        body = _BODY.search(html)
        inner = body.group(1) if body else html
        inner = inner.replace("<main>", '<div class="part-main">').replace("</main>", "</div>")
        tag = i18n.html_lang(code)
        out.append(f'<div class="language-part" id="{code}" lang="{tag}">')
        out.append(_prefixed(inner, f"{code}-"))
        out.append("</div>")
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)


def join_md(parts: Sequence[tuple[str, str]]) -> str:
    """One Markdown document of the parts: a note in each language, then each part, with
    a rule between them."""
    notes = " / ".join(f"*{_heading(code)}*" for code, _ in parts)
    body = "\n\n---\n\n".join(text.strip("\n") for _, text in parts)
    return f"{notes}\n\n{body}\n"


def render_languages(
    languages: Sequence[str], fmt: Format, render: Callable[[str, Format], str | bytes]
) -> str | bytes:
    """One report in ``languages`` (one, or Welsh then English): ``render(code, fmt)``
    renders it in one language (run with that language in force); several are joined
    (a bilingual PDF is printed from the joined HTML). JSON is one language's context."""
    if len(languages) == 1:
        with i18n.using(languages[0]):
            return render(languages[0], fmt)
    if fmt == "json":
        from stalkscreen.catalogue import Commands
        from stalkscreen.errors import UsageError

        raise UsageError.of(Commands.BILINGUAL_JSON, value="+".join(languages))
    each: Format = "md" if fmt == "md" else "html"
    texts = [(code, str(text)) for code, text in render_in(languages, lambda c: render(c, each))]
    if fmt == "md":
        return join_md(texts)
    html = join_html(texts)
    if fmt == "pdf":
        from stalkscreen.report.render import html_to_pdf

        return html_to_pdf(html)
    return html
