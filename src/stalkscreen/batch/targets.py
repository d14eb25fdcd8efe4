"""Where a sink's bytes go: a file published atomically (mode 0600) when the batch
finishes, or a plain stream (stdout)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Protocol

from stalkscreen.storage import open_target


class Target(Protocol):
    def write(self, data: bytes) -> None: ...
    def commit(self) -> None: ...
    def discard(self) -> None: ...


class StreamTarget:
    """stdout (or any binary stream) as a target: written as it goes, never closed.

    A reader that stops early (``batch … | head``) does not stop the run: the rest
    goes to the null device, so every input is still scored, the summary still
    reaches stderr and the exit code still says whether inputs failed (issue 21.16).
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.reader_gone = False

    def write(self, data: bytes) -> None:
        if self.reader_gone:
            return
        try:
            self.stream.write(data)
        except BrokenPipeError:
            self._drop()

    def commit(self) -> None:
        if self.reader_gone:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._drop()

    def _drop(self) -> None:
        self.reader_gone = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY | getattr(os, "O_BINARY", 0))
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)

    def discard(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.flush()


Opener = Callable[[], Target]


def file_opener(path: Path) -> Opener:
    return lambda: open_target(path)
