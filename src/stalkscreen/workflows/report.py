"""``report``: a referral summary of a saved screening, or the MARAC referral form, written
once it has rendered."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from stalkscreen.workflows.common import Session, about, choose_profile, deliver

if TYPE_CHECKING:
    from stalkscreen.report.render import Format


def write_report(
    file: Path,
    fmt: Format,
    output: Path | None,
    session: Session,
    *,
    form: Literal["summary", "marac"] = "summary",
    template_dirs: Sequence[Path] = (),
    marking: str | None = None,
    previous: Path | None = None,
    force: bool = False,
    languages: Sequence[str] = (),
) -> None:
    """Check the destination, load and score the screening (and ``previous``, for the change
    since it), render ``form`` as ``fmt`` in ``languages`` (one, or Welsh then English; none
    given: the session's language) and deliver it, recording the consultation and the
    disclosure."""
    from dataclasses import replace

    from stalkscreen import audit, i18n
    from stalkscreen.catalogue import Commands
    from stalkscreen.config import load_config
    from stalkscreen.destinations import check_outputs
    from stalkscreen.errors import UsageError, shown
    from stalkscreen.reading import load_answers
    from stalkscreen.report import render_report
    from stalkscreen.report.bilingual import render_languages
    from stalkscreen.report.render import check_marking
    from stalkscreen.scoring import score

    if fmt == "pdf" and output is None:
        raise UsageError.of(Commands.PDF_NEEDS_OUTPUT)
    if form == "marac" and previous is not None:
        raise UsageError.of(Commands.FORM_HAS_NO_CHANGES)
    if output is not None and output.is_dir():
        raise UsageError.of(Commands.OUTPUT_IS_FOLDER, output, role="--output")
    inputs = [("the screening", file), ("--previous", previous)]
    check_outputs([("--output", output)], inputs, force=force)
    check_marking(marking)
    why = session.begin()
    dirs = (*template_dirs, *load_config().template_dirs)
    read: list[tuple[Any, Any]] = []  # the library and screening of each language

    def render(code: str, each: Format) -> str | bytes:
        lib = replace(session, language=code).library()
        answers = load_answers(file, lib.definitions)
        read.append((lib, answers))
        chosen = choose_profile(lib, session.profile, answers)
        screening = score(answers, lib, chosen.profile)
        if form == "marac":
            from stalkscreen.report.marac_render import render_marac

            return render_marac(
                answers,
                screening,
                lib,
                chosen.profile,
                each,
                template_dirs=dirs,
                marking=marking,
                source=shown(file),
                profile_source=shown(chosen.path),
            )
        change = None
        if previous is not None:
            from stalkscreen.compare import compare

            before = load_answers(previous, lib.definitions)
            old = score(before, lib, choose_profile(lib, session.profile, before).profile)
            change = compare((before, old), (answers, screening), lib)
        return render_report(
            answers,
            screening,
            lib,
            chosen.profile,
            each,
            template_dirs=dirs,
            marking=marking,
            change=change,
        )

    codes = tuple(languages) or (session.language or i18n.current(),)
    rendered = render_languages(codes, fmt, render)
    lib, answers = read[0]
    event: dict[str, Any] = {
        **about(lib, file, answers),
        "reason": why,
        "command": "report",
        "format": fmt,
    }
    if form == "marac":
        event["form"] = form
    audit.record("consultation", **event)
    deliver(rendered, output, "MARAC referral form" if form == "marac" else "summary", **event)
