"""Batch results in input order: in this process, or chunk by chunk in worker processes.

With ``jobs`` > 1 a standard :class:`~concurrent.futures.ProcessPoolExecutor` scores
and renders chunks of screenings (see :mod:`stalkscreen.batch.work` for what a
worker does with one); a bounded window of futures, waited for oldest first, keeps
the input order and keeps memory flat however many inputs there are.

This replaced a pool of our own (pipes widened with fcntl, a feeding and a collecting
thread per worker; about 450 lines): measured side by side with
``benchmarks/bench_batch.py --baseline``, the standard pool scores as fast (see the
README, "Performance"); only the workers' ``mallopt`` setting was kept (see
:func:`_keep_heap`).

Signals: Ctrl-C (SIGINT) is ignored by the workers and raises ``KeyboardInterrupt`` in
the main process; whatever exception leaves the iterator (or its ``close()``) shuts the
pool down, and :func:`stalkscreen.batch.run_batch` then aborts the sinks. A SIGTERM
handler that raises in the main thread gets the same clean-up. A main process that
ends without any clean-up (SIGKILL, or SIGTERM's default action) takes its workers
with it: each watches its parent (see :func:`_leave_with_parent`).
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from stalkscreen.batch.inputs import bulk, screenings, screens
from stalkscreen.batch.summary import Summary
from stalkscreen.batch.task import Task
from stalkscreen.batch.work import Finished, Pipeline, Renderer, Settings, build_pipeline
from stalkscreen.catalogue import Reports
from stalkscreen.definitions.library import Library
from stalkscreen.errors import StalkscreenError
from stalkscreen.i18n import current as current_language

# Between processes, tasks and results travel as plain tuples: pickle writes a tuple
# in C, but calls back into Python for every named tuple (several times the cost).
_Sent = list[tuple[int, str, str, int | None, Any]]
_Returned = tuple[Summary, tuple[Any, ...]]
_Failed = tuple[None, str]


def _numbered(source: Iterable[Task]) -> Iterator[tuple[int, Task]]:
    """Each task with the number of its first screening (a block of lines holds several)."""
    index = 1
    for task in source:
        yield index, task
        index += screens(task)


def results(
    source: Iterable[Task],
    settings: Settings,
    renderers: Sequence[Renderer] = (),
    *,
    jobs: int = 1,
    library: Library | None = None,
    chunk_size: int = 256,
    fail_fast: bool = False,
) -> Iterator[Finished]:
    """Score and render every screening (numbered from 1), in order, a chunk at a time.

    ``jobs`` > 1 uses worker processes that render their own output pieces, so
    only finished text comes back; a block of JSON lines goes to a worker as it
    was read. The workers are started by this call, before it returns (so before
    the caller starts any thread of its own, such as a progress bar); see
    :func:`start_method` for how. At most ``4 * jobs`` chunks of about
    ``chunk_size`` screenings are in flight or waiting to be handed on in order,
    so neither the input nor the results pile up in memory. Close the iterator
    (``close()``) when stopping early: that stops the workers. With ``fail_fast``
    the chunk holding the first failure ends there (its summary says it
    ``stopped_early``) and is the last.
    """
    numbered = _numbered(source)
    if jobs <= 1:
        return _in_process(numbered, build_pipeline(settings, renderers, fail_fast, library))
    return _Parallel(numbered, settings, tuple(renderers), jobs, library, chunk_size, fail_fast)


def _in_process(numbered: Iterator[tuple[int, Task]], pipeline: Pipeline) -> Iterator[Finished]:
    each = screenings(numbered)
    froze = _freeze()
    try:
        while chunk := list(itertools.islice(each, 64)):
            part = pipeline.process_all(chunk)
            yield part
            if part.summary.stopped_early:
                return
    finally:
        if froze:
            gc.unfreeze()


def _freeze() -> bool:
    """Keep what exists now (the library, the pipeline) out of the garbage collector's
    passes until :func:`gc.unfreeze`: whether this call froze it (and must unfreeze).

    In one process: a full pass walked the whole library again, a few times a thousand
    summaries; with it frozen the collector took about 30 ms a thousand HTML summaries
    instead of 80-130 ms (`batch --reports-dir`, gc.callbacks). With forked workers:
    their collections do not touch (and so copy) every page they inherit."""
    if gc.get_freeze_count():  # frozen by our caller, who unfreezes
        return False
    gc.freeze()
    return True


class WorkerLost(StalkscreenError):
    """A worker process ended, or failed, in the middle of a batch."""


def start_method() -> str:
    """How worker processes start: ``fork`` where it is available and safe, else ``spawn``.

    Forked workers inherit the library and pipeline the main process built (nothing is
    loaded or copied again: start-up is the cost that limits ``--jobs`` on small
    batches, see README "Performance"). Fork is safe only in a process that runs one
    thread: a thread holding a lock at the moment of the fork leaves it held for ever
    in the child (Python 3.12+ warns). macOS has fork but its system libraries are not
    fork-safe (Python itself defaults to spawn there); Windows has no fork. Spawned
    workers start a fresh interpreter and load the library from the settings. The
    choice is made here, never taken from the platform's default (which Python 3.14
    changes to forkserver).
    """
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return "spawn"
    return "fork" if _one_thread() else "spawn"


def _one_thread() -> bool:
    """Whether this process runs one thread only: on Linux counting every thread, those
    of C libraries included (as Python 3.12's warning does), elsewhere those Python knows.

    A thread that Python has just joined (the previous batch's pool's, say) is still
    listed by the system for a millisecond or so while it exits, so a surplus is
    looked at again for up to 0.1 s before it counts.
    """
    if threading.active_count() != 1:
        return False
    tasks = Path("/proc/self/task")
    for _ in range(20):
        try:
            if sum(1 for _ in tasks.iterdir()) == 1:
                return True
        except OSError:  # not Linux
            return True
        time.sleep(0.005)
    return False


@dataclass(frozen=True)
class _Recipe:
    """How a worker that did not inherit a pipeline (a spawned one) builds its own."""

    settings: Settings
    renderers: tuple[Renderer, ...]
    fail_fast: bool

    def build(self) -> Pipeline:
        return build_pipeline(self.settings, self.renderers, self.fail_fast)


_WORKER_PIPELINE: Pipeline | None = None
"""In a worker process: its batch's pipeline (each worker serves one batch only)."""


def _start_worker(given: Pipeline | _Recipe, language: str = "en") -> None:
    """A worker's start: Ctrl-C is the main process's to handle; stop if it is gone; the
    batch's language (a spawned worker starts in English)."""
    global _WORKER_PIPELINE
    from stalkscreen.i18n import set_language

    set_language(language)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _leave_with_parent()
    _keep_heap()
    _WORKER_PIPELINE = given if isinstance(given, Pipeline) else given.build()


_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def _keep_heap() -> None:
    """In a worker (a process of ours): keep freed memory in the heap, with glibc's
    ``mallopt``, instead of handing it back to the system.

    A chunk's tasks and results are a few hundred kilobytes: by default glibc maps
    each such block afresh and unmaps it when freed, so every chunk faults in and
    zeroes hundreds of new pages. Measured with this pool (JSON Lines, ``--jobs 2``,
    20,000 screenings, 8 alternating runs each): the batch used 7% less CPU with
    it and ran at 1.05 of the previous pool's throughput; without it at 0.88 (median
    wall time; CPU 2.07 s without, 1.92 s with, 1.97 s for the previous pool).
    Only on Linux, and only where the C library has ``mallopt`` (glibc).
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # pragma: no cover - not glibc
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    mallopt(_M_TRIM_THRESHOLD, 64 << 20)


def _leave_with_parent() -> None:
    """End this worker when the main process ends, however it ends (kill -9 included).

    A pool's workers wait on a queue whose writing end they hold themselves, so they
    would never see it close; the parent's sentinel (readable once the parent is gone)
    is watched by a thread instead.
    """
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - always a child here
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="stalkscreen-parent-watch", daemon=True).start()


def _run_chunk(chunk: _Sent) -> _Returned | _Failed:
    """In a worker: score and render one chunk. A bug is reported by its kind only,
    never with its message or traceback (they may quote answers)."""
    try:
        if _WORKER_PIPELINE is None:
            raise RuntimeError("a batch worker was not started")
        numbered = screenings((t[0], Task._make(t[1:])) for t in chunk)
        finished = _WORKER_PIPELINE.process_all(numbered)
    except BaseException as exc:  # told by kind, see above
        return None, type(exc).__name__
    return finished.summary, finished.pieces


class _Parallel(Iterator[Finished]):
    """Chunks scored by a :class:`ProcessPoolExecutor`, handed on in input order.

    Chunks are submitted ahead up to a window of ``4 * jobs``; the executor gives each
    to whichever worker is free, so a slow chunk holds up no other worker; the oldest
    future is waited for next, so results come out in order. A worker that dies breaks
    the pool at once (the executor watches every worker's sentinel): the result waited
    for raises :class:`BrokenProcessPool`, told as :class:`WorkerLost`.
    """

    def __init__(
        self,
        numbered: Iterator[tuple[int, Task]],
        settings: Settings,
        renderers: tuple[Renderer, ...],
        jobs: int,
        library: Library | None,
        chunk_size: int,
        fail_fast: bool,
    ) -> None:
        self._numbered = numbered
        self._chunk_size = chunk_size
        self._window = 4 * jobs
        self._pending: deque[Future[_Returned | _Failed]] = deque()
        self._more = True
        self._pool: ProcessPoolExecutor | None = None
        self._unfreeze = False
        method = start_method()
        given: Pipeline | _Recipe = _Recipe(settings, renderers, fail_fast)
        if method == "fork":
            given = build_pipeline(settings, renderers, fail_fast, library)
            self._unfreeze = _freeze()  # shared with the workers from here on
        main = threading.current_thread() is threading.main_thread()
        # a Ctrl-C while the workers start is the main process's alone, as after
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            self._pool = ProcessPoolExecutor(
                jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_start_worker,
                initargs=(given, current_language()),
            )
            # start every worker now: forked ones all at the first submission, before the
            # executor's own threads; spawned ones one per submission while none is idle
            for _ in range(jobs):
                self._pool.submit(int)
        except BaseException:
            self.close()
            raise
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def __next__(self) -> Finished:
        if self._pool is None:
            raise StopIteration
        try:
            while self._more and len(self._pending) < self._window:
                chunk = _chunk(self._numbered, self._chunk_size)
                if not chunk:
                    self._more = False
                    break
                self._pending.append(self._pool.submit(_run_chunk, chunk))
            if not self._pending:
                self.close()
                raise StopIteration
            result = _wait(self._pending.popleft())
        except BrokenProcessPool:
            self.close()
            raise WorkerLost.of(Reports.WORKER_LOST) from None
        except BaseException:
            self.close()
            raise
        if result[0] is None:
            self.close()
            raise WorkerLost.of(Reports.WORKER_FAILED, kind=result[1])
        part = Finished._make(result)
        if part.summary.stopped_early:  # nothing after it is wanted: end the workers
            self.close()
        return part

    def close(self) -> None:
        """Stop the workers: chunks not yet started are dropped, the running ones finish."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()
        if self._unfreeze:
            self._unfreeze = False
            gc.unfreeze()


def _wait(future: Future[_Returned | _Failed]) -> _Returned | _Failed:
    """A chunk's result. Waited for in short steps: a blocking wait on Windows is not
    interrupted by Ctrl-C until it ends."""
    while True:
        try:
            return future.result(timeout=1.0)
        except FutureTimeout:
            continue


def _chunk(numbered: Iterator[tuple[int, Task]], size: int) -> _Sent:
    """The next tasks, up to about ``size`` screenings' worth (see :func:`bulk`)."""
    chunk: _Sent = []
    weight = 0
    for i, task in numbered:
        chunk.append((i, *task))
        weight += bulk(task)
        if weight >= size:
            break
    return chunk
