"""``drafts`` and ``drafts purge``: the interview drafts with their progress, and erasing
old ones (each erasure audited)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from stalkscreen.workflows.common import Session, choose_profile, unlock

if TYPE_CHECKING:
    from pathlib import Path

    from stalkscreen.definitions.library import Library
    from stalkscreen.definitions.profiles import Profile
    from stalkscreen.drafts import DraftInfo, Purged


def list_drafts(session: Session) -> list[DraftInfo]:
    """Every draft (the drafts folder's and those saved with ``--out``), newest first, with
    its reference, progress and last change (``reference`` None when it cannot be read)."""
    from stalkscreen.drafts import draft_files

    unlock(session.identity, session.passphrase_file)
    lib = session.library()
    chosen = choose_profile(lib, session.profile, None)
    return [describe(path, lib, chosen.profile) for path in draft_files()]


def purge_drafts(older_than: str, session: Session, *, dry_run: bool = False) -> list[Purged]:
    """Erase the drafts (and half-written temporary files) not changed for ``older_than``
    (``30d``, ``12h``, ``2w``), recording each erasure; with ``dry_run`` only list them."""
    import sys

    from stalkscreen import audit
    from stalkscreen.drafts import parse_age, purge
    from stalkscreen.sealing import keyring

    age = parse_age(older_than)
    why = session.begin()
    if sys.stdin.isatty():
        keyring().ask = None  # reading references is optional: never ask for it here
    erased = purge(age, dry_run=dry_run)
    if not dry_run:
        for item in erased:
            audit.record(
                "erasure",
                command="drafts purge",
                file=item.path,
                reference=item.reference,
                kind=item.kind,
                older_than=older_than,
                reason=why,
            )
    return erased


def describe(path: Path, library: Library, profile: Profile) -> DraftInfo:
    """Reference, progress and last change of one draft (``reference`` is None if unreadable)."""
    from stalkscreen.drafts import DraftInfo
    from stalkscreen.errors import StalkscreenError
    from stalkscreen.interview import Interview, InterviewError
    from stalkscreen.reading import load_answers

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
