"""Which release this is and which answer-file contract it reads and writes.

A leaf: it imports nothing, so every layer may use it (the package's ``__init__``
re-exports both names, and stays cheap to import).
"""

from __future__ import annotations

__version__ = "0.1.0"

ANSWERS_FORMAT = "stalkscreen/answers@1"
"""The version tag of the answer-file contract this release reads and writes."""
