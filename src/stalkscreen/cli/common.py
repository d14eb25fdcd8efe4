"""Shared pieces of the commands: options, consoles, error reporting, the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from stalkscreen.answers import AnswerSet
    from stalkscreen.definitions.library import Library, LoadedProfile

QuestionnairesDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--questionnaires-dir",
        help="A folder of instrument definitions (and profiles/) searched before the bundled "
        "ones; repeat to add more.",
        show_default=False,
    ),
]
WordingOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--wording",
        help="A wording overlay file or folder (official text your organisation holds); "
        "scores never change.",
        show_default=False,
    ),
]
ViewOutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write md/html here (mode 0600).", show_default=False),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write through an output that is a symbolic link (the file it points to is "
        "replaced, keeping its mode); without it a link is refused.",
    ),
]
ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help="Area profile id (thresholds, referral routes, marking). Default: the answer "
        "file's profile, then your config, then 'default'.",
        show_default=False,
    ),
]


def console(*, stderr: bool = False) -> Console:
    """A rich console that honours NO_COLOR and TERM=dumb."""
    from rich.console import Console

    lines = accessible()

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # the reader stopped early (e.g. `| head`): silence stdout, end quietly (exit 0)
            devnull = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
            os.dup2(devnull, sys.stdout.fileno())
            raise BrokenPipeError

        def print(self, *objects: Any, **kwargs: Any) -> None:
            if lines:  # a screen reader reads box drawing and cut cells as noise
                objects = tuple(_as_lines(o) for o in objects)
                kwargs["soft_wrap"] = True
            super().print(*objects, **kwargs)

    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return _Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=lines)


def accessible() -> bool:
    """Plain/accessible output (``ACCESSIBLE=1`` or ``TERM=dumb``): tables become lists of
    "label: value" lines, never box drawing or truncated cells (issue 21.17)."""
    return os.environ.get("ACCESSIBLE", "") not in ("", "0") or os.environ.get("TERM") == "dumb"


def _as_lines(renderable: Any) -> Any:
    """A rich table as plain lines: its title, then each row as "column: value" lines."""
    from rich.table import Table
    from rich.text import Text

    if not isinstance(renderable, Table):
        return renderable

    def plain(cell: Any) -> str:
        return cell.plain if isinstance(cell, Text) else str(cell)

    out: list[str] = []
    if renderable.title:
        out.append(plain(renderable.title))
    cells = [list(column.cells) for column in renderable.columns]
    for row in range(renderable.row_count):
        if out:
            out.append("")
        for column, values in zip(renderable.columns, cells, strict=True):
            value = plain(values[row]).strip() if row < len(values) else ""
            label = plain(column.header).strip()
            if value:
                out.append(f"{label}: {value}" if label else value)
    return Text("\n".join(out))


def library(
    questionnaires_dirs: list[Path] | None = None,
    wording: list[Path] | None = None,
    language: str = "en",
) -> Library:
    """The definitions and profiles in force: flags first, then the user config; their
    words in ``language`` (the bundled language overlay, then the wording overlays)."""
    from stalkscreen.config import load_config
    from stalkscreen.definitions.library import load_library

    config = load_config()
    dirs = [*(questionnaires_dirs or []), *config.questionnaires_dirs]
    overlays = [*(wording or []), *config.wording] if wording is None else list(wording)
    lib = load_library(dirs, overlays, language)
    if config.marking:  # the site's or user's marking replaces every area profile's
        from dataclasses import replace

        lib.profiles = {
            name: replace(p, profile=p.profile.model_copy(update={"marking": config.marking}))
            for name, p in lib.profiles.items()
        }
    return lib


def choose_profile(lib: Library, flag: str | None, answers: AnswerSet | None) -> LoadedProfile:
    """SC profile choice: the flag, then the answer file, then the config, then default."""
    from stalkscreen.config import load_config

    name = flag or (answers.profile if answers else None) or load_config().profile or "default"
    return lib.profile(name)


# --------------------------------------------------------------------------- keys and audit

IdentityOption = Annotated[
    Path | None,
    typer.Option(
        "--identity",
        help="Identity file (from `stalkscreen keys new`) that opens encrypted screenings. "
        "Default: STALKSCREEN_IDENTITY, then `identity` in your config.",
        show_default=False,
    ),
]
PassphraseFileOption = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help="A file whose first line is the passphrase of encrypted screenings. Default: "
        "STALKSCREEN_PASSPHRASE; asked for only when stdin is a terminal.",
        show_default=False,
    ),
]
PractitionerOption = Annotated[
    str | None,
    typer.Option(
        "--practitioner",
        help="Your name as the audit log records it beside your login name. Default: "
        "STALKSCREEN_PRACTITIONER, then `practitioner` in your config (never a name typed "
        "into an interview).",
        show_default=False,
    ),
]
ReasonOption = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help="Why you are doing this (recorded in the audit log; one line, no case details).",
        show_default=False,
    ),
]


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


def deliver(text: str, output: Path | None, what: str, **event: Any) -> None:
    """A rendered view (Markdown or HTML) to stdout, or written atomically to ``output``;
    either way a disclosure in the audit log (``event``: command, reference, reason…)."""
    from stalkscreen import audit
    from stalkscreen.errors import shown
    from stalkscreen.storage import write_atomic

    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        audit.record("disclosure", destination="stdout", **event)
        return
    write_atomic(output, text.encode("utf-8"))
    audit.record("disclosure", destination=output, **event)
    print(f"stalkscreen: {what} written to {shown(output)}", file=sys.stderr)
