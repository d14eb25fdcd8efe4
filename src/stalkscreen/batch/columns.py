"""What one batch record holds: the columns of CSV, SQLite and JSON Lines, in one table.

Each column is one :class:`~stalkscreen.batch.column_spec.Column` entry in :data:`COLUMNS`
(plus the counts of every instrument, :data:`COUNT_COLUMNS`): its name, its type, what it means,
the values it takes, and how it is read from a screening. The CSV header, the
SQLite table (column types included), the extra keys of a JSON line and the
data dictionary (``stalkscreen schema batch-record``, the README table) are all
made from this table (the dictionary in :mod:`stalkscreen.batch.dictionary`), so adding
a column is adding one entry here (the rows are made by
:mod:`stalkscreen.batch.records`).

One naming scheme: a column has the same name in CSV and JSON Lines; SQLite
writes ``.`` and ``-`` as ``_`` (``s-dash.yes`` is ``s_dash_yes``). A JSON line
is the score record of the contract with the columns it lacks added; it keeps
the counts by instrument nested (``instruments.dash.yes`` is CSV ``dash.yes``).
Types:

- ``boolean``: CSV ``true``/``false``, SQLite integer 1/0, JSON true/false;
- ``integer``: a whole number (SQLite ``INTEGER``);
- ``date``: ISO 8601 text (``2026-11-20``, or a date-time where one was given);
- ``list``: CSV and SQLite join the values with ``;``, JSON Lines has an array;
- ``text``: text. An empty cell (SQLite ``NULL``, JSON ``null``) is "not known".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stalkscreen.batch.column_spec import Column, Facts, Kind
from stalkscreen.definitions.models import LEVELS
from stalkscreen.errors import shown

_LEVELS = " | ".join(LEVELS)
_RELATIONSHIPS = (
    "partner | ex-partner | family | acquaintance | colleague | stranger | professional | "
    "other | unknown"
)


def _rec(key: str) -> Callable[[Facts], Any]:
    return lambda f: f.record.get(key)


def _case(key: str) -> Callable[[Facts], Any]:
    return lambda f: getattr(f.case, key) if f.case is not None else None


def _date(key: str) -> Callable[[Facts], Any]:
    def get(f: Facts) -> str | None:
        value = getattr(f.case, key) if f.case is not None else None
        return value.isoformat() if value is not None else None

    return get


def _agency(f: Facts) -> str | None:
    """Typed text: left out of a pseudonymised batch."""
    return None if f.pseudonymised or f.case is None else f.case.agency


def _count_band(f: Facts) -> str | None:
    return f.screening.level_sources.get("band") if f.screening is not None else None


def _judged_level(f: Facts) -> str | None:
    return f.screening.professional_judgement if f.screening is not None else None


def _reference(f: Facts) -> str | None:
    return f.record["reference"] if f.record else f.outcome.reference


COLUMNS: tuple[Column, ...] = (
    Column(
        "screening",
        "integer",
        "Position of the screening among the run's inputs, from 1; joins the items table.",
        "1, 2, …",
        lambda f: f.position,
        always=True,
    ),
    Column(
        "source",
        "text",
        "The input file the screening came from.",
        "a path",
        lambda f: shown(f.outcome.source),  # a file name cannot drive a terminal (issue 21.8)
        always=True,
        in_jsonl=False,
    ),
    Column(
        "line",
        "integer",
        "Line (JSON Lines) or row (CSV, header = 1) of the input; empty for an answer file.",
        "1, 2, … or empty",
        lambda f: f.outcome.line,
        always=True,
        in_jsonl=False,
    ),
    Column(
        "reference",
        "text",
        "Case reference, or its pseudonym (`ps-` + 32 hex) with --pseudonymise.",
        "1-64 characters",
        _reference,
        always=True,
    ),
    Column("assessed_on", "date", "Date of the assessment.", "ISO date", _rec("assessed_on")),
    Column(
        "profile",
        "text",
        "Area profile the screening was scored with.",
        "a profile name",
        _rec("profile"),
    ),
    Column(
        "purpose",
        "text",
        "Who the screening is with: the victim, or (probation) the person who stalks.",
        "victim | probation",
        _rec("purpose"),
    ),
    Column(
        "instruments",
        "list",
        "Instruments answered (in JSON Lines, `instruments` holds their counts by id).",
        "dash, dash-ric, s-dash, srp-red-flags, srp-context, …",
        lambda f: list(f.record["instruments"]),
        in_jsonl=False,
    ),
    Column("risk_level", "text", "Final risk level (SC-LEVEL).", _LEVELS, _rec("risk_level")),
    Column(
        "graded",
        "boolean",
        "False when nothing graded the screening: risk_level is then standard by default.",
        "true | false",
        _rec("graded"),
    ),
    Column(
        "count_band",
        "text",
        "Level given by the yes-count band alone (DASH/RIC, or a profile band); empty if none.",
        _LEVELS,
        _count_band,
    ),
    Column(
        "marac_referral",
        "boolean",
        "A MARAC referral criterion holds.",
        "true | false",
        _rec("marac_referral"),
    ),
    Column(
        "reasons",
        "list",
        "Codes of every rule that raised the level or made the referral (level_reasons and "
        "marac_reasons split it).",
        "visible-high-risk, potential-escalation, professional-judgement, repeat-marac, "
        "srp-red-flag, honour-based-violence",
        _rec("reasons"),
    ),
    Column(
        "level_reasons",
        "list",
        "Codes of the rules that raised the level (part of reasons).",
        "professional-judgement, srp-red-flag, …",
        _rec("level_reasons"),
    ),
    Column(
        "marac_reasons",
        "list",
        "Codes of the rules that made the MARAC referral (part of reasons; count referrals "
        "by these, never by reasons).",
        "visible-high-risk, potential-escalation, professional-judgement, repeat-marac, "
        "honour-based-violence",
        _rec("marac_reasons"),
    ),
    Column(
        "urgent", "boolean", "An SRP red flag is present (SC-RF).", "true | false", _rec("urgent")
    ),
    Column(
        "red_flags",
        "list",
        "SRP red flags answered yes.",
        "suicidal-ideation, homicidal-ideation, last-resort-thinking, psychotic-symptoms, "
        "psychopathy, victim-fear",
        _rec("red_flags"),
    ),
    Column(
        "judgement_prompts",
        "list",
        "Judgement prompts that fired (SC-PROMPTS): shown, never scored.",
        "prompt codes (README, Scoring rules)",
        _rec("judgement_prompts"),
    ),
    Column(
        "judged",
        "boolean",
        "A professional judgement was recorded (confirming the computed level counts; SC-JUDGE).",
        "true | false",
        _rec("judged"),
    ),
    Column(
        "level_basis",
        "text",
        "Where the level comes from: the judgement, a red flag, the count alone (not yet "
        "judged), or nothing (not graded).",
        "judged | red-flag | count | not-graded",
        _rec("level_basis"),
    ),
    Column(
        "judged_level",
        "text",
        "Level recorded by professional judgement (SC-PJ); empty when none was recorded.",
        _LEVELS,
        _judged_level,
    ),
    Column(
        "follow_up",
        "list",
        "Items answered don't know, as instrument.item, for follow-up.",
        "instrument.item",
        _rec("follow_up"),
    ),
    Column(
        "not_asked",
        "list",
        "Items that applied but were not asked, as instrument.item (SC-COMPLETE).",
        "instrument.item",
        _rec("not_asked"),
    ),
    Column(
        "warnings",
        "list",
        "Warning codes (in JSON Lines: the full warnings, code first).",
        "warning codes",
        lambda f: [w.partition(":")[0] for w in f.record["warnings"]],
        in_jsonl=False,
    ),
    Column(
        "stalking_indicated",
        "boolean",
        "Stalking is indicated: DASH/RIC Q8 yes, any S-DASH yes, or the FOUR triage (SC-FOUR).",
        "true | false",
        _rec("stalking_indicated"),
    ),
    Column(
        "stalking_type",
        "text",
        "Stalking type recorded in the SRP context (SC-TYPE); empty when the context was not "
        "asked.",
        "rejected | resentful | intimacy-seeker | incompetent-suitor | predatory | unknown",
        _rec("stalking_type"),
    ),
    Column(
        "heightened_risk_factors",
        "list",
        "SRP heightened-risk factors answered yes (SC-HRF).",
        "srp-context item ids (threats, approach, history, mental-health, …)",
        _rec("heightened_risk_factors"),
    ),
    Column(
        "relationship",
        "text",
        "The victim's relationship to the person they fear (case field).",
        _RELATIONSHIPS,
        _case("relationship"),
    ),
    Column(
        "incidents_last_12_months",
        "integer",
        "Domestic-abuse incidents known to police in the 12 months before the assessment.",
        "0 or more",
        _case("incidents_last_12_months"),
    ),
    Column(
        "crimes_last_12_months",
        "integer",
        "Crimes in the 12 months before the assessment (case field).",
        "0 or more",
        _case("crimes_last_12_months"),
    ),
    Column(
        "last_marac_on",
        "date",
        "Date of the last MARAC referral for this victim (case field).",
        "ISO date",
        _date("last_marac_on"),
    ),
    Column(
        "agency",
        "text",
        "Agency that screened (case field); empty with --pseudonymise (it is typed text).",
        "text",
        _agency,
    ),
)
"""The columns before the per-instrument counts, in order."""


def _compared(key: str) -> Callable[[Facts], Any]:
    return lambda f: f.compared.contract()[key] if f.compared is not None else None


COMPARE_COLUMNS: tuple[Column, ...] = (
    Column(
        "compare_profile",
        "text",
        "With --compare-profile: the second profile the screening was also scored with.",
        "a profile name",
        lambda f: f.compared.profile if f.compared is not None else None,
    ),
    Column(
        "compare_risk_level",
        "text",
        "With --compare-profile: the risk level under the second profile.",
        _LEVELS,
        _compared("risk_level"),
    ),
    Column(
        "compare_marac_referral",
        "boolean",
        "With --compare-profile: whether the second profile would refer to MARAC.",
        "true | false",
        _compared("marac_referral"),
    ),
    Column(
        "compare_reasons",
        "list",
        "With --compare-profile: what made the MARAC referral under the second profile.",
        "as marac_reasons",
        _compared("marac_reasons"),
    ),
)
"""Columns after the counts (before :data:`TAIL`), only in a run with --compare-profile."""

TAIL: tuple[Column, ...] = (
    Column(
        "status",
        "text",
        "Status of the answer file: drafts are scored but marked.",
        "completed | in-progress",
        _rec("status"),
    ),
    Column(
        "complete",
        "boolean",
        "False when an item that applied was not asked (SC-COMPLETE).",
        "true | false",
        _rec("complete"),
    ),
    Column(
        "outcome",
        "text",
        "What became of the input: scored, not valid, or a fault while scoring it.",
        "ok | invalid | error",
        lambda f: f.outcome.status,
        always=True,
        in_jsonl=False,
    ),
    Column(
        "error",
        "text",
        "For a failed input: the file, line or row, what is wrong and how to fix it.",
        "text",
        lambda f: shown(f.outcome.error) if f.outcome.error else None,
        always=True,
        in_jsonl=False,
    ),
    Column(
        "error_code",
        "list",
        "For a failed input: the code of each problem, from the catalogue of problems (README "
        '"Problems and their codes"), each once.',
        "SS-E001 …",
        lambda f: list(f.outcome.codes) or None,
        always=True,
        in_jsonl=False,
    ),
)
"""The columns after the per-instrument counts."""

COUNT_COLUMNS: tuple[tuple[str, Kind, str, str], ...] = (
    ("version", "text", "Version and content hash of the definition used.", "1.0.0+sha256:…"),
    ("yes", "integer", "Items answered yes (SC-COUNT).", "0 or more"),
    ("no", "integer", "Items answered no.", "0 or more"),
    ("unknown", "integer", "Items answered don't know.", "0 or more"),
    ("not_asked", "integer", "Items that applied but were not asked.", "0 or more"),
    ("band", "text", "Band of the yes-count (DASH/RIC, or a profile band).", _LEVELS),
)
"""Per instrument, ``<instrument>.<field>``: empty when the instrument was not answered."""

COUNT_FIELDS = tuple(name for name, *_ in COUNT_COLUMNS)
