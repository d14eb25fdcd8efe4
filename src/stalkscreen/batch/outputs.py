"""Where batch results go: CSV, JSON Lines, SQLite, the per-item table, errors.

What a record holds (its columns and their types) is :mod:`stalkscreen.batch.columns`;
this module only writes it: the sink every output shares and the text outputs. The files
they go to are :mod:`stalkscreen.batch.targets`; SQLite is :mod:`stalkscreen.batch.sqlite_sink`.

Every sink is opened lazily, on the first result, and published atomically
(mode 0600) when the batch finishes; an interrupted or failed run leaves no
half-written file. stdout is used as a plain stream when no path is given.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

import orjson

from stalkscreen.batch.commit import creating_output
from stalkscreen.batch.records import columns, facts, flat, jsonl_extras
from stalkscreen.batch.targets import Opener, Target
from stalkscreen.batch.work import Outcome, Renderer, Scored
from stalkscreen.errors import shown

LONG_COLUMNS = ("screening", "reference", "instrument", "item", "answer", "has_comment")
_RISKY_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if text.startswith(_RISKY_START):
        return "'" + text
    return text


class Sink:
    """Writes rendered pieces in input order, then is finished or aborted.

    :meth:`renderer` gives the picklable object that turns one outcome into this
    sink's piece; it runs beside the scorer (in a worker with ``jobs`` > 1), so
    :meth:`write` in the main process has nothing left to do but write.
    """

    def renderer(self) -> Renderer:
        raise NotImplementedError

    def write(self, piece: Any) -> None:
        raise NotImplementedError

    def write_all(self, pieces: Any) -> None:
        """Write the pieces of consecutive screenings, in order (as its renderer gathers
        them: a list, or one block of bytes for a renderer that ``joins``)."""
        if isinstance(pieces, bytes):
            self.write(pieces)
            return
        for piece in pieces:
            self.write(piece)

    def add(self, index: int, outcome: Outcome) -> None:
        """Render and write one outcome in this process (for callers without a pipeline)."""
        self.write(self.renderer().render(index, outcome, None))

    def finish(self) -> None:
        """Publish what was written."""

    def abort(self) -> None:
        """Drop what was written."""


class _TextSink(Sink):
    """A sink writing encoded text through a lazily opened target, in buffered blocks.

    Pieces are text or UTF-8 bytes. Text that cannot be UTF-8 (a file name with
    undecodable bytes) is written with backslash escapes rather than failing the run.
    """

    def __init__(self, opener: Opener, *, bom: bool = False, always: bool = False) -> None:
        self.opener = opener
        self.bom = bom
        self.always = always
        self.target: Target | None = None
        self.parts: list[bytes] = []
        self.size = 0

    def header(self) -> str:
        return ""

    def write(self, piece: Any) -> None:
        if self.target is None:
            with creating_output():
                self.target = self.opener()
            if self.bom:
                self.target.write(b"\xef\xbb\xbf")
            self.parts.append(_utf8(self.header()))
        if piece:
            if type(piece) is str:
                piece = _utf8(piece)
            self.parts.append(piece)
            self.size += len(piece)
            if self.size > 1 << 16:
                self.flush()

    def flush(self) -> None:
        if self.target is not None and self.parts:
            self.target.write(b"".join(self.parts))
            self.parts = []
            self.size = 0

    def finish(self) -> None:
        if self.target is None and self.always:
            self.write("")
        self.flush()
        if self.target is not None:
            self.target.commit()

    def abort(self) -> None:
        if self.target is not None:
            self.target.discard()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "backslashreplace")


def _csv_line(cells: Sequence[Any]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([neutralise(c) for c in cells])
    return out.getvalue()


class CsvRows:
    """Renders one screening as a formula-safe CSV row (CRLF, as Excel expects)."""

    joins = True

    def __init__(
        self, instruments: Sequence[str], *, pseudonymised: bool = False, compare: str | None = None
    ) -> None:
        self.instruments = tuple(instruments)
        self.pseudonymised = pseudonymised
        self.compare = compare

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> bytes:
        row = flat(
            index,
            outcome,
            self.instruments,
            scored,
            pseudonymised=self.pseudonymised,
            compare=self.compare,
        )
        return _utf8(_csv_line(row))


class CsvSink(_TextSink):
    """One row per screening; cells are formula-safe; optional BOM for Excel."""

    def __init__(
        self,
        opener: Opener,
        instruments: Sequence[str],
        *,
        bom: bool = False,
        pseudonymised: bool = False,
        compare: str | None = None,
    ) -> None:
        super().__init__(opener, bom=bom)
        self.instruments = list(instruments)
        self.pseudonymised = pseudonymised
        self.compare = compare

    def header(self) -> str:
        return _csv_line(columns(self.instruments, self.compare))

    def renderer(self) -> Renderer:
        return CsvRows(self.instruments, pseudonymised=self.pseudonymised, compare=self.compare)


class LongRows:
    """Renders the per-item rows of one scored screening (none for a failure)."""

    joins = True

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> bytes:
        if outcome.record is None or not outcome.items:
            return b""
        reference = outcome.record["reference"]
        return _utf8(
            "".join(
                _csv_line((index, reference, inst, item, answer, has_comment))
                for inst, item, answer, has_comment in outcome.items
            )
        )


class LongCsvSink(_TextSink):
    """The per-item table: one row per answered item of every scored screening."""

    def header(self) -> str:
        return _csv_line(LONG_COLUMNS)

    def renderer(self) -> Renderer:
        return LongRows()


class JsonLines:
    """Renders one screening as a JSON line: the contract's score output, the record columns
    it lacks (:func:`~stalkscreen.batch.records.jsonl_extras`), source and outcome.

    The contract already has a ``status`` key (completed / in-progress), so the
    batch result (ok / invalid / error) is ``outcome``, never a clash.
    """

    joins = True

    def __init__(self, *, pseudonymised: bool = False, compare: str | None = None) -> None:
        self.pseudonymised = pseudonymised
        self.compare = compare

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> bytes:
        record: dict[str, Any] = (
            dict(outcome.record) if outcome.record is not None else {"reference": outcome.reference}
        )
        found = facts(index, outcome, scored, self.pseudonymised, self.compare)
        record.update(jsonl_extras(found))
        record["source"] = outcome.source
        record["line"] = outcome.line
        record["outcome"] = outcome.status
        record["error"] = outcome.error
        record["error_code"] = list(outcome.codes) or None
        return json_line(record)


_ESCAPED = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode


def json_line(record: dict[str, Any]) -> bytes:
    """One compact JSON line in UTF-8.

    orjson writes the same JSON as the standard library, several times faster;
    text it refuses (a file name with undecodable bytes) is written ASCII-escaped.
    """
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return _ESCAPED(record).encode("ascii") + b"\n"


class JsonlSink(_TextSink):
    """One JSON object per line (see :class:`JsonLines`)."""

    def __init__(
        self, opener: Opener, *, pseudonymised: bool = False, compare: str | None = None
    ) -> None:
        super().__init__(opener)
        self.pseudonymised = pseudonymised
        self.compare = compare

    def renderer(self) -> Renderer:
        return JsonLines(pseudonymised=self.pseudonymised, compare=self.compare)


class ErrorLines:
    """Renders one line for a failed input, nothing for a scored one."""

    joins = True

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> bytes:
        if outcome.ok:
            return b""
        return _utf8(shown((outcome.error or outcome.status).replace("\n", " ")) + "\n")


class ErrorsSink(_TextSink):
    """One line per failed input (written even when empty, once the run completes)."""

    def __init__(self, opener: Opener) -> None:
        super().__init__(opener, always=True)

    def renderer(self) -> Renderer:
        return ErrorLines()
