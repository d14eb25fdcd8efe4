"""One entry of the catalogue of problems: a stable code, a message and a fix."""

from __future__ import annotations

import string
from enum import Enum

from stalkscreen.translation import gettext, words

_FIELDS = string.Formatter()


class Entry(Enum):
    """One problem: ``(code, message, fix[, otherwise])``; each area of the catalogue is an
    :class:`Entry` enumeration (:class:`~stalkscreen.catalogue.Reading`…).

    The message and the fix are :meth:`str.format` templates filled from the values the
    raising code gives; ``otherwise`` is the fix when a value the fix names is ``None``
    (no near name to suggest: ``guess``; no route to name: ``routes``). Each template is
    marked with ``N_`` where it is written, so pybabel extracts it, and is translated
    into the language in force when it is filled in (the values are not translated: they
    are names, paths and tokens from the input). The ``*_template`` attributes and the
    code stay English: the README's table is built from them.
    """

    def __init__(self, code: str, message: str, fix: str, otherwise: str = "") -> None:
        self.code = code
        self.message_template = message
        self.fix_template = fix
        self.otherwise_template = otherwise

    def fields(self) -> set[str]:
        """The names the templates take (each must be given when the problem is raised)."""
        return {
            name
            for text in (self.message_template, self.fix_template, self.otherwise_template)
            for _, name, _, _ in _FIELDS.parse(text)
            if name
        }

    def message(self, **params: object) -> str:
        """The message, filled in."""
        return gettext(self.message_template).format(**_values(params))

    def fix(self, **params: object) -> str:
        """The fix, filled in (the ``otherwise`` text when a value it names is ``None``)."""
        if self.otherwise_template:
            named = {name for _, name, _, _ in _FIELDS.parse(self.fix_template) if name}
            if any(params.get(name) is None for name in named):
                return gettext(self.otherwise_template).format(**_values(params))
        return gettext(self.fix_template).format(**_values(params))


def _values(params: dict[str, object]) -> dict[str, object]:
    """The values, stalkscreen's own words among them (``Words``) in the language in force."""
    return {name: words(value) for name, value in params.items()}
