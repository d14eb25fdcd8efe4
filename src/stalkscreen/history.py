"""A case's screenings over time (`stalkscreen history DIR --reference REF`).

:func:`find_screenings` scans a folder's answer files for one case reference
(files that cannot be read are counted and skipped, never fatal: a folder of
screenings often holds other files); :func:`timeline` scores each one and puts
them in date order, with what changed from one to the next.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.about import level_label
from stalkscreen.answers import AnswerSet
from stalkscreen.compare import Comparison, Direction, compare
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level
from stalkscreen.definitions.profiles import Profile
from stalkscreen.errors import StalkscreenError
from stalkscreen.reading import load_answers
from stalkscreen.scoring import Screening, score

SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Found:
    """The answer files of one case, and how many other files were skipped."""

    screenings: list[tuple[Path, AnswerSet]]
    unreadable: list[str]


def answer_files(folder: Path, *, recursive: bool = False) -> list[Path]:
    """The files :func:`find_screenings` reads: visible YAML and JSON files, sorted."""
    pattern = folder.rglob("*") if recursive else folder.glob("*")
    return sorted(
        p
        for p in pattern
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )


def find_screenings(
    folder: Path, reference: str, library: Library, *, recursive: bool = False
) -> Found:
    """Every answer file in ``folder`` whose case reference is ``reference``."""
    files = answer_files(folder, recursive=recursive)
    out: list[tuple[Path, AnswerSet]] = []
    unreadable: list[str] = []
    for path in files:
        try:
            answers = load_answers(path, library.definitions)
        except StalkscreenError:
            unreadable.append(str(path))
            continue
        if answers.case.reference == reference.strip():
            out.append((path, answers))
    return Found(out, unreadable)


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimelineEntry(_View):
    """One screening of the case."""

    file: str = Field(description="The answer file (its name only).")
    assessed_on: str | None = Field(description="Date of the screening, ISO, if recorded.")
    status: str = Field(description="`completed` or `in-progress`.")
    risk_level: Level = Field(description="The risk level.")
    level_text: str = Field(
        description="SC-JUDGE: the level as it must be read (`High`, `by count: HIGH (not yet "
        "judged)`, `Not graded`, ` · incomplete`)."
    )
    marac_referral: bool = Field(description="MARAC referral at this screening.")
    reasons: tuple[str, ...] = Field(description="Reason codes.")
    urgent: bool = Field(description="Urgent red flag.")
    red_flags: tuple[str, ...] = Field(description="Red flags present.")
    yes_counts: tuple[tuple[str, int], ...] = Field(description="(instrument, yes) pairs.")
    srp_domains: tuple[tuple[str, str], ...] = Field(
        default=(), description="(SRP domain, level) rated in a probation screening."
    )
    direction: Direction | None = Field(description="Change of level from the one before.")
    change: Comparison | None = Field(description="What changed since the one before.")


class Timeline(_View):
    """Every screening of one case, earliest first."""

    reference: str = Field(description="The case reference (free text).")
    entries: tuple[TimelineEntry, ...] = Field(description="Screenings, earliest first.")
    skipped: int = Field(description="Files in the folder that could not be read.")


def _key(item: tuple[Path, AnswerSet]) -> tuple[str, str, str]:
    path, answers = item
    day = answers.case.assessed_on
    updated = answers.meta.updated_at if answers.meta and answers.meta.updated_at else None
    return (
        day.isoformat() if day is not None else "9999",
        updated.isoformat() if updated else "",
        path.name,
    )


def timeline(
    reference: str,
    screenings: Iterable[tuple[Path, AnswerSet]],
    library: Library,
    profile_for: dict[str, Profile] | Profile,
    *,
    skipped: int = 0,
) -> Timeline:
    """Score each screening and order them by date (undated ones last)."""
    entries: list[TimelineEntry] = []
    previous: tuple[AnswerSet, Screening] | None = None
    for path, answers in sorted(screenings, key=_key):
        profile = (
            profile_for
            if isinstance(profile_for, Profile)
            else profile_for.get(answers.profile or "default", profile_for["default"])
        )
        result = score(answers, library, profile)
        change = compare(previous, (answers, result), library) if previous else None
        day = answers.case.assessed_date
        entries.append(
            TimelineEntry(
                file=path.name,
                assessed_on=day.isoformat() if day else None,
                status=answers.status,
                risk_level=result.risk_level,
                level_text=level_label(result.risk_level, result.level_basis, result.complete),
                marac_referral=result.marac_referral,
                reasons=result.reasons,
                urgent=result.urgent,
                red_flags=result.red_flags,
                yes_counts=tuple((k, r.yes) for k, r in result.instruments.items()),
                srp_domains=tuple((result.srp_domains or {}).items()),
                direction=change.direction if change else None,
                change=change,
            )
        )
        previous = (answers, result)
    return Timeline(reference=reference, entries=tuple(entries), skipped=skipped)
