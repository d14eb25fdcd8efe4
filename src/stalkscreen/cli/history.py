"""`stalkscreen history DIR --reference REF`: a case's screenings over time."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stalkscreen.cli.common import (
    ForceOption,
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    ViewOutputOption,
    WordingOption,
)
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

if TYPE_CHECKING:
    from stalkscreen.history import Timeline


class HistoryFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"


def print_timeline(timeline: Timeline, marking: str) -> None:
    """The timeline as a rich table on stdout."""
    from rich.table import Table

    from stalkscreen.about import level_name
    from stalkscreen.cli.common import console
    from stalkscreen.errors import shown
    from stalkscreen.i18n import gettext as _
    from stalkscreen.report.effects import domain_name

    out = console()
    out.print(f"[bold]{marking}[/bold]", markup=True)
    title = _("Screening history %(reference)s") % {"reference": timeline.reference}
    table = Table(title=title, title_justify="left")
    domains = any(e.srp_domains for e in timeline.entries)  # probation screenings
    columns = (
        _("Date"),
        _("File"),
        _("Level"),
        _("Yes counts"),
        _("Change"),
        _("MARAC"),
        _("Urgent"),
        _("Reasons"),
    )
    for col in columns:
        table.add_column(col, overflow="fold")  # never cut a file name or date short
    if domains:
        table.add_column(_("SRP domains"), overflow="fold")
    for e in timeline.entries:
        row = [
            e.assessed_on or "-",
            shown(e.file),
            e.level_text,
            ", ".join(f"{inst} {yes}" for inst, yes in e.yes_counts) or "-",
            _(e.direction) if e.direction else _("first"),
            _("yes") if e.marac_referral else _("no"),
            _("yes") if e.urgent else _("no"),
            ", ".join(e.reasons) or _("none"),
        ]
        if domains:
            row.append(
                ", ".join(f"{domain_name(d)} {level_name(lv)}" for d, lv in e.srp_domains) or "-"
            )
        table.add_row(*row)
    out.print(table)
    out.print(f"[bold]{marking}[/bold]", markup=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command(
        help=N_("The timeline of one case's screenings: level, MARAC, red flags, change each time.")
    )
    def history(
        folder: Annotated[Path, typer.Argument(help=N_("A folder of answer files to scan."))],
        reference: Annotated[
            str, typer.Option("--reference", "-r", help=N_("The case reference to look for."))
        ],
        fmt: Annotated[
            HistoryFormat,
            typer.Option(
                "--format",
                "-f",
                help=N_(
                    "table (terminal), md (a Markdown table) or html (with an SVG chart of "
                    "the level over time)."
                ),
                case_sensitive=False,
            ),
        ] = HistoryFormat.table,
        output: ViewOutputOption = None,
        recursive: Annotated[
            bool, typer.Option("--recursive", help=N_("Also scan sub-folders."))
        ] = False,
        profile: ProfileOption = None,
        questionnaires_dir: QuestionnairesDirOption = None,
        wording: WordingOption = None,
        identity: IdentityOption = None,
        passphrase_file: PassphraseFileOption = None,
        reason: ReasonOption = None,
        practitioner: PractitionerOption = None,
        force: ForceOption = False,
        language: LanguageOption = None,
    ) -> None:
        """The timeline of one case's screenings: level, MARAC, red flags, change each time."""
        from stalkscreen.workflows.common import Session
        from stalkscreen.workflows.rescreen import case_history

        session = Session(
            reason, practitioner, identity, passphrase_file, questionnaires_dir, wording, profile
        )
        done = case_history(
            folder,
            reference,
            session,
            fmt=fmt.value,
            output=output,
            recursive=recursive,
            force=force,
        )
        if fmt is HistoryFormat.table:
            print_timeline(done.timeline, done.marking)
