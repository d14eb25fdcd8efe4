"""``screen``: opening or resuming an interview with its draft store, saving the draft when
it stops, and finishing it — the saved screening, its score and their audit events."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stalkscreen.workflows.common import choose_profile, library, say

if TYPE_CHECKING:
    from stalkscreen.answers import AnswerSet
    from stalkscreen.drafts import DraftStore
    from stalkscreen.interview import Interview
    from stalkscreen.scoring import Screening


def open_interview(
    *,
    instrument: list[str] | None,
    profile: str | None,
    out: Path | None,
    answers_file: Path | None,
    resume: str | None,
    questionnaires_dir: list[Path] | None,
    wording: list[Path] | None,
    purpose: str | None = None,
) -> tuple[Interview, DraftStore, str]:
    """The interview to run, its draft store (held), and the marking to show it under.

    ``resume`` None starts a new interview (prefilled from ``answers_file``); ``""``
    resumes ``out`` or else the latest draft; a path resumes that draft.
    """
    from stalkscreen.catalogue import Commands
    from stalkscreen.config import load_config, remembered
    from stalkscreen.drafts import DraftStore, latest_draft
    from stalkscreen.errors import UsageError, shown
    from stalkscreen.interview import InterviewError
    from stalkscreen.interview.probation import PLAN, interview_class
    from stalkscreen.reading import load_answers

    lib = library(questionnaires_dir, wording)
    config = load_config()
    # the config's names, else those typed last time (offered and shown, never the audit actor)
    typed = remembered()
    defaults = {
        k: v
        for k, v in (
            ("practitioner", config.practitioner or typed.get("practitioner")),
            ("agency", config.agency or typed.get("agency")),
        )
        if v
    }
    try:
        if resume is not None:
            path = Path(resume) if resume else out
            if path is None:
                path, skipped = latest_draft(lib)
                if skipped:
                    say(
                        f"{skipped} newer draft file(s) could not be read or are completed and "
                        "were skipped (see `stalkscreen drafts`)"
                    )
                if path is None:
                    raise UsageError.of(Commands.NO_DRAFT)
            if not path.is_file():
                raise UsageError.of(Commands.NO_SUCH_DRAFT, path)
            draft = load_answers(path, lib.definitions)
            if draft.status == "completed":
                raise UsageError.of(Commands.DRAFT_COMPLETED, path)
            chosen = choose_profile(lib, profile, draft)
            if purpose is not None and purpose != draft.purpose:
                raise UsageError.of(Commands.RESUME_PURPOSE, path, purpose=draft.purpose)
            kind = interview_class(draft.purpose)
            iv = kind.resume(lib, chosen.profile, draft, defaults=defaults)
            store = DraftStore(path=path)
            store.hold()  # one interview per draft: another holding it is exit 3
            store.indexed = not store.in_drafts_dir
        else:
            if out is not None and out.exists():
                raise UsageError.of(Commands.DRAFT_EXISTS, out, path=shown(out))
            if out is not None and not out.parent.is_dir():  # said before the first question
                from stalkscreen.catalogue import Files
                from stalkscreen.errors import InvalidInputError

                raise InvalidInputError.of(Files.NO_SUCH_FOLDER, out)
            prefill = load_answers(answers_file, lib.definitions) if answers_file else None
            chosen = choose_profile(lib, profile, prefill)
            if prefill is not None and purpose is not None and purpose != prefill.purpose:
                raise UsageError.of(Commands.PREFILL_PURPOSE, answers_file, purpose=prefill.purpose)
            wanted = (
                prefill.purpose
                if prefill is not None
                else (purpose or config.screen_for or chosen.profile.screen_for)
            )
            if wanted == "probation":
                plan = instrument or list(PLAN)
            else:
                plan = instrument or ([] if prefill and prefill.responses else ["dash"])
            kind = interview_class(wanted)
            iv = kind.start(lib, chosen.profile, plan, prefill=prefill, defaults=defaults)
            store = DraftStore(path=out, indexed=out is not None)
    except InterviewError as exc:
        raise UsageError(exc.problem) from None  # the interview's own problem and code
    iv.saver = store
    return iv, store, chosen.profile.marking


def finish_interview(
    iv: Interview,
    store: DraftStore,
    *,
    answers_file: Path | None = None,
    reason: str | None = None,
) -> tuple[Path, Screening]:
    """Save the completed screening (a draft in the drafts folder moves to the screenings
    folder), record its collection (and alteration), and score it: where it went, and
    its result."""
    from stalkscreen.drafts import forget_draft, private_dir, safe_name, screenings_dir
    from stalkscreen.errors import StalkscreenError
    from stalkscreen.saving import save_answers
    from stalkscreen.scoring import score

    completed = iv.finish()
    draft = store.path
    if draft is None or store.in_drafts_dir:
        target = private_dir(screenings_dir()) / (draft.name if draft else safe_name())
    else:
        target = draft
    save_answers(completed, target)
    if draft is not None and draft != target:
        draft.unlink(missing_ok=True)
    if draft is not None and not store.in_drafts_dir:
        with contextlib.suppress(StalkscreenError):  # a stale entry is dropped when read
            forget_draft(draft)
    audit_finished(iv, completed, target, answers_file, reason)
    return target, score(completed, iv.library, iv.profile)


def audit_saved(store: DraftStore, iv: Interview, reason: str | None) -> None:
    """Collection: the draft saved when the interview stops (one event per session)."""
    from stalkscreen import audit

    if store.path is None or not store.path.exists():
        return
    reference = iv.case.get("reference")
    audit.record(
        "collection",
        command="screen",
        file=store.path,
        reference=reference if isinstance(reference, str) else None,
        instruments={k: v for k, v in iv.library.stamps().items() if k in iv.plan},
        status="in-progress",
        reason=reason,
    )


def audit_finished(
    iv: Interview,
    completed: AnswerSet,
    target: Path,
    answers_file: Path | None,
    reason: str | None,
) -> None:
    """Collection of the finished screening; alteration when a completed one was changed."""
    from stalkscreen import audit
    from stalkscreen.reading import load_answers

    versions = dict(completed.meta.instruments) if completed.meta else None
    common: dict[str, Any] = {
        "file": target,
        "reference": completed.case.reference,
        "instruments": versions,
        "reason": reason,
    }
    audit.record("collection", command="screen", status="completed", **common)
    if answers_file is None:
        return
    before = load_answers(answers_file, iv.library.definitions)
    if before.status != "completed":
        return
    changed = sorted(
        f"{inst}.{item}"
        for inst in set(before.responses) | set(completed.responses)
        for item in set(before.responses.get(inst, {})) | set(completed.responses.get(inst, {}))
        if before.answer(inst, item) != completed.answer(inst, item)
    )
    if changed or before.professional_judgement != completed.professional_judgement:
        audit.record(
            "alteration", command="screen", based_on=str(answers_file), items=changed, **common
        )
