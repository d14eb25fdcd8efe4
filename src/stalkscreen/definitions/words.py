"""The words of the rule prompts, the advice files and ``about`` in a library's language.

:func:`~stalkscreen.definitions.library.load_library` puts the words of a language
into the definitions and profiles itself; the other texts are read where they are used,
so the overlays that word them (``file:`` targets) wait on the library until then:

* :func:`rule_texts` — the prompts the scoring rules add (``rules/prompts.yaml``);
* :func:`localise` — a report data file (``advice.yaml``, ``probation-advice.yaml``,
  ``behaviour-advice.yaml``) as read from the template path;
* :func:`about_texts` — the texts of ``about`` and the report footers;
* :func:`language_info` / :func:`translation_status` — a language's metadata, read from
  its ``language.yaml`` (the one place the translation status is kept).

The bundled language overlay words only the bundled files: an organisation's own
``advice.yaml`` in a ``--template-dir`` keeps its own words (it can add its own
``file: advice`` overlay with ``--wording``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen import about
from stalkscreen.catalogue import Definitions
from stalkscreen.definitions.files import load_overlay
from stalkscreen.definitions.library import ENGLISH, Library, language_dir, located, reword
from stalkscreen.definitions.overlays import FileTarget, Found, LanguageInfo, TextOverlay, merge
from stalkscreen.definitions.rule_prompts import RULE_PROMPTS_FILE, RulePrompts, rule_prompts
from stalkscreen.errors import InvalidInputError
from stalkscreen.resources import bundled_dir
from stalkscreen.source import read_document

M = TypeVar("M", bound=BaseModel)


class AboutTexts(BaseModel):
    """The texts of ``about`` and the report footers (English: :mod:`stalkscreen.about`).

    The level words (each level's meaning, "not graded", "by count") are not here: the
    code that builds every outcome line says them, so they are in the message catalogue
    (``locale/``) with the rest of its words, each sentence in one place."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    about: str = Field(min_length=1, description="What the tool is, in a few sentences.")
    not_prediction: str = Field(min_length=1, description="Risk identification, not prediction.")
    not_official: str = Field(min_length=1, description="Not the official form.")
    evidence_caveats: tuple[str, ...] = Field(description="What studies found about DASH.")
    attribution: tuple[str, ...] = Field(description="Who the instruments are by.")


ENGLISH_ABOUT = AboutTexts(
    about=about.ABOUT,
    not_prediction=about.NOT_PREDICTION,
    not_official=about.NOT_OFFICIAL,
    evidence_caveats=about.EVIDENCE_CAVEATS,
    attribution=about.ATTRIBUTION,
)

_BUNDLED_FILES: dict[str, tuple[str, str]] = {
    "rule-prompts": ("questionnaires", str(RULE_PROMPTS_FILE)),
    "advice": ("reports", "advice.yaml"),
    "probation-advice": ("reports", "probation-advice.yaml"),
    "behaviour-advice": ("reports", "behaviour-advice.yaml"),
}


def bundled_file(target: str) -> Path | None:
    """Where the bundled English file of a ``file:`` target is (``None`` for ``about``)."""
    place = _BUNDLED_FILES.get(target)
    return None if place is None else bundled_dir(place[0]) / place[1]


def _same_file(a: Path, b: Path | None) -> bool:
    return b is not None and _resolved(a) == _resolved(b)


@lru_cache(maxsize=64)
def _resolved(path: Path) -> Path:
    """``path`` resolved, once per process: each summary in Welsh asks whether its advice
    files are the bundled ones, and resolving both took 80 µs a summary here (issue 18)."""
    return path.resolve()


def localise(model: M, target: FileTarget, library: Library, path: Path | None = None) -> M:
    """``model`` (read from ``path``) with the library's overlays of ``target`` applied.

    The bundled language's overlay applies only when ``path`` is the bundled file (or,
    for ``about``, always); the user's ``--wording`` overlays apply to whatever file is
    in use. Worked out once per library, file and target.
    """
    overlays = [
        (overlay, where)
        for overlay, where, bundled in library.file_overlays
        if overlay.file == target
        and (not bundled or target == "about" or _same_file(path or Path(), bundled_file(target)))
    ]
    if not overlays:
        return model
    key = (target, str(path), id(model))
    cache = library.localised
    cached = cache.get(key)
    if cached is not None and cached[0] is model:
        out = cached[1]
        if isinstance(out, type(model)):  # (the key holds the model's id: always)
            return out
    worded = model
    for overlay, where in overlays:
        worded = reword(worded, overlay.texts, where, ())
    cache[key] = (model, worded)
    return worded


def rule_texts(library: Library) -> RulePrompts:
    """The prompts the scoring rules add, in the library's language."""
    return localise(rule_prompts(), "rule-prompts", library, bundled_file("rule-prompts"))


def about_texts(library: Library) -> AboutTexts:
    """The ``about`` and footer texts, in the library's language."""
    return localise(ENGLISH_ABOUT, "about", library)


@lru_cache(maxsize=8)
def language_info(language: str) -> LanguageInfo | None:
    """A bundled language's metadata (``None`` for English)."""
    if language == ENGLISH:
        return None
    path = language_dir(language) / "language.yaml"
    if not path.is_file():
        raise InvalidInputError.of(Definitions.NO_SUCH_LANGUAGE, path)
    info = load_overlay(path)
    if not isinstance(info, LanguageInfo):
        raise InvalidInputError.of(Definitions.NOT_A_LANGUAGE_FILE, path, "overlay")
    return info


def translation_status(library: Library) -> str | None:
    """How far the words in force are reviewed (``None`` for English): the status shown
    in ``about`` and on the footer of every output in the language."""
    info = library.language_info
    return None if info is None else info.translation_status


def check_file_overlay(overlay: TextOverlay, path: Path) -> None:
    """Apply a ``file:`` overlay to the bundled file it words, to find what does not fit.

    The report files are checked against their data as read (their models belong to the
    report layer, above this one); the rule prompts and ``about`` against their models.
    """
    target = overlay.file
    if target is None:  # not a file overlay: nothing here to check
        return
    if target == "about":
        reword(ENGLISH_ABOUT, overlay.texts, path, ())
    elif target == "rule-prompts":
        reword(rule_prompts(), overlay.texts, path, ())
    else:
        english = bundled_file(target)
        if english is None:
            raise ValueError(f"{path}: no bundled file {target!r} to word")
        found: list[Found] = []
        merge(read_document(english).data, overlay.texts, ("texts",), found)
        if found:
            raise InvalidInputError(
                [located(path, loc, entry, values) for loc, entry, values in found]
            )
