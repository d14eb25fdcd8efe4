"""Where interview drafts and finished screenings are kept, and how they are named.

Drafts live in ``<user data dir>/stalkscreen/drafts`` (owner-only, 0700) unless
``--out`` names a file. A draft's file name is made when the reference is first
given: the time and a random tag, nothing else. A reference can hold a name, so
it is kept only inside the (private) file; two screenings never collide and
nothing typed can steer the path. Screenings finished without ``--out`` are
kept beside the drafts in ``screenings/``. :func:`purge` erases drafts left
untouched for too long.

Drafts saved with ``--out`` live wherever the practitioner chose, so their
paths (and nothing else: no reference, no answers) are kept in a small private
index, ``<user data dir>/stalkscreen/out-drafts.json`` (0600), for
``stalkscreen drafts`` and ``screen --resume``. Entries whose files are gone or
completed are dropped when the index is read.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Commands
from stalkscreen.definitions.library import Library
from stalkscreen.draftlock import DraftLock, is_held
from stalkscreen.errors import StalkscreenError
from stalkscreen.reading import load_answers
from stalkscreen.saving import save_answers
from stalkscreen.storage import ensure_private_dir, write_atomic


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
    from stalkscreen.folders import tighten

    ensure_private_dir(path)
    tighten(data_dir())
    tighten(path)
    return path


def safe_name(when: datetime | None = None) -> str:
    """A file name for a screening that identifies no one: the time and a random tag."""
    when = when or datetime.now(UTC)
    return f"screening-{when:%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.yaml"


@dataclass
class DraftStore:
    """Saves the draft after every change: to ``path``, else a new file in ``directory``.

    With ``indexed`` (a draft saved with ``--out``) the path is added to the index of
    ``--out`` drafts on the first save."""

    path: Path | None = None
    directory: Path | None = None
    indexed: bool = False
    lock: DraftLock | None = None
    notes: list[str] = field(default_factory=list)

    def __call__(self, answers: AnswerSet) -> None:
        if self.path is None:
            directory = private_dir(self.directory or drafts_dir())
            self.path = directory / safe_name()
        self.hold()
        save_answers(answers, self.path)
        if self.indexed:
            self.indexed = False  # once per session is enough
            remember_draft(self.path)

    def hold(self) -> None:
        """Lock the draft for this interview (issue 21.3): another interview holding it is
        an error (exit 3); a stale lock is taken over, with a note in :attr:`notes`."""
        if self.lock is None and self.path is not None:
            lock = DraftLock(self.path)
            note = lock.acquire()
            self.lock = lock
            if note:
                self.notes.append(note)

    def release(self) -> None:
        """Give the draft's lock up (the interview has ended)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

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
    """Draft files, most recently changed first: the drafts folder and, unless another
    ``directory`` is given, the ``--out`` drafts in the index."""
    from stalkscreen.folders import tighten

    folder = directory or drafts_dir()
    files = []
    if folder.is_dir():
        if directory is None:
            tighten(data_dir())
        tighten(folder)
        files = [p for p in folder.iterdir() if p.suffix in {".yaml", ".yml", ".json"}]
    if directory is None:
        seen = {p.resolve() for p in files}
        files += [p for p in indexed_drafts() if p.resolve() not in seen]
    # a link to nothing, a folder named like a draft, a file gone since the listing: skipped
    dated = [(when, p) for p in files if (when := _modified(p)) is not None]
    return [p for _, p in sorted(dated, key=lambda pair: pair[0], reverse=True)]


def _modified(path: Path) -> float | None:
    """When a draft file last changed, or None when it is not a readable plain file."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_mtime if stat.S_ISREG(info.st_mode) else None


def latest_draft(library: Library) -> tuple[Path | None, int]:
    """The most recently changed draft that can be read and is in progress, and how many
    newer files were skipped (unreadable or completed): one bad file never stops a resume."""
    skipped = 0
    for path in draft_files():
        try:
            draft = load_answers(path, library.definitions)
        except StalkscreenError:
            skipped += 1
            continue
        if draft.status == "completed":
            skipped += 1
            continue
        return path, skipped
    return None, skipped


# --------------------------------------------------------------------------- the --out index

INDEX_FORMAT = "stalkscreen/out-drafts@1"


def index_path() -> Path:
    return data_dir() / "out-drafts.json"


def _read_index() -> list[str]:
    try:
        data = json.loads(index_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    paths = data.get("drafts") if isinstance(data, dict) else None
    if not isinstance(paths, list):
        return []
    return [p for p in paths if isinstance(p, str) and p.isprintable() and len(p) < 4096]


def _write_index(paths: list[str]) -> None:
    private_dir(data_dir())
    body = {"format": INDEX_FORMAT, "drafts": paths}
    write_atomic(index_path(), (json.dumps(body, indent=1) + "\n").encode())


def remember_draft(path: Path) -> None:
    """Add a ``--out`` draft's path (absolute, nothing else) to the index."""
    entry = str(path.resolve())
    paths = _read_index()
    if entry not in paths:
        _write_index([*paths, entry])


def forget_draft(path: Path) -> None:
    """Remove a path from the index (the screening was finished or the file erased)."""
    entry = str(path.resolve())
    paths = _read_index()
    if entry in paths:
        _write_index([p for p in paths if p != entry])


def indexed_drafts() -> list[Path]:
    """The ``--out`` drafts that still exist and are still in progress (the index is tidied)."""
    paths = _read_index()
    keep = [p for p in paths if Path(p).is_file() and _status_of(Path(p)) != "completed"]
    if keep != paths:
        with contextlib.suppress(StalkscreenError):  # read-only data folder: list them anyway
            _write_index(keep)
    return [Path(p) for p in keep]


def _status_of(path: Path) -> str | None:
    """``status`` of an answer file, or None when it cannot be read (kept in the index)."""
    from stalkscreen.source import read_document

    try:
        data = read_document(path).data
    except StalkscreenError:
        return None
    status = data.get("status") if isinstance(data, dict) else None
    return status if isinstance(status, str) else None


# --------------------------------------------------------------------------- purging

_AGE_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}


def parse_age(text: str) -> timedelta:
    """``30d``, ``12h`` or ``2w`` as a duration (a usage error otherwise)."""
    from stalkscreen.errors import UsageError

    match = re.fullmatch(r"\s*(\d{1,5})\s*([hdw])\s*", text.lower())
    if not match or int(match.group(1)) == 0:
        raise UsageError.of(Commands.BAD_AGE, value=text)
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
    cutoff = (now or datetime.now(UTC)) - older_than
    candidates: list[Path] = []
    folder = directory or drafts_dir()
    if folder.is_dir():
        candidates = sorted(folder.iterdir())
    if directory is None:  # drafts saved with --out, listed by `drafts`, follow the same rule
        for draft in indexed_drafts():
            if draft.parent.resolve() != folder.resolve():
                # with what a save killed half-way left beside it (issue 21.2)
                candidates += [draft, *sorted(draft.parent.glob(f".{draft.name}.*.tmp"))]
    erased: list[Purged] = []
    for path in candidates:
        if not path.is_file() or path.is_symlink():
            continue
        temporary = path.name.startswith(".") and path.name.endswith(".tmp")
        if not temporary and path.suffix not in {".yaml", ".yml", ".json"}:
            continue
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        if modified >= cutoff or (not temporary and is_held(path)):
            continue  # recent, or open in an interview right now
        reference = None if temporary else _reference_of(path)
        if not dry_run:
            path.unlink(missing_ok=True)
            if path.parent.resolve() != folder.resolve():
                forget_draft(path)
        erased.append(Purged(path, reference, modified, "temporary" if temporary else "draft"))
    return erased
