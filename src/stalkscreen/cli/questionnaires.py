"""`stalkscreen questionnaires list|show|validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stalkscreen.cli.common import QuestionnairesDirOption, WordingOption
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

app = typer.Typer(
    help=N_("List, show and validate instrument definitions, area profiles and overlays."),
    no_args_is_help=True,
)


@app.command("list", help=N_("List the instruments and area profiles in force."))
def list_(
    questionnaires_dir: QuestionnairesDirOption = None,
    wording: WordingOption = None,
    language: LanguageOption = None,
) -> None:
    from rich.table import Table

    from stalkscreen.cli.common import console
    from stalkscreen.scoring.facts import ordered
    from stalkscreen.workflows.common import library

    lib = library(questionnaires_dir, wording)
    table = Table(title="Instruments", title_justify="left", show_edge=False)
    for col in ("id", "title", "items", "version", "wording", "file"):
        table.add_column(col)
    for q in ordered(lib.definitions):
        loaded = lib.questionnaires[q.id]
        table.add_row(
            q.id, q.short_title, str(len(q.items)), loaded.stamp, loaded.wording, str(loaded.path)
        )
    out = console()
    out.print(table)
    profiles = Table(title="Area profiles", title_justify="left", show_edge=False)
    for col in ("id", "name", "marking", "refers at", "file"):
        profiles.add_column(col)
    for pid in sorted(lib.profiles):
        lp = lib.profiles[pid]
        profiles.add_row(
            pid,
            lp.profile.name,
            lp.profile.marking,
            str(lp.profile.marac.visible_high_risk),
            str(lp.path),
        )
    out.print()
    out.print(profiles)


@app.command(help=N_("Show an instrument: sections, items, conditions and judgement prompts."))
def show(
    instrument: Annotated[str, typer.Argument(help=N_("Instrument id, e.g. dash or s-dash."))],
    questionnaires_dir: QuestionnairesDirOption = None,
    wording: WordingOption = None,
    language: LanguageOption = None,
) -> None:
    from stalkscreen.cli.render import render_questionnaire
    from stalkscreen.workflows.common import library

    render_questionnaire(library(questionnaires_dir, wording).questionnaire(instrument))


@app.command(
    help=N_("Check definitions, profiles and overlays; one line per problem (exit 3 if any).")
)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help=N_("Definition, profile or overlay files, or folders of them.")),
    ],
    questionnaires_dir: QuestionnairesDirOption = None,
    language: LanguageOption = None,
) -> None:
    import sys

    from stalkscreen.definitions.validate import validate_paths
    from stalkscreen.errors import EXIT_INVALID

    checked, problems = validate_paths(paths, questionnaires_dir or [])
    for item in checked:
        print(f"ok  {item.kind:<13} {item.ident:<20} {item.path}")
    for problem in problems:
        print(f"stalkscreen: {problem.render()}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        raise typer.Exit(EXIT_INVALID)
