"""One interview per draft: an advisory lock beside the draft file (issue 21, point 3).

Two interviews saving the same draft after every answer would each overwrite
the other's answers. While an interview has a draft open it holds a lock file
beside it, ``.<draft name>.lock`` (0600, hidden, so no listing or batch reads
it), holding the holder's process id, login name and start time.

The lock itself is the operating system's, taken without waiting on the lock
file: ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows. Both are
released by the system when the holder ends in any way (a kill -9, a closed
console), so a lock file left behind is recognised as stale and taken over
with a note. Where neither exists, the recorded process id is checked instead
(``os.kill(pid, 0)``). The standard library covers all three, so no locking
package is needed.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stalkscreen.catalogue import Files
from stalkscreen.errors import InvalidInputError, shown

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None  # type: ignore[assignment]

_O_BINARY: int = getattr(os, "O_BINARY", 0)


def lock_path(draft: Path) -> Path:
    """The lock file of ``draft``: hidden, beside it."""
    return draft.parent / f".{draft.name}.lock"


def _os_lock(fd: int) -> bool | None:
    """Take the system's lock on ``fd`` without waiting: True, False (held), None (no API)."""
    if fcntl is not None and hasattr(fcntl, "flock"):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    if msvcrt is not None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    return None


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def _read(fd: int) -> dict[str, Any]:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        if isinstance(data, dict):
            return data
    return {}


def is_held(draft: Path) -> bool:
    """Whether an interview holds ``draft`` right now (its lock file is locked)."""
    path = lock_path(draft)
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR | _O_BINARY)
    except OSError:
        return False
    try:
        holder = _read(fd).get("pid")
        if holder == os.getpid():
            return False  # this very process (a library caller) holds it
        taken = _os_lock(fd)
        return not _alive(holder) if taken is None else not taken
    finally:
        os.close(fd)  # closing gives back a lock taken just to look


class DraftLock:
    """The lock on one draft, held from :meth:`acquire` until :meth:`release`."""

    def __init__(self, draft: Path) -> None:
        self.draft = draft
        self.path = lock_path(draft)
        self.fd: int | None = None

    def acquire(self) -> str | None:
        """Hold the lock; a note when a stale one was taken over. Held elsewhere: exit 3."""
        if self.fd is not None:
            return None
        for _ in range(3):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _O_BINARY, 0o600)
            holder = _read(fd)
            taken = _os_lock(fd)
            if taken is None:  # no system lock here: trust a recorded process that still runs
                taken = not _alive(holder.get("pid"))
            if not taken:
                os.close(fd)
                if holder.get("pid") == os.getpid():
                    return None  # held by this very process (a library caller's other store)
                raise _held(self.draft, holder)
            if _same_file(fd, self.path):
                break
            os.close(fd)  # the holder removed the file as we locked it: lock the new one
        mine = {
            "pid": os.getpid(),
            "user": _user(),
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(mine).encode("utf-8"))
        self.fd = fd
        if holder.get("pid") and holder.get("pid") != os.getpid():
            return (
                f"took over the lock on {shown(self.draft)} left by process {holder.get('pid')} "
                f"(started {_text(holder.get('started'))}), which has ended"
            )
        return None

    def __del__(self) -> None:
        if self.fd is not None:  # dropped without release (a library caller): give it back
            with contextlib.suppress(OSError):
                os.close(self.fd)

    def release(self) -> None:
        """Give the lock up and remove its file."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == path.stat().st_ino
    except OSError:
        return False


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "unknown"


def _text(value: object) -> str:
    text = str(value) if value is not None else "unknown"
    return shown(text[:40])


def _held(draft: Path, holder: dict[str, Any]) -> InvalidInputError:
    return InvalidInputError.of(
        Files.DRAFT_IN_USE,
        draft,
        pid=_text(holder.get("pid")),
        user=_text(holder.get("user")),
        started=_text(holder.get("started")),
    )
