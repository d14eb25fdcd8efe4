"""The start of every command's job: who asks and why, the keys, the definitions in force,
the profile, and delivering what was rendered (each with its audit event).

Importing it loads nothing heavy (commands import it at start-up): each function
imports what it uses.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stalkscreen.i18n import N_

if TYPE_CHECKING:
    from stalkscreen.answers import AnswerSet
    from stalkscreen.config import UserConfig
    from stalkscreen.definitions.files import LoadedProfile
    from stalkscreen.definitions.library import Library


@dataclass(frozen=True)
class Session:
    """The options every command that reads screenings shares (flags, else defaults)."""

    reason: str | None = None
    practitioner: str | None = None
    identity: Path | None = None
    passphrase_file: Path | None = None
    questionnaires_dirs: list[Path] | None = None
    wording: list[Path] | None = None
    profile: str | None = None
    language: str | None = None
    """None: the run's language (--language, STALKSCREEN_LANGUAGE, the config)."""

    def begin(
        self,
        *,
        encrypt_to: list[str] | None = None,
        encrypt_passphrase: bool = False,
        writes_screenings: bool = False,
    ) -> str | None:
        """Check the reason and install the keys; the reason as the audit log records it."""
        why = reason_text(self.reason, self.practitioner)
        unlock(
            self.identity,
            self.passphrase_file,
            encrypt_to=encrypt_to,
            encrypt_passphrase=encrypt_passphrase,
            writes_screenings=writes_screenings,
        )
        return why

    def library(self) -> Library:
        """The definitions and profiles in force for this session."""
        return library(self.questionnaires_dirs, self.wording, self.language)


def sources(
    config: UserConfig, questionnaires_dirs: list[Path] | None, wording: list[Path] | None
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The definition folders and wording overlays in force: the flags' folders first, then
    the config's; the flags' overlays instead of the config's when any are given."""
    dirs = (*(questionnaires_dirs or []), *config.questionnaires_dirs)
    overlays = tuple(config.wording if wording is None else wording)
    return dirs, overlays


def library(
    questionnaires_dirs: list[Path] | None = None,
    wording: list[Path] | None = None,
    language: str | None = None,
) -> Library:
    """The definitions and profiles in force: flags first, then the user config; their
    words in ``language`` (the bundled language overlay, then the wording overlays)."""
    from stalkscreen.config import load_config
    from stalkscreen.definitions.library import load_library

    config = load_config()
    dirs, overlays = sources(config, questionnaires_dirs, wording)
    from stalkscreen.i18n import current

    lib = load_library(list(dirs), list(overlays), language or current())
    if config.marking:  # the site's or user's marking replaces every area profile's
        lib.profiles = {
            name: replace(p, profile=p.profile.model_copy(update={"marking": config.marking}))
            for name, p in lib.profiles.items()
        }
    return lib


def choose_profile(lib: Library, flag: str | None, answers: AnswerSet | None) -> LoadedProfile:
    """SC profile choice: the flag, then the answer file, then the config, then default."""
    from stalkscreen.config import load_config
    from stalkscreen.definitions.library import chosen_profile_name

    written = answers.profile if answers else None
    return lib.profile(chosen_profile_name(flag, written, load_config().profile))


def unlock(
    identity: Path | None,
    passphrase_file: Path | None,
    *,
    encrypt_to: list[str] | None = None,
    encrypt_passphrase: bool = False,
    writes_screenings: bool = False,
) -> None:
    """Install the keys of this command: flags first, then the environment, then the config.

    The passphrase is asked for only if an encrypted file needs it and stdin is a
    terminal; scripts must give --passphrase-file or STALKSCREEN_PASSPHRASE.
    """
    from stalkscreen.config import load_config
    from stalkscreen.sealing import (
        Keyring,
        env_passphrase,
        load_identity,
        parse_recipient,
        read_passphrase_file,
        use_keys,
    )

    # a command that writes screenings must not drop a broken config's encryption settings
    config = load_config(strict=writes_screenings)
    ring = Keyring()
    env_identity = os.environ.get("STALKSCREEN_IDENTITY")
    chosen = identity or (Path(env_identity) if env_identity else None) or config.identity
    if chosen is not None:
        ring.identities.append(load_identity(chosen.expanduser()))
    if passphrase_file is not None:
        ring.passphrase = read_passphrase_file(passphrase_file)
    else:
        ring.passphrase = env_passphrase()
    if ring.passphrase is None and sys.stdin.isatty():
        ring.ask = _ask_passphrase
    ring.recipients = [parse_recipient(r) for r in (encrypt_to or config.encrypt_to)]
    ring.seal_with_passphrase = encrypt_passphrase or config.encrypt_with_passphrase
    use_keys(ring)


def _ask_passphrase() -> str:
    import getpass

    return getpass.getpass("Passphrase for encrypted screenings: ")


def reason_text(reason: str | None, practitioner: str | None = None) -> str | None:
    """``--reason`` checked for the audit log (one printable line); ``--practitioner`` noted
    as the name the log records beside the login name."""
    from stalkscreen.audit import acting_as, check_reason

    acting_as(practitioner)
    return check_reason(reason)


def about(lib: Library, file: Path, answers: AnswerSet) -> dict[str, Any]:
    """What an audit event says of one screening: its file, its case reference, and the
    version and hash of each instrument it uses (never an answer)."""
    stamps = lib.stamps()
    return {
        "file": file,
        "reference": answers.case.reference,
        "instruments": {k: stamps[k] for k in answers.responses if k in stamps},
    }


WRITTEN = {
    "summary": N_("summary written to %(path)s"),
    "MARAC referral form": N_("MARAC referral form written to %(path)s"),
    "comparison": N_("comparison written to %(path)s"),
    "history": N_("history written to %(path)s"),
}
"""What :func:`deliver` says it wrote, in the run's language (a whole sentence each, as
Welsh words change with the noun)."""


def deliver(rendered: str | bytes, output: Path | None, what: str, **event: Any) -> None:
    """A rendered view to stdout, or written atomically to ``output``; either way a
    disclosure in the audit log (``event``: command, reference, reason…)."""
    from stalkscreen import audit
    from stalkscreen.errors import shown
    from stalkscreen.storage import write_atomic

    if output is None:
        sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))
        sys.stdout.flush()
        audit.record("disclosure", destination="stdout", **event)
        return
    write_atomic(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
    audit.record("disclosure", destination=output, **event)
    from stalkscreen.i18n import gettext

    where = {"path": shown(output)}
    written = WRITTEN.get(what)
    said = gettext(written) % where if written else f"{what} written to {where['path']}"
    print(f"stalkscreen: {said}", file=sys.stderr)


def say(text: str) -> None:
    """One line to stderr, as every command speaks (a path in it cannot drive the terminal)."""
    from stalkscreen.errors import shown

    print(f"stalkscreen: {shown(text)}", file=sys.stderr, flush=True)
