"""``score``: one saved screening loaded with the right definitions and profile, scored,
its consultation recorded; its referral summary rendered when asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from stalkscreen.workflows.common import Session, about, choose_profile, deliver

if TYPE_CHECKING:
    from stalkscreen.answers import AnswerSet
    from stalkscreen.definitions.library import Library
    from stalkscreen.definitions.profiles import Profile
    from stalkscreen.scoring import Screening


@dataclass(frozen=True)
class Scored:
    """A screening read from ``file`` and its result, with what they were read with."""

    file: Path
    answers: AnswerSet
    screening: Screening
    library: Library
    profile: Profile
    reason: str | None


def score_file(file: Path, session: Session, *, command: str = "score") -> Scored:
    """Load, score and record the consultation (the audit log names the file, never an
    answer)."""
    from stalkscreen import audit
    from stalkscreen.reading import load_answers
    from stalkscreen.scoring import score

    why = session.begin()
    lib = session.library()
    answers = load_answers(file, lib.definitions)
    chosen = choose_profile(lib, session.profile, answers)
    screening = score(answers, lib, chosen.profile)
    audit.record("consultation", command=command, reason=why, **about(lib, file, answers))
    return Scored(file, answers, screening, lib, chosen.profile, why)


def print_summary(scored: Scored, fmt: Literal["md", "html"]) -> None:
    """``score --format md|html``: the referral summary to stdout, and its disclosure."""
    from stalkscreen.config import load_config
    from stalkscreen.report import render_report

    rendered = render_report(
        scored.answers,
        scored.screening,
        scored.library,
        scored.profile,
        fmt,
        template_dirs=load_config().template_dirs,
    )
    event = {
        **about(scored.library, scored.file, scored.answers),
        "reason": scored.reason,
        "command": "score",
    }
    deliver(rendered, None, "summary", format=fmt, **event)
