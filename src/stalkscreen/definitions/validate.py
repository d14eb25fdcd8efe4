"""`stalkscreen questionnaires validate`: lint definitions, profiles and overlays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from stalkscreen.catalogue import Definitions
from stalkscreen.definitions.files import (
    LoadedQuestionnaire,
    load_overlay,
    load_profile,
    load_questionnaire,
)
from stalkscreen.definitions.library import Library, cross_check, load_library
from stalkscreen.definitions.overlays import LanguageInfo, Overlay, TextOverlay
from stalkscreen.definitions.rule_prompts import rule_prompts
from stalkscreen.definitions.words import check_file_overlay
from stalkscreen.errors import InvalidInputError, Problem
from stalkscreen.source import decode, parse_text, read_bytes


@dataclass(frozen=True)
class Checked:
    """One file that was validated."""

    path: str
    kind: str
    ident: str


def _kind_of(path: Path) -> str:
    raw = read_bytes(path)
    data = parse_text(decode(raw, str(path)), str(path)).data
    if not isinstance(data, dict):
        raise InvalidInputError.of(Definitions.NOT_A_DEFINITION, path, "top level", 1)
    if "overlay" in data:
        return "overlay"
    if str(data.get("format", "")).startswith("stalkscreen/rule-prompts@"):
        return "rule-prompts"
    if "bands" in data or "marac" in data or "routes" in data:
        return "profile"
    return "questionnaire"


def _expand(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in {".yaml", ".yml"} and p.is_file()
            )
            if not found:
                problems.append(Problem.of(Definitions.NO_YAML_FILES, path))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem.of(Definitions.NO_SUCH_PATH, path))
    return files, problems


def _check_overlay(library: Library, overlay: Overlay, path: Path) -> Checked:
    """Apply an overlay to what it words; ``InvalidInputError`` when it does not fit."""
    if isinstance(overlay, LanguageInfo):
        return Checked(str(path), "language", overlay.language)
    if isinstance(overlay, TextOverlay) and overlay.file is not None:
        check_file_overlay(overlay, path)
        return Checked(str(path), "overlay", overlay.file)
    library.apply_overlay(overlay, path)
    kind, target = overlay.target if isinstance(overlay, TextOverlay) else ("", overlay.instrument)
    return Checked(str(path), "overlay", f"profile {target}" if kind == "profile" else target)


def validate_paths(
    paths: Sequence[Path], questionnaire_dirs: Sequence[Path] = ()
) -> tuple[list[Checked], list[Problem]]:
    """Validate each file; cross-check conditions and overlays against the library."""
    files, problems = _expand(paths)
    checked: list[Checked] = []
    try:
        base = load_library(questionnaire_dirs)
    except InvalidInputError as exc:
        problems.extend(exc.problems)
        base = Library()
    library = Library(dict(base.questionnaires), dict(base.profiles))
    overlays: list[Path] = []
    local: list[LoadedQuestionnaire] = []
    for path in files:
        try:
            kind = _kind_of(path)
            if kind == "questionnaire":
                loaded = load_questionnaire(path)
                library.questionnaires[loaded.definition.id] = loaded
                local.append(loaded)
                checked.append(Checked(str(path), kind, loaded.definition.id))
            elif kind == "profile":
                profile = load_profile(path)
                checked.append(Checked(str(path), kind, profile.profile.id))
            elif kind == "rule-prompts":
                rule_prompts(path)
                checked.append(Checked(str(path), kind, "rule prompts"))
            else:
                overlays.append(path)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
    seen_ids: dict[str, str] = {}
    for loaded in local:
        qid = loaded.definition.id
        if qid in seen_ids and seen_ids[qid] != str(loaded.path):
            problems.append(
                Problem.of(
                    Definitions.INSTRUMENT_DEFINED_TWICE,
                    loaded.path,
                    "id",
                    ident=qid,
                    other=seen_ids[qid],
                )
            )
        seen_ids[qid] = str(loaded.path)
    local_paths = {str(q.path) for q in local}
    problems.extend(p for p in cross_check(library) if p.file in local_paths)
    for path in overlays:
        try:
            overlay = load_overlay(path)
            checked.append(_check_overlay(library, overlay, path))
        except InvalidInputError as exc:
            problems.extend(
                p if p.file else replace(p, file=str(path), place="instrument")
                for p in exc.problems
            )
    return checked, problems
