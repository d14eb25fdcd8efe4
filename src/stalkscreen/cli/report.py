"""`stalkscreen report`: a referral summary of a saved screening."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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

if TYPE_CHECKING:
    from stalkscreen.report.bilingual import Format


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
        import sys

        from stalkscreen import audit
        from stalkscreen.catalogue import Commands
        from stalkscreen.config import load_config
        from stalkscreen.errors import UsageError, shown
        from stalkscreen.reading import load_answers
        from stalkscreen.report import render_report
        from stalkscreen.report.render import check_marking
        from stalkscreen.scoring import score
        from stalkscreen.storage import write_atomic
        from stalkscreen.workflows.common import (
            about,
            choose_profile,
            library,
            reason_text,
            unlock,
        )

        if fmt is ReportFormat.pdf and output is None:
            raise UsageError.of(Commands.PDF_NEEDS_OUTPUT)
        if form is ReportForm.marac and previous is not None:
            raise UsageError.of(Commands.FORM_HAS_NO_CHANGES)
        if output is not None and output.is_dir():
            raise UsageError.of(Commands.OUTPUT_IS_FOLDER, output, role="--output")
        from stalkscreen.destinations import check_outputs

        inputs = [("the screening", file), ("--previous", previous)]
        check_outputs([("--output", output)], inputs, force=force)
        check_marking(marking)
        from stalkscreen.cli.language import report_languages

        languages = report_languages(language)
        why = reason_text(reason, practitioner)
        unlock(identity, passphrase_file)
        templates = (*(template_dir or ()), *load_config().template_dirs)
        read: list[tuple[Any, Any]] = []  # the library and screening of each language

        def render(code: str, each: Format) -> str | bytes:
            lib = library(questionnaires_dir, wording, language=code)
            answers = load_answers(file, lib.definitions)
            read.append((lib, answers))
            chosen = choose_profile(lib, profile, answers)
            screening = score(answers, lib, chosen.profile)
            if form is ReportForm.marac:
                from stalkscreen.report.marac_render import render_marac

                return render_marac(
                    answers,
                    screening,
                    lib,
                    chosen.profile,
                    each,
                    template_dirs=templates,
                    marking=marking,
                    source=shown(file),
                    profile_source=shown(chosen.path),
                )
            change = None
            if previous is not None:
                from stalkscreen.compare import compare

                before = load_answers(previous, lib.definitions)
                old = score(before, lib, choose_profile(lib, profile, before).profile)
                change = compare((before, old), (answers, screening), lib)
            return render_report(
                answers,
                screening,
                lib,
                chosen.profile,
                each,
                template_dirs=templates,
                marking=marking,
                change=change,
            )

        from stalkscreen.report.bilingual import render_languages

        rendered = render_languages(languages, fmt.value, render)
        lib, answers = read[0]
        event: dict[str, Any] = {
            **about(lib, file, answers),
            "reason": why,
            "command": "report",
            "format": fmt.value,
        }
        if form is ReportForm.marac:
            event["form"] = form.value
        audit.record("consultation", **event)
        if output is None:
            sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))
            sys.stdout.flush()
            audit.record("disclosure", destination="stdout", **event)
            return
        write_atomic(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
        audit.record("disclosure", destination=output, **event)
        what = "MARAC referral form" if form is ReportForm.marac else "summary"
        print(f"stalkscreen: {what} written to {shown(output)}", file=sys.stderr)
