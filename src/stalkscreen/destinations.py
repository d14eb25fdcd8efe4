"""Outputs checked before anything is read or written (issue 21, point 1).

An output must never replace an input or another output of the same run, and
never replace what is not a plain file. :func:`check_outputs` refuses (exit 2,
naming both) an output that is, or resolves to, an input or another output,
and a symbolic link unless the user said ``--force``. Character devices and
FIFOs are allowed (they are written as streams by
:func:`stalkscreen.storage.open_target`); other special files (sockets, block
devices) and folders are refused.

Two names are the same file when they resolve to the same path, or (both
existing) to the same device and inode, so a hard link is caught too.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from stalkscreen.catalogue import Commands
from stalkscreen.errors import UsageError, shown
from stalkscreen.translation import N_, Words

Named = tuple[str, Path | None]
"""A flag or role (``--output``, ``the screening``) and the path it names."""


def _same(a: Path, b: Path) -> bool:
    try:
        if a.samefile(b):
            return True
    except (OSError, ValueError):
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _kind(path: Path) -> str | None:
    """What refuses ``path`` as an output, or ``None`` when it may be written."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None  # absent (or a link to nothing): created
    if stat.S_ISREG(mode) or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return None
    return Words(N_("a folder") if stat.S_ISDIR(mode) else N_("a special file (not a plain file)"))


def check_outputs(outputs: Sequence[Named], inputs: Sequence[Named] = (), *, force: bool) -> None:
    """Refuse outputs that would replace an input, each other, a link or a special file."""
    seen: list[tuple[str, Path, bool]] = [(r, p, True) for r, p in inputs if p is not None]
    for role, path in outputs:
        if path is None:
            continue
        kind = _kind(path)
        if kind is not None:
            raise UsageError.of(Commands.OUTPUT_REFUSED, path, role=role, kind=kind)
        stream = _is_stream(path)
        if path.is_symlink() and not force and not stream:  # /dev/stdout is a link: a stream
            raise UsageError.of(
                Commands.OUTPUT_IS_LINK, path, role=role, target=shown(path.readlink())
            )
        for other_role, other, is_input in seen:
            if (is_input or not stream) and _same(path, other):
                raise UsageError.of(
                    Commands.OUTPUT_IS_INPUT if is_input else Commands.OUTPUT_IS_OUTPUT,
                    path,
                    role=role,
                    other_role=other_role,
                    other=shown(other),
                )
        seen.append((role, path, False))


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


SCREENING_SUFFIXES = frozenset({".yaml", ".yml", ".json"})


def batch_inputs(
    outputs: Sequence[Path | None], inputs: Sequence[str], *, recursive: bool
) -> list[Named]:
    """The inputs of a batch that its outputs could replace: every input named as a file,
    and any existing screening file an output names inside an input folder (the run's own
    CSV, JSON Lines or SQLite outputs in a folder are skipped as inputs, not refused)."""
    named: list[Named] = [("the input", Path(t)) for t in inputs if Path(t).is_file()]
    for pattern in (t for t in inputs if set("*?[") & set(t) and not Path(t).exists()):
        found = glob.glob(pattern, recursive=recursive)  # noqa: PTH207 - patterns are strings
        named += [("an input matching " + pattern, Path(f)) for f in found]
    folders = [Path(os.path.realpath(t)) for t in inputs if Path(t).is_dir()]
    for out in outputs:
        if out is None or not out.is_file() or out.suffix.lower() not in SCREENING_SUFFIXES:
            continue
        parent = Path(os.path.realpath(out)).parent
        if any(parent == f or (recursive and f in parent.parents) for f in folders):
            named.append(("a screening in an input folder:", out))
    return named
