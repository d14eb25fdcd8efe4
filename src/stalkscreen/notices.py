"""One-line notices to stderr, for what the core does on its own and must say.

A broken configuration run on without, a private folder found open and closed: the
core tells the person at the terminal in one line each, prefixed ``stalkscreen:``.
"""

from __future__ import annotations

import sys


def notice(lines: list[str]) -> None:
    """Print each line to stderr as a notice from stalkscreen."""
    for line in lines:
        print(f"stalkscreen: {line}", file=sys.stderr)
