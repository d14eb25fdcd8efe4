"""Running `stalkscreen batch` once its flags are checked: the progress bar on a terminal
and the audit events of the run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stalkscreen.batch import BatchRequest, Summary
    from stalkscreen.batch.outputs import Sink
    from stalkscreen.definitions.library import Library


def audit_run(
    summary: Summary,
    inputs: list[str],
    outputs: list[Path | str | None],
    reason: str | None,
    pseudonymised: bool,
    written: int | None = None,
) -> None:
    """One consultation event per run (with counts), and one disclosure per output written
    (``written`` screenings, when fewer than those scored were written)."""
    from stalkscreen import audit

    audit.record(
        "consultation",
        command="batch",
        inputs=[str(Path(i).absolute()) for i in inputs],
        screenings=summary.screenings,
        scored=summary.scored,
        failed=summary.failed,
        reason=reason,
    )
    for destination in outputs:
        if destination is not None:
            audit.record(
                "disclosure",
                command="batch",
                destination=destination,
                screenings=summary.scored if written is None else written,
                pseudonymised=pseudonymised,
                reason=reason,
            )


def run_with_progress(request: BatchRequest, sinks: list[Sink], lib: Library) -> Summary:
    """Run with a progress bar on stderr when it is a terminal, silently otherwise.

    The batch (its worker processes) starts before the progress bar, whose refresh
    thread must not exist when workers are forked.
    """
    from stalkscreen.batch import count_inputs, start_batch

    total = count_inputs(request) if sys.stderr.isatty() else 0
    with start_batch(request, sinks, library=lib) as started:
        if not sys.stderr.isatty():
            return started.run()
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from stalkscreen.cli.common import console

        columns = (
            TextColumn("scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console(stderr=True), transient=True) as bar:
            task = bar.add_task("batch", total=total, rate="")
            seen = 0

            def observe(done: int) -> None:
                nonlocal seen
                seen += done
                speed = bar.tasks[0].speed
                bar.update(task, completed=seen, rate=f"{speed:,.0f}/s" if speed else "")

            summary = started.run(observe)
            bar.update(task, completed=seen)
    return summary
