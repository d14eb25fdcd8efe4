"""`stalkscreen audit show`: the audit log, oldest first."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

app = typer.Typer(
    help=N_(
        "The audit log: collection, alteration, consultation, disclosure and erasure of "
        "screenings (never their content)."
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command(help=N_("Print the audit log (or one case's events)."))
def show(
    reference: Annotated[
        str | None,
        typer.Option("--reference", help=N_("Only the events of this case reference.")),
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help=N_("Print the events as JSON Lines, as stored."))
    ] = False,
    language: LanguageOption = None,
) -> None:
    from rich.table import Table

    from stalkscreen.audit import events, log_path
    from stalkscreen.cli.common import console, safe

    found = list(events(reference))
    if json_out:
        for entry in found:
            sys.stdout.write(json.dumps(entry, ensure_ascii=True) + "\n")
        return
    if not found:
        print(f"stalkscreen: no events in {log_path()}", file=sys.stderr)
        return
    table = Table(show_edge=False)
    for col in ("time", "event", "actor", "reference", "file / destination", "reason"):
        table.add_column(col)
    for entry in found:
        where = entry.get("destination") or entry.get("file") or ""
        if entry.get("event") == "consultation" and entry.get("command") == "batch":
            where = f"batch: {entry.get('screenings', 0)} screenings"
        if "reference_hmac" in entry:
            entry = {**entry, "reference": "(keyed: the file was sealed)"}
        table.add_row(
            *(safe(str(entry.get(k) or "")) for k in ("time", "event", "actor", "reference")),
            safe(str(where)),
            safe(str(entry.get("reason") or "")),
        )
    console().print(table)
