"""Keyed hashes in the audit log while screenings are sealed (issue 21, point 10).

Sealing a screening keeps its reference and the practitioner's name off the
disk in plain text; an audit log naming them would undo that. While sealing is
in force (a recipient or passphrase given, or a sealed screening read), the log
holds an HMAC-SHA256 of each instead, under a random 32-byte key kept beside
the log (``audit.key``, 0600). Someone holding the key (the user, on this
machine) can still find a case's events: :func:`matches` hashes the reference
asked for; someone reading only the log learns nothing of the reference.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

_O_BINARY: int = getattr(os, "O_BINARY", 0)
PREFIX = "hmac-sha256:"


def key_path(log: Path) -> Path:
    """The key of the log at ``log``: beside it."""
    return log.with_name(log.stem + ".key")


def key(log: Path, *, create: bool) -> bytes | None:
    """The key (made once, 32 random bytes, 0600, when ``create``), or None."""
    path = key_path(log)
    for _ in range(2):
        with contextlib.suppress(FileNotFoundError):
            data = path.read_bytes()
            if len(data) == 32:
                return data
            return None  # damaged: never replaced, or old hashes would no longer match
        if not create:
            return None
        from stalkscreen.storage import ensure_private_dir

        ensure_private_dir(path.parent)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
        except FileExistsError:
            continue  # another process made it first: read theirs
        try:
            os.write(fd, secrets.token_bytes(32))
            os.fsync(fd)
        finally:
            os.close(fd)
    return None


def keyed(text: str, secret: bytes) -> str:
    """The keyed hash of ``text`` as the log stores it."""
    return PREFIX + hmac.new(secret, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def sealing() -> bool:
    """Whether screenings are sealed in this command (so the log must not name the case)."""
    from stalkscreen.sealing import keyring

    return keyring().sealing


def matches(entry: dict[str, object], reference: str, log: Path) -> bool:
    """Whether an event is about ``reference``, named plainly or by its keyed hash."""
    if entry.get("reference") == reference:
        return True
    stored = entry.get("reference_hmac")
    secret = key(log, create=False) if isinstance(stored, str) else None
    return secret is not None and hmac.compare_digest(str(stored), keyed(reference, secret))
