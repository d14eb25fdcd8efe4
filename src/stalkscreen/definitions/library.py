"""Loading instrument definitions, area profiles and wording overlays.

The :class:`Library` is what every command works from. It reads a *search
path* of directories — the user's own first, the bundled ``questionnaires/``
last — so a local definition or profile with the same id replaces the bundled
one. Wording overlays then replace item text by id; scoring never changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from stalkscreen.definitions.conditions import Node, Ref, parse_condition, refs
from stalkscreen.definitions.models import Profile, Questionnaire, WordingOverlay
from stalkscreen.errors import InvalidInputError, Problem, nearest
from stalkscreen.problems import collect
from stalkscreen.resources import bundled_dir
from stalkscreen.source import Document, decode, parse_text, read_bytes, require_mapping
from stalkscreen.vocabulary import CASE_FIELDS

CONTEXT_KEYS = (
    "children",
    "safe_to_talk",
    "safe_contact",
    "messages_safe",
    "other_party_whereabouts",
    "children_whereabouts",
    "s_dash",
)
"""Documented `context` keys of an answer file (section gates add their own)."""

CASE_KEYS: tuple[str, ...] = CASE_FIELDS
"""The `case` fields of an answer file (the contract model checks it has these)."""

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
        raise InvalidInputError(f"{path} is not a valid {what}", problems)
    return loaded, raw, doc


def load_questionnaire(path: Path) -> LoadedQuestionnaire:
    """Read one instrument definition."""
    model, raw, _ = _load_model(path, Questionnaire, "questionnaire definition")
    return LoadedQuestionnaire(model, path, _digest(raw))


def load_profile(path: Path) -> LoadedProfile:
    """Read one area profile."""
    model, raw, _ = _load_model(path, Profile, "area profile")
    return LoadedProfile(model, path, _digest(raw))


def load_overlay(path: Path) -> WordingOverlay:
    """Read one wording overlay."""
    return _load_model(path, WordingOverlay, "wording overlay")[0]


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.iterdir() if p.suffix.lower() in {".yaml", ".yml"} and p.is_file()
    )


def overlay_files(paths: Iterable[Path]) -> list[Path]:
    """Expand overlay paths: a directory stands for the YAML files in it."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_yaml_files(path))
        elif path.exists():
            files.append(path)
        else:
            raise InvalidInputError(
                "overlay not found",
                [Problem(str(path), "", "no such wording overlay", "check the path")],
            )
    return files


@dataclass
class Library:
    """Every definition and profile in force, by id."""

    questionnaires: dict[str, LoadedQuestionnaire] = field(default_factory=dict)
    profiles: dict[str, LoadedProfile] = field(default_factory=dict)

    @property
    def definitions(self) -> dict[str, Questionnaire]:
        return {k: v.definition for k, v in self.questionnaires.items()}

    def questionnaire(self, instrument_id: str) -> LoadedQuestionnaire:
        try:
            return self.questionnaires[instrument_id]
        except KeyError:
            raise _unknown("instrument", instrument_id, self.questionnaires) from None

    def profile(self, profile_id: str) -> LoadedProfile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise _unknown("area profile", profile_id, self.profiles) from None

    def stamps(self) -> dict[str, str]:
        return {k: v.stamp for k, v in self.questionnaires.items()}

    def wordings(self) -> dict[str, str]:
        return {k: v.wording for k, v in self.questionnaires.items()}

    def apply_overlay(self, overlay: WordingOverlay, path: Path) -> None:
        """Replace item text by id; ids the instrument lacks are errors."""
        loaded = self.questionnaire(overlay.instrument)
        definition = loaded.definition
        problems = []
        for item_id in overlay.items:
            if definition.item(item_id) is None:
                guess = nearest(item_id, definition.item_ids)
                problems.append(
                    Problem(
                        str(path),
                        f"items.{item_id}",
                        f"{definition.id} has no item {item_id!r}",
                        f"did you mean {guess!r}?" if guess else "check the item ids",
                    )
                )
        if problems:
            raise InvalidInputError(f"{path} names items that do not exist", problems)
        items = []
        for item in definition.items:
            wording = overlay.items.get(item.id)
            if wording is None:
                items.append(item)
                continue
            update: dict[str, Any] = wording.model_dump(exclude_none=True)
            items.append(item.model_copy(update=update))
        self.questionnaires[definition.id] = LoadedQuestionnaire(
            definition.model_copy(update={"items": tuple(items)}),
            loaded.path,
            loaded.digest,
            wording=overlay.name,
        )


def _unknown(kind: str, name: str, known: Iterable[str]) -> InvalidInputError:
    known = list(known)
    guess = nearest(name, known)
    fix = f"did you mean {guess!r}?" if guess else f"choose one of: {', '.join(sorted(known))}"
    return InvalidInputError(
        f"unknown {kind} {name!r}", [Problem("", kind, f"there is no {kind} {name!r}", fix)]
    )


def search_path(extra: Sequence[Path] = ()) -> list[Path]:
    """User directories first, the bundled questionnaires last."""
    return [*extra, bundled_dir("questionnaires")]


def load_library(questionnaire_dirs: Sequence[Path] = (), wording: Sequence[Path] = ()) -> Library:
    """Load definitions and profiles from the search path, then apply overlays."""
    library = Library()
    problems: list[Problem] = []
    for directory in search_path(questionnaire_dirs):
        if not directory.is_dir():
            problems.append(
                Problem(str(directory), "", "no such questionnaires directory", "check the path")
            )
            continue
        seen_here: set[str] = set()
        for path in _yaml_files(directory):
            try:
                loaded = load_questionnaire(path)
            except InvalidInputError as exc:
                problems.extend(exc.problems)
                continue
            qid = loaded.definition.id
            if qid in seen_here:
                problems.append(
                    Problem(str(path), "id", f"a second definition of {qid!r} here", "remove one")
                )
            seen_here.add(qid)
            library.questionnaires.setdefault(qid, loaded)
        profile_dir = directory / "profiles"
        if profile_dir.is_dir():
            for path in _yaml_files(profile_dir):
                try:
                    profile = load_profile(path)
                except InvalidInputError as exc:
                    problems.extend(exc.problems)
                    continue
                library.profiles.setdefault(profile.profile.id, profile)
    if not problems:
        problems.extend(cross_check(library))
    if problems:
        raise InvalidInputError("the questionnaires cannot be loaded", problems)
    for path in overlay_files(wording):
        library.apply_overlay(load_overlay(path), path)
    return library


def _context_keys(definitions: Iterable[Questionnaire]) -> set[str]:
    keys = set(CONTEXT_KEYS)
    for q in definitions:
        keys.update(s.gate_key for s in q.sections if s.gate_key)
    return keys


def check_ref(ref: Ref, owner: Questionnaire, known: dict[str, Questionnaire]) -> str | None:
    """Why a condition's reference cannot be resolved, or ``None`` when it can."""
    parts = ref.qualified(owner.id)
    scope = parts[0]
    if scope == "case":
        if len(parts) != 2 or parts[1] not in CASE_KEYS:
            return f"{ref} is not a case field (fields: {', '.join(CASE_KEYS)})"
        return None
    if scope == "context":
        keys = _context_keys(known.values())
        if len(parts) != 2 or parts[1] not in keys:
            return f"{ref} is not a context key (keys: {', '.join(sorted(keys))})"
        return None
    definition = owner if scope == owner.id else known.get(scope)
    if definition is None:
        guess = nearest(scope, known)
        hint = f"; did you mean {guess!r}?" if guess else ""
        return f"{ref} names instrument {scope!r}, which is not defined{hint}"
    if len(parts) not in (2, 3):
        return f"{ref} has too many parts (use instrument.item or instrument.item.detail)"
    item = definition.item(parts[1])
    if item is None:
        guess = nearest(parts[1], definition.item_ids)
        hint = f"; did you mean {guess!r}?" if guess else ""
        return f"{ref} names item {parts[1]!r}, which {definition.id} does not have{hint}"
    if len(parts) == 3 and parts[2] not in {d.id for d in item.details}:
        return f"{ref} names detail {parts[2]!r}, which {definition.id}.{item.id} does not record"
    return None


def _conditions(q: Questionnaire) -> Iterable[tuple[str, str]]:
    if q.offered_when:
        yield "offered_when", q.offered_when
    if q.indicates_stalking:
        yield "indicates_stalking", q.indicates_stalking
    for i, s in enumerate(q.sections):
        if s.when:
            yield f"sections[{i}].when", s.when
    for i, item in enumerate(q.items):
        if item.when:
            yield f"items[{i}].when", item.when
        for j, d in enumerate(item.details):
            if d.when:
                yield f"items[{i}].details[{j}].when", d.when
        if item.counts_when:
            yield f"items[{i}].counts_when.when", item.counts_when.when
    for i, p in enumerate(q.prompts):
        yield f"prompts[{i}].when", p.when


def cross_check(library: Library) -> list[Problem]:
    """Conditions must name items that exist; equivalents must resolve."""
    known = library.definitions
    problems: list[Problem] = []
    for loaded in library.questionnaires.values():
        q = loaded.definition
        for place, text in _conditions(q):
            node: Node = parse_condition(text)
            for ref in refs(node):
                why = check_ref(ref, q, known)
                if why:
                    problems.append(
                        Problem(str(loaded.path), place, why, "name an item that exists")
                    )
        for i, item in enumerate(q.items):
            if item.equivalent:
                inst, _, other = item.equivalent.partition(".")
                target = known.get(inst)
                if target is None or target.item(other) is None:
                    problems.append(
                        Problem(
                            str(loaded.path),
                            f"items[{i}].equivalent",
                            f"{item.equivalent} does not exist",
                            "name an existing instrument.item",
                        )
                    )
    return problems
