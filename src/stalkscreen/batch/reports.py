"""Referral summaries from a batch: one file per scored screening in a private folder.

The summary is rendered beside the scorer (in the worker with ``jobs`` > 1);
the main process writes it atomically, mode 0600, into a folder it creates
with mode 0700. A file is named from the *sanitised* reference (or the
pseudonym) and the input position, never from the reference as typed, so
``../../etc/passwd`` or ``CR/2026/1`` stay inside the folder and two inputs
with the same reference do not overwrite each other.

With ``--pseudonymise`` a summary must not carry free text either. It is then
rendered from an *allow-list* copy of the screening: the pseudonym for the
reference, the dates, counts and canonical answers, and nothing a person
typed (comments, sources, names, rationale, text details, context notes, an
incident log). A field added to the answer file later is left out until it
is added here, so new free text cannot slip through.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sys
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from stalkscreen.answers import AnswerSet, Case, DomainJudgement, ProfessionalJudgement, Response
from stalkscreen.batch.outputs import Sink
from stalkscreen.batch.work import Outcome, Renderer, Scored
from stalkscreen.catalogue import Entry, Reports
from stalkscreen.definitions.library import Library, load_library
from stalkscreen.definitions.words import bundled_file, localise
from stalkscreen.errors import InvalidInputError
from stalkscreen.i18n import current
from stalkscreen.report.advice import Advice, find_advice, load_advice
from stalkscreen.report.context import build_context
from stalkscreen.report.naming import report_filename
from stalkscreen.report.render import render_template, template_search_path
from stalkscreen.scoring import Screening, score
from stalkscreen.storage import O_BINARY, ensure_private_dir, private_temp_file, replace_file
from stalkscreen.vocabulary import PROBATION_CONTEXT

ReportFormat = Literal["md", "html"]
Sources = tuple[tuple[Path, ...], tuple[Path, ...]]
"""Definition folders and wording overlays, as the batch's settings give them."""
WITHHELD = "withheld: free text is not written in a pseudonymised batch"
"""Shown in place of the rationale, whose level a summary still reports."""
PLAIN_CONTEXT = frozenset({"yes", "no", "unknown", "declined"})
"""Context values kept in a pseudonymised summary; anything else may be a note."""


def report_name(index: int, reference: str, fmt: str) -> str:
    """``<position>-summary-<sanitised reference>-<hash>.<fmt>``: unique, never a path."""
    return f"{index:06d}-{report_filename(reference, fmt)}"


def without_free_text(answers: AnswerSet, pseudonym: str) -> AnswerSet:
    """An allow-list copy of a screening: what scoring read, nothing a person typed."""
    case = answers.case
    responses: dict[str, dict[str, Response]] = {}
    for inst_id, items in answers.responses.items():
        kept: dict[str, Response] = {}
        for item_id, response in items.items():
            details = {
                key: value
                for key, value in (response.details or {}).items()
                if isinstance(value, list) or value in PLAIN_CONTEXT
            }
            kept[item_id] = Response(answer=response.answer, details=details or None)
        responses[inst_id] = kept
    pj = answers.professional_judgement
    return AnswerSet(
        format=answers.format,
        case=Case(
            reference=pseudonym,
            assessed_on=case.assessed_on,
            relationship=case.relationship,
            incidents_last_12_months=case.incidents_last_12_months,
            crimes_last_12_months=case.crimes_last_12_months,
            last_marac_on=case.last_marac_on,
        ),
        profile=answers.profile,
        context={
            k: v
            for k, v in answers.context.items()
            if v in PLAIN_CONTEXT or v in PROBATION_CONTEXT.get(k, ())  # choices, not text
        },
        purpose=answers.purpose,
        srp_domains={  # the levels judged; the rationale is free text
            d: DomainJudgement(level=j.level, rationale=WITHHELD if j.rationale else None)
            for d, j in answers.srp_domains.items()
        }
        if answers.srp_domains
        else None,
        responses=responses,
        professional_judgement=(
            ProfessionalJudgement(level=pj.level, rationale=WITHHELD if pj.rationale else None)
            if pj is not None
            else None
        ),
        status=answers.status,
    )


class ReportFiles:
    """Renders the referral summary of one scored screening as ``(file name, bytes)``."""

    def __init__(
        self,
        fmt: ReportFormat,
        *,
        pseudonymised: bool,
        generated_at: datetime | None,
        marking: str | None = None,
        sources: Sources = ((), ()),
    ) -> None:
        self.fmt: ReportFormat = fmt
        self.pseudonymised = pseudonymised
        self.generated_at = generated_at
        self.marking = marking
        """The site's or user's marking, which replaces the profile's; none keeps it."""
        self.sources = sources
        """The definition folders and wording overlays the batch scores with."""

    def render(
        self, index: int, outcome: Outcome, scored: Scored | None
    ) -> tuple[str, bytes] | None:
        if not outcome.ok or scored is None or outcome.record is None:
            return None
        reference = str(outcome.record["reference"])
        answers, screening = scored.answers, scored.screening
        library, profile = scored.library, scored.profile
        if library.language != current():
            # records are scored in English (data, the same in every run); a summary is read
            # in the language in force, its questions and titles too (as `report` writes it)
            library = _library_in(*self.sources, current())
            profile = library.profile(profile.id).profile
            screening = score(answers, library, profile)
        if self.pseudonymised:
            answers = without_free_text(answers, reference)
            screening = _screening_without_free_text(screening, reference)
        context = build_context(
            answers,
            screening,
            library,
            profile,
            advice=localise(_advice(), "advice", library, bundled_file("advice")),
            marking=self.marking,
            generated_at=self.generated_at,
        )
        data = render_template(context, self.fmt).encode("utf-8")
        return report_name(index, reference, self.fmt), data


@lru_cache(maxsize=2)
def _library_in(dirs: tuple[Path, ...], wording: tuple[Path, ...], language: str) -> Library:
    """The batch's definitions in ``language``, loaded once per process."""
    return load_library(dirs, wording, language)


@lru_cache(maxsize=1)
def _advice() -> Advice:
    """The bundled advice, found once per process (``render_report`` looks for it each time:
    two ``stat`` calls, a fifth of the time of a summary, measured)."""
    return load_advice(find_advice(template_search_path()))


def _screening_without_free_text(screening: Screening, pseudonym: str) -> Screening:
    rationale = WITHHELD if screening.professional_judgement_rationale else None
    # what the victim said about their safety may be a phone number or an address
    safety = {k: v for k, v in screening.safety.items() if v in PLAIN_CONTEXT}
    return screening.model_copy(
        update={
            "reference": pseudonym,
            "professional_judgement_rationale": rationale,
            "safety": safety,
        }
    )


class ReportsSink(Sink):
    """Writes each summary into ``directory`` (0700), mode 0600, all of them or none.

    Each summary is written as it comes to a hidden temporary file in the folder,
    with no sync of its own; when the run finishes, everything is synced once
    (:func:`_sync`), then each file is renamed to its name and the folder is synced.
    Until then no summary is visible; a failed or interrupted run removes the
    temporary files. Syncing each file as it came (twice: the file, then the folder
    after the rename) held the run to the disk's pace: about 100 files/s here.
    """

    def __init__(
        self,
        directory: Path,
        fmt: ReportFormat,
        *,
        pseudonymised: bool = False,
        generated_at: datetime | None = None,
        marking: str | None = None,
        sources: Sources = ((), ()),
    ) -> None:
        self.directory = directory
        self.marking = marking
        self.sources = sources
        """The batch's definition folders and wording overlays (its settings' own)."""
        self.fmt: ReportFormat = fmt
        self.pseudonymised = pseudonymised
        self.generated_at = generated_at
        self.pending: list[tuple[Path, Path]] = []
        """(temporary file, its name) of each summary written, not yet published."""
        self.written: list[Path] = []
        self.ready = False
        self.opening: Path | None = None

    def renderer(self) -> Renderer:
        return ReportFiles(
            self.fmt,
            pseudonymised=self.pseudonymised,
            generated_at=self.generated_at,
            marking=self.marking,
            sources=self.sources,
        )

    def write(self, piece: Any) -> None:
        if piece is None:
            return
        name, data = piece
        if not self.ready:
            try:
                ensure_private_dir(self.directory)
            except OSError as exc:
                raise self._failed(exc, Reports.REPORTS_DIR_FAILED) from None
            self.ready = True
        target = self.directory / name
        self.opening = target  # an interrupt between creating its file and the next line
        tmp, fd = private_temp_file(target)
        self.pending.append((tmp, target))
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise self._failed(exc, Reports.SUMMARY_NOT_WRITTEN) from None

    def finish(self) -> None:
        """Sync everything once, then publish every summary under its name."""
        try:
            _sync([tmp for tmp, _ in self.pending])
            while self.pending:
                tmp, target = self.pending[-1]
                replace_file(tmp, target)
                self.pending.pop()
                self.written.append(target)
            _sync_folder(self.directory)
        except OSError as exc:
            self.abort()
            raise self._failed(exc, Reports.SUMMARIES_NOT_PUBLISHED) from None

    def abort(self) -> None:
        """An interrupted or failed run takes back every summary it wrote."""
        if self.opening is not None:  # the file an interrupt caught being created (21.2)
            for tmp in self.directory.glob(f".{glob.escape(self.opening.name)}.*.tmp"):
                self.pending.append((tmp, self.opening))
            self.opening = None
        for tmp, _ in self.pending:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for target in self.written:
            with contextlib.suppress(OSError):
                target.unlink()
        self.pending = []
        self.written = []

    def _failed(self, exc: OSError, code: Entry) -> InvalidInputError:
        return InvalidInputError.of(code, self.directory, reason=exc.strerror or exc)


def _sync(paths: list[Path]) -> None:
    """Make the files' contents durable: one ``sync`` on Linux, where it waits for the
    writes to finish (one call for the run, measured at a fraction of one ``fsync`` per
    file); elsewhere ``fsync`` each file (POSIX lets ``sync`` return before writing)."""
    if not paths:
        return
    if sys.platform.startswith("linux"):
        os.sync()
        return
    for path in paths:
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _sync_folder(directory: Path) -> None:
    """Make the renames durable (not possible, nor needed, on Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY | O_BINARY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
