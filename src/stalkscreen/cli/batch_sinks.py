"""The batch command's outputs: one sink per file the flags ask for."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stalkscreen.batch.outputs import Sink


def reports_sink(
    directory: Path,
    fmt: str | None,
    *,
    pseudonymised: bool,
    marking: str | None = None,
    sources: tuple[tuple[Path, ...], tuple[Path, ...]] = ((), ()),
) -> Sink:
    """The --reports-dir sink; with --pseudonymise the summaries carry no free text.

    ``marking``, when given (the site's or user's config), replaces each profile's;
    ``sources`` are the definition folders and wording overlays the batch scores with
    (a summary in another language than English is worded from them in that language).
    """
    from datetime import UTC, datetime

    from stalkscreen.batch.reports import ReportsSink

    return ReportsSink(
        directory,
        "html" if fmt == "html" else "md",
        pseudonymised=pseudonymised,
        generated_at=datetime.now(UTC),
        marking=marking,
        sources=sources,
    )


def build_sinks(
    chosen: str,
    output: Path | None,
    long: Path | None,
    errors: Path | None,
    instruments: list[str],
    *,
    bom: bool,
    pseudonymised: bool = False,
    marking: str = "OFFICIAL-SENSITIVE",
    compare: str | None = None,
) -> list[Sink]:
    from stalkscreen.batch.outputs import CsvSink, ErrorsSink, JsonlSink, LongCsvSink
    from stalkscreen.batch.sqlite_sink import SQLITE_SUFFIXES, SqliteSink
    from stalkscreen.batch.targets import Opener, StreamTarget, file_opener
    from stalkscreen.catalogue import Commands
    from stalkscreen.errors import UsageError

    def opener(path: Path | None) -> Opener:
        return file_opener(path) if path is not None else (lambda: StreamTarget(sys.stdout.buffer))

    sinks: list[Sink] = []
    long_in_output = long is not None and output is not None and long.resolve() == output.resolve()
    if chosen == "sqlite":
        if output is None:
            raise UsageError.of(Commands.FORMAT_NEEDS_OUTPUT, format=chosen)
        sinks.append(
            SqliteSink(
                output,
                instruments,
                screenings=True,
                items=long_in_output,
                pseudonymised=pseudonymised,
                compare=compare,
            )
        )
    elif chosen == "xlsx":
        from stalkscreen.batch.xlsx import XlsxSink

        if output is None:
            raise UsageError.of(Commands.FORMAT_NEEDS_OUTPUT, format=chosen)
        sinks.append(
            XlsxSink(
                output,
                instruments,
                items=long_in_output,
                marking=marking,
                pseudonymised=pseudonymised,
                compare=compare,
            )
        )
    elif chosen == "jsonl":
        sinks.append(JsonlSink(opener(output), pseudonymised=pseudonymised, compare=compare))
    else:
        sinks.append(
            CsvSink(
                opener(output), instruments, bom=bom, pseudonymised=pseudonymised, compare=compare
            )
        )
    if long is not None and not long_in_output:
        if long.suffix.lower() in SQLITE_SUFFIXES:
            sinks.append(SqliteSink(long, instruments, screenings=False, items=True))
        else:
            sinks.append(LongCsvSink(file_opener(long), bom=bom))
    if errors is not None:
        sinks.append(ErrorsSink(file_opener(errors)))
    return sinks
