"""The SQLite output of a batch: a `screenings` table and/or an `items` table in one file,
published atomically when the batch finishes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stalkscreen.batch.column_spec import SQL_TYPES, sql_name
from stalkscreen.batch.commit import creating_output
from stalkscreen.batch.outputs import Sink
from stalkscreen.batch.records import columns, flat, kinds
from stalkscreen.batch.work import Outcome, Renderer, Scored
from stalkscreen.catalogue import Reports
from stalkscreen.errors import InvalidInputError
from stalkscreen.storage import private_temp_path, real_target, replace_file

SQLITE_SUFFIXES = frozenset({".db", ".sqlite", ".sqlite3"})


class SqliteRows:
    """Renders one screening as its `screenings` row and its `items` rows."""

    def __init__(
        self,
        instruments: Sequence[str],
        *,
        screenings: bool,
        items: bool,
        pseudonymised: bool = False,
        compare: str | None = None,
    ) -> None:
        self.instruments = tuple(instruments)
        self.screenings = screenings
        self.items = items
        self.pseudonymised = pseudonymised
        self.compare = compare

    def render(
        self, index: int, outcome: Outcome, scored: Scored | None
    ) -> tuple[list[Any] | None, list[tuple[Any, ...]]]:
        row = (
            flat(
                index,
                outcome,
                self.instruments,
                scored,
                pseudonymised=self.pseudonymised,
                compare=self.compare,
            )
            if self.screenings
            else None
        )
        item_rows: list[tuple[Any, ...]] = []
        if self.items and outcome.record is not None and outcome.items:
            ref = outcome.record["reference"]
            item_rows = [(index, ref, *item) for item in outcome.items]
        return row, item_rows


class SqliteSink(Sink):
    """A `screenings` table and/or an `items` table in one SQLite file."""

    def __init__(
        self,
        path: Path,
        instruments: Sequence[str],
        *,
        screenings: bool,
        items: bool,
        pseudonymised: bool = False,
        compare: str | None = None,
    ) -> None:
        self.path = path
        self.instruments = list(instruments)
        self.screenings = screenings
        self.items = items
        self.pseudonymised = pseudonymised
        self.compare = compare
        self.db: sqlite3.Connection | None = None
        self.tmp: Path | None = None
        self.rows: list[list[Any]] = []
        self.item_rows: list[tuple[Any, ...]] = []

    def _open(self) -> sqlite3.Connection:
        with creating_output():
            self.tmp = private_temp_path(self.path)
        db = sqlite3.connect(self.tmp)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        if self.screenings:
            cols = []
            names = columns(self.instruments, self.compare)
            for name, kind in zip(names, kinds(self.instruments, self.compare), strict=True):
                col = sql_name(name)
                sql = "INTEGER PRIMARY KEY" if col == "screening" else SQL_TYPES[kind]
                cols.append(f'"{col}" {sql}')
            db.execute(f"CREATE TABLE screenings ({', '.join(cols)})")
        if self.items:
            db.execute(
                "CREATE TABLE items (screening INTEGER NOT NULL, reference TEXT, "
                "instrument TEXT NOT NULL, item TEXT NOT NULL, answer TEXT NOT NULL, "
                "has_comment INTEGER NOT NULL)"
            )
        self.db = db
        return db

    def renderer(self) -> Renderer:
        return SqliteRows(
            self.instruments,
            screenings=self.screenings,
            items=self.items,
            pseudonymised=self.pseudonymised,
            compare=self.compare,
        )

    def write(self, piece: Any) -> None:
        if self.db is None:
            self._open()
        row, item_rows = piece
        if row is not None:
            self.rows.append(row)
        if item_rows:
            self.item_rows.extend(item_rows)
        if len(self.rows) + len(self.item_rows) >= 5000:
            self._flush()

    def _flush(self) -> None:
        db = self.db
        if db is None:  # never opened: nothing was written to keep
            return
        if self.rows:
            marks = ", ".join("?" * len(self.rows[0]))
            db.executemany(f"INSERT INTO screenings VALUES ({marks})", self.rows)  # noqa: S608
            self.rows = []
        if self.item_rows:
            db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)", self.item_rows)
            self.item_rows = []

    def finish(self) -> None:
        if self.db is None or self.tmp is None:
            return
        try:
            self._flush()
            if self.items:
                self.db.execute("CREATE INDEX items_screening ON items (screening)")
            self.db.commit()
            self.db.close()
            with Path(self.tmp).open("rb") as handle:
                os.fsync(handle.fileno())
            replace_file(self.tmp, real_target(self.path))
        except (OSError, sqlite3.Error) as exc:
            self.abort()
            raise InvalidInputError.of(Reports.OUTPUT_WRITE_FAILED, self.path, reason=exc) from None

    def abort(self) -> None:
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                self.tmp.unlink()
