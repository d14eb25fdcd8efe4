"""Stalking triage and context rules, and the incident-log count (issue 7).

Each rule has an id, named in the test that proves it:

- **SC-FOUR** — an instrument's ``indicates_stalking`` condition (the FOUR
  triage: all four answers yes) sets ``stalking_indicated``; the S-DASH is then
  called for (its ``offered_when`` names the same items) and the stalking
  routes apply.
- **SC-TYPE** — the type of stalking recorded in ``srp-context`` qualifies the
  ``victim-fear`` red flag. For the rejected type it is a red flag as defined.
  For another *known* type the flag is **kept** (still listed, still urgent,
  still raising the level as SC-RF says) with a note that the research defines
  it for the rejected group: a victim's fear of serious harm is never set
  aside by a label that may be wrong. For an unknown type it is a red flag.
- **SC-HRF** — heightened-risk factors answered yes are listed as evidence
  and fire judgement prompts; they never change the level by themselves.
- **SC-LOG** — an attached incident log is counted over the 12 months before
  the assessment. Only incidents marked ``reported_to_police: yes`` may fill
  ``incidents_last_12_months``, and only when the answer file leaves it empty:
  SC-ESC counts police-reported incidents, and a victim's own log is not that.
  The full count is shown as evidence and, at the escalation threshold, as a
  judgement prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.profiles import Profile
from stalkscreen.i18n import later
from stalkscreen.incidents import in_window
from stalkscreen.scoring.ids import SRP_CONTEXT
from stalkscreen.scoring.result import Evidence, LogSummary, PromptHit, trusted

if TYPE_CHECKING:
    from stalkscreen.scoring.plan import InstrumentPlan

CONTEXT = SRP_CONTEXT
TYPE_ITEM = "stalking-type"
TYPE_DETAIL = "type"
REJECTED = "rejected"
UNKNOWN = "unknown"
VICTIM_FEAR = "victim-fear"
LOG_WINDOW_MONTHS = 12


@dataclass
class StalkingFindings:
    """What the stalking rules found, for the engine to merge into the result."""

    evidence: list[Evidence] = field(default_factory=list)
    four_indicated: bool = False
    stalking_type: str | None = None
    heightened_risk_factors: tuple[str, ...] = ()
    red_flag_notes: tuple[str, ...] = ()


def stalking_type(answers: AnswerSet) -> str | None:
    """The recorded type of stalking; ``unknown`` when not known; ``None`` if not asked."""
    if CONTEXT not in answers.responses:
        return None
    response = answers.answer(CONTEXT, TYPE_ITEM)
    if response is None or response.answer != "yes" or not response.details:
        return UNKNOWN
    value = response.details.get(TYPE_DETAIL)
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    return value or UNKNOWN


def _four(present: Sequence[InstrumentPlan], answers: AnswerSet) -> list[Evidence]:
    """SC-FOUR: instruments whose answers indicate stalking."""
    out: list[Evidence] = []
    for definition in present:
        if definition.indicates_stalking is None:
            continue
        given = answers.responses.get(definition.id, {})
        yes = [i for i in definition.all_items if (r := given.get(i)) and r.answer == "yes"]
        items = tuple(map(definition.qualified.__getitem__, yes))
        if definition.indicates_stalking(answers):
            out.append(
                trusted(
                    Evidence,
                    rule="SC-FOUR",
                    code="stalking-indicated",
                    effect="stalking indicated; S-DASH called for; stalking routes apply",
                    summary=later.gettext(
                        "%(instrument)s: %(count)s of %(total)s answered yes, which indicates "
                        "stalking (a fixation on the person) rather than harassment over a "
                        "dispute",
                        instrument=definition.title,
                        count=len(yes),
                        total=definition.item_count,
                    ),
                    items=items,
                )
            )
        else:
            out.append(
                trusted(
                    Evidence,
                    rule="SC-FOUR",
                    code="stalking-not-indicated",
                    effect="no finding (weigh on judgement)",
                    summary=later.gettext(
                        "%(instrument)s: %(count)s of %(total)s answered yes, which does not by "
                        "itself indicate stalking; it does not rule stalking out either",
                        instrument=definition.title,
                        count=len(yes),
                        total=definition.item_count,
                    ),
                    items=items,
                )
            )
    return out


def stalking_findings(
    present: Sequence[InstrumentPlan],
    answers: AnswerSet,
    flags: Sequence[str],
) -> StalkingFindings:
    """SC-FOUR, SC-TYPE and SC-HRF for one screening (``present``: the instruments answered)."""
    found = StalkingFindings(_four(present, answers))
    if found.evidence:
        found.four_indicated = any(e.code == "stalking-indicated" for e in found.evidence)
    kind = stalking_type(answers)
    found.stalking_type = kind
    if VICTIM_FEAR in flags and kind is not None:
        ref = (f"srp-red-flags.{VICTIM_FEAR}", f"{CONTEXT}.{TYPE_ITEM}")
        if kind == REJECTED:
            found.evidence.append(
                trusted(
                    Evidence,
                    rule="SC-TYPE",
                    code="stalking-type",
                    effect="red flag as defined",
                    summary=later.gettext(
                        "the stalking is recorded as the rejected type, the group for which the "
                        "victim's fear of serious harm is defined as a red flag"
                    ),
                    items=ref,
                )
            )
        elif kind != UNKNOWN:
            kept = later.gettext(
                "the red flag is defined for the rejected type of stalking and the type here is "
                "recorded as %(type)s; it is kept as a red flag (urgent) because a victim's "
                "fear of serious harm is never set aside, but weigh it with professional "
                "judgement",
                type=kind,
            )
            found.red_flag_notes = (later.gettext("victim-fear: %(note)s", note=kept),)
            found.evidence.append(
                trusted(
                    Evidence,
                    rule="SC-TYPE",
                    code="stalking-type",
                    effect="red flag kept, with a note",
                    summary=kept,
                    items=ref,
                )
            )
    if CONTEXT in answers.responses:
        definition = next((d for d in present if d.id == CONTEXT), None)
        given = answers.responses[CONTEXT]
        factors = tuple(
            item_id
            for item_id, counted in (definition.items if definition else ())
            if counted and (r := given.get(item_id)) is not None and r.answer == "yes"
        )
        found.heightened_risk_factors = factors
        if factors and definition is not None:
            total = definition.counted_total
            found.evidence.append(
                trusted(
                    Evidence,
                    rule="SC-HRF",
                    code="heightened-risk",
                    effect="judgement prompts (not scored)",
                    summary=later.gettext(
                        "%(count)s of %(total)s heightened-risk factors present (%(factors)s); "
                        "they point to a higher risk of violence or of the stalking persisting, "
                        "and do not change the level by themselves",
                        count=len(factors),
                        total=total,
                        factors=factors,
                    ),
                    items=tuple(f"{CONTEXT}.{f}" for f in factors),
                )
            )
    return found


@dataclass
class LogFindings:
    """SC-LOG: the answers to use for SC-ESC, and what the log adds to the result."""

    answers: AnswerSet
    summary: LogSummary | None = None
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    prompts: list[PromptHit] = field(default_factory=list)


def log_findings(answers: AnswerSet, profile: Profile) -> LogFindings:
    """SC-LOG: count the incident log over the 12 months before the assessment."""
    log = answers.incident_log
    out = LogFindings(answers)
    if log is None:
        return out
    assessed = answers.case.assessed_date
    if assessed is None:
        out.warnings.append(
            later.gettext(
                "log-unchecked: an incident log is attached but the assessment date is not "
                "given, so its 12-month count could not be taken"
            )
        )
        out.summary = LogSummary.model_construct(entries=len(log.entries))
        return out
    window = in_window(log, assessed, LOG_WINDOW_MONTHS)
    reported = sum(1 for e in window if e.reported_to_police == "yes")
    recorded = answers.case.incidents_last_12_months
    filled = recorded is None and reported > 0
    if filled:
        case = answers.case.model_copy(update={"incidents_last_12_months": reported})
        out.answers = answers.model_copy(update={"case": case})
        effect = f"incidents_last_12_months = {reported} (derived from the log)"
    elif recorded is not None:
        effect = "shown only (the recorded police count is used)"
        if reported > recorded:
            out.warnings.append(
                later.gettext(
                    "log-count-differs: the incident log marks %(reported)s incident(s) in the 12 "
                    "months before the assessment as reported to police, more than the "
                    "%(recorded)s recorded; check the police count",
                    reported=reported,
                    recorded=recorded,
                )
            )
    else:
        effect = "shown only (no logged incident is marked reported to police)"
    out.summary = LogSummary.model_construct(
        entries=len(log.entries),
        in_window=len(window),
        reported_in_window=reported,
        filled_incidents=filled,
    )
    out.evidence.append(
        trusted(
            Evidence,
            rule="SC-LOG",
            code="incident-log",
            effect=effect,
            summary=later.gettext(
                "the incident log holds %(count)s incident(s) in the %(months)s months before "
                "%(assessed)s, %(reported)s of them marked reported to police; only "
                "police-reported incidents count towards potential escalation",
                count=len(window),
                months=LOG_WINDOW_MONTHS,
                assessed=assessed.isoformat(),
                reported=reported,
            ),
            items=("incident_log",),
        )
    )
    threshold = profile.marac.escalation.incidents
    if threshold is not None and len(window) >= threshold:
        out.prompts.append(
            trusted(
                PromptHit,
                id="incident-log-pattern",
                instrument="incident-log",
                text=later.gettext(
                    "The incident log records %(count)s incidents in the 12 months before the "
                    "assessment (%(reported)s marked reported to police). A victim's own log "
                    "does not count towards potential escalation, but a pattern like this may; "
                    "weigh it on professional judgement and consider whether incidents should be "
                    "reported.",
                    count=len(window),
                    reported=reported,
                ),
            )
        )
    return out
