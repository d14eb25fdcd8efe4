"""`stalkscreen report`: a referral summary of a saved screening."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

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


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""

    @app.command()
    def report(
        file: Annotated[Path, typer.Argument(help="A saved screening (YAML or JSON answer file).")],
        fmt: Annotated[
            ReportFormat,
            typer.Option(
                "--format",
                "-f",
                help="md (Markdown), html (one self-contained file), pdf (needs the pdf extra) "
                "or json (the template context).",
                case_sensitive=False,
            ),
        ] = ReportFormat.md,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help="Write the summary here (mode 0600), only once it has rendered. Required "
                "for pdf; otherwise the summary goes to stdout.",
                show_default=False,
            ),
        ] = None,
        profile: ProfileOption = None,
        template_dir: Annotated[
            list[Path] | None,
            typer.Option(
                "--template-dir",
                help="A folder of your own templates (summary.md.j2, summary.html.j2, "
                "advice.yaml) searched before the bundled ones; they run sandboxed. Repeatable; "
                "`template_dirs` in the config come after.",
                show_default=False,
            ),
        ] = None,
        marking: Annotated[
            str | None,
            typer.Option(
                "--marking",
                help="Protective marking for the top, bottom and every page. Default: `marking` "
                "in the config, else the area profile's (OFFICIAL-SENSITIVE).",
                show_default=False,
            ),
        ] = None,
        previous: Annotated[
            Path | None,
            typer.Option(
                "--previous",
                help="The previous screening of the same case: adds a 'change since the last "
                "screening' section.",
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
    ) -> None:
        """Write a referral summary: outcome first, evidence, routes, advice, MARAC checklist."""
        from stalkscreen import audit
        from stalkscreen.cli.common import about, choose_profile, library, reason_text, unlock
        from stalkscreen.config import load_config
        from stalkscreen.errors import UsageError, shown
        from stalkscreen.reading import load_answers
        from stalkscreen.report import render_report
        from stalkscreen.report.render import check_marking
        from stalkscreen.scoring import score
        from stalkscreen.storage import write_atomic

        if fmt is ReportFormat.pdf and output is None:
            raise UsageError("--format pdf needs --output FILE (a PDF is not sent to stdout)")
        if output is not None and output.is_dir():
            raise UsageError(f"--output {output} is a folder: give a file name")
        from stalkscreen.destinations import check_outputs

        inputs = [("the screening", file), ("--previous", previous)]
        check_outputs([("--output", output)], inputs, force=force)
        check_marking(marking)
        why = reason_text(reason, practitioner)
        unlock(identity, passphrase_file)
        lib = library(questionnaires_dir, wording)
        answers = load_answers(file, lib.definitions)
        chosen = choose_profile(lib, profile, answers)
        screening = score(answers, lib, chosen.profile)
        change = None
        if previous is not None:
            from stalkscreen.compare import compare

            before = load_answers(previous, lib.definitions)
            old = score(before, lib, choose_profile(lib, profile, before).profile)
            change = compare((before, old), (answers, screening), lib)
        rendered = render_report(
            answers,
            screening,
            lib,
            chosen.profile,
            fmt.value,
            template_dirs=(*(template_dir or ()), *load_config().template_dirs),
            marking=marking,
            change=change,
        )
        event: dict[str, Any] = {
            **about(lib, file, answers),
            "reason": why,
            "command": "report",
            "format": fmt.value,
        }
        audit.record("consultation", **event)
        if output is None:
            sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))
            sys.stdout.flush()
            audit.record("disclosure", destination="stdout", **event)
            return
        write_atomic(output, rendered if isinstance(rendered, bytes) else rendered.encode("utf-8"))
        audit.record("disclosure", destination=output, **event)
        print(f"stalkscreen: summary written to {shown(output)}", file=sys.stderr)
