"""Batch scoring for analysts: many screenings in, one record each out, in order.

:func:`run_batch` streams the inputs (files, folders, globs, JSON Lines, CSV)
through the scorer — in worker processes with ``jobs`` > 1 — where each sink's
renderer turns the outcome into finished output (a CSV row, a JSON line, rows
for SQLite, a referral summary) and each chunk of screenings is counted; the
main process only writes the finished output in input order, adds up the
counts and tells an optional observer (the CLI's progress bar) how far it got.
A bad input is an outcome with status ``invalid``, never an exception. Nothing
here prints; nothing keeps all results in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from stalkscreen.batch.inputs import expand, json_lines, screens, tasks
from stalkscreen.batch.outputs import Sink
from stalkscreen.batch.pool import results
from stalkscreen.batch.summary import ERROR, INVALID, OK, Summary
from stalkscreen.batch.task import FILE, Task
from stalkscreen.batch.work import Outcome, Settings, pseudonym
from stalkscreen.definitions.library import Library

__all__ = [
    "ERROR",
    "INVALID",
    "OK",
    "BatchRequest",
    "Outcome",
    "Settings",
    "StartedBatch",
    "Summary",
    "count_inputs",
    "pseudonym",
    "run_batch",
    "start_batch",
]

Observer = Callable[[int], None]
"""Told how many more screenings are done, as the batch goes."""


@dataclass(frozen=True)
class BatchRequest:
    """What to score and how."""

    inputs: Sequence[str]
    settings: Settings = field(default_factory=Settings)
    recursive: bool = False
    jobs: int = 1
    fail_fast: bool = False
    exclude: Sequence[Path] = ()
    """Paths never read as inputs (the run's own output files)."""
    encoding: str = "utf-8"
    """Text encoding of CSV inputs (``cp1252`` for Excel's Windows 'CSV')."""


def _tasks(request: BatchRequest) -> Iterable[Task]:
    found = expand(request.inputs, recursive=request.recursive, exclude=request.exclude)
    return tasks(found, encoding=request.encoding)


def count_inputs(request: BatchRequest) -> int:
    """A quick count of the screenings to expect (for a progress bar's ETA).

    Answer files count one each; JSON Lines files their screenings (lines
    that are not blank), exactly as scoring will; CSV files their non-blank
    lines after the header (a row spanning lines is counted more than once).
    """
    total = 0
    for task in expand(request.inputs, recursive=request.recursive, exclude=request.exclude):
        if task.kind == FILE and task.payload == ".jsonl":
            total += sum(map(screens, json_lines(task.source)))
        elif task.kind == FILE and task.payload == ".csv":
            try:
                with Path(task.source).open("rb") as handle:
                    lines = sum(1 for raw in handle if raw.strip())
            except OSError:
                lines = 1
            total += max(lines - 1, 1)
        else:
            total += 1
    return total


class StartedBatch:
    """A batch whose worker processes (with ``jobs`` > 1) are already running.

    Start the batch before any thread of your own (a progress bar): forked workers
    may only be started from a process running one thread (see
    :func:`stalkscreen.batch.pool.start_method`). Use it as a context manager so
    the workers stop however the block ends.
    """

    def __init__(
        self, request: BatchRequest, sinks: Sequence[Sink], library: Library | None = None
    ) -> None:
        self.sinks = tuple(sinks)
        self._stream = results(
            _tasks(request),
            request.settings,
            [sink.renderer() for sink in self.sinks],
            jobs=request.jobs,
            library=library,
            fail_fast=request.fail_fast,
        )

    def run(self, observer: Observer | None = None) -> Summary:
        """Score every input in order into the sinks; return the summary.

        Sinks are finished (published) when the run completes or stops early
        under ``fail_fast``; on any exception, including an interrupt, they are
        aborted so no partial output file is left behind.
        """
        summary = Summary()
        try:
            for part, pieces in self._stream:
                summary.merge(part)
                for sink, block in zip(self.sinks, pieces, strict=True):
                    sink.write_all(block)
                if observer is not None:
                    observer(part.screenings)
                if summary.stopped_early:
                    break
        except BaseException:
            self.abort()
            raise
        finally:
            self.close()
        if summary.screenings:
            from stalkscreen.batch.commit import finish_all

            finish_all(self.sinks, summary)  # an interrupt now waits until all are published
        return summary

    def abort(self) -> None:
        """Drop whatever the sinks hold, and stop the workers."""
        for sink in self.sinks:
            sink.abort()
        self.close()

    def close(self) -> None:
        """Stop the workers (if any are still running)."""
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> StartedBatch:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        from stalkscreen.batch.commit import InterruptedWhenComplete

        if kind is not None and not issubclass(kind, InterruptedWhenComplete):
            self.abort()
        else:
            self.close()  # published in full: keep every output


def start_batch(
    request: BatchRequest, sinks: Sequence[Sink], *, library: Library | None = None
) -> StartedBatch:
    """Start a batch: its worker processes, with ``jobs`` > 1, are running on return."""
    return StartedBatch(request, sinks, library)


def run_batch(
    request: BatchRequest,
    sinks: Sequence[Sink],
    *,
    library: Library | None = None,
    observer: Observer | None = None,
) -> Summary:
    """Score every input in order into ``sinks``; return the summary (see
    :meth:`StartedBatch.run`)."""
    with start_batch(request, sinks, library=library) as batch:
        return batch.run(observer)
