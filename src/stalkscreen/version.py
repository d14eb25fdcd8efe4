"""Which release this is, whether its scoring core is compiled, and which answer-file
contract it reads and writes.

A leaf: it imports nothing, so every layer may use it (the package's ``__init__``
re-exports its names, and stays cheap to import).
"""

from __future__ import annotations

__version__ = "0.1.0"

ANSWERS_FORMAT = "stalkscreen/answers@1"
"""The version tag of the answer-file contract this release reads and writes."""


def compiled_core() -> bool:
    """Whether the scoring core runs compiled: ``pip install .`` compiles it where it can.

    Looks for the compiled scoring module beside its source without importing
    anything (``--version`` tells, and stays instant).
    """
    from importlib.machinery import EXTENSION_SUFFIXES, PathFinder
    from pathlib import Path

    spec = PathFinder.find_spec("engine", [str(Path(__file__).parent / "scoring")])
    origin = spec.origin if spec is not None else None
    return origin is not None and origin.endswith(tuple(EXTENSION_SUFFIXES))
