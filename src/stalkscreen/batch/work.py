"""Scoring tasks: one :class:`Outcome` per screening, in input order.

A :class:`Scorer` holds the library (loaded once per process) and turns a
task into an outcome; a :class:`Pipeline` then has each sink's renderer turn
the outcome into finished output (a CSV row, a JSON line, a referral summary).
Every failure of one input — unreadable, invalid, or even a bug while scoring
it — becomes an outcome with a status and a located message, never an
exception, so one bad file cannot stop an audit.

With more than one job, :mod:`stalkscreen.batch.pool` runs the same pipeline
in worker processes, chunk by chunk, and the workers render and count too, so
only finished output (a block of text per sink where it is text) and the
chunk's summary come back.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from stalkscreen.answers import AnswerSet
from stalkscreen.batch.csv_input import csv_column, row_to_data
from stalkscreen.batch.summary import ERROR, INVALID, OK, Summary
from stalkscreen.batch.task import CSV_ROW, FAILED, FILE, JSON_LINE, Task
from stalkscreen.catalogue import Batch, Internal
from stalkscreen.definitions.library import Library, chosen_profile_name, load_library
from stalkscreen.definitions.profiles import Profile
from stalkscreen.errors import InvalidInputError, StalkscreenError
from stalkscreen.i18n import SOURCE_LANGUAGE, using
from stalkscreen.reading import AN_ANSWER_FILE, answers_from_data
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
    codes: tuple[str, ...] = ()
    """For a failed input, the catalogue codes of its problems (``SS-E090``…), each once."""

    @property
    def ok(self) -> bool:
        return self.status == OK


@dataclass(frozen=True)
class Settings:
    """What a worker needs to score; picklable, so each worker builds its own library."""

    questionnaire_dirs: tuple[Path, ...] = ()
    wording: tuple[Path, ...] = ()
    profile: str | None = None
    configured_profile: str | None = None
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
        settings = self.settings
        name = chosen_profile_name(settings.profile, answers.profile, settings.configured_profile)
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
            failed = StalkscreenError(task.payload)
            why = self._message(task, failed)
            return Outcome(task.source, task.line, INVALID, why, codes=tuple(failed.codes)), None
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
                codes=tuple(exc.codes),
            )
            return outcome, None
        except Exception as exc:  # a bug on one input must not stop the batch
            bug = StalkscreenError.of(Internal.INTERNAL_ERROR_IN_INPUT, kind=type(exc).__name__)
            outcome = Outcome(
                task.source,
                task.line,
                ERROR,
                self._message(task, bug),
                reference=self._raw_reference(),
                codes=tuple(bug.codes),
            )
            return outcome, None
        record = screening.contract()
        if self.settings.key is not None:
            record["reference"] = pseudonym(answers.case.reference, self.settings.key)
        items = self._items(answers) if self.settings.items else None
        outcome = Outcome(task.source, task.line, OK, None, record, items)
        return outcome, Scored(answers, screening, profile, self.library)

    def failed_render(self, task: Task, why: StalkscreenError) -> Outcome:
        """The outcome of a screening that scored but whose referral summary failed."""
        with using(SOURCE_LANGUAGE):  # the record's text is English (see _message)
            failed = StalkscreenError.of(Batch.SUMMARY_FAILED, detail=why.message)
        return Outcome(
            task.source,
            task.line,
            ERROR,
            self._message(task, failed),
            reference=self._raw_reference(),
            codes=(*failed.codes, *why.codes),
        )

    def _answers(self, task: Task) -> AnswerSet:
        if task.kind == JSON_LINE:
            doc = parse_text(task.payload, task.source, fmt=".json")
        elif task.kind == CSV_ROW:
            data = row_to_data(task.payload)
            doc = Document(path=task.source, text="", data=data)
        elif task.kind == FILE:  # (a block of lines is made into lines first)
            doc = parse_text(decode(read_bytes(task.source), task.source), task.source)
            require_mapping(doc, AN_ANSWER_FILE)
        else:
            raise ValueError(f"{task.source}: a task of kind {task.kind!r} is not scored here")
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
        """One line naming the file (and line or row) of every problem, with its code.

        In English whatever the run's language: a record is data, merged across runs and
        read by analysts' tools, so the same problem reads the same in every batch; the
        ``error_code`` beside it is the key (README "Languages")."""
        with using(SOURCE_LANGUAGE):
            return self._english_message(task, exc)

    def _english_message(self, task: Task, exc: StalkscreenError) -> str:
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
            parts.append(f"{text} [{problem.code.code}]")
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
            outcome = self.scorer.failed_render(task, exc)
            pieces = tuple(r.render(index, outcome, None) for r in self.renderers)
        except Exception as exc:  # a bug on one input must not stop the batch
            bug = StalkscreenError.of(Internal.INTERNAL_ERROR, kind=type(exc).__name__)
            outcome = self.scorer.failed_render(task, bug)
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


def build_pipeline(
    settings: Settings,
    renderers: Sequence[Renderer],
    fail_fast: bool,
    library: Library | None = None,
) -> Pipeline:
    """A pipeline for a batch, loading the library unless it is given."""
    lib = library or load_library(settings.questionnaire_dirs, settings.wording)
    return Pipeline(Scorer(lib, settings), renderers, fail_fast=fail_fast)


def check_key(raw: bytes, label: str) -> bytes:
    """A pseudonymisation key from a key file: at least 16 bytes once trimmed."""
    key = raw.strip()
    if len(key) < 16:
        raise InvalidInputError.of(Batch.KEY_TOO_SHORT, label)
    return key
