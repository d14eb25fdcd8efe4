"""The end of a `screen` interview on the terminal: the outcome shown, where the screening
went, and the offer of a referral summary. Opening, resuming and finishing the interview,
with its audit events, is :mod:`stalkscreen.workflows.screen`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stalkscreen.i18n import gettext as _
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
    render_screening(result, marking, iv.library)  # the library's words: its language
    if result.purpose != "probation":  # a probation outcome has no level line (SC-PURPOSE)
        render_outcome(result)
    say(_("saved the completed screening to %(path)s") % {"path": target})
    offer_report(target, term)


def offer_report(path: Path, term: Terminal) -> None:
    """Offer the referral summary (Markdown) of the screening just saved (issue 4), written
    in the interview's language. The answer keys stay ``y``/``n`` in every language, and the
    answer word of the language (``ie``) is taken too."""
    from stalkscreen.cli.terminal import EndOfInput
    from stalkscreen.errors import StalkscreenError, shown
    from stalkscreen.workflows.common import Session
    from stalkscreen.workflows.report import write_report

    try:
        key = term.confirm(_("Write the referral summary now? (y/n) "))
    except Exception:  # EOF or an interrupt here simply means no
        return
    if key not in ("y", "yes", _("yes").lower()):
        return
    default = path.with_name(path.stem + "-summary.md")
    try:
        chosen = term.line(_("Save it where? [Enter for %(path)s] ") % {"path": default}).strip()
    except EndOfInput:  # input ended before a place was given: no summary, nothing else lost
        term.write()
        say(_("no summary written; the screening is saved: %(path)s") % {"path": path})
        return
    try:
        write_report(path, "md", Path(chosen) if chosen else default, Session())
    except StalkscreenError as exc:  # said as `report` would say it; the screening is saved
        for line in exc.lines():
            print(f"stalkscreen: {shown(line)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("stalkscreen: " + _("interrupted"), file=sys.stderr)


def resume_line(store: DraftStore, what: str) -> str:
    """``what`` happened (already in the run's language) and how to resume the draft."""
    if store.path is None or not store.path.exists():
        return _("stopped before the case reference was given; nothing was saved")
    return _("%(what)s. Resume with: %(command)s") % {
        "what": what,
        "command": f"stalkscreen screen --resume {store.path}",
    }
