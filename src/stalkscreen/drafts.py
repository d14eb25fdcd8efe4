"""Where interview drafts and finished screenings are kept, and how they are named.

Drafts live in ``<user data dir>/stalkscreen/drafts`` (owner-only, 0700) unless
``--out`` names a file. A draft's file name is made when the reference is first
given: the reference reduced to letters, digits and hyphens (at most 24
characters), the time, and a random tag, so two screenings of one case never
collide and nothing typed can steer the path (``../``, ``/``, control
characters). Screenings finished without ``--out`` are kept beside the drafts
in ``screenings/``. :func:`purge` erases drafts left untouched for too long.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stalkscreen.answers import AnswerSet, load_answers, save_answers
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Profile
from stalkscreen.errors import StalkscreenError
from stalkscreen.storage import DIR_MODE, ensure_private_dir


def data_dir() -> Path:
    """The per-user data directory (``XDG_DATA_HOME`` is honoured on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("stalkscreen")


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def screenings_dir() -> Path:
    return data_dir() / "screenings"


def private_dir(path: Path) -> Path:
    """Create ``path`` owner-only; tighten it if it already exists and is ours."""
    ensure_private_dir(path)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(DIR_MODE)
    except OSError:
        pass
    return path


def safe_name(reference: str, when: datetime | None = None) -> str:
    """A file name for a screening: never the raw reference."""
    when = when or datetime.now(UTC)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", reference).strip("-")[:24].strip("-") or "case"
    return f"{slug}-{when:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.yaml"


@dataclass
class DraftStore:
    """Saves the draft after every change: to ``path``, else a new file in ``directory``."""

    path: Path | None = None
    directory: Path | None = None

    def __call__(self, answers: AnswerSet) -> None:
        if self.path is None:
            directory = private_dir(self.directory or drafts_dir())
            self.path = directory / safe_name(answers.case.reference)
        save_answers(answers, self.path)

    @property
    def in_drafts_dir(self) -> bool:
        if self.path is None:
            return True
        base = (self.directory or drafts_dir()).resolve()
        return self.path.resolve().parent == base


@dataclass(frozen=True)
class DraftInfo:
    """One line of ``stalkscreen drafts``."""

    path: Path
    reference: str | None
    answered: int
    total: int
    updated: datetime | None
    where: str


def draft_files(directory: Path | None = None) -> list[Path]:
    """Draft files, most recently changed first."""
    directory = directory or drafts_dir()
    if not directory.is_dir():
        return []
    files = [p for p in directory.iterdir() if p.suffix in {".yaml", ".yml", ".json"}]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def describe(path: Path, library: Library, profile: Profile) -> DraftInfo:
    """Reference, progress and last change of one draft (``reference`` is None if unreadable)."""
    from stalkscreen.interview import Interview, InterviewError

    updated = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    try:
        draft = load_answers(path, library.definitions)
        interview = Interview.resume(library, profile, draft)
    except (StalkscreenError, InterviewError):
        return DraftInfo(path, None, 0, 0, updated, "unreadable")
    answered, total = interview.progress()
    if draft.meta and draft.meta.updated_at:
        updated = draft.meta.updated_at
    return DraftInfo(path, draft.case.reference, answered, total, updated, interview.view().section)


# --------------------------------------------------------------------------- purging

_AGE_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}


def parse_age(text: str) -> timedelta:
    """``30d``, ``12h`` or ``2w`` as a duration (a usage error otherwise)."""
    from stalkscreen.errors import UsageError

    match = re.fullmatch(r"\s*(\d{1,5})\s*([hdw])\s*", text.lower())
    if not match or int(match.group(1)) == 0:
        raise UsageError(f"--older-than {text!r}: give a number and h, d or w (e.g. 30d, 12h, 2w)")
    return timedelta(seconds=int(match.group(1)) * _AGE_UNITS[match.group(2)])


@dataclass(frozen=True)
class Purged:
    """One file erased (or that would be, in a dry run)."""

    path: Path
    reference: str | None
    modified: datetime
    kind: str
    """``draft``, or ``temporary`` for a half-written file left by a killed save."""


def _reference_of(path: Path) -> str | None:
    """The case reference of a draft, if it can be read (with the keys given)."""
    from stalkscreen.source import read_document

    try:
        data = read_document(path).data
    except StalkscreenError:
        return None
    case = data.get("case") if isinstance(data, dict) else None
    ref = case.get("reference") if isinstance(case, dict) else None
    if isinstance(ref, str) and 0 < len(ref) <= 64 and ref.isprintable():
        return ref
    return None


def purge(
    older_than: timedelta,
    *,
    directory: Path | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
) -> list[Purged]:
    """Erase drafts (and leftover temporary files) not changed for ``older_than``."""
    directory = directory or drafts_dir()
    if not directory.is_dir():
        return []
    cutoff = (now or datetime.now(UTC)) - older_than
    erased: list[Purged] = []
    for path in sorted(directory.iterdir()):
        if not path.is_file() or path.is_symlink():
            continue
        temporary = path.name.startswith(".") and path.name.endswith(".tmp")
        if not temporary and path.suffix not in {".yaml", ".yml", ".json"}:
            continue
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        if modified >= cutoff:
            continue
        reference = None if temporary else _reference_of(path)
        if not dry_run:
            path.unlink(missing_ok=True)
        erased.append(Purged(path, reference, modified, "temporary" if temporary else "draft"))
    return erased
