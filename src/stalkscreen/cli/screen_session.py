"""The end of a `screen` interview on the terminal: the outcome shown, where the screening
went, and the offer of a referral summary. Opening, resuming and finishing the interview,
with its audit events, is :mod:`stalkscreen.workflows.screen`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stalkscreen.workflows.common import say

if TYPE_CHECKING:
    from stalkscreen.cli.terminal import Terminal
    from stalkscreen.drafts import DraftStore
    from stalkscreen.interview import Interview


def finish_interview(
    iv: Interview,
    store: DraftStore,
    marking: str,
    term: Terminal,
    *,
    answers_file: Path | None = None,
    reason: str | None = None,
) -> None:
    """Save and score the completed screening, show the outcome, offer the summary."""
    from stalkscreen.cli.render import render_outcome, render_screening
    from stalkscreen.workflows import screen

    target, result = screen.finish_interview(iv, store, answers_file=answers_file, reason=reason)
    term.write()
    render_screening(result, marking)
    if result.purpose != "probation":  # a probation outcome has no level line (SC-PURPOSE)
        render_outcome(result)
    say(f"saved the completed screening to {target}")
    offer_report(target, term)


def offer_report(path: Path, term: Terminal) -> None:
    """Offer the referral summary (Markdown) of the screening just saved (issue 4)."""
    from stalkscreen.errors import StalkscreenError, shown
    from stalkscreen.workflows.common import Session
    from stalkscreen.workflows.report import write_report

    try:
        key = term.confirm("Write the referral summary now? (y/n) ")
    except Exception:  # EOF or an interrupt here simply means no
        return
    if key not in ("y", "yes"):
        return
    default = path.with_name(path.stem + "-summary.md")
    chosen = term.line(f"Save it where? [Enter for {default}] ").strip()
    try:
        write_report(path, "md", Path(chosen) if chosen else default, Session())
    except StalkscreenError as exc:  # said as `report` would say it; the screening is saved
        for line in exc.lines():
            print(f"stalkscreen: {shown(line)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("stalkscreen: interrupted", file=sys.stderr)


def resume_line(store: DraftStore, what: str) -> str:
    if store.path is None or not store.path.exists():
        return "stopped before the case reference was given; nothing was saved"
    return f"{what}. Resume with: stalkscreen screen --resume {store.path}"
