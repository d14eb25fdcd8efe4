"""The language in force and its compiled message catalogue: the bottom layer of the
translation machinery, below the catalogue of problems, which translates its message and
fix templates when it fills them in (:meth:`stalkscreen.catalogue.Entry.message`).

:mod:`stalkscreen.i18n` is the interface everyone else uses (checking a language code,
setting it for a run or a block, dates); it keeps the language here so that every layer
reads the same one. This module imports nothing from stalkscreen.
"""

from __future__ import annotations

import gettext as _gettext
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "stalkscreen"
"""The gettext domain: ``locale/<code>/LC_MESSAGES/stalkscreen.mo``."""
SOURCE_LANGUAGE = "en"
"""The language the texts are written in (no catalogue needed)."""

active: ContextVar[str] = ContextVar("stalkscreen_language", default=SOURCE_LANGUAGE)
"""The language in force; set only through :mod:`stalkscreen.i18n`, which checks the code
and loads its catalogue first."""

_PACKAGE = Path(__file__).resolve().parent


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (a module-level constant,
    translated with :func:`gettext` where it is used)."""
    return message


class Words(str):
    """stalkscreen's own words given as a value to a problem of the catalogue (a place such
    as ``top level``, a kind such as ``a folder``): marked with ``N_`` where they are
    written and translated when the problem is filled in, in the language in force. A plain
    ``str`` value is the input's own text (a key, a path) and is never translated."""

    __slots__ = ()


def words(value: object) -> object:
    """``value`` in the language in force when it is :class:`Words`, else as it is."""
    return gettext(value) if isinstance(value, Words) else value


def locale_dir() -> Path:
    """The folder of compiled catalogues (``<code>/LC_MESSAGES/stalkscreen.mo``): package
    data in a wheel, the checkout's ``locale/`` otherwise (as ``resources.bundled_dir``,
    which sits above this module in the layers)."""
    packaged = _PACKAGE / "_data" / "locale"
    return packaged if packaged.is_dir() else _PACKAGE.parent.parent / "locale"


@cache
def compiled(code: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``code`` (a checked code); English needs none. ``OSError``
    when it is not built (:func:`stalkscreen.i18n.translations` says how to build it)."""
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[code])


def gettext(message: str) -> str:
    """``message`` in the language in force (an empty text stays empty: gettext would
    answer it with the catalogue's header)."""
    return compiled(active.get()).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the language in force."""
    return compiled(active.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the language in force, told apart from the same words elsewhere."""
    return compiled(active.get()).pgettext(context, message)
