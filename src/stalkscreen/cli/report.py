"""`stalkscreen report`: a referral summary of a saved screening."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stalkscreen.cli.common import (
    ForceOption,
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    WordingOption,
)
from stalkscreen.cli.language import ReportLanguageOption
from stalkscreen.i18n import N_


class ReportForm(StrEnum):
    summary = "summary"
    marac = "marac"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command(
        help=N_(
            "Write a referral summary (outcome first, evidence, routes, advice, MARAC checklist), "
            "or with --form marac the MARAC referral form."
        )
    )
    def report(
        file: Annotated[
            Path, typer.Argument(help=N_("A saved screening (YAML or JSON answer file)."))
        ],
        fmt: Annotated[
            ReportFormat,
            typer.Option(
                "--format",
                "-f",
                help=N_(
                    "md (Markdown), html (one self-contained file), pdf (needs the pdf extra) "
                    "or json (the template context: the summary's, or with --form marac the "
                    "form's)."
                ),
                case_sensitive=False,
            ),
        ] = ReportFormat.md,
        form: Annotated[
            ReportForm,
            typer.Option(
                "--form",
                help=N_(
                    "summary (the referral summary) or marac: the MARAC referral form, "
                    "prefilled, one to two pages, with a labelled blank for whatever the screening "
                    "cannot supply. MARAC is for domestic abuse: a probation screening, or a "
                    "stranger, acquaintance, colleague or professional relationship, is refused "
                    "(exit 3) with the routes the case belongs to. The area profile's "
                    "`marac_template` names a local form."
                ),
                case_sensitive=False,
            ),
        ] = ReportForm.summary,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help=N_(
                    "Write the summary here (mode 0600), only once it has rendered. Required "
                    "for pdf; otherwise the summary goes to stdout."
                ),
                show_default=False,
            ),
        ] = None,
        profile: ProfileOption = None,
        template_dir: Annotated[
            list[Path] | None,
            typer.Option(
                "--template-dir",
                help=N_(
                    "A folder of your own templates (summary.md.j2, summary.html.j2, "
                    "advice.yaml, marac.md.j2, marac.html.j2, a profile's marac_template) searched "
                    "before the bundled ones; they run sandboxed. Repeatable; "
                    "`template_dirs` in the config come after."
                ),
                show_default=False,
            ),
        ] = None,
        marking: Annotated[
            str | None,
            typer.Option(
                "--marking",
                help=N_(
                    "Protective marking for the top, bottom and every page. Default: `marking` "
                    "in the config, else the area profile's (OFFICIAL-SENSITIVE)."
                ),
                show_default=False,
            ),
        ] = None,
        previous: Annotated[
            Path | None,
            typer.Option(
                "--previous",
                help=N_(
                    "The previous screening of the same case: adds a 'change since the last "
                    "screening' section."
                ),
                show_default=False,
            ),
        ] = None,
        questionnaires_dir: QuestionnairesDirOption = None,
        wording: WordingOption = None,
        identity: IdentityOption = None,
        passphrase_file: PassphraseFileOption = None,
        reason: ReasonOption = None,
        practitioner: PractitionerOption = None,
        force: ForceOption = False,
        language: ReportLanguageOption = None,
    ) -> None:
        from stalkscreen.cli.language import report_languages
        from stalkscreen.workflows.common import Session
        from stalkscreen.workflows.report import write_report

        session = Session(
            reason=reason,
            practitioner=practitioner,
            identity=identity,
            passphrase_file=passphrase_file,
            questionnaires_dirs=questionnaires_dir,
            wording=wording,
            profile=profile,
        )
        write_report(
            file,
            fmt.value,
            output,
            session,
            form=form.value,
            template_dirs=template_dir or (),
            marking=marking,
            previous=previous,
            force=force,
            languages=report_languages(language),
        )
