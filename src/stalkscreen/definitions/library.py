"""Loading instrument definitions, area profiles and wording overlays.

The :class:`Library` is what every command works from. It reads a *search
path* of directories — the user's own first, the bundled ``questionnaires/``
last — so a local definition or profile with the same id replaces the bundled
one. Wording overlays then replace text by id; scoring never changes. With a
``language`` other than English, the bundled language overlay
(``questionnaires/overlays/<language>/``) puts the bundled definitions' and profiles'
words in that language first, and the user's ``wording`` overlays come after it.
Each file is read by :mod:`stalkscreen.definitions.files`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stalkscreen.catalogue import Definitions, Entry
from stalkscreen.definitions.conditions import Node, Ref, parse_condition, refs
from stalkscreen.definitions.files import (
    LoadedProfile,
    LoadedQuestionnaire,
    load_overlay,
    load_profile,
    load_questionnaire,
    overlay_files,
    yaml_files,
)
from stalkscreen.definitions.models import Questionnaire, WordingOverlay
from stalkscreen.definitions.overlays import (
    Found,
    LanguageInfo,
    Overlay,
    TextOverlay,
    as_texts,
    merge,
)
from stalkscreen.errors import InvalidInputError, Problem, UsageError, nearest
from stalkscreen.problems import dotted, problems_from
from stalkscreen.resources import bundled_dir
from stalkscreen.source import (
    Document,
    read_document,
)
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


@dataclass
class Library:
    """Every definition and profile in force, by id, in one language."""

    questionnaires: dict[str, LoadedQuestionnaire] = field(default_factory=dict)
    profiles: dict[str, LoadedProfile] = field(default_factory=dict)
    language: str = "en"
    """The language of the words (``en``, or a bundled language such as ``cy``)."""
    language_info: LanguageInfo | None = None
    """The language's metadata (name, translation status); ``None`` for English."""
    file_overlays: list[tuple[TextOverlay, Path, bool]] = field(default_factory=list)
    """Overlays of the rule prompts, advice files and ``about`` texts, in order, each with
    its path and whether it is the bundled language's (which words only the bundled
    files); :mod:`stalkscreen.definitions.words` applies them where the files are read."""
    localised: dict[tuple[str, str, int], tuple[Any, Any]] = field(default_factory=dict)
    """Files already worded: (target, path, id of the English model) → (it, the result)."""

    @property
    def definitions(self) -> dict[str, Questionnaire]:
        return {k: v.definition for k, v in self.questionnaires.items()}

    def questionnaire(self, instrument_id: str) -> LoadedQuestionnaire:
        try:
            return self.questionnaires[instrument_id]
        except KeyError:
            raise _unknown(
                Definitions.UNKNOWN_INSTRUMENT, instrument_id, self.questionnaires
            ) from None

    def profile(self, profile_id: str) -> LoadedProfile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise _unknown(Definitions.UNKNOWN_PROFILE, profile_id, self.profiles) from None

    def stamps(self) -> dict[str, str]:
        return {k: v.stamp for k, v in self.questionnaires.items()}

    def wordings(self) -> dict[str, str]:
        return {k: v.wording for k, v in self.questionnaires.items()}

    def apply_overlay(self, overlay: Overlay, path: Path, *, bundled: bool = False) -> None:
        """Replace words by id; ids or fields the target lacks are errors.

        ``bundled`` marks the bundled language overlay: it words only the bundled
        definitions and profiles (a local file with the same id keeps its own words).
        """
        if isinstance(overlay, LanguageInfo):
            self.language_info = overlay
            return
        texts = as_texts(overlay) if isinstance(overlay, WordingOverlay) else overlay
        kind, target = texts.target
        if kind == "file":
            self.file_overlays.append((texts, path, bundled))
        elif kind == "instrument":
            self._word_instrument(texts, path, bundled)
        elif target == "*":
            self._word_routes(texts, path, bundled)
        else:
            loaded = self.profile(target)
            if bundled and not _is_bundled(loaded.path):
                return
            profile = reword(loaded.profile, texts.texts, path, ())
            self.profiles[target] = LoadedProfile(profile, loaded.path, loaded.digest)

    def _word_instrument(self, overlay: TextOverlay, path: Path, bundled: bool) -> None:
        loaded = self.questionnaire(overlay.target[1])
        if bundled and not _is_bundled(loaded.path):
            return
        definition = reword(loaded.definition, overlay.texts, path, ())
        self.questionnaires[definition.id] = LoadedQuestionnaire(
            definition,
            loaded.path,
            loaded.digest,
            wording=loaded.wording if bundled else overlay.name,
        )

    def _word_routes(self, overlay: TextOverlay, path: Path, bundled: bool) -> None:
        """``profile: '*'``: each route's words in every profile that has the route."""
        routes: dict[str, Any] = overlay.texts.get("routes") or {}
        known: set[str] = set()
        for pid, loaded in list(self.profiles.items()):
            ids = {r.id for r in loaded.profile.routes}
            known |= ids
            if bundled and not _is_bundled(loaded.path):
                continue
            mine = {k: v for k, v in routes.items() if k in ids}
            if mine:
                profile = reword(loaded.profile, {"routes": mine}, path, ())
                self.profiles[pid] = LoadedProfile(profile, loaded.path, loaded.digest)
        unknown = [k for k in routes if k not in known]
        if unknown:
            raise InvalidInputError(
                [
                    located(
                        path,
                        ("texts", "routes", k),
                        Definitions.OVERLAY_UNKNOWN_ROUTE,
                        {"route": k, "guess": nearest(k, list(known))},
                    )
                    for k in unknown
                ]
            )


M2 = TypeVar("M2", bound=BaseModel)


def reword(model: M2, texts: dict[str, Any], path: Path, prefix: tuple[str, ...]) -> M2:
    """``model`` with an overlay's words put in, checked as strictly as the original."""
    found: list[Found] = []
    data = merge(model.model_dump(), texts, ("texts", *prefix), found)
    if found:
        raise InvalidInputError([located(path, loc, entry, values) for loc, entry, values in found])
    try:
        return type(model).model_validate(data)
    except ValidationError as exc:
        doc = Document(path=str(path), text="", data=data)
        problems = problems_from(exc, doc, type(model), prefix=("texts",))
        raise InvalidInputError(problems) from None


def located(
    path: Path, loc: tuple[str | int, ...], entry: Entry, values: dict[str, object]
) -> Problem:
    """``entry`` at ``loc`` of the overlay file ``path``, with its line when it can be read."""
    try:
        line = read_document(path).line_of(loc)
    except InvalidInputError:
        line = None
    return Problem.of(entry, path, dotted(loc), line, **values)


def _is_bundled(path: Path) -> bool:
    return path.resolve().is_relative_to(bundled_dir("questionnaires").resolve())


def chosen_profile_name(flag: str | None, written: str | None, configured: str | None) -> str:
    """SC profile choice, for every command and the batch: the ``--profile`` flag, then the
    answer file's ``profile``, then the configuration's, then ``default``."""
    return flag or written or configured or "default"


def _unknown(code: Entry, name: str, known: Iterable[str]) -> InvalidInputError:
    known = list(known)
    place = "instrument" if code is Definitions.UNKNOWN_INSTRUMENT else "area profile"
    return InvalidInputError.of(
        code, "", place, name=name, guess=nearest(name, known), known=", ".join(sorted(known))
    )


def search_path(extra: Sequence[Path] = ()) -> list[Path]:
    """User directories first, the bundled questionnaires last."""
    return [*extra, bundled_dir("questionnaires")]


ENGLISH = "en"
OVERLAYS_DIR = "overlays"


def language_dir(language: str) -> Path:
    """The bundled overlay folder of a language (``questionnaires/overlays/cy``)."""
    return bundled_dir("questionnaires") / OVERLAYS_DIR / language


def languages() -> tuple[str, ...]:
    """The languages the bundled words come in: English and each overlay folder's."""
    root = bundled_dir("questionnaires") / OVERLAYS_DIR
    if not root.is_dir():
        return (ENGLISH,)
    return (ENGLISH, *sorted(p.name for p in root.iterdir() if (p / "language.yaml").is_file()))


def load_library(
    questionnaire_dirs: Sequence[Path] = (),
    wording: Sequence[Path] = (),
    language: str = ENGLISH,
) -> Library:
    """Load definitions and profiles from the search path, then put the words of
    ``language`` in (the bundled language overlay), then apply the ``wording`` overlays."""
    known = languages()
    if language not in known:
        raise UsageError.of(Definitions.UNKNOWN_LANGUAGE, name=language, known=", ".join(known))
    library = Library(language=language)
    problems: list[Problem] = []
    for directory in search_path(questionnaire_dirs):
        if not directory.is_dir():
            problems.append(Problem.of(Definitions.NO_SUCH_QUESTIONNAIRES_DIR, directory))
            continue
        seen_here: set[str] = set()
        for path in yaml_files(directory):
            try:
                loaded = load_questionnaire(path)
            except InvalidInputError as exc:
                problems.extend(exc.problems)
                continue
            qid = loaded.definition.id
            if qid in seen_here:
                problems.append(Problem.of(Definitions.SECOND_DEFINITION, path, "id", ident=qid))
            seen_here.add(qid)
            library.questionnaires.setdefault(qid, loaded)
        profile_dir = directory / "profiles"
        if profile_dir.is_dir():
            for path in yaml_files(profile_dir):
                try:
                    profile = load_profile(path)
                except InvalidInputError as exc:
                    problems.extend(exc.problems)
                    continue
                library.profiles.setdefault(profile.profile.id, profile)
    if not problems:
        problems.extend(cross_check(library))
    if problems:
        raise InvalidInputError(problems)
    if language != ENGLISH:
        for path in overlay_files([language_dir(language)]):
            library.apply_overlay(load_overlay(path), path, bundled=True)
    for path in overlay_files(wording):
        library.apply_overlay(load_overlay(path), path)
    return library


def _context_keys(definitions: Iterable[Questionnaire]) -> set[str]:
    keys = set(CONTEXT_KEYS)
    for q in definitions:
        keys.update(s.gate_key for s in q.sections if s.gate_key)
    return keys


def check_ref(
    ref: Ref, owner: Questionnaire, known: dict[str, Questionnaire]
) -> tuple[Entry, dict[str, object]] | None:
    """Why a condition's reference cannot be resolved (a catalogue entry and its values),
    or ``None`` when it can."""
    parts = ref.qualified(owner.id)
    scope = parts[0]
    if scope == "case":
        if len(parts) != 2 or parts[1] not in CASE_KEYS:
            return Definitions.REF_NOT_CASE_FIELD, {"ref": ref, "fields": ", ".join(CASE_KEYS)}
        return None
    if scope == "context":
        keys = _context_keys(known.values())
        if len(parts) != 2 or parts[1] not in keys:
            return Definitions.REF_NOT_CONTEXT_KEY, {"ref": ref, "keys": ", ".join(sorted(keys))}
        return None
    definition = owner if scope == owner.id else known.get(scope)
    if definition is None:
        guess = nearest(scope, known)
        return Definitions.REF_UNKNOWN_INSTRUMENT, {"ref": ref, "instrument": scope, "guess": guess}
    if len(parts) not in (2, 3):
        return Definitions.REF_TOO_MANY_PARTS, {"ref": ref}
    item = definition.item(parts[1])
    if item is None:
        guess = nearest(parts[1], definition.item_ids)
        values = {"ref": ref, "item": parts[1], "instrument": definition.id, "guess": guess}
        return Definitions.REF_UNKNOWN_ITEM, values
    if len(parts) == 3 and parts[2] not in {d.id for d in item.details}:
        values = {"ref": ref, "detail": parts[2], "item": f"{definition.id}.{item.id}"}
        return Definitions.REF_UNKNOWN_DETAIL, values
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
                    code, values = why
                    problems.append(Problem.of(code, loaded.path, place, **values))
        for i, item in enumerate(q.items):
            if item.equivalent:
                inst, _, other = item.equivalent.partition(".")
                target = known.get(inst)
                if target is None or target.item(other) is None:
                    problems.append(
                        Problem.of(
                            Definitions.EQUIVALENT_MISSING,
                            loaded.path,
                            f"items[{i}].equivalent",
                            equivalent=item.equivalent,
                        )
                    )
    return problems
