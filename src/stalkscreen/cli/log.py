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

log_app = typer.Typer(
    help="Incident logs: a dated record of what happened, attached to a screening.",
    no_args_is_help=True,
)


@log_app.command("import")
def import_log(
    file: Annotated[Path, typer.Argument(help="The incident log: CSV, or YAML/JSON.")],
    into: Annotated[
        Path, typer.Option("--into", help="The answer file to attach it to (rewritten, 0600).")
    ],
    questionnaires_dir: QuestionnairesDirOption = None,
    wording: WordingOption = None,
    identity: IdentityOption = None,
    passphrase_file: PassphraseFileOption = None,
    reason: ReasonOption = None,
    practitioner: PractitionerOption = None,
) -> None:
    """Attach (or replace) the incident log of a screening; the report then shows it."""
    from stalkscreen import audit
    from stalkscreen.destinations import check_outputs
    from stalkscreen.incidents import load_incident_log
    from stalkscreen.limits import check_incident_dates
    from stalkscreen.reading import load_answers
    from stalkscreen.saving import check_size, save_answers
    from stalkscreen.workflows.common import about, library, reason_text, unlock

    why = reason_text(reason, practitioner)
    unlock(identity, passphrase_file, writes_screenings=True)
    # the screening is rewritten in place (through a link: the file it points to)
    check_outputs([("--into", into)], [("the log", file)], force=True)
    lib = library(questionnaires_dir, wording)
    log = load_incident_log(file)
    answers = load_answers(into, lib.definitions)
    replaced = answers.incident_log is not None
    check_incident_dates(log, answers.case.assessed_date, str(file), place=None)
    updated = answers.model_copy(update={"incident_log": log})
    check_size(updated, into)
    save_answers(updated, into)
    audit.record(
        "alteration",
        command="log import",
        **about(lib, into, answers),
        items=["incident_log"],
        incidents=len(log.entries),
        replaced=replaced,
        reason=why,
    )
    what = "replaced the log in" if replaced else "attached to"
    print(f"stalkscreen: {len(log.entries)} incident(s) {what} {into}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add the `log` command group to the main app."""
    app.add_typer(log_app, name="log")
