"""Finding batch inputs and streaming them as tasks: a screening each, or a block of lines.

Inputs are answer files (YAML, JSON), folders of them, glob patterns, JSON
Lines files (one screening per line) and CSV files (one screening per row,
the contract's columns). Nothing here parses a screening: a task carries a
path, a block of lines or a CSV row, and the worker does the rest, so reading
stays cheap in the main process and files are only opened once.
"""

from __future__ import annotations

import codecs
import csv
import glob
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from stalkscreen.definitions.library import CASE_KEYS
from stalkscreen.errors import nearest
from stalkscreen.source import MAX_FILE_BYTES, file_suffix
from stalkscreen.version import ANSWERS_FORMAT

ANSWER_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
RECORD_SUFFIXES = frozenset({".jsonl", ".csv"})
INPUT_SUFFIXES = ANSWER_SUFFIXES | RECORD_SUFFIXES

_GLOB_CHARS = frozenset("*?[")

FILE = "file"
JSON_LINE = "json"
JSON_LINES = "lines"
CSV_ROW = "csv"
FAILED = "fail"


class Task(NamedTuple):
    """A screening to score (where it is and, for record files, its text or row), or a
    block of JSON lines (``JSON_LINES``; :func:`screenings` makes a task of each line)."""

    kind: str
    source: str
    line: int | None
    payload: Any = None


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
                yield Task(FAILED, text, None, "no file matches this pattern")
            for match in matches:
                found = Path(match)
                if found.is_file() and not skip.holds(found):
                    yield _file_task(found)
        else:
            yield Task(FAILED, text, None, "no such file or folder")


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
    return Task(
        FAILED,
        name,
        None,
        "not a batch input (use .yaml, .yml, .json, .jsonl or .csv files)",
    )


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
        yield Task(FAILED, source, None, f"the file cannot be read ({exc.strerror or exc})")
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
                yield index, Task(FAILED, source, number, "the line is longer than the 5 MiB limit")
                index += 1
            elif raw.strip():
                try:
                    line = Task(JSON_LINE, source, number, raw.decode("utf-8"))
                except UnicodeDecodeError:
                    line = Task(FAILED, source, number, "the line is not valid UTF-8")
                yield index, line
                index += 1
            number += 1


# --------------------------------------------------------------------------- CSV

PJ_COLUMNS = {"pj.level": "level", "pj.rationale": "rationale"}
TOP_COLUMNS = frozenset({"profile", "status", "format", "purpose"})
SRP_PREFIX = "srp"
"""Probation SRP domains: ``srp.<domain>`` (the level) and ``srp.<domain>.rationale``."""
ITEM_FIELDS = frozenset({"comment", "source"})


def check_header(header: Sequence[str]) -> str | None:
    """Why a CSV header cannot be read, or ``None`` when it can."""
    if "reference" not in header:
        return "the header has no `reference` column"
    seen: set[str] = set()
    for name in header:
        if name in seen:
            return f"the column {name!r} appears twice"
        seen.add(name)
        if name in CASE_KEYS or name in TOP_COLUMNS or name in PJ_COLUMNS:
            continue
        parts = name.split(".")
        if parts[0] == "context" and len(parts) == 2 and parts[1]:
            continue
        if parts[0] == SRP_PREFIX and parts[1:2] != [""] and parts[2:] in ([], ["rationale"]):
            continue
        if len(parts) == 2 and all(parts):
            continue
        if len(parts) == 3 and all(parts) and parts[2] in ITEM_FIELDS:
            continue
        known = [*CASE_KEYS, *TOP_COLUMNS, *PJ_COLUMNS]
        guess = nearest(name, known)
        hint = (
            f"; did you mean {guess!r}?"
            if guess
            else "; item columns are named instrument.item (e.g. dash.q1)"
        )
        return f"unknown column {name[:40]!r}{hint}"
    return None


NOT_UTF8 = (
    "is not valid UTF-8 (Excel's 'CSV' saves in its Windows encoding): save the file as "
    "'CSV UTF-8', or run with --encoding cp1252"
)


def csv_rows(source: str, encoding: str = "utf-8") -> Iterator[Task]:
    """One task per data row, numbered by the line it starts on (the header is line 1).

    In UTF-8, bytes that are not UTF-8 are kept aside (``surrogateescape``) and only
    the rows holding them fail, each with the fix: a spreadsheet saved in Windows'
    encoding loses no valid row. Every cell stays text: a reference that looks like
    a number keeps its leading zeros.
    """
    utf8 = codecs.lookup(encoding).name == "utf-8"
    try:
        handle = Path(source).open(  # noqa: SIM115 - closed below, generator lifetime
            encoding="utf-8-sig" if utf8 else encoding,
            errors="surrogateescape" if utf8 else "strict",
            newline="",
        )
    except OSError as exc:
        yield Task(FAILED, source, None, f"the file cannot be read ({exc.strerror or exc})")
        return
    with handle:
        reader = csv.reader(handle)
        start = 1
        try:
            header = next(reader, None)
            if header is None:
                yield Task(FAILED, source, None, "the CSV file is empty")
                return
            if utf8 and not _is_text(header):
                yield Task(FAILED, source, 1, f"the header {NOT_UTF8}")
                return
            header = [h.strip() for h in header]
            problem = check_header(header)
            if problem:
                yield Task(FAILED, source, 1, problem)
                return
            start = reader.line_num + 1
            for row in reader:
                line, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) > len(header):
                    yield Task(FAILED, source, line, "the row has more cells than the header")
                    continue
                if utf8 and not _is_text(row):
                    column = next(h for h, c in zip(header, row, strict=False) if not _is_text([c]))
                    yield Task(FAILED, source, line, f"column {column}: the cell {NOT_UTF8}")
                    continue
                yield Task(CSV_ROW, source, line, dict(zip(header, row, strict=False)))
        except UnicodeDecodeError:
            yield Task(
                FAILED,
                source,
                start,
                f"not valid {encoding} from here; the rest of the file is skipped",
            )
        except csv.Error as exc:
            yield Task(FAILED, source, start, f"not valid CSV ({exc}); the rest is skipped")


def _is_text(cells: Sequence[str]) -> bool:
    """Whether the cells were valid UTF-8 (no byte kept aside as a lone surrogate)."""
    try:
        "".join(cells).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


DATE_COLUMNS = frozenset({"assessed_on", "last_marac_on"})
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _iso_date(value: str) -> str:
    """A UK spreadsheet date (20/11/2026, as Excel saves it) as ISO 2026-11-20; else as given."""
    match = _UK_DATE.fullmatch(value)
    if match is None:
        return value
    day, month, year = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def row_to_data(row: dict[str, str]) -> dict[str, Any]:
    """The answer-file data of one CSV row (empty cell = not asked)."""
    case: dict[str, Any] = {}
    data: dict[str, Any] = {"format": ANSWERS_FORMAT, "case": case}
    responses: dict[str, dict[str, Any]] = {}
    context: dict[str, str] = {}
    judgement: dict[str, str] = {}
    domains: dict[str, dict[str, str]] = {}
    extras: list[tuple[str, str, str, str]] = []
    for column, cell in row.items():
        value = cell.strip()
        if not value:
            continue
        if column in CASE_KEYS:
            case[column] = _iso_date(value) if column in DATE_COLUMNS else value
        elif column in TOP_COLUMNS:
            data[column] = value
        elif column in PJ_COLUMNS:
            judgement[PJ_COLUMNS[column]] = cell
        else:
            parts = column.split(".")
            if parts[0] == "context":
                context[parts[1]] = value
            elif parts[0] == SRP_PREFIX:
                domains.setdefault(parts[1], {})["level" if len(parts) == 2 else "rationale"] = cell
            elif len(parts) == 2:
                responses.setdefault(parts[0], {})[parts[1]] = {"answer": value}
            else:
                extras.append((parts[0], parts[1], parts[2], cell))
    for instrument, item, field, text in extras:
        responses.setdefault(instrument, {}).setdefault(item, {})[field] = text
    if responses:
        data["responses"] = responses
    if context:
        data["context"] = context
    if judgement:
        data["professional_judgement"] = judgement
    if domains:
        data["srp_domains"] = domains
    return data


def csv_column(place: str) -> str:
    """The CSV column a validation problem's place points at."""
    parts = place.split(".")
    if parts[0] == "responses" and len(parts) >= 3:
        field = parts[3] if len(parts) > 3 and parts[3] in ITEM_FIELDS else None
        return ".".join([parts[1], parts[2], *([field] if field else [])])
    if parts[0] == "case" and len(parts) >= 2:
        return parts[1]
    if parts[0] == "srp_domains" and len(parts) >= 2:
        return f"{SRP_PREFIX}.{parts[1]}" + (".rationale" if parts[2:3] == ["rationale"] else "")
    if parts[0] == "professional_judgement":
        return f"pj.{parts[1]}" if len(parts) >= 2 else "pj.level/pj.rationale"
    return place
