"""Where the bundled questionnaires and report templates live.

In an installed wheel they are package data under ``stalkscreen/_data``; in a
source checkout (including editable installs) they are the repository's own
``questionnaires/`` and ``reports/`` folders, so reviewers edit one copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def bundled_dir(name: str) -> Path:
    """The bundled ``questionnaires`` or ``reports`` directory.

    Found once per process: each summary's context looks for it, and building the paths
    and asking the file system took about 20 of the 280 µs of building a summary's context
    (measured, issue 18)."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent.parent / name
