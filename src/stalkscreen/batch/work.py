"""Scoring tasks: one :class:`Outcome` per screening, in input order.

A :class:`Scorer` holds the library (loaded once per process) and turns a
task into an outcome. Every failure of one input — unreadable, invalid, or
even a bug while scoring it — becomes an outcome with a status and a located
message, never an exception, so one bad file cannot stop an audit.

With more than one job, tasks go to a process pool in chunks; at most a
bounded number of chunks is in flight, and results are handed back strictly
in submission order, so memory stays flat however many inputs there are.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stalkscreen.answers import AnswerSet, answers_from_data
from stalkscreen.batch.inputs import CSV_ROW, FAILED, JSON_LINE, Task, csv_column, row_to_data
from stalkscreen.definitions.library import Library, load_library
from stalkscreen.definitions.models import Profile
from stalkscreen.errors import InvalidInputError, Problem, StalkscreenError
from stalkscreen.scoring import score
from stalkscreen.scoring.facts import ordered
from stalkscreen.source import Document, decode, parse_text, read_bytes, require_mapping

OK = "ok"
INVALID = "invalid"
ERROR = "error"

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
        if task.kind == FAILED:
            return Outcome(task.source, task.line, INVALID, self._where(task) + str(task.payload))
        self._data = None
        try:
            answers = self._answers(task)
            screening = score(answers, self.library, self.profile(answers))
        except StalkscreenError as exc:
            return Outcome(
                task.source,
                task.line,
                INVALID,
                self._message(task, exc),
                reference=self._raw_reference(),
            )
        except Exception as exc:  # a bug on one input must not stop the batch
            return Outcome(
                task.source,
                task.line,
                ERROR,
                self._where(task) + f"internal error ({type(exc).__name__}) while scoring this "
                "input; it is a bug in stalkscreen, please report it (without the input)",
                reference=self._raw_reference(),
            )
        record = screening.contract()
        if self.settings.key is not None:
            record["reference"] = pseudonym(answers.case.reference, self.settings.key)
        items = self._items(answers) if self.settings.items else None
        return Outcome(task.source, task.line, OK, None, record, items)

    def _answers(self, task: Task) -> AnswerSet:
        if task.kind == JSON_LINE:
            doc = parse_text(task.payload, task.source, fmt=".json")
        elif task.kind == CSV_ROW:
            data = row_to_data(task.payload)
            doc = Document(path=task.source, text="", data=data)
        else:
            path = Path(task.source)
            doc = parse_text(decode(read_bytes(path), task.source), task.source)
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


# --------------------------------------------------------------------------- parallel

_WORKER: Scorer | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER  # one scorer per worker process, by design
    _WORKER = Scorer(load_library(settings.questionnaire_dirs, settings.wording), settings)


def _run_chunk(chunk: list[Task]) -> list[Outcome]:
    assert _WORKER is not None
    return [_WORKER.run(task) for task in chunk]


def outcomes(
    source: Iterable[Task],
    settings: Settings,
    *,
    jobs: int = 1,
    library: Library | None = None,
    chunk_size: int = 64,
) -> Iterator[Outcome]:
    """Score every task, yielding outcomes in input order.

    ``jobs`` > 1 uses worker processes; each loads the library once. At most
    ``3 * jobs`` chunks are in flight, so neither the input nor the results
    pile up in memory. Closing the iterator early stops the workers.
    """
    if jobs <= 1:
        scorer = Scorer(
            library or load_library(settings.questionnaire_dirs, settings.wording), settings
        )
        for task in source:
            yield scorer.run(task)
        return
    limit = 3 * jobs
    tasks = iter(source)
    with multiprocessing.get_context().Pool(
        jobs, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        pending: deque[Any] = deque()
        while True:
            chunk = list(itertools.islice(tasks, chunk_size))
            if chunk:
                pending.append(pool.apply_async(_run_chunk, (chunk,)))
            while pending and (len(pending) >= limit or not chunk):
                yield from pending.popleft().get()
            if not chunk:
                break


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
