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
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

if TYPE_CHECKING:
    from stalkscreen.compare import Comparison


class CompareFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"


def _yes_no(value: bool) -> str:
    from stalkscreen.i18n import gettext

    return gettext("yes") if value else gettext("no")


def print_comparison(change: Comparison, marking: str) -> None:
    """The comparison as rich tables on stdout."""
    from rich.table import Table

    from stalkscreen.about import level_name
    from stalkscreen.cli.common import console
    from stalkscreen.i18n import gettext as _
    from stalkscreen.i18n import localize
    from stalkscreen.report.effects import domain_name

    def answer(value: str | None) -> str:
        return _(value) if value else _("not asked")

    out = console()
    out.print(f"[bold]{marking}[/bold]", markup=True)
    title = _("Re-screening %(reference)s") % {"reference": change.reference}
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column(_("Before"))
    table.add_column(_("Now"))
    table.add_row(_("Date"), change.before_assessed_on or "-", change.after_assessed_on or "-")
    table.add_row(
        _("Risk level"),
        change.before_level_text,
        f"{change.after_level_text} ({_(change.direction)})",
    )
    table.add_row(_("MARAC referral"), _yes_no(change.before_marac), _yes_no(change.after_marac))
    table.add_row(_("Urgent red flag"), _yes_no(change.before_urgent), _yes_no(change.after_urgent))
    table.add_row(
        _("Police-reported incidents"),
        str(change.incidents_before) if change.incidents_before is not None else "-",
        str(change.incidents_after) if change.incidents_after is not None else "-",
    )
    for inst, before, after in change.yes_counts:
        table.add_row(
            _("%(instrument)s yes") % {"instrument": inst},
            _("not asked") if before is None else str(before),
            _("not asked") if after is None else str(after),
        )
    for domain, was, now in change.domains:  # a probation screening's SRP domains
        table.add_row(
            _("SRP %(domain)s") % {"domain": domain_name(domain)},
            level_name(was) if was else _("not rated"),
            level_name(now) if now else _("not rated"),
        )
    out.print(table)
    if change.new_escalation:
        out.print(_("New potential escalation (SC-ESC): the police-reported history now meets it."))
    for label, values in (
        (_("Reasons added:"), change.reasons_added),
        (_("Reasons no longer present:"), change.reasons_removed),
        (_("New red flags:"), change.red_flags_new),
        (_("Red flags cleared:"), change.red_flags_cleared),
        (_("New judgement prompts:"), change.prompts_new),
        (_("Judgement prompts no longer firing:"), change.prompts_cleared),
    ):
        out.print(f"{label} {', '.join(values) or _('none')}", markup=False)
    for heading, rows in (
        (_("Became yes"), change.became_yes),
        (_("Became no"), change.became_no),
        (_("Other changed answers"), change.other_changes),
    ):
        if not rows:
            continue
        items = Table(title=heading, title_justify="left")
        for col in (_("Item"), _("Question"), _("Before"), _("Now")):
            items.add_column(col)
        for c in rows:
            items.add_row(c.ref, c.prompt, answer(c.before), answer(c.after))
        out.print(items)
    for w in change.warnings:
        out.print(_("Note: %(note)s") % {"note": localize(w)}, markup=False)
    out.print(f"[bold]{marking}[/bold]", markup=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command(
        help=N_(
            "What changed between two screenings of one case: answers, red flags, level, MARAC."
        )
    )
    def compare(
        old: Annotated[Path, typer.Argument(help=N_("The earlier screening (answer file)."))],
        new: Annotated[Path, typer.Argument(help=N_("The later screening of the same case."))],
        fmt: Annotated[
            CompareFormat,
            typer.Option(
                "--format",
                "-f",
                help=N_("table (terminal), md (Markdown) or html (one self-contained file)."),
                case_sensitive=False,
            ),
        ] = CompareFormat.table,
        output: ViewOutputOption = None,
        force: Annotated[
            bool,
            typer.Option(
                "--force",
                help=N_(
                    "Compare even when the case references differ; write through an "
                    "--output that is a symbolic link (the file it points to is replaced)."
                ),
            ),
        ] = False,
        profile: ProfileOption = None,
        questionnaires_dir: QuestionnairesDirOption = None,
        wording: WordingOption = None,
        identity: IdentityOption = None,
        passphrase_file: PassphraseFileOption = None,
        reason: ReasonOption = None,
        practitioner: PractitionerOption = None,
        language: LanguageOption = None,
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
