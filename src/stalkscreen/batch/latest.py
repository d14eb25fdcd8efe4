"""`batch --latest-per-case`: keep only each case's most recent screening, in every output.

Each sink is wrapped: its renderer's piece travels with the screening's reference,
assessment date and input position, and the wrapper keeps, per reference, the piece
of the latest screening (the latest assessment date; on the same date or none, the
later input). When the run finishes the kept pieces go to the real sink in input
order, so every output — and the summary, counted by :class:`KeptSummary` — holds
the same screenings. Failed inputs are all kept (they belong to no known case).
Memory holds one piece per case and output until the end, not one per screening.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stalkscreen.batch.outputs import Sink
from stalkscreen.batch.summary import Summary
from stalkscreen.batch.work import Outcome, Renderer, Scored

Keyed = tuple[str | None, str, int, Any]
"""(reference or None for a failed input, assessment date or "", input position, piece)."""


class LatestRows:
    """An inner renderer's piece, with what decides which screening of a case is kept."""

    def __init__(self, inner: Renderer) -> None:
        self.inner = inner

    def render(self, index: int, outcome: Outcome, scored: Scored | None) -> Keyed:
        piece = self.inner.render(index, outcome, scored)
        record = outcome.record
        if not outcome.ok or record is None:
            return None, "", index, piece
        return str(record["reference"]), str(record.get("assessed_on") or ""), index, piece


class LatestPerCase(Sink):
    """Passes on to ``inner`` only the latest screening of each case, when the run ends."""

    def __init__(self, inner: Sink) -> None:
        self.inner = inner
        self.latest: dict[str, tuple[str, int, Any]] = {}
        self.failed: list[tuple[int, Any]] = []

    def renderer(self) -> Renderer:
        return LatestRows(self.inner.renderer())

    def write(self, piece: Any) -> None:
        reference, when, index, inner_piece = piece
        if reference is None:
            self.failed.append((index, inner_piece))
            return
        kept = self.latest.get(reference)
        if kept is None or (when, index) >= (kept[0], kept[1]):
            self.latest[reference] = (when, index, inner_piece)

    def kept(self) -> list[tuple[int, Any]]:
        """The pieces kept, in input order."""
        return sorted([*((i, p) for _, i, p in self.latest.values()), *self.failed])

    def finish(self) -> None:
        for _, piece in self.kept():
            self.inner.write(piece)
        self.inner.finish()

    def abort(self) -> None:
        self.inner.abort()


class SummaryRows:
    """What :class:`KeptSummary` counts of one screening: its status and score record."""

    def render(
        self, index: int, outcome: Outcome, scored: Scored | None
    ) -> tuple[str, dict[str, Any] | None]:
        return outcome.status, outcome.record


class KeptSummary(Sink):
    """The summary of the screenings a :class:`LatestPerCase` run keeps."""

    def __init__(self) -> None:
        self.summary = Summary()

    def renderer(self) -> Renderer:
        return SummaryRows()

    def write(self, piece: Any) -> None:
        status, record = piece
        self.summary.add(status, record)


def latest_per_case(sinks: Sequence[Sink]) -> tuple[list[Sink], KeptSummary]:
    """Every sink wrapped, plus one counting the kept screenings' summary."""
    counted = KeptSummary()
    return [LatestPerCase(s) for s in (*sinks, counted)], counted
