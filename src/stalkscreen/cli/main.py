"""The ``stalkscreen`` command.

Start-up is kept light: this module imports typer only; every command imports
the core it needs inside its own body.
"""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.main import get_command_name

from stalkscreen.catalogue import Commands
from stalkscreen.cli import audit as audit_cmd
from stalkscreen.cli import batch as batch_cmd
from stalkscreen.cli import compare as compare_cmd
from stalkscreen.cli import config as config_cmd
from stalkscreen.cli import drafts as drafts_cmd
from stalkscreen.cli import examples as examples_cmd
from stalkscreen.cli import history as history_cmd
from stalkscreen.cli import keys as keys_cmd
from stalkscreen.cli import log as log_cmd
from stalkscreen.cli import questionnaires as questionnaires_cmd
from stalkscreen.cli import report as report_cmd
from stalkscreen.cli import screen as screen_cmd
from stalkscreen.cli.common import (
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    WordingOption,
)
from stalkscreen.cli.help_examples import add_examples
from stalkscreen.cli.language import LanguageOption, prescan
from stalkscreen.i18n import N_
from stalkscreen.version import __version__

app = typer.Typer(
    name="stalkscreen",
    help=N_(
        "Structured stalking and domestic-abuse risk screening for practitioners in England "
        "and Wales: DASH (police and RIC), S-DASH and the Stalking Risk Profile red flags. "
        "Risk identification, not prediction."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(questionnaires_cmd.app, name="questionnaires")


def _version(value: bool) -> None:
    if value:
        from stalkscreen.version import compiled_core

        core = "compiled scoring core" if compiled_core() else "plain Python"
        print(f"stalkscreen {__version__} ({core})")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help=N_("Show the version (and whether the scoring core is compiled) and exit."),
        ),
    ] = False,
    language: LanguageOption = None,
) -> None:
    """Structured stalking and domestic-abuse risk screening."""
    if language is None:
        from stalkscreen.cli.language import apply_default

        apply_default()


@app.command(help=N_("What stalkscreen is and is not: attribution and the evidence caveats."))
def about(language: LanguageOption = None) -> None:
    from stalkscreen.cli.render import render_about

    render_about()


@app.command(help=N_("Print a published JSON Schema (also committed under schemas/)."))
def schema(
    name: Annotated[
        str,
        typer.Argument(
            help=N_(
                "Which schema: answers, questionnaire, profile, overlay, incident-log or "
                "batch-record (the data dictionary of batch output)."
            )
        ),
    ],
    language: LanguageOption = None,
) -> None:
    from stalkscreen.errors import UsageError
    from stalkscreen.schemas import SCHEMA_NAMES, schema_text

    if name not in SCHEMA_NAMES:
        raise UsageError.of(Commands.UNKNOWN_SCHEMA, name=name, known=", ".join(SCHEMA_NAMES))
    sys.stdout.write(schema_text(name))


class ScoreFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"


@app.command(
    help=N_("Score a saved screening: level, MARAC referral with every reason, red flags, prompts.")
)
def score(
    file: Annotated[Path, typer.Argument(help=N_("A saved screening (YAML or JSON answer file)."))],
    json_out: Annotated[
        bool,
        typer.Option("--json", help=N_("Print the contract's score JSON instead of a summary.")),
    ] = False,
    fmt: Annotated[
        ScoreFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "table (the terminal summary), or the referral summary `report` writes as md "
                "(Markdown) or html (one self-contained file), to stdout."
            ),
            case_sensitive=False,
        ),
    ] = ScoreFormat.table,
    profile: ProfileOption = None,
    questionnaires_dir: QuestionnairesDirOption = None,
    wording: WordingOption = None,
    identity: IdentityOption = None,
    passphrase_file: PassphraseFileOption = None,
    reason: ReasonOption = None,
    practitioner: PractitionerOption = None,
    language: LanguageOption = None,
) -> None:
    import json

    from stalkscreen.errors import UsageError
    from stalkscreen.workflows.common import Session
    from stalkscreen.workflows.scoring import print_summary, score_file

    if json_out and fmt is not ScoreFormat.table:
        raise UsageError.of(Commands.JSON_OR_FORMAT)
    session = Session(
        reason, practitioner, identity, passphrase_file, questionnaires_dir, wording, profile
    )
    scored = score_file(file, session)
    if fmt is not ScoreFormat.table:
        print_summary(scored, "md" if fmt is ScoreFormat.md else "html")
    elif json_out:
        contract = scored.screening.contract()
        sys.stdout.write(json.dumps(contract, ensure_ascii=False, indent=2) + "\n")
    else:
        from stalkscreen.cli.render import render_screening

        render_screening(scored.screening, scored.profile.marking, scored.library)


screen_cmd.register(app)
app.add_typer(drafts_cmd.app, name="drafts")
app.add_typer(audit_cmd.app, name="audit")
app.add_typer(keys_cmd.app, name="keys")
report_cmd.register(app)
batch_cmd.register(app)
compare_cmd.register(app)
history_cmd.register(app)
log_cmd.register(app)
app.add_typer(config_cmd.app, name="config")
examples_cmd.register(app)


def _saying_when_interrupted(app: typer.Typer) -> None:
    """Make Ctrl-C in any command a one-line message and exit 130, not a silent exit.

    Typer turns a KeyboardInterrupt into a bare exit code 130. A command that
    has more to say (the interview saves its draft; a batch removes its
    unfinished outputs) catches the interrupt itself; for every other one the
    message is that nothing more was done.
    """
    for info in app.registered_commands:
        if info.callback is not None:
            info.callback = _interruptible(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            _saying_when_interrupted(group.typer_instance)


def _interruptible(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)  # typer reads the signature through __wrapped__
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            from stalkscreen.errors import Interrupted

            raise Interrupted.of(Commands.INTERRUPTED) from None

    return run


_saying_when_interrupted(app)
add_examples(app)


def for_command(args: Sequence[str]) -> typer.Typer:
    """The app with only the command ``args`` name (the whole app when they name none).

    Typer builds every command's options from their signatures before it runs
    one; building only the one asked for saves about 10 ms of every start-up.
    Help with no command, and a mistyped command, get the whole app, so the
    listing and the "no such command" message are unchanged.
    """
    # the root's one option with a value is --language: a command is asked for only as the
    # first other word (`stalkscreen --help batch` is the root's help, which lists every one)
    args = list(args)
    while len(args) >= 2 and args[0] == "--language":
        args = args[2:]
    if args and args[0].startswith("--language="):
        args = args[1:]
    name = args[0] if args and not args[0].startswith("-") else None
    if name is None:
        return app
    commands = [
        c
        for c in app.registered_commands
        if (c.name or get_command_name(c.callback.__name__ if c.callback else "")) == name
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    slim = copy.copy(app)
    slim.registered_commands = commands
    slim.registered_groups = groups
    return slim


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the app and maps every failure to the contract's exit codes."""
    import os

    if getattr(sys, "frozen", False):
        # a frozen executable (PyInstaller) is its own worker: a `batch --jobs` worker it
        # starts runs this entry point and must become the worker here. freeze_support()
        # does nothing unless frozen; the guard spares every other start-up the import.
        import multiprocessing

        multiprocessing.freeze_support()

    from stalkscreen.cli.errors import run

    args = sys.argv[1:] if argv is None else argv
    prescan(args)  # the language of --help, before typer builds it (cli/language.py)
    code = run(for_command(args), argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader (e.g. `head`) stopped early: that is not a failure
        devnull = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
