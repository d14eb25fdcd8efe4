"""Shared pieces of the commands: options, consoles, error reporting, the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # the reader stopped early (e.g. `| head`): silence stdout, end quietly (exit 0)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise BrokenPipeError

    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return _Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=False)


def library(
    questionnaires_dirs: list[Path] | None = None, wording: list[Path] | None = None
) -> Library:
    """The definitions and profiles in force: flags first, then the user config."""
    from stalkscreen.config import load_config
    from stalkscreen.definitions.library import load_library

    config = load_config()
    dirs = [*(questionnaires_dirs or []), *config.questionnaires_dirs]
    overlays = [*(wording or []), *config.wording] if wording is None else list(wording)
    return load_library(dirs, overlays)


def choose_profile(lib: Library, flag: str | None, answers: AnswerSet | None) -> LoadedProfile:
    """SC profile choice: the flag, then the answer file, then the config, then default."""
    from stalkscreen.config import load_config

    name = flag or (answers.profile if answers else None) or load_config().profile or "default"
    return lib.profile(name)


def fail(lines: list[str], code: int) -> None:
    """Print problem lines to stderr and exit with ``code``."""
    for line in lines:
        print(f"stalkscreen: {line}", file=sys.stderr)
    raise typer.Exit(code)
