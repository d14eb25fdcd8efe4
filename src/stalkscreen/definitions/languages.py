"""The library in a language: instrument, profile and advice texts in Welsh or English.

The translated texts themselves are overlays (``questionnaires/overlays/<code>/``, issue
20 item 2) applied by :func:`stalkscreen.definitions.library.load_library`; this is the one
place the command line and the API ask for a library in a language, so that the language
chosen by ``--language``, ``STALKSCREEN_LANGUAGE`` or the config reaches it. Scores never
depend on the language: overlays change texts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stalkscreen import i18n
from stalkscreen.definitions.library import Library, load_library


def load_library_in(
    questionnaire_dirs: Sequence[Path] = (),
    wording: Sequence[Path] = (),
    language: str | None = None,
) -> Library:
    """:func:`load_library` with its texts in ``language`` (default: the language in
    force)."""
    return load_library(
        questionnaire_dirs, wording, i18n.check_language(language or i18n.current())
    )


def translation_status(code: str | None = None) -> str | None:
    """How far the translation of ``code`` (default: the language in force) is to be
    trusted, e.g. ``draft - needs review by a qualified Welsh translator``; None for
    English. The one place it is kept is the language's ``language.yaml`` beside its
    overlays (``questionnaires/overlays/<code>/``), which covers the catalogue's wording and
    the overlays' alike: whoever approves the translation edits that one line."""
    from stalkscreen.definitions.words import language_info

    code = i18n.check_language(code or i18n.current())
    if code == i18n.SOURCE_LANGUAGE:
        return None
    info = language_info(code)
    return None if info is None else info.translation_status


def is_draft(code: str | None = None) -> bool:
    """Whether outputs in ``code`` must say that their translation is a draft."""
    status = translation_status(code)
    return status is not None and status.lower().startswith("draft")
