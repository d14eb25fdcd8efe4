"""`stalkscreen batch`: score many screenings for analysts (CSV, JSON Lines, SQLite)."""

from __future__ import annotations

import codecs
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from stalkscreen.catalogue import Commands
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
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_


class OutputFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    sqlite = "sqlite"
    xlsx = "xlsx"


class SummaryFormat(StrEnum):
    md = "md"
    html = "html"


_SUFFIX_FORMAT = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".xlsx": "xlsx",
}
_FILE_ONLY = frozenset({"sqlite", "xlsx"})
"""Formats that need --output (and can hold the --long items beside the screenings)."""


HELP = N_(
    "Score many screenings: one record each, in input order; bad inputs are reported."
    "\n\n"
    "Exit 0 when every input was scored, 4 when some failed (see --errors), 3 when the run "
    "itself cannot start (an input path that does not exist or a pattern that matches "
    "nothing, an unknown profile, a bad key file). A reader that stops early (`| head`) does "
    "not change the exit code; the summary still goes to stderr."
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("batch", help=HELP)(batch)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help=N_(
                "Answer files (YAML/JSON), folders, glob patterns, JSON Lines (.jsonl, one "
                "screening per line) and CSV files (one screening per row), in any mix."
            ),
            show_default=False,
        ),
    ],
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help=N_("Look inside sub-folders too."))
    ] = False,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            # \\[ keeps rich's help markup from taking [xlsx] for a style and dropping it
            help=N_(
                "Output format. Default: from the --output suffix (.csv, .jsonl, .db, .xlsx), "
                "else csv. xlsx needs the extra: pip install 'stalkscreen\\[xlsx]'."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_(
                "Write the results here (atomically, mode 0600). Default: stdout (csv, jsonl)."
            ),
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help=N_("Also write one line per failed input to this file.")),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, max=256, help=N_("Worker processes (order is kept).")),
    ] = 1,
    summary_json: Annotated[
        Path | None,
        typer.Option("--summary-json", help=N_("Write the summary (as on stderr) as JSON here.")),
    ] = None,
    pseudonymise: Annotated[
        bool,
        typer.Option(
            "--pseudonymise",
            help=N_(
                "Replace references by a keyed HMAC-SHA256 pseudonym and drop free text "
                "(needs --key-file)."
            ),
        ),
    ] = False,
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file", help=N_("A file holding the pseudonymisation secret (16+ bytes).")
        ),
    ] = None,
    long: Annotated[
        Path | None,
        typer.Option(
            "--long",
            help=N_(
                "Also write a per-item table (reference, instrument, item, answer, "
                "has_comment): CSV, or a SQLite `items` table when the path ends in .db/.sqlite, "
                "or an `items` sheet when it names the --output workbook."
            ),
        ),
    ] = None,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help=N_("Stop at the first input that fails."))
    ] = False,
    latest_per_case: Annotated[
        bool,
        typer.Option(
            "--latest-per-case",
            help=N_(
                "Keep only each reference's most recent screening (latest assessment date; "
                "on the same date, the later input) in every output and the summary."
            ),
        ),
    ] = False,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            help=N_(
                "Text encoding of CSV inputs: cp1252 for a file Excel saved as plain 'CSV' "
                "(Windows). JSON Lines and answer files are always UTF-8."
            ),
        ),
    ] = "utf-8",
    bom: Annotated[
        bool, typer.Option("--bom", help=N_("Start CSV files with a UTF-8 BOM (for Excel)."))
    ] = False,
    reports_dir: Annotated[
        Path | None,
        typer.Option(
            "--reports-dir",
            help=N_(
                "Also write a referral summary of every scored screening into this folder "
                "(created mode 0700; files 0600), named from the position and the sanitised "
                "reference (or the pseudonym)."
            ),
            show_default=False,
        ),
    ] = None,
    report_format: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--report-format",
            help=N_("Format of the --reports-dir summaries: md (default) or html."),
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    dashboard: Annotated[
        Path | None,
        typer.Option(
            "--dashboard",
            help=N_(
                "Also write a one-page HTML picture of the run (charts with tables: per "
                "month, levels, referral reasons, red flags, repeats, data quality)."
            ),
            show_default=False,
        ),
    ] = None,
    compare_profile: Annotated[
        str | None,
        typer.Option(
            "--compare-profile",
            help=N_(
                "Also score every screening under this area profile: each record gets its "
                "outcome there (compare_* columns) and the summary shows how many referrals and "
                "levels would change (a threshold what-if)."
            ),
            show_default=False,
        ),
    ] = None,
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
    from stalkscreen.batch import BatchRequest, Settings
    from stalkscreen.batch.work import check_key
    from stalkscreen.cli.batch_run import audit_run, run_with_progress
    from stalkscreen.cli.batch_show import show_summary, show_whatif
    from stalkscreen.cli.batch_sinks import build_sinks, reports_sink
    from stalkscreen.config import load_config
    from stalkscreen.definitions.library import chosen_profile_name, load_library
    from stalkscreen.errors import EXIT_BATCH_PARTIAL, UsageError
    from stalkscreen.scoring.facts import ordered
    from stalkscreen.source import read_bytes

    chosen = (
        fmt.value if fmt else _SUFFIX_FORMAT.get(output.suffix.lower(), "csv") if output else "csv"
    )
    if chosen in _FILE_ONLY and output is None:
        raise UsageError.of(Commands.FORMAT_NEEDS_OUTPUT, format=chosen)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError.of(Commands.BAD_ENCODING, value=encoding) from None
    if pseudonymise != (key_file is not None):
        raise UsageError.of(Commands.PSEUDONYMISE_NEEDS_KEY)
    if report_format is not None and reports_dir is None:
        raise UsageError.of(Commands.REPORT_FORMAT_NEEDS_DIR)
    if reports_dir is not None and reports_dir.exists() and not reports_dir.is_dir():
        raise UsageError.of(Commands.REPORTS_DIR_IS_FILE, reports_dir)
    long_in_output = long is not None and output is not None and long.resolve() == output.resolve()
    if long_in_output and chosen not in _FILE_ONLY:
        raise UsageError.of(Commands.LONG_IN_OUTPUT)
    if chosen == "xlsx":
        from stalkscreen.batch.xlsx import check_available

        check_available()
    from stalkscreen.destinations import batch_inputs, check_outputs

    named = [("--output", output), ("--errors", errors), ("--summary-json", summary_json)]
    named += [("--dashboard", dashboard)]
    named += [] if long_in_output else [("--long", long)]
    if chosen in _FILE_ONLY and output is not None and output.exists() and not output.is_file():
        raise UsageError.of(Commands.OUTPUT_NOT_PLAIN, output, format=chosen)
    from stalkscreen.batch.inputs import missing

    if gone := missing(inputs):  # the run cannot start (exit 3), as --help says
        from stalkscreen.errors import InvalidInputError, Problem

        raise InvalidInputError([Problem.of(Commands.NO_SUCH_INPUT, t) for t in gone])
    near = batch_inputs([p for _, p in named], inputs, recursive=recursive)
    check_outputs(named, near, force=force)

    from stalkscreen.workflows.common import Session, sources

    why = Session(reason, practitioner, identity, passphrase_file).begin()
    if jobs > 1:
        from stalkscreen.sealing import keyring

        keyring().ask = None  # worker processes cannot ask; give the passphrase up front
    config = load_config()
    dirs, overlays = sources(config, questionnaires_dir, wording)
    lib = load_library(dirs, overlays)
    if profile is not None:
        lib.profile(profile)  # an unknown --profile stops the run (exit 3)
    if compare_profile is not None:
        lib.profile(compare_profile)
    key = check_key(read_bytes(key_file), str(key_file)) if key_file is not None else None
    settings = Settings(
        questionnaire_dirs=dirs,
        wording=overlays,
        profile=profile,
        configured_profile=config.profile,
        key=key,
        items=long is not None,
    )
    request = BatchRequest(
        inputs=inputs,
        settings=settings,
        recursive=recursive,
        jobs=jobs,
        fail_fast=fail_fast,
        exclude=[p for _, p in named if p is not None],
        encoding=encoding,
    )
    # a record (e.g. the behaviours checklist) has no counts: SC-BEHAV (it is in --long)
    instruments = [q.id for q in ordered(lib.definitions) if q.kind != "record"]
    # the site's or user's marking (issue 17.6) replaces the profile's, as in every command
    marking = (
        load_config().marking
        or lib.profile(chosen_profile_name(profile, None, config.profile)).profile.marking
    )
    sinks = build_sinks(
        chosen,
        output,
        long,
        errors,
        instruments,
        bom=bom,
        pseudonymised=key is not None,
        marking=marking,
        compare=compare_profile,
    )
    whatif = None
    if compare_profile is not None:
        from stalkscreen.batch.whatif import WhatIf

        whatif = WhatIf(compare_profile)
        sinks.append(whatif)
    if reports_dir is not None:
        sinks.append(
            reports_sink(
                reports_dir,
                report_format,
                pseudonymised=key is not None,
                marking=load_config().marking,
                sources=(dirs, overlays),
            )
        )
    if dashboard is not None:
        from datetime import UTC, datetime

        from stalkscreen.batch.dashboard import DashboardSink

        sinks.append(DashboardSink(dashboard, marking=marking, generated_at=datetime.now(UTC)))
    kept = None
    if latest_per_case:
        from stalkscreen.batch.latest import latest_per_case as keep_latest

        sinks, kept = keep_latest(sinks)
    from stalkscreen.batch.commit import InterruptedWhenComplete, interrupts_on_terminate
    from stalkscreen.errors import Interrupted

    try:
        with interrupts_on_terminate():  # SIGTERM, SIGHUP: as Ctrl-C
            summary = run_with_progress(request, sinks, lib)
    except InterruptedWhenComplete as exc:
        audit_run(
            exc.summary, inputs, [output or "stdout", long, errors, dashboard], why, key is not None
        )
        raise Interrupted.of(Commands.INTERRUPTED_COMPLETE) from None
    except KeyboardInterrupt:
        raise Interrupted.of(Commands.INTERRUPTED_REMOVED) from None
    read = summary.screenings
    outputs = [output or "stdout", long, errors, summary_json, dashboard]
    if kept is not None:
        kept.summary.stopped_early = summary.stopped_early
        audit_run(summary, inputs, outputs, why, key is not None, written=kept.summary.scored)
        summary = kept.summary
    else:
        audit_run(summary, inputs, outputs, why, key is not None)
    if summary.screenings == 0:
        from stalkscreen.errors import InvalidInputError

        raise InvalidInputError.of(Commands.NO_SCREENINGS, " ".join(inputs))
    if summary_json is not None:
        import json

        from stalkscreen.storage import write_atomic

        body = summary.to_dict()
        if kept is not None:
            body["latest_per_case"] = {"read": read, "kept": summary.screenings}
        if whatif is not None:
            body["compare_profile"] = whatif.to_dict()
        text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
        write_atomic(summary_json, text.encode("utf-8"))
    show_summary(summary)
    if kept is not None:
        from stalkscreen.cli.common import console

        console(stderr=True).print(
            f"--latest-per-case: kept the latest screening of each case: "
            f"{summary.screenings:,} of {read:,}"
        )
    if whatif is not None:
        show_whatif(whatif.to_dict())
    if summary.failed:
        raise typer.Exit(EXIT_BATCH_PARTIAL)
