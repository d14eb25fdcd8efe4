"""``log import``: attach (or replace) the incident log of a saved screening."""

from __future__ import annotations

from pathlib import Path

from stalkscreen.workflows.common import Session, about


def attach_log(file: Path, into: Path, session: Session) -> tuple[int, bool]:
    """Read the log ``file``, check its dates against the screening ``into``, rewrite the
    screening with it (refusing one too large to read back), and record the alteration:
    the number of incidents, and whether a log was replaced."""
    from stalkscreen import audit
    from stalkscreen.destinations import check_outputs
    from stalkscreen.incidents import load_incident_log
    from stalkscreen.limits import check_incident_dates
    from stalkscreen.reading import load_answers
    from stalkscreen.saving import check_size, save_answers

    why = session.begin(writes_screenings=True)
    # the screening is rewritten in place (through a link: the file it points to)
    check_outputs([("--into", into)], [("the log", file)], force=True)
    lib = session.library()
    log = load_incident_log(file)
    answers = load_answers(into, lib.definitions)
    replaced = answers.incident_log is not None
    check_incident_dates(log, answers.case.assessed_date, str(file), place=None)
    updated = answers.model_copy(update={"incident_log": log})
    check_size(updated, into)
    save_answers(updated, into)
    audit.record(
        "alteration",
        command="log import",
        **about(lib, into, answers),
        items=["incident_log"],
        incidents=len(log.entries),
        replaced=replaced,
        reason=why,
    )
    return len(log.entries), replaced
