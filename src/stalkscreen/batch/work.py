"""Scoring tasks: one :class:`Outcome` per screening, in input order.

A :class:`Scorer` holds the library (loaded once per process) and turns a
task into an outcome; a :class:`Pipeline` then has each sink's renderer turn
the outcome into finished output (a CSV row, a JSON line, a referral summary).
Every failure of one input — unreadable, invalid, or even a bug while scoring
it — becomes an outcome with a status and a located message, never an
exception, so one bad file cannot stop an audit.

With more than one job, tasks go in chunks to worker processes of our own
(:class:`_Workers`) and the workers render and count too, so only finished
output (a block of text per sink where it is text) and the chunk's summary
come back; at most a bounded number of chunks is in flight, and results are
handed back strictly in submission order, so memory stays flat however many
inputs there are.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import itertools
import multiprocessing
import pickle
import re
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from queue import SimpleQueue
from typing import Any, NamedTuple, Protocol

from stalkscreen.answers import AnswerSet, answers_from_data
from stalkscreen.batch.inputs import (
    CSV_ROW,
    FAILED,
    FILE,
    JSON_LINE,
    Task,
    bulk,
    csv_column,
    row_to_data,
    screenings,
    screens,
)
from stalkscreen.batch.summary import ERROR, INVALID, OK, Summary
from stalkscreen.definitions.library import Library, load_library
from stalkscreen.definitions.models import Profile
from stalkscreen.errors import InvalidInputError, Problem, StalkscreenError
from stalkscreen.scoring import Screening, score
from stalkscreen.scoring.facts import ordered
from stalkscreen.source import Document, decode, parse_text, read_bytes, require_mapping

ItemRow = tuple[str, str, str, bool]
"""(instrument, item, answer, has_comment) for the per-item table."""


@dataclass(slots=True)
class Outcome:
    """The result for one input screening (or one input that could not be read)."""

    source: str
    line: int | None
    status: str
    error: str | None = None
    record: dict[str, Any] | None = None
    items: list[ItemRow] | None = None
    reference: str | None = None
    """For a failed input, its reference when one could be read (or its pseudonym)."""

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class Settings:
    """What a worker needs to score; picklable, so each worker builds its own library."""

    questionnaire_dirs: tuple[Path, ...] = ()
    wording: tuple[Path, ...] = ()
    profile: str | None = None
    default_profile: str = "default"
    key: bytes | None = None
    items: bool = False


def pseudonym(reference: str, key: bytes) -> str:
    """A stable keyed pseudonym of a case reference (HMAC-SHA256, 128 bits shown)."""
    digest = hmac.new(key, reference.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"ps-{digest[:32]}"


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


class Scorer:
    """Scores tasks in one process with one library."""

    def __init__(self, library: Library, settings: Settings) -> None:
        self.library = library
        self.settings = settings
        self.definitions = library.definitions
        self.order = [q.id for q in ordered(self.definitions)]
        self._profiles: dict[str, Profile] = {}
        self._data: Any = None

    def profile(self, answers: AnswerSet) -> Profile:
        name = self.settings.profile or answers.profile or self.settings.default_profile
        found = self._profiles.get(name)
        if found is None:
            found = self._profiles[name] = self.library.profile(name).profile
        return found

    def run(self, task: Task) -> Outcome:
        """Score one task; every failure is returned as an outcome."""
        return self.score_task(task)[0]

    def score_task(self, task: Task) -> tuple[Outcome, Scored | None]:
        """Score one task: the outcome and, when it scored, what renderers may need."""
        if task.kind == FAILED:
            why = self._where(task) + str(task.payload)
            return Outcome(task.source, task.line, INVALID, why), None
        self._data = None
        try:
            answers = self._answers(task)
            profile = self.profile(answers)
            screening = score(answers, self.library, profile)
        except StalkscreenError as exc:
            outcome = Outcome(
                task.source,
                task.line,
                INVALID,
                self._message(task, exc),
                reference=self._raw_reference(),
            )
            return outcome, None
        except Exception as exc:  # a bug on one input must not stop the batch
            outcome = Outcome(
                task.source,
                task.line,
                ERROR,
                self._where(task) + f"internal error ({type(exc).__name__}) while scoring this "
                "input; it is a bug in stalkscreen, please report it (without the input)",
                reference=self._raw_reference(),
            )
            return outcome, None
        record = screening.contract()
        if self.settings.key is not None:
            record["reference"] = pseudonym(answers.case.reference, self.settings.key)
        items = self._items(answers) if self.settings.items else None
        outcome = Outcome(task.source, task.line, OK, None, record, items)
        return outcome, Scored(answers, screening, profile, self.library)

    def failed_render(self, task: Task, why: str) -> Outcome:
        """The outcome of a screening that scored but whose referral summary failed."""
        return Outcome(
            task.source,
            task.line,
            ERROR,
            self._where(task) + f"the referral summary could not be written: {why}",
            reference=self._raw_reference(),
        )

    def _answers(self, task: Task) -> AnswerSet:
        if task.kind == JSON_LINE:
            doc = parse_text(task.payload, task.source, fmt=".json")
        elif task.kind == CSV_ROW:
            data = row_to_data(task.payload)
            doc = Document(path=task.source, text="", data=data)
        else:
            assert task.kind == FILE, task.kind  # a block of lines is made into lines first
            doc = parse_text(decode(read_bytes(task.source), task.source), task.source)
            require_mapping(doc, "an answer file (format, case, responses…)")
        self._data = doc.data
        return answers_from_data(doc.data, doc, self.definitions)

    def _raw_reference(self) -> str | None:
        """The reference of an input that failed, if it holds a plausible one."""
        case = self._data.get("case") if isinstance(self._data, dict) else None
        ref = case.get("reference") if isinstance(case, dict) else None
        if not isinstance(ref, str | int) or isinstance(ref, bool):
            return None
        text = str(ref).strip()
        if not text or len(text) > 64 or not text.isprintable():
            return None
        return pseudonym(text, self.settings.key) if self.settings.key is not None else text

    def _items(self, answers: AnswerSet) -> list[ItemRow]:
        rows: list[ItemRow] = []
        for inst_id in self.order:
            given = answers.responses.get(inst_id)
            if not given:
                continue
            for item in self.definitions[inst_id].items:
                response = given.get(item.id)
                if response is not None:
                    rows.append((inst_id, item.id, response.answer, bool(response.comment)))
        return rows

    @staticmethod
    def _where(task: Task) -> str:
        return f"{task.source}:{task.line}: " if task.line is not None else f"{task.source}: "

    def _message(self, task: Task, exc: StalkscreenError) -> str:
        """One line naming the file (and line or row) of every problem."""
        if not exc.problems:
            return self._where(task) + exc.message
        parts: list[str] = []
        for problem in exc.problems:
            line = task.line if task.line is not None else problem.line
            where = task.source + (f":{line}" if line is not None else "")
            place = problem.place
            if task.kind == CSV_ROW and place:
                place = f"column {csv_column(place)}"
            message = problem.message
            if self.settings.key is not None:
                message = _QUOTED.sub("‹value›", message)
            text = f"{where}: {place}: {message}" if place else f"{where}: {message}"
            if problem.fix:
                text += f" — {problem.fix}"
            parts.append(text)
        return "; ".join(p.replace("\n", " ") for p in parts)


# --------------------------------------------------------------------------- pipeline


class Renderer(Protocol):
    """Turns one outcome into what its sink writes (a text line, rows, a report file).

    Renderers run where the screening is scored — in the worker processes with
    ``jobs`` > 1 — so the main process only writes finished pieces in order. They
    must be picklable and must not keep state between screenings. A renderer
    whose pieces are always ``bytes`` says so with a class attribute
    ``joins = True``: the pieces of a chunk then travel joined, as one block.
    """

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> Any: ...


@dataclass(frozen=True, slots=True)
class Scored:
    """What a renderer may need beyond the outcome: the validated answers and the result."""

    answers: AnswerSet
    screening: Screening
    profile: Profile
    library: Library


class Finished(NamedTuple):
    """Consecutive screenings, finished: their counts and, per sink, their pieces in order
    (for a renderer that ``joins``, one block of bytes; else a list, a piece each)."""

    summary: Summary
    pieces: tuple[Any, ...]


class Pipeline:
    """Scores a task and renders it for every sink, in one process.

    With ``fail_fast`` a chunk ends at its first failure, which it includes.
    """

    def __init__(
        self, scorer: Scorer, renderers: Sequence[Renderer], *, fail_fast: bool = False
    ) -> None:
        self.scorer = scorer
        self.renderers = tuple(renderers)
        self.joins = tuple(getattr(r, "joins", False) is True for r in self.renderers)
        self.fail_fast = fail_fast

    def process(self, index: int, task: Task) -> tuple[Outcome, tuple[Any, ...]]:
        """One screening: its outcome and one rendered piece per sink."""
        outcome, scored = self.scorer.score_task(task)
        try:
            pieces = tuple(r.render(index, outcome, scored) for r in self.renderers)
        except StalkscreenError as exc:
            outcome = self.scorer.failed_render(task, exc.message)
            pieces = tuple(r.render(index, outcome, None) for r in self.renderers)
        except Exception as exc:  # a bug on one input must not stop the batch
            outcome = self.scorer.failed_render(task, f"internal error ({type(exc).__name__})")
            pieces = tuple(r.render(index, outcome, None) for r in self.renderers)
        return outcome, pieces

    def process_all(self, numbered: Iterable[tuple[int, Task]]) -> Finished:
        """Process consecutive tasks: their summary, and each sink's pieces together."""
        summary = Summary()
        columns: tuple[list[Any], ...] = tuple([] for _ in self.renderers)
        for index, task in numbered:
            outcome, pieces = self.process(index, task)
            summary.add(outcome.status, outcome.record)
            for column, piece in zip(columns, pieces, strict=True):
                column.append(piece)
            if self.fail_fast and outcome.status != OK:
                summary.stopped_early = True
                break
        gathered = tuple(
            b"".join(column) if joins else column
            for joins, column in zip(self.joins, columns, strict=True)
        )
        return Finished(summary, gathered)


# Between processes, tasks and results travel as plain tuples: pickle writes a tuple
# in C, but calls back into Python for every named tuple (several times the cost).
_Sent = list[tuple[int, str, str, int | None, Any]]
_Returned = tuple[Summary, tuple[Any, ...]]


def _pipeline(
    settings: Settings,
    renderers: Sequence[Renderer],
    fail_fast: bool,
    library: Library | None = None,
) -> Pipeline:
    """A pipeline for a batch, loading the library unless it is given."""
    lib = library or load_library(settings.questionnaire_dirs, settings.wording)
    return Pipeline(Scorer(lib, settings), renderers, fail_fast=fail_fast)


def _run_chunk(pipeline: Pipeline, chunk: _Sent) -> _Returned:
    numbered = screenings((t[0], Task._make(t[1:])) for t in chunk)
    finished = pipeline.process_all(numbered)
    return finished.summary, finished.pieces


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
    was read. Forked workers inherit the pipeline built here (the library is
    loaded once, in this process); other start methods load it in each worker.
    Each chunk of about ``chunk_size`` screenings goes to the least busy worker;
    at most ``4 * jobs`` chunks are in flight or waiting to be handed on in
    order, so neither the input nor the results pile up in memory. Closing the
    iterator early stops the workers. With ``fail_fast`` the chunk holding the
    first failure ends there (its summary says it ``stopped_early``) and is the last.
    """
    numbered = _numbered(source)
    if jobs <= 1:
        pipeline = _pipeline(settings, renderers, fail_fast, library)
        each = screenings(numbered)
        while chunk := list(itertools.islice(each, 64)):
            part = pipeline.process_all(chunk)
            yield part
            if part.summary.stopped_early:
                return
        return
    yield from _in_workers(
        numbered, settings, tuple(renderers), jobs, library, chunk_size, fail_fast
    )


class WorkerLost(StalkscreenError):
    """A worker process ended, or failed, in the middle of a batch."""


@dataclass(frozen=True)
class _Job:
    """What a worker process is given: the pipeline itself when it is forked (nothing is
    copied or loaded again), else how to build one; and the main process's ends of the
    pipes a fork inherits (of every batch under way, see :data:`_LIVE`), which the worker
    closes, so that when the main process ends, however it ends, the worker reads end of
    file and stops."""

    settings: Settings
    renderers: tuple[Renderer, ...]
    fail_fast: bool
    pipeline: Pipeline | None = None
    inherited: tuple[Connection, ...] = ()

    def start(self) -> Pipeline:
        return self.pipeline or _pipeline(self.settings, self.renderers, self.fail_fast)


def _serve(inbound: Connection, outbound: Connection, job: _Job) -> None:
    """A worker: score each chunk it is sent and send the result back, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for other in job.inherited:
        other.close()
    keep_heap()
    try:
        pipeline = job.start()
        while data := inbound.recv_bytes():
            chunk = pickle.loads(data)  # noqa: S301 - from the parent process, over a private pipe
            result = _run_chunk(pipeline, chunk)
            outbound.send_bytes(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    except (EOFError, OSError):  # the main process is gone, or has stopped listening
        return
    except BaseException as exc:  # a bug: say which kind, never the values (they may be answers)
        with contextlib.suppress(OSError):
            outbound.send_bytes(pickle.dumps((None, type(exc).__name__)))


_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_heap() -> None:
    """Keep freed memory in this process's heap instead of handing it back to the system.

    A chunk's pickled tasks and results are a few hundred kilobytes each: by default
    the C library maps each such block afresh and unmaps it when freed, or trims the
    heap top, so every chunk faults in (and zeroes) hundreds of new pages: about a
    tenth of a worker's time. Blocks up to 32 MiB come from the heap and up to 64 MiB
    of free heap is kept instead. It changes the whole process, so it is done in our
    own worker processes and by the command line, never by the library on a caller's
    behalf; and only where the C library offers ``mallopt`` (glibc).
    """
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)
    mallopt(_M_TRIM_THRESHOLD, 64 << 20)


def _feed(link: Connection, queue: SimpleQueue[bytes | None], process: BaseProcess) -> None:
    """Send one worker its chunks, so the main process never waits on a full pipe."""
    while (data := queue.get()) is not None:
        try:
            link.send_bytes(data)
        except OSError:  # the worker is gone; the main process notices when it reads
            return
        except BaseException:  # e.g. out of memory: end the worker, so the main process notices
            process.kill()
            return


_Inbox = SimpleQueue[tuple[int, bytes | None]]


def _collect(link: Connection, worker: int, inbox: _Inbox) -> None:
    """Take in one worker's results as soon as they are sent, so the worker never waits
    for the main process to get round to it; ``None`` when the worker is gone."""
    try:
        while True:
            inbox.put((worker, link.recv_bytes()))
    except (EOFError, OSError):
        inbox.put((worker, None))


PIPE_BYTES = 1 << 20
"""How much a pipe to or from a worker holds, where the system allows (Linux allows
1 MiB unprivileged): a whole chunk or its result, so that neither side waits for the
other to be scheduled in the middle of one."""


def _pipe(context: Any) -> tuple[Connection, Connection]:
    """A one-way pipe: its reading end and its writing end, widened where possible."""
    reader, writer = context.Pipe(duplex=False)
    try:
        import fcntl

        fcntl.fcntl(writer.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the user's pipe quota
        pass
    return reader, writer


_FORKING = threading.Lock()
"""Held while a batch makes a worker's pipes, starts the worker and closes the worker's
ends: another batch (from another thread) never forks in between, so no worker of its
holds a pipe end that must close when one of this batch's processes ends."""

_LIVE: set[Connection] = set()
"""The main process's pipe ends of every batch under way (changed under :data:`_FORKING`)."""


class _Workers:
    """Worker processes, each with a pipe each way, a feeding thread and a collecting
    thread; every result comes into one inbox, tagged with the worker that sent it.

    A worker scores its chunks in the order it was sent them, so the oldest chunk
    outstanding with a worker is the one its next result is for. A worker that dies
    or fails is noticed in the inbox (end of file, or its report) rather than waited
    for. The collecting threads read results as they arrive: a worker whose result
    waited for the main process to read it would sit idle meanwhile.
    """

    def __init__(self, jobs: int, job: _Job) -> None:
        context = multiprocessing.get_context()
        forking = context.get_start_method() == "fork"
        self.processes: list[BaseProcess] = []
        self.links: list[Connection] = []  # the main process's ends: to and from each worker
        self.queues: list[SimpleQueue[bytes | None]] = []
        self.threads: list[threading.Thread] = []  # feeding and collecting
        self.inbox: _Inbox = SimpleQueue()
        self.outstanding: list[deque[int]] = [deque() for _ in range(jobs)]
        main = threading.current_thread() is threading.main_thread()
        # a Ctrl-C while a worker starts is the main process's alone, as after
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            for _ in range(jobs):  # every process first: this batch's threads start after
                with _FORKING:
                    inbound, to_worker = _pipe(context)
                    from_worker, outbound = _pipe(context)
                    self.links += (to_worker, from_worker)
                    _LIVE.update((to_worker, from_worker))
                    mine = replace(job, inherited=tuple(_LIVE)) if forking else job
                    try:
                        process = context.Process(
                            target=_serve, args=(inbound, outbound, mine), daemon=True
                        )
                        process.start()
                    finally:
                        inbound.close()
                        outbound.close()
                self.processes.append(process)
            for n, started in enumerate(self.processes):
                to_worker, from_worker = self.links[2 * n : 2 * n + 2]
                queue: SimpleQueue[bytes | None] = SimpleQueue()
                feeder = threading.Thread(
                    target=_feed, args=(to_worker, queue, started), daemon=True
                )
                collector = threading.Thread(
                    target=_collect, args=(from_worker, n, self.inbox), daemon=True
                )
                feeder.start()
                collector.start()
                self.queues.append(queue)
                self.threads += (feeder, collector)
        except BaseException:
            self.close(finished=False)
            raise
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def least_busy(self) -> tuple[int, int]:
        """The worker with the fewest chunks outstanding (the first such), and how many."""
        counts = [len(sent) for sent in self.outstanding]
        fewest = min(counts)
        return counts.index(fewest), fewest

    def send(self, worker: int, number: int, chunk: _Sent) -> None:
        """Queue chunk ``number`` for ``worker``."""
        self.outstanding[worker].append(number)
        self.queues[worker].put(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))

    def receive(self) -> tuple[int, Finished]:
        """The next result to arrive, from any worker: its chunk's number and the result."""
        worker, data = self.inbox.get()
        if data is None:
            process = self.processes[worker]
            process.join(5)  # its pipe closes a moment before it can be waited for
            raise WorkerLost(
                f"a batch worker process ended unexpectedly (exit code {process.exitcode}); "
                "nothing was written — run again, with fewer --jobs if the machine is short "
                "of memory"
            )
        result = pickle.loads(data)  # noqa: S301 - from our own worker
        if result[0] is None:
            raise WorkerLost(
                f"internal error ({result[1]}) in a batch worker; nothing was written — it is "
                "a bug in stalkscreen, please report it (without the input)"
            )
        return self.outstanding[worker].popleft(), Finished._make(result)

    def close(self, *, finished: bool) -> None:
        """Stop the workers: let them finish when every result is in, else end them now."""
        for queue in self.queues:
            if finished:
                queue.put(b"")  # the worker's signal to stop
            queue.put(None)  # the feeder's
        for process in self.processes:
            if finished:
                process.join(5)
            if process.is_alive():
                process.terminate()
            process.join()
        for thread in self.threads:
            thread.join(5)
        with _FORKING:
            _LIVE.difference_update(self.links)
        for link in self.links:
            link.close()


QUEUED_PER_WORKER = 2
"""Chunks outstanding with one worker at most: the one it scores, and the next, waiting."""


def _in_workers(
    numbered: Iterator[tuple[int, Task]],
    settings: Settings,
    renderers: tuple[Renderer, ...],
    jobs: int,
    library: Library | None,
    chunk_size: int,
    fail_fast: bool,
) -> Iterator[Finished]:
    """Each chunk goes to whichever worker has the least outstanding, so a worker slowed
    down (by the main process sharing its CPU, or by a heavy chunk) holds nobody up; the
    results are handed on in input order, and at most ``4 * jobs`` chunks are between
    being sent and being handed on, held by the workers or waiting for an earlier one."""
    job = _Job(settings, renderers, fail_fast)
    frozen = False
    if multiprocessing.get_start_method() == "fork":
        job = replace(job, pipeline=_pipeline(settings, renderers, fail_fast, library))
        # what exists now is shared with the workers; kept out of the collector, the
        # workers' collections do not touch (and so copy) every page they inherit
        frozen = not gc.get_freeze_count()
        if frozen:
            gc.freeze()
    window = 4 * jobs
    finished = False
    workers: _Workers | None = None
    try:
        workers = _Workers(jobs, job)
        arrived: dict[int, Finished] = {}
        sent = handed = 0
        more = True
        while True:
            while more and sent - handed < window:
                worker, queued = workers.least_busy()
                if queued >= QUEUED_PER_WORKER:
                    break
                chunk = _chunk(numbered, chunk_size)
                if not chunk:
                    more = False
                    break
                workers.send(worker, sent, chunk)
                sent += 1
            if handed in arrived:
                part = arrived.pop(handed)
                yield part
                handed += 1
                if part.summary.stopped_early:  # nothing after it is wanted: end the workers
                    return
            elif handed < sent:
                number, result = workers.receive()
                arrived[number] = result
            else:
                break
        finished = True
    finally:
        if workers is not None:
            workers.close(finished=finished)
        if frozen:
            gc.unfreeze()


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


def check_key(raw: bytes, label: str) -> bytes:
    """A pseudonymisation key from a key file: at least 16 bytes once trimmed."""
    key = raw.strip()
    if len(key) < 16:
        raise InvalidInputError(
            "key too short",
            [
                Problem(
                    label,
                    "",
                    "the key file holds fewer than 16 bytes",
                    "put a long random secret in it (e.g. `openssl rand -hex 32 > key`)",
                )
            ],
        )
    return key
