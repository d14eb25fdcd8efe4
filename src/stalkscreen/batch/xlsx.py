"""Batch results as an Excel workbook (`--format xlsx`, the optional ``xlsx`` extra).

Three sheets: ``screenings`` (the columns of :mod:`stalkscreen.batch.columns`, typed:
numbers as numbers, yes/no as TRUE/FALSE, dates as dates, every text — references
that look like numbers too — as text; a frozen header and filters), ``items`` with
``--long`` (one row per answered item), and ``summary`` (counts by level with the
screenings nothing graded apart, MARAC referrals by reason, red-flag prevalence and a
chart). Every sheet carries the protective marking in its printed header and footer.

xlsxwriter writes text as text, so no cell is ever run as a formula. It streams rows
to owner-only temporary files beside the output (``constant_memory``), so memory
stays flat; the workbook is written to a hidden temporary file and renamed over the
output only when it is complete, like every other batch output.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from stalkscreen.batch.commit import creating_output
from stalkscreen.batch.outputs import LONG_COLUMNS, Sink
from stalkscreen.batch.records import columns, flat, kinds
from stalkscreen.batch.summary import OK, Summary
from stalkscreen.batch.work import Outcome, Renderer, Scored
from stalkscreen.catalogue import Reports
from stalkscreen.definitions.models import LEVELS
from stalkscreen.errors import InvalidInputError
from stalkscreen.report.render import MissingDependencyError
from stalkscreen.storage import private_temp_path, real_target, replace_file

XLSX_INSTALL = "pip install 'stalkscreen[xlsx]'"
NOT_GRADED = "not graded"


def _xlsxwriter() -> Any:
    """The xlsxwriter module, or a clear message naming the extra to install (exit 3)."""
    try:
        return importlib.import_module("xlsxwriter")
    except ImportError:
        raise MissingDependencyError.of(
            Reports.NO_XLSXWRITER, "--format xlsx", install=XLSX_INSTALL
        ) from None


def check_available() -> None:
    """Stop before scoring when the extra is missing (the run would be wasted)."""
    _xlsxwriter()


class XlsxRows:
    """Renders one screening as its typed row, its item rows and what the summary counts."""

    def __init__(
        self,
        instruments: Sequence[str],
        *,
        items: bool,
        pseudonymised: bool = False,
        compare: str | None = None,
    ) -> None:
        self.instruments = tuple(instruments)
        self.items = items
        self.pseudonymised = pseudonymised
        self.compare = compare

    def render(
        self, index: int, outcome: Outcome, scored: Scored | None
    ) -> tuple[list[Any], list[tuple[Any, ...]], str, dict[str, Any] | None]:
        row = flat(
            index,
            outcome,
            self.instruments,
            scored,
            pseudonymised=self.pseudonymised,
            compare=self.compare,
        )
        item_rows: list[tuple[Any, ...]] = []
        if self.items and outcome.record is not None and outcome.items:
            ref = outcome.record["reference"]
            item_rows = [(index, ref, *item) for item in outcome.items]
        return row, item_rows, outcome.status, outcome.record


def _when(text: str) -> date | datetime | None:
    """An ISO date or date-time as Excel can show it; ``None`` if it is neither."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError:
        return None


class XlsxSink(Sink):
    """One workbook at ``path``: screenings, items (with ``--long``) and summary sheets."""

    def __init__(
        self,
        path: Path,
        instruments: Sequence[str],
        *,
        items: bool = False,
        marking: str = "OFFICIAL-SENSITIVE",
        pseudonymised: bool = False,
        compare: str | None = None,
    ) -> None:
        self.path = path
        self.instruments = list(instruments)
        self.items = items
        self.marking = marking
        self.pseudonymised = pseudonymised
        self.compare = compare
        self.kinds = kinds(self.instruments, compare)
        self.book: Any = None
        self.tmp: Path | None = None
        self.sheets: dict[str, Any] = {}
        self.rows = {"screenings": 0, "items": 0}
        self.summary = Summary()
        self.levels: Counter[str] = Counter()

    def renderer(self) -> Renderer:
        return XlsxRows(
            self.instruments,
            items=self.items,
            pseudonymised=self.pseudonymised,
            compare=self.compare,
        )

    # ------------------------------------------------------------------ writing

    def _open(self) -> None:
        xlsxwriter = _xlsxwriter()
        with creating_output():
            self.tmp = private_temp_path(self.path)
        self.book = xlsxwriter.Workbook(
            str(self.tmp),
            {
                "constant_memory": True,
                "tmpdir": str(self.tmp.parent),
                "remove_timezone": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        book = self.book
        self.bold = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.share = book.add_format({"num_format": "0.0%"})
        self._sheet("screenings", columns(self.instruments, self.compare))
        if self.items:
            self._sheet("items", list(LONG_COLUMNS))

    def _sheet(self, name: str, header: list[str]) -> Any:
        sheet = self.book.add_worksheet(name)
        marking = self.marking.replace("&", "&&")
        sheet.set_header(f"&C{marking}")
        sheet.set_footer(f"&C{marking}&R&P / &N")
        sheet.write_row(0, 0, header, self.bold)
        sheet.freeze_panes(1, 0)
        self.sheets[name] = sheet
        return sheet

    def write(self, piece: Any) -> None:
        if self.book is None:
            self._open()
        row, item_rows, status, record = piece
        self.summary.add(status, record)
        if status == OK and record is not None:
            self.levels[record["risk_level"] if record["graded"] else NOT_GRADED] += 1
        self.rows["screenings"] += 1
        self._row(self.sheets["screenings"], self.rows["screenings"], row)
        if item_rows:
            sheet = self.sheets["items"]
            for item in item_rows:
                self.rows["items"] += 1
                sheet.write_row(self.rows["items"], 0, item)

    def _row(self, sheet: Any, r: int, row: list[Any]) -> None:
        for c, (value, kind) in enumerate(zip(row, self.kinds, strict=True)):
            if value is None:
                continue
            if kind == "boolean":
                sheet.write_boolean(r, c, bool(value))
            elif kind == "integer":
                sheet.write_number(r, c, value)
            elif kind == "date" and (when := _when(str(value))) is not None:
                sheet.write_datetime(
                    r, c, when, self.stamp if type(when) is datetime else self.date
                )
            else:
                sheet.write_string(r, c, str(value))

    # ------------------------------------------------------------------ finishing

    def _summary_sheet(self) -> None:
        sheet = self._sheet("summary", ["", "count", "share of scored"])
        s = self.summary
        r = 0

        def line(label: str, count: int, share: bool = True, bold: bool = False) -> None:
            nonlocal r
            r += 1
            sheet.write_string(r, 0, label, self.bold if bold else None)
            sheet.write_number(r, 1, count)
            if share:
                sheet.write_number(r, 2, s.share(count), self.share)

        line("screenings read", s.screenings, share=False)
        line("scored", s.scored, share=False)
        line("failed", s.failed, share=False)
        r += 1
        sheet.write_string(r, 0, "risk level", self.bold)
        first = r + 1
        for level in (*LEVELS, NOT_GRADED):
            line(level, self.levels.get(level, 0))
        last = r
        r += 1
        line("MARAC referrals", s.marac, bold=True)
        for reason, count in s.to_dict()["marac_reasons"].items():
            line(f"reason: {reason}", count)
        r += 1
        line("urgent (any SRP red flag)", s.urgent, bold=True)
        for flag, info in s.to_dict()["red_flags"].items():
            line(f"red flag: {flag}", info["count"])
        line("incomplete", s.incomplete)
        sheet.set_column(0, 0, 32)
        chart = self.book.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": "screenings by risk level",
                "categories": ["summary", first, 0, last, 0],
                "values": ["summary", first, 1, last, 1],
            }
        )
        chart.set_title({"name": "Screenings by risk level"})
        chart.set_legend({"none": True})
        sheet.insert_chart(1, 4, chart)

    def finish(self) -> None:
        if self.book is None or self.tmp is None:
            return
        try:
            width = len(self.kinds) - 1
            self.sheets["screenings"].autofilter(0, 0, self.rows["screenings"], width)
            if self.items:
                self.sheets["items"].autofilter(0, 0, self.rows["items"], len(LONG_COLUMNS) - 1)
            self._summary_sheet()
            self.book.close()
            self.book = None
            with self.tmp.open("rb") as handle:
                os.fsync(handle.fileno())
            replace_file(self.tmp, real_target(self.path))
        except OSError as exc:
            self.abort()
            raise InvalidInputError.of(Reports.OUTPUT_WRITE_FAILED, self.path, reason=exc) from None

    def abort(self) -> None:
        if self.book is not None:
            with contextlib.suppress(Exception):
                self.book.close()
            self.book = None
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()
