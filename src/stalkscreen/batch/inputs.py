"""Finding batch inputs and streaming them as tasks: a screening each, or a block of lines.

Inputs are answer files (YAML, JSON), folders of them, glob patterns, JSON
Lines files (one screening per line) and CSV files (one screening per row,
the contract's columns: :mod:`stalkscreen.batch.csv_input`). Nothing here parses a
screening: a task carries a path, a block of lines or a CSV row, and the worker does the
rest, so reading stays cheap in the main process and files are only opened once.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from stalkscreen.batch.csv_input import csv_rows
from stalkscreen.batch.task import FAILED, FILE, JSON_LINE, JSON_LINES, Task
from stalkscreen.catalogue import Batch, Commands, Reading
from stalkscreen.errors import Problem
from stalkscreen.source import MAX_FILE_BYTES, file_suffix

ANSWER_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
RECORD_SUFFIXES = frozenset({".jsonl", ".csv"})
INPUT_SUFFIXES = ANSWER_SUFFIXES | RECORD_SUFFIXES

_GLOB_CHARS = frozenset("*?[")


def missing(inputs: Sequence[str]) -> list[str]:
    """Inputs named that do not exist (a pattern is missing when nothing matches it)."""
    out = []
    for text in inputs:
        if _GLOB_CHARS & set(text):
            if not glob.glob(text, recursive=True):  # noqa: PTH207 - patterns are strings
                out.append(text)
        elif not os.path.lexists(text):
            out.append(text)
    return out


def expand(
    inputs: Sequence[str], *, recursive: bool = False, exclude: Iterable[Path] = ()
) -> Iterator[Task]:
    """Every input file in a stable order; missing inputs become failed tasks."""
    skip = _Excluded(exclude)
    for text in inputs:
        path = Path(text)
        if path.is_dir():
            yield from _walk(str(path), recursive, skip)
        elif path.exists():
            yield _file_task(path)
        elif _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=recursive))  # noqa: PTH207 - patterns are strings
            if not matches:
                yield Task(FAILED, text, None, Problem.of(Batch.NO_GLOB_MATCH, text))
            for match in matches:
                found = Path(match)
                if found.is_file() and not skip.holds(found):
                    yield _file_task(found)
        else:
            yield Task(FAILED, text, None, Problem.of(Commands.NO_SUCH_INPUT, text))


class _Excluded:
    """The run's own output files, recognised in a folder listing without resolving each entry."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = {p.resolve() for p in paths}
        self.names = {p.name for p in self.paths}

    def holds(self, path: Path) -> bool:
        return bool(self.paths) and path.resolve() in self.paths

    def in_folder(self, path: str, name: str, link: bool) -> bool:
        """Whether ``path`` (named ``name``, a symbolic link or not) is excluded.

        Only a name an output shares is resolved, and every link, since a link
        may point at an output under another name.
        """
        if not self.paths or not (link or name in self.names):
            return False
        return Path(path).resolve() in self.paths


def _walk(folder: str, recursive: bool, skip: _Excluded) -> Iterator[Task]:
    """Input files in a folder, sorted by name, then (recursively) its subfolders in turn.

    Hidden files and folders and the run's outputs are skipped; links to folders are
    not followed. A path is written as ``str(Path(folder) / name)`` would write it, but
    as a plain string, from what the folder listing already says of each entry: with
    ten thousand files, a :class:`Path` or a ``stat`` call each costs more than the
    reading. A link to nothing is listed, so that it is reported rather than missed.
    """
    found: list[tuple[str, str, bool]] = []
    folders: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            link = entry.is_symlink()
            if entry.is_dir():
                if recursive and not link:
                    folders.append(name)
                continue
            suffix = file_suffix(name)
            if suffix in INPUT_SUFFIXES and (entry.is_file() or link):
                found.append((name, suffix, link))
    prefix = "" if folder == "." else folder if folder.endswith(os.sep) else folder + os.sep
    for name, suffix, link in sorted(found):
        path = prefix + name
        if not skip.in_folder(path, name, link):
            yield Task(FILE, path, None, suffix)
    for name in sorted(folders):
        yield from _walk(prefix + name, recursive, skip)


def _file_task(path: Path | str) -> Task:
    name = str(path)
    suffix = file_suffix(name)
    if suffix in INPUT_SUFFIXES:
        return Task(FILE, name, None, suffix)
    return Task(FAILED, name, None, Problem.of(Batch.NOT_A_BATCH_INPUT, name))


def tasks(files: Iterable[Task], *, encoding: str = "utf-8") -> Iterator[Task]:
    """Open record files: a JSON Lines file into blocks of lines, a CSV file into rows
    (read in ``encoding``; JSON Lines and answer files are always UTF-8)."""
    for task in files:
        if task.kind == FILE and task.payload == ".jsonl":
            yield from json_lines(task.source)
        elif task.kind == FILE and task.payload == ".csv":
            yield from csv_rows(task.source, encoding)
        else:
            yield task


LINES_PER_READ = 128 * 1024
"""How many bytes of a JSON Lines file are read at a time (a block holds its whole lines)."""

_BOM = b"\xef\xbb\xbf"


def json_lines(source: str) -> Iterator[Task]:
    """A JSON Lines file as blocks of consecutive lines (see :func:`screenings`).

    The main process only splits the file into lines and counts the screenings
    in each block; the worker that scores a block decodes its lines. A blank
    line (nothing but ASCII white space) holds no screening and travels as
    ``b""``; a block of blank lines only is not sent at all. A line over the
    5 MiB limit is never held whole: it travels as ``None`` and fails alone.
    """
    try:
        handle = Path(source).open("rb")  # noqa: SIM115 - closed below, generator lifetime
    except OSError as exc:
        why = Problem.of(Reading.UNREADABLE, source, reason=exc.strerror or exc)
        yield Task(FAILED, source, None, why)
        return
    with handle:
        first = 1
        for lines in _lines(handle):
            block = [raw if raw is None or raw.strip() else b"" for raw in lines]
            count = len(block) - block.count(b"")
            if count:
                yield Task(JSON_LINES, source, first, (count, block))
            first += len(block)


def _lines(handle: BinaryIO) -> Iterator[list[bytes | None]]:
    """The lines of a file (without their line ends), a read at a time.

    A line longer than the limit becomes ``None``; what is read of it beyond the
    limit is dropped as it comes, so memory stays bounded whatever the file holds.
    """
    rest = b""
    skipping = False  # inside a line over the limit, up to its end
    data = handle.read(max(LINES_PER_READ, len(_BOM)))
    if data.startswith(_BOM):
        data = data[len(_BOM) :] or handle.read(LINES_PER_READ)
    while data:
        if skipping:
            end = data.find(b"\n")
            if end < 0:
                data = handle.read(LINES_PER_READ)
                continue
            yield [None]
            data = data[end + 1 :]
            skipping = False
        if rest:
            data = rest + data
        end = data.rfind(b"\n")
        if end < 0:
            rest = data
        else:
            lines: list[bytes | None] = list(data[:end].split(b"\n"))
            if end > MAX_FILE_BYTES:  # one of them may be over the limit
                lines = [None if len(raw) > MAX_FILE_BYTES else raw for raw in lines]  # type: ignore[arg-type]
            yield lines
            rest = data[end + 1 :]
        if len(rest) > MAX_FILE_BYTES:
            rest = b""
            skipping = True
        data = handle.read(LINES_PER_READ)
    if skipping:
        yield [None]
    elif rest:
        yield [rest]


def screens(task: Task) -> int:
    """How many screenings a task holds: a block of lines its count, any other task one."""
    return task.payload[0] if task.kind == JSON_LINES else 1


def bulk(task: Task) -> int:
    """A task's share of a chunk for a worker: its screenings, or a sixteenth of its lines
    if more, so a chunk of blocks holding few screenings among many blank lines stays small."""
    if task.kind != JSON_LINES:
        return 1
    count, block = task.payload
    return max(count, len(block) >> 4)  # type: ignore[no-any-return]


def screenings(numbered: Iterable[tuple[int, Task]]) -> Iterator[tuple[int, Task]]:
    """One task per screening, numbered on: each block of lines becomes a task per line.

    A line that is too long or not UTF-8 becomes a failed task of its own; a
    blank line none, as :func:`json_lines` counted.
    """
    for index, task in numbered:
        if task.kind != JSON_LINES:
            yield index, task
            continue
        source = task.source
        number = task.line or 1
        for raw in task.payload[1]:
            if raw is None:
                why = Problem.of(Batch.LINE_TOO_LONG, source, "", number)
                yield index, Task(FAILED, source, number, why)
                index += 1
            elif raw.strip():
                try:
                    line = Task(JSON_LINE, source, number, raw.decode("utf-8"))
                except UnicodeDecodeError:
                    why = Problem.of(Batch.LINE_NOT_UTF8, source, "", number)
                    line = Task(FAILED, source, number, why)
                yield index, line
                index += 1
            number += 1
