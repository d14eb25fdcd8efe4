"""`stalkscreen compare OLD NEW`: what changed between two screenings of one case."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stalkscreen.cli.common import (
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    ViewOutputOption,
    WordingOption,
)

if TYPE_CHECKING:
    from stalkscreen.compare import Comparison


class CompareFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def print_comparison(change: Comparison, marking: str) -> None:
    """The comparison as rich tables on stdout."""
    from rich.table import Table

    from stalkscreen.cli.common import console

    out = console()
    out.print(f"[bold]{marking}[/bold]", markup=True)
    table = Table(title=f"Re-screening {change.reference}", title_justify="left")
    table.add_column("")
    table.add_column("Before")
    table.add_column("Now")
    table.add_row("Date", change.before_assessed_on or "-", change.after_assessed_on or "-")
    table.add_row(
        "Risk level", change.before_level_text, f"{change.after_level_text} ({change.direction})"
    )
    table.add_row("MARAC referral", _yes_no(change.before_marac), _yes_no(change.after_marac))
    table.add_row("Urgent red flag", _yes_no(change.before_urgent), _yes_no(change.after_urgent))
    table.add_row(
        "Police-reported incidents",
        str(change.incidents_before) if change.incidents_before is not None else "-",
        str(change.incidents_after) if change.incidents_after is not None else "-",
    )
    for inst, before, after in change.yes_counts:
        table.add_row(
            f"{inst} yes",
            "not asked" if before is None else str(before),
            "not asked" if after is None else str(after),
        )
    for domain, was, now in change.domains:  # a probation screening's SRP domains
        table.add_row(f"SRP {domain}", was or "not rated", now or "not rated")
    out.print(table)
    if change.new_escalation:
        out.print("New potential escalation (SC-ESC): the police-reported history now meets it.")
    for label, values in (
        ("Reasons added", change.reasons_added),
        ("Reasons no longer present", change.reasons_removed),
        ("New red flags", change.red_flags_new),
        ("Red flags cleared", change.red_flags_cleared),
        ("New judgement prompts", change.prompts_new),
        ("Judgement prompts no longer firing", change.prompts_cleared),
    ):
        out.print(f"{label}: {', '.join(values) or 'none'}", markup=False)
    for title, rows in (
        ("Became yes", change.became_yes),
        ("Became no", change.became_no),
        ("Other changed answers", change.other_changes),
    ):
        if not rows:
            continue
        items = Table(title=title, title_justify="left")
        for col in ("Item", "Question", "Before", "Now"):
            items.add_column(col)
        for c in rows:
            items.add_row(c.ref, c.prompt, c.before or "not asked", c.after or "not asked")
        out.print(items)
    for w in change.warnings:
        out.print(f"Note: {w}", markup=False)
    out.print(f"[bold]{marking}[/bold]", markup=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command()
    def compare(
        old: Annotated[Path, typer.Argument(help="The earlier screening (answer file).")],
        new: Annotated[Path, typer.Argument(help="The later screening of the same case.")],
        fmt: Annotated[
            CompareFormat,
            typer.Option(
                "--format",
                "-f",
                help="table (terminal), md (Markdown) or html (one self-contained file).",
                case_sensitive=False,
            ),
        ] = CompareFormat.table,
        output: ViewOutputOption = None,
        force: Annotated[
            bool,
            typer.Option(
                "--force",
                help="Compare even when the case references differ; write through an "
                "--output that is a symbolic link (the file it points to is replaced).",
            ),
        ] = False,
        profile: ProfileOption = None,
        questionnaires_dir: QuestionnairesDirOption = None,
        wording: WordingOption = None,
        identity: IdentityOption = None,
        passphrase_file: PassphraseFileOption = None,
        reason: ReasonOption = None,
        practitioner: PractitionerOption = None,
    ) -> None:
        """What changed between two screenings of one case: answers, red flags, level, MARAC."""
        from stalkscreen.workflows.common import Session
        from stalkscreen.workflows.rescreen import compare_files

        session = Session(
            reason, practitioner, identity, passphrase_file, questionnaires_dir, wording, profile
        )
        done = compare_files(
            old,
            new,
            session,
            fmt=fmt.value,
            output=output,
            force=force,
        )
        if fmt is CompareFormat.table:
            print_comparison(done.change, done.marking)
