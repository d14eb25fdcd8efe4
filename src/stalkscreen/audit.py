"""The audit log: who did what to which screening, and why (never what it says).

In the spirit of the Data Protection Act 2018 Part 3 s.62 (logging), every
command that touches a screening appends one JSON line to an owner-only log:

- ``collection``   a screening (or draft) was saved by the interview
- ``alteration``   a completed screening's answers were changed (item ids only)
- ``consultation`` a screening was scored or summarised (score, report, batch)
- ``disclosure``   a report or export was written, with its destination
- ``erasure``      a draft was purged

While screenings are sealed, the reference and the practitioner are stored as
keyed hashes (:mod:`stalkscreen.auditkey`). Each event holds the time (UTC),
the actor (the operating-system login name,
and the practitioner when one is given: ``--practitioner``,
``STALKSCREEN_PRACTITIONER`` or the config's ``practitioner``; never a name
typed into an interview, which may be anyone's), the file, the case reference, the
instrument versions and, when given, the justification (``--reason``). Answer
content (answers, comments, sources, rationale) is never written here.

The log lives in the per-user data folder (``audit.jsonl``) unless
``STALKSCREEN_AUDIT_LOG`` names another file. It is only ever appended to
(``O_APPEND``), created 0600, and each event is a single ``write`` followed by
``fsync``.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stalkscreen.catalogue import Files
from stalkscreen.errors import InvalidInputError, UsageError

EVENTS = ("collection", "alteration", "consultation", "disclosure", "erasure")
MAX_REASON = 500


def log_path() -> Path:
    """Where the audit log is (whether or not it exists yet)."""
    override = os.environ.get("STALKSCREEN_AUDIT_LOG")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("stalkscreen") / "audit.jsonl"


def check_reason(reason: str | None) -> str | None:
    """A justification fit for the log: printable, one line, at most 500 characters."""
    if reason is None:
        return None
    reason = reason.strip()
    if not reason:
        return None
    if len(reason) > MAX_REASON or not reason.isprintable():
        raise UsageError.of(Files.BAD_REASON, limit=MAX_REASON)
    return reason


_acting_as: str | None = None


def acting_as(name: str | None) -> None:
    """The practitioner this command runs for (``--practitioner``); checked like a reason."""
    global _acting_as
    if name is not None and (len(name.strip()) > 200 or not name.strip().isprintable()):
        raise UsageError.of(Files.BAD_PRACTITIONER, limit=200)
    _acting_as = name.strip() if name and name.strip() else None


def practitioner() -> str | None:
    """The practitioner named for this command: the flag, the environment, then the config."""
    if _acting_as:
        return _acting_as
    env = os.environ.get("STALKSCREEN_PRACTITIONER", "").strip()
    if env and len(env) <= 200 and env.isprintable():
        return env
    try:
        from stalkscreen.config import load_config

        return load_config().practitioner or None
    except Exception:  # an unreadable config must not stop the log
        return None


def login() -> str:
    """The operating-system login name of the person running the command."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def actor() -> str:
    """Who is at the keyboard: the login name, with the practitioner named for this command
    (``alice (PC 4521 A. Example)``), never a name typed into an interview."""
    name = practitioner()
    return f"{login()} ({name})" if name else login()


def record(
    event: str,
    *,
    file: str | Path | None = None,
    reference: str | None = None,
    instruments: Mapping[str, str] | None = None,
    reason: str | None = None,
    destination: str | Path | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Append one event to the log and return it. Callers never pass answer content."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    from stalkscreen import auditkey

    entry: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "event": event,
        "actor": actor(),
    }
    name = practitioner()
    if auditkey.sealing() and (reference is not None or name):  # issue 21.10: no plain names
        secret = auditkey.key(log_path(), create=True)
        if secret is not None:
            entry["actor"] = login()
            if name:
                entry["practitioner_hmac"] = auditkey.keyed(name, secret)
            if reference is not None:
                entry["reference_hmac"] = auditkey.keyed(reference, secret)
                reference = None
    if file is not None:
        entry["file"] = str(Path(file).absolute()) if str(file) != "-" else "-"
    if reference is not None:
        entry["reference"] = reference
    if instruments:
        entry["instruments"] = dict(instruments)
    if destination is not None:
        dest = str(destination)
        entry["destination"] = dest if dest in ("stdout", "-") else str(Path(dest).absolute())
    entry.update({k: v for k, v in extra.items() if v is not None})
    if reason:
        entry["reason"] = reason
    _append(json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n")
    return entry


def _append(line: str) -> None:
    path = log_path()
    from stalkscreen.storage import FILE_MODE, O_BINARY, ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        if not os.environ.get("STALKSCREEN_AUDIT_LOG"):  # our data folder, not a chosen one
            from stalkscreen.folders import tighten

            tighten(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | O_BINARY, FILE_MODE)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        # an older log made readable by others is made private again; Windows has no such
        # mode (fchmod arrives in 3.13 and sets only the read-only flag): ACLs protect it
        if os.name != "nt" and hasattr(os, "fchmod") and os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, FILE_MODE)
        os.write(fd, line.encode("ascii"))
        os.fsync(fd)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    finally:
        os.close(fd)


def _unwritable(path: Path, exc: OSError) -> InvalidInputError:
    return InvalidInputError.of(Files.AUDIT_UNWRITABLE, path, reason=exc.strerror or exc)


def events(reference: str | None = None) -> Iterator[dict[str, Any]]:
    """The events in the log, oldest first; lines that are not events are skipped. With
    ``reference``, that case's events, whether it is named or keyed (see :mod:`auditkey`)."""
    from stalkscreen import auditkey

    path = log_path()
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InvalidInputError.of(Files.AUDIT_UNREADABLE, path, reason=exc.strerror) from None
    with handle:
        for raw in handle:
            try:
                entry = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                continue
            if not isinstance(entry, dict) or entry.get("event") not in EVENTS:
                continue
            if reference is None or auditkey.matches(entry, reference, path):
                yield entry
