"""Shared pieces of the commands: options, consoles and inert text (what each command does
is in :mod:`stalkscreen.workflows`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from stalkscreen.i18n import N_

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

QuestionnairesDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--questionnaires-dir",
        help=N_(
            "A folder of instrument definitions (and profiles/) searched before the bundled "
            "ones; repeat to add more."
        ),
        show_default=False,
    ),
]
WordingOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--wording",
        help=N_(
            "A wording overlay file or folder (official text your organisation holds); "
            "scores never change."
        ),
        show_default=False,
    ),
]
ViewOutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help=N_("Write md/html here (mode 0600)."), show_default=False),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help=N_(
            "Write through an output that is a symbolic link (the file it points to is "
            "replaced, keeping its mode); without it a link is refused."
        ),
    ),
]
ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help=N_(
            "Area profile id (thresholds, referral routes, marking). Default: the answer "
            "file's profile, then your config, then 'default'."
        ),
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


def safe(text: str) -> Text:
    """User text as inert rich Text: no markup, no terminal control sequences; control and
    format characters shown as their escapes (``\\u202e``), as in the reports."""
    from rich.text import Text

    from stalkscreen.report.escape import visible

    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else "�" for ch in visible(text))
    return Text(cleaned)


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


# --------------------------------------------------------------------------- keys and audit options

IdentityOption = Annotated[
    Path | None,
    typer.Option(
        "--identity",
        help=N_(
            "Identity file (from `stalkscreen keys new`) that opens encrypted screenings. "
            "Default: STALKSCREEN_IDENTITY, then `identity` in your config."
        ),
        show_default=False,
    ),
]
PassphraseFileOption = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        help=N_(
            "A file whose first line is the passphrase of encrypted screenings. Default: "
            "STALKSCREEN_PASSPHRASE; asked for only when stdin is a terminal."
        ),
        show_default=False,
    ),
]
PractitionerOption = Annotated[
    str | None,
    typer.Option(
        "--practitioner",
        help=N_(
            "Your name as the audit log records it beside your login name. Default: "
            "STALKSCREEN_PRACTITIONER, then `practitioner` in your config (never a name typed "
            "into an interview)."
        ),
        show_default=False,
    ),
]
ReasonOption = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help=N_("Why you are doing this (recorded in the audit log; one line, no case details)."),
        show_default=False,
    ),
]
