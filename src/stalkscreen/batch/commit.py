"""Publishing a batch's outputs as one step an interrupt cannot split (issue 21, point 2).

Until the sinks finish, an interrupt removes every unfinished output. While
they finish, each renames its temporary file into place: an interrupt between
two of them would leave some outputs published and others not, and the
command could not truthfully say which. So the interrupts a person or the
system sends (Ctrl-C, SIGTERM, SIGHUP) are held back while the outputs are
published, and honoured straight after: the outputs are then complete and kept,
and :class:`InterruptedWhenComplete` says so.

Signal handlers can only be set in the main thread; a batch run from another
thread (the library) publishes without holding interrupts back.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any, Protocol

SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")  # SIGHUP exists only on POSIX


class Finishing(Protocol):
    """What publishing needs of a sink (:class:`stalkscreen.batch.outputs.Sink`)."""

    def finish(self) -> None: ...


class InterruptedWhenComplete(KeyboardInterrupt):
    """An interrupt arrived while the outputs were published: all of them are complete."""

    def __init__(self, summary: Any) -> None:
        super().__init__("interrupted once the outputs were complete")
        self.summary = summary


@contextmanager
def interrupts_held() -> Iterator[list[int]]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back for the block; yields the signals that came."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    wanted = [s for s in (getattr(signal, n, None) for n in SIGNALS) if s is not None]
    old = {s: signal.signal(s, hold) for s in wanted}
    try:
        yield caught
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


@contextmanager
def creating_output() -> Iterator[None]:
    """Hold interrupts back while an output's temporary file is created and the sink keeps
    its name, then honour one as :class:`KeyboardInterrupt`, so that the sink's abort finds
    the file and removes it. An interrupt between the two left a hidden temporary file
    behind (seen under load: SIGHUP while ``--errors`` opened its file)."""
    with interrupts_held() as caught:
        yield
    if caught:
        raise KeyboardInterrupt


def finish_all(sinks: Sequence[Finishing], summary: Any) -> None:
    """Publish every sink's output; an interrupt meanwhile is honoured after the last one."""
    with interrupts_held() as caught:
        for sink in sinks:
            sink.finish()
    if caught:
        raise InterruptedWhenComplete(summary)


@contextmanager
def interrupts_on_terminate() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) stop a batch as Ctrl-C does: as a
    :class:`KeyboardInterrupt`, so its unfinished outputs are removed (by default
    they would end the process and leave its temporary files behind)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    wanted = [s for s in (getattr(signal, n, None) for n in SIGNALS[1:]) if s is not None]
    old = {s: signal.signal(s, interrupt) for s in wanted}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
