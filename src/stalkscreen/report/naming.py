"""Safe file names derived from case references.

A case reference is free text (``CR/2026/004512``, ``../../etc``, ``CON``):
it never becomes part of a path as typed. :func:`report_filename` keeps
letters, digits, ``-`` and ``_``, turns everything else into ``-``, trims the
result, and adds a short hash of the original so two references that clean
to the same stem still get different names.
"""

from __future__ import annotations

import hashlib
import re

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
MAX_STEM = 48


def safe_stem(reference: str) -> str:
    """A file-name stem for ``reference``: ASCII letters, digits, ``-`` and ``_`` only."""
    cleaned = _UNSAFE.sub("-", reference).strip("-_")[:MAX_STEM].strip("-_")
    digest = hashlib.sha256(reference.encode("utf-8")).hexdigest()[:8]
    return f"{cleaned or 'case'}-{digest}"


def report_filename(reference: str, fmt: str) -> str:
    """``summary-<stem>.<fmt>`` for a case reference; never a path, never hidden."""
    if not re.fullmatch(r"[a-z]{2,4}", fmt):
        raise ValueError(f"not a report format: {fmt!r}")
    return f"summary-{safe_stem(reference)}.{fmt}"
