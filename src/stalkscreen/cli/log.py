"""`stalkscreen log import FILE --into SCREENING`: attach an incident log to a screening."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stalkscreen.cli.common import (
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    QuestionnairesDirOption,
    ReasonOption,
    WordingOption,
)
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

log_app = typer.Typer(
    help=N_("Incident logs: a dated record of what happened, attached to a screening."),
    no_args_is_help=True,
)


@log_app.command(
    "import",
    help=N_("Attach (or replace) the incident log of a screening; the report then shows it."),
)
def import_log(
    file: Annotated[Path, typer.Argument(help=N_("The incident log: CSV, or YAML/JSON."))],
    into: Annotated[
        Path, typer.Option("--into", help=N_("The answer file to attach it to (rewritten, 0600)."))
    ],
    questionnaires_dir: QuestionnairesDirOption = None,
    wording: WordingOption = None,
    identity: IdentityOption = None,
    passphrase_file: PassphraseFileOption = None,
    reason: ReasonOption = None,
    practitioner: PractitionerOption = None,
    language: LanguageOption = None,
) -> None:
    from stalkscreen.workflows.common import Session
    from stalkscreen.workflows.incident_log import attach_log

    session = Session(reason, practitioner, identity, passphrase_file, questionnaires_dir, wording)
    count, replaced = attach_log(file, into, session)
    what = "replaced the log in" if replaced else "attached to"
    print(f"stalkscreen: {count} incident(s) {what} {into}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add the `log` command group to the main app."""
    app.add_typer(log_app, name="log")
