"""The language of stalkscreen's own wording: English (``en``) or Welsh (``cy``).

Messages go through the standard library's :mod:`gettext`; the catalogues are written
with Babel (``pybabel extract``/``update``, see README "Languages") as ``locale/<code>/
LC_MESSAGES/stalkscreen.po`` and compiled to ``.mo`` when the package is built or
installed (``hatch_build.py``), so no compiled catalogue is committed and none is stale
in a wheel. The language in force is a context variable: :func:`using` sets it for a
block (a bilingual report renders once per language), :func:`set_language` for the run.

Dates and numbers: CLDR gives Welsh the same digits, decimal point and grouping as
British English (``babel.numbers.format_decimal(1234567.5, locale="cy")`` is
``1,234,567.5``, as for ``en_GB``), and the reports' only worded dates are "3 December
2026" and chart labels "03 Dec 26", so what differs by language is the month names:
24 catalogue entries (context ``month``/``month-short``), translated with the rest, in
place of Babel at run time (36 MB installed, and its locale data for a frozen build).

This module imports neither typer nor rich (the core is a library).
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache, lru_cache

from stalkscreen import translation
from stalkscreen.errors import UsageError
from stalkscreen.translation import DOMAIN, N_, SOURCE_LANGUAGE, gettext, ngettext, pgettext

__all__ = [
    "BILINGUAL",
    "DOMAIN",
    "ENV",
    "HTML_LANG",
    "LANGUAGES",
    "NAMES",
    "N_",
    "SOURCE_LANGUAGE",
    "Message",
    "check_language",
    "current",
    "date_text",
    "gettext",
    "html_lang",
    "joined",
    "languages_of",
    "later",
    "locale_dir",
    "localize",
    "month_name",
    "ngettext",
    "number_text",
    "pgettext",
    "set_language",
    "short_date_text",
    "time_text",
    "translations",
    "using",
]

LANGUAGES: tuple[str, ...] = ("en", "cy")
"""The languages stalkscreen speaks; ``en`` is the source text (no catalogue needed)."""
NAMES = {"en": "English", "cy": "Cymraeg"}
"""Each language's name in itself."""
HTML_LANG = {"en": "en-GB", "cy": "cy"}
"""The BCP 47 tag for HTML ``lang`` attributes and the PDF's ``/Lang``."""
BILINGUAL = "cy+en"
"""``--language cy+en``: a report in Welsh first, then the same report in English."""
ENV = "STALKSCREEN_LANGUAGE"
"""The environment variable naming the language (between ``--language`` and the config)."""
_active = translation.active
"""The language in force lives in :mod:`stalkscreen.translation`, below the catalogue of
problems, which translates its texts in it."""
locale_dir = translation.locale_dir
_ = gettext


def check_language(value: str, *, bilingual: bool = False, where: str = "--language") -> str:
    """``value`` as a language code, or a usage error naming the choices."""
    code = value.strip().lower().replace("_", "-")
    aliases = {"en-gb": "en", "english": "en", "cy-gb": "cy", "welsh": "cy", "cymraeg": "cy"}
    code = aliases.get(code, code)
    if code in LANGUAGES or (bilingual and code == BILINGUAL):
        return code
    from stalkscreen.catalogue import Commands

    choices = ", ".join((*LANGUAGES, BILINGUAL) if bilingual else LANGUAGES)
    raise UsageError.of(Commands.UNKNOWN_LANGUAGE, where=where, value=value, known=choices)


def languages_of(code: str) -> tuple[str, ...]:
    """The languages a (possibly bilingual) choice renders, in order: ``cy+en`` is Welsh
    first, then English."""
    return tuple(code.split("+"))


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``code``; English, the source text, needs none."""
    code = check_language(code)
    try:
        return translation.compiled(code)
    except OSError:
        from stalkscreen.catalogue import Commands

        path = translation.locale_dir() / code / "LC_MESSAGES" / (DOMAIN + ".mo")
        raise UsageError.of(
            Commands.CATALOGUE_NOT_BUILT, name=NAMES[code], code=code, path=str(path)
        ) from None


def current() -> str:
    """The language in force (``en`` unless set)."""
    return _active.get()


def set_language(code: str) -> None:
    """Make ``code`` the language of everything that follows (a command's whole run)."""
    code = check_language(code)
    translations(code)  # a missing catalogue is an error now, not in the middle of a report
    _active.set(code)


@contextmanager
def using(code: str) -> Iterator[str]:
    """Run a block in ``code``; the language before it is back afterwards."""
    code = check_language(code)
    translations(code)
    token = _active.set(code)
    try:
        yield code
    finally:
        _active.reset(token)


class Message(str):
    """A sentence of stalkscreen's own that can be said again in another language.

    Its value as a ``str`` is the English, so wherever it is stored or compared it is the
    sentence it always was: the score JSON, batch records and every English output keep
    the engine's English (the JSON is a machine contract, answer-files.md). It also keeps
    its catalogue id and values, and :func:`localize` renders it in the language in force
    where a reader sees it (a Welsh report, ``score --language cy``). So scoring builds its
    summaries and warnings once, whatever the language, and scores cannot depend on it.
    Build one with :data:`later` (``later.gettext("… %(n)s …", n=3)``), whose method names
    ``pybabel extract`` already knows. A value that is a Message is rendered in the same
    language; a tuple or list is joined with ``", "``. ``english=`` gives the English when
    it is not the id's (a code, ``persistence``, that other languages say in words).
    """

    msgid: str
    plural: str | None
    n: int
    context: str | None
    values: Mapping[str, object]

    def __new__(
        cls,
        msgid: str,
        values: Mapping[str, object] | None = None,
        plural: str | None = None,
        n: int = 1,
        context: str | None = None,
        english: str | None = None,
    ) -> Message:
        values = values or {}
        if english is None:  # the English: the id (or plural) as written, its values put in
            english = msgid if plural is None or n == 1 else plural
            if values:
                english = english % {
                    k: ", ".join(map(str, v)) if isinstance(v, tuple | list) else v
                    for k, v in values.items()
                }
        self = super().__new__(cls, english)
        self.msgid, self.plural, self.n, self.context, self.values = (
            msgid,
            plural,
            n,
            context,
            values,
        )
        return self

    def __reduce__(self) -> tuple[object, ...]:  # pickled for batch workers: keep the id
        args = (self.msgid, dict(self.values), self.plural, self.n, self.context, str(self))
        return (Message, args)


_ENGLISH = _gettext.NullTranslations()


def _say(
    t: _gettext.NullTranslations,
    msgid: str,
    plural: str | None,
    n: int,
    context: str | None,
    values: Mapping[str, object],
) -> str:
    if not msgid:  # gettext("") is the catalogue's header
        return ""
    if plural is not None:
        text = t.npgettext(context, msgid, plural, n) if context else t.ngettext(msgid, plural, n)
    else:
        text = t.pgettext(context, msgid) if context else t.gettext(msgid)
    if not values:
        return text
    return text % {key: _value(t, value) for key, value in values.items()}


def _value(t: _gettext.NullTranslations, value: object) -> object:
    if isinstance(value, Message):
        if t is _ENGLISH:
            return str(value)  # its English as built (``english=`` may differ from the id)
        return _say(t, value.msgid, value.plural, value.n, value.context, value.values)
    if isinstance(value, tuple | list):
        return ", ".join(str(_value(t, v)) for v in value)
    return value


def localize(text: str) -> str:
    """``text`` in the language in force: a :class:`Message` said again, any other text as
    it is (an id, a name, an answer's own words)."""
    if not isinstance(text, Message) or _active.get() == SOURCE_LANGUAGE:
        return text
    return _say(
        translations(_active.get()), text.msgid, text.plural, text.n, text.context, text.values
    )


def joined(parts: tuple[Message, ...] | list[Message], separator: str) -> Message:
    """``parts`` joined by ``separator`` as one :class:`Message` (each part said in the
    language it is rendered in; a plain tuple value joins with ``", "``)."""
    keys = [f"p{i}" for i in range(len(parts))]
    return Message(separator.join(f"%({k})s" for k in keys), dict(zip(keys, parts, strict=True)))


@lru_cache(maxsize=4096)
def _message(
    msgid: str,
    items: tuple[tuple[str, object], ...],
    plural: str | None,
    n: int,
    context: str | None,
) -> Message:
    return Message(msgid, dict(items), plural, n, context)


def _build(
    msgid: str, values: dict[str, object], plural: str | None, n: int, context: str | None
) -> Message:
    """The same sentence with the same plain values (text, whole numbers) is the same
    immutable Message, kept: scoring says the same few again and again (bench_scoring.py's
    screenings: 1.7 sentences a screening; timeit: about 1.3 µs to build one, 0.7 µs to
    find it kept). Values that are Messages or lists are built each time (a Message equals
    its English, so it could not tell two apart as a key)."""
    if all(type(v) is str or type(v) is int for v in values.values()):
        return _message(msgid, tuple(values.items()), plural, n, context)
    return Message(msgid, values, plural, n, context)


class _Later:
    """Messages to say later (:class:`Message`), built like the calls they defer."""

    @staticmethod
    def gettext(message: str, /, **values: object) -> Message:
        return _build(message, values, None, 1, None)

    @staticmethod
    def ngettext(singular: str, plural: str, n: int, /, **values: object) -> Message:
        return _build(singular, values, plural, n, None)

    @staticmethod
    def pgettext(context: str, message: str, /, **values: object) -> Message:
        return _build(message, values, None, 1, context)


later = _Later()
"""``later.gettext(…)``, ``later.ngettext(…)``, ``later.pgettext(…)``: a :class:`Message`."""


def html_lang(code: str | None = None) -> str:
    """The BCP 47 tag of ``code`` (default: the language in force)."""
    return HTML_LANG[code or _active.get()]


def _months() -> tuple[str, ...]:
    # one call per name, so that pybabel extracts each with its context
    return (
        pgettext("month", "January"),
        pgettext("month", "February"),
        pgettext("month", "March"),
        pgettext("month", "April"),
        pgettext("month", "May"),
        pgettext("month", "June"),
        pgettext("month", "July"),
        pgettext("month", "August"),
        pgettext("month", "September"),
        pgettext("month", "October"),
        pgettext("month", "November"),
        pgettext("month", "December"),
    )


def _months_short() -> tuple[str, ...]:
    return (
        pgettext("month-short", "Jan"),
        pgettext("month-short", "Feb"),
        pgettext("month-short", "Mar"),
        pgettext("month-short", "Apr"),
        pgettext("month-short", "May"),
        pgettext("month-short", "Jun"),
        pgettext("month-short", "Jul"),
        pgettext("month-short", "Aug"),
        pgettext("month-short", "Sep"),
        pgettext("month-short", "Oct"),
        pgettext("month-short", "Nov"),
        pgettext("month-short", "Dec"),
    )


def month_name(month: int, *, short: bool = False) -> str:
    """The name of ``month`` (1-12) in the language in force."""
    return (_months_short() if short else _months())[month - 1]


def date_text(day: date) -> str:
    """``3 December 2026`` (``3 Rhagfyr 2026``)."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def short_date_text(day: date) -> str:
    """``03 Dec 26`` (``03 Rhag 26``), for chart labels."""
    return f"{day.day:02d} {month_name(day.month, short=True)} {day.year % 100:02d}"


def time_text(moment: datetime) -> str:
    """``3 December 2026, 05:24 UTC``."""
    return f"{date_text(moment)}, {moment:%H:%M} UTC"


def number_text(value: float | int) -> str:
    """A number with thousands grouped: the same in both languages (see the module note)."""
    return f"{value:,}"
