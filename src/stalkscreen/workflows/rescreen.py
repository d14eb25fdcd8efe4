"""``compare`` and ``history``: a case's screenings side by side and over time."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from stalkscreen.workflows.common import Session, about, choose_profile, deliver

if TYPE_CHECKING:
    from stalkscreen.compare import Comparison
    from stalkscreen.history import Timeline

View = Literal["table", "md", "html"]
"""``table`` is printed by the front end; md and html are rendered and delivered here."""


@dataclass(frozen=True)
class Compared:
    """What changed between two screenings, and the marking to show it under."""

    change: Comparison
    marking: str


def compare_files(
    old: Path, new: Path, session: Session, *, fmt: View, output: Path | None, force: bool
) -> Compared:
    """Load and score both screenings (each consultation recorded), compare them, and
    deliver the comparison unless it is a ``table`` for the front end to print."""
    from stalkscreen import audit
    from stalkscreen.catalogue import Commands
    from stalkscreen.compare import compare
    from stalkscreen.destinations import check_outputs
    from stalkscreen.errors import UsageError
    from stalkscreen.reading import load_answers
    from stalkscreen.report.rescreen import render_comparison
    from stalkscreen.scoring import score

    why = session.begin()
    if output is not None and fmt == "table":
        raise UsageError.of(Commands.OUTPUT_NEEDS_FORMAT)
    check_outputs([("--output", output)], [("OLD", old), ("NEW", new)], force=force)
    lib = session.library()
    before = load_answers(old, lib.definitions)
    after = load_answers(new, lib.definitions)
    for file, answers in ((old, before), (new, after)):
        audit.record("consultation", command="compare", reason=why, **about(lib, file, answers))
    old_profile = choose_profile(lib, session.profile, before).profile
    chosen = choose_profile(lib, session.profile, after)
    change = compare(
        (before, score(before, lib, old_profile)),
        (after, score(after, lib, chosen.profile)),
        lib,
        force=force,
    )
    done = Compared(change, chosen.profile.marking)
    if fmt != "table":
        deliver(
            render_comparison(change, fmt, done.marking, lib),
            output,
            "comparison",
            command="compare",
            file=new,
            reference=after.case.reference,
            format=fmt,
            reason=why,
        )
    return done


@dataclass(frozen=True)
class History:
    """One case's timeline, and the marking to show it under."""

    timeline: Timeline
    marking: str


def case_history(
    folder: Path,
    reference: str,
    session: Session,
    *,
    fmt: View,
    output: Path | None,
    recursive: bool,
    force: bool,
) -> History:
    """Find the case's screenings in ``folder``, score each, record the consultation, and
    deliver the timeline unless it is a ``table`` for the front end to print."""
    from stalkscreen import audit
    from stalkscreen.catalogue import Commands
    from stalkscreen.destinations import check_outputs
    from stalkscreen.errors import InvalidInputError, UsageError
    from stalkscreen.history import answer_files, find_screenings, timeline
    from stalkscreen.report.rescreen import render_timeline

    why = session.begin()
    if not folder.is_dir():
        raise UsageError.of(Commands.NOT_A_FOLDER, folder)
    if output is not None and fmt == "table":
        raise UsageError.of(Commands.OUTPUT_NEEDS_FORMAT)
    if output is not None:
        scanned = [("a screening", p) for p in answer_files(folder, recursive=recursive)]
        check_outputs([("--output", output)], scanned, force=force)
    lib = session.library()
    found = find_screenings(folder, reference, lib, recursive=recursive)
    if found.unreadable:
        print(
            f"stalkscreen: {len(found.unreadable)} file(s) could not be read and were "
            "skipped (check them with `stalkscreen score FILE`)",
            file=sys.stderr,
        )
    if not found.screenings:
        raise InvalidInputError.of(Commands.NO_MATCHING_SCREENING, folder)
    profiles = (
        lib.profile(session.profile).profile
        if session.profile
        else {k: v.profile for k, v in lib.profiles.items()}
    )
    result = timeline(
        reference.strip(), found.screenings, lib, profiles, skipped=len(found.unreadable)
    )
    audit.record(
        "consultation",
        command="history",
        reference=reference.strip(),
        folder=str(folder.absolute()),
        screenings=len(found.screenings),
        reason=why,
    )
    done = History(result, lib.profile(session.profile or "default").profile.marking)
    if fmt != "table":
        deliver(
            render_timeline(result, fmt, done.marking, lib),
            output,
            "history",
            command="history",
            reference=reference.strip(),
            format=fmt,
            reason=why,
        )
    return done
