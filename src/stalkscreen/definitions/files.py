"""Reading one definition file: an instrument, an area profile or an overlay, validated, with
its digest (the :class:`~stalkscreen.definitions.library.Library` is built from them)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from stalkscreen.catalogue import Definitions
from stalkscreen.definitions.models import Questionnaire, WordingOverlay
from stalkscreen.definitions.overlays import (
    LANGUAGE,
    V1,
    V2,
    LanguageInfo,
    Overlay,
    TextOverlay,
    walk_texts,
)
from stalkscreen.definitions.profiles import Profile
from stalkscreen.errors import InvalidInputError, Problem
from stalkscreen.problems import collect, dotted
from stalkscreen.source import Document, decode, parse_text, read_bytes, require_mapping
from stalkscreen.translation import N_, Words

BUNDLED = "bundled"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A definition with where it came from, its hash and the wording in force."""

    definition: Questionnaire
    path: Path
    digest: str
    wording: str = BUNDLED

    @property
    def stamp(self) -> str:
        """``version+sha256:digest``, recorded in answer files and reports."""
        return f"{self.definition.version}+sha256:{self.digest}"


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    path: Path
    digest: str


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def _load_model(path: Path, model: type[M], what: str) -> tuple[M, bytes, Document]:
    raw = read_bytes(path)
    doc = parse_text(decode(raw, str(path)), str(path), allow_aliases=False)
    data = require_mapping(doc, what)
    loaded, problems = collect(model, data, doc)
    if loaded is None:
        raise InvalidInputError(problems)
    return loaded, raw, doc


def load_questionnaire(path: Path) -> LoadedQuestionnaire:
    """Read one instrument definition."""
    model, raw, _ = _load_model(path, Questionnaire, Words(N_("questionnaire definition")))
    return LoadedQuestionnaire(model, path, _digest(raw))


def load_profile(path: Path) -> LoadedProfile:
    """Read one area profile."""
    model, raw, _ = _load_model(path, Profile, Words(N_("area profile")))
    return LoadedProfile(model, path, _digest(raw))


_OVERLAYS: dict[str, type[WordingOverlay | TextOverlay | LanguageInfo]] = {
    V1: WordingOverlay,
    V2: TextOverlay,
    LANGUAGE: LanguageInfo,
}


def load_overlay(path: Path) -> Overlay:
    """Read one wording overlay (``stalkscreen/wording@1`` or ``@2``) or a language's
    ``language.yaml`` (``stalkscreen/language@1``)."""
    doc = parse_text(decode(read_bytes(path), str(path)), str(path), allow_aliases=False)
    data = require_mapping(doc, Words(N_("a wording overlay (overlay, name, …)")))
    tag = data.get("overlay")
    model = _OVERLAYS.get(tag) if isinstance(tag, str) else None
    if model is None:
        raise InvalidInputError.of(
            Definitions.OVERLAY_UNKNOWN_FORMAT,
            path,
            "overlay",
            doc.line_of(("overlay",)),
            known=", ".join(_OVERLAYS),
        )
    texts = data.get("texts")
    if model is TextOverlay and isinstance(texts, dict):
        found = [
            Problem.of(entry, path, dotted(loc), doc.line_of(loc), **values)
            for loc, entry, values in walk_texts(texts, ("texts",))
        ]
        if found:
            raise InvalidInputError(found)
    loaded, problems = collect(model, data, doc)
    if loaded is None:
        raise InvalidInputError(problems)
    return loaded


def yaml_files(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.iterdir() if p.suffix.lower() in {".yaml", ".yml"} and p.is_file()
    )


def overlay_files(paths: Iterable[Path]) -> list[Path]:
    """Expand overlay paths: a directory stands for the YAML files in it."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(yaml_files(path))
        elif path.exists():
            files.append(path)
        else:
            raise InvalidInputError.of(Definitions.NO_SUCH_OVERLAY, path)
    return files
