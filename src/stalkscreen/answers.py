"""The answer-file model: one saved screening (contract `stalkscreen/answers@1`).

See ``docs``/README "Answer files". Loading is forgiving at the front door —
``Yes``, ``dk``, ``don't know``, YAML booleans — and strict behind it: every
spelling is normalised in :func:`normalise_answer`, in one place, before the
frozen models validate. Checks that need the instrument definitions (unknown
instruments, items, details and choices) are in :func:`check_responses`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from stalkscreen import ANSWERS_FORMAT
from stalkscreen.definitions.models import Level, Questionnaire
from stalkscreen.errors import InvalidInputError, Problem, nearest, short_token
from stalkscreen.incidents import IncidentLog, sane_day
from stalkscreen.problems import collect, dotted
from stalkscreen.source import Document, parse_text, read_document, require_mapping

Answer = Literal["yes", "no", "unknown"]

Relationship = Literal[
    "partner",
    "ex-partner",
    "family",
    "acquaintance",
    "colleague",
    "stranger",
    "professional",
    "other",
    "unknown",
]

Purpose = Literal["victim", "probation"]
"""Who the screening is with: a victim (the default) or, for probation, the person who stalks."""
DomainLevel = Literal["low", "moderate", "high"]
SrpDomain = Literal["violence", "persistence", "recurrence", "psychosocial-damage"]
SRP_DOMAINS: tuple[SrpDomain, ...] = get_args(SrpDomain)
PROBATION_CONTEXT: dict[str, tuple[str, ...]] = {
    "supervision": ("custody", "licence", "community-order", "none", "unknown"),
    "victim_contact": ("yes", "no", "unknown"),
    "police_involved": ("yes", "no", "unknown"),
}
"""The case details a probation screening keeps in ``context``, with the values each takes."""

MAX_COMMENT = 20_000
"""Longest comment accepted, in characters (about eight pages of typing)."""
MAX_SHORT_TEXT = 500
"""Longest source, practitioner, agency, context value or detail text."""
MAX_RATIONALE = 20_000

ANSWER_SPELLINGS: dict[str, Answer] = {
    "yes": "yes",
    "y": "yes",
    "true": "yes",
    "no": "no",
    "n": "no",
    "false": "no",
    "unknown": "unknown",
    "don't know": "unknown",
    "don’t know": "unknown",
    "dont know": "unknown",
    "dont-know": "unknown",
    "dont_know": "unknown",
    "dk": "unknown",
}
ACCEPTED_SPELLINGS = "yes, no or unknown (also: true/false, y/n, don't know, dk)"


def normalise_answer(value: object) -> Answer | None:
    """The canonical answer for a value people really type, or ``None`` if it is not one."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, str):
        return ANSWER_SPELLINGS.get(value.strip().lower())
    return None


# Unicode's control characters (category Cc) are exactly C0, DEL and C1; one regex
# search is far cheaper than looking up the category of every character.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Any control character (Unicode category Cc)."""
CONTROL_EXCEPT_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""A control character other than tab, line feed and carriage return."""


FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)
"""Unicode format characters (category Cf): bidi overrides, zero-width spaces and joiners.
Invisible, they make two references that look the same differ, or reorder a line."""


def _identifier(value: str, what: str) -> str:
    """A reference or a name: printable, and no invisible format characters."""
    _printable(value, what)
    if not value.isascii() and FORMAT.search(value):
        raise ValueError(f"{what} holds invisible format characters (bidi or zero-width)|retype it")
    return value


def _printable(value: str, what: str) -> str:
    if CONTROL.search(value):
        raise ValueError(f"{what} holds control characters|use printable characters only")
    return value


def _multiline(value: str, what: str) -> str:
    if CONTROL_EXCEPT_BREAKS.search(value):
        raise ValueError(f"{what} holds control characters|remove them")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Case(_Model):
    """Who and when: the case details of a screening."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    reference: str = Field(
        min_length=1, max_length=64, description="Case reference, 1-64 printable characters."
    )
    assessed_on: date | datetime | None = Field(
        default=None, description="Date (or ISO date-time) of the assessment."
    )
    practitioner: str | None = Field(default=None, max_length=MAX_SHORT_TEXT)
    agency: str | None = Field(default=None, max_length=MAX_SHORT_TEXT)
    relationship: Relationship | None = Field(
        default=None, description="The victim's relationship to the person they fear."
    )
    incidents_last_12_months: int | None = Field(
        default=None,
        ge=0,
        le=10_000,
        description="Domestic-abuse incidents known to police in the 12 months before assessment.",
    )
    crimes_last_12_months: int | None = Field(default=None, ge=0, le=10_000)
    last_marac_on: date | None = Field(
        default=None, description="Date of the last MARAC referral for this victim."
    )

    @field_validator("reference")
    @classmethod
    def _reference(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the reference is blank|give the case reference")
        return _identifier(value, "the reference")

    @field_validator("assessed_on", "last_marac_on")
    @classmethod
    def _dates(cls, value: object) -> object:
        return sane_day(value)

    @field_validator("practitioner", "agency")
    @classmethod
    def _names(cls, value: str | None) -> str | None:
        return None if value is None else _identifier(value, "the name")

    @field_validator("incidents_last_12_months", "crimes_last_12_months", mode="before")
    @classmethod
    def _no_booleans(cls, value: object) -> object:
        if isinstance(value, bool):  # `yes` would otherwise count as 1
            raise ValueError("a yes/no value is not a number|write how many, e.g. 3 (0 for none)")
        return value

    @field_validator("relationship", mode="before")
    @classmethod
    def _relationship(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip().lower().replace("_", "-").replace(" ", "-")
        return value

    @property
    def assessed_date(self) -> date | None:
        """The assessment date, with any time of day dropped."""
        if isinstance(self.assessed_on, datetime):
            return self.assessed_on.date()
        return self.assessed_on


DetailValue = (
    Annotated[str, Field(max_length=MAX_SHORT_TEXT)] | list[Annotated[str, Field(max_length=64)]]
)


class Response(_Model):
    """One answered item."""

    answer: Answer
    comment: str | None = Field(default=None, max_length=MAX_COMMENT)
    source: str | None = Field(
        default=None,
        max_length=MAX_SHORT_TEXT,
        description="Where the answer came from when it is not the victim.",
    )
    details: dict[str, DetailValue] | None = Field(
        default=None, description="Extra detail the item records (see the instrument)."
    )

    @field_validator("comment")
    @classmethod
    def _comment(cls, value: str | None) -> str | None:
        return None if value is None else _multiline(value, "the comment")

    @field_validator("source")
    @classmethod
    def _source(cls, value: str | None) -> str | None:
        return None if value is None else _printable(value, "the source")


class ProfessionalJudgement(_Model):
    """SC-PJ: the practitioner's own judgement, which may raise (never lower) the level."""

    level: Level | None = None
    rationale: str | None = Field(default=None, max_length=MAX_RATIONALE)

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _rationale_required(self) -> ProfessionalJudgement:
        if self.level is not None and not (self.rationale and self.rationale.strip()):
            raise ValueError(
                "a professional-judgement level needs a written rationale"
                "|add `rationale:` saying why the level is raised"
            )
        if self.rationale is not None:
            _multiline(self.rationale, "the rationale")
        return self


class DomainJudgement(_Model):
    """One Stalking Risk Profile domain, judged by the practitioner (never computed)."""

    level: DomainLevel = Field(description="`low`, `moderate` or `high`.")
    rationale: str | None = Field(
        default=None,
        max_length=MAX_RATIONALE,
        description="Why; required when the level is high.",
    )

    @field_validator("level", mode="before")
    @classmethod
    def _level(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _rationale_for_high(self) -> DomainJudgement:
        if self.rationale is not None:
            _multiline(self.rationale, "the rationale")
        if self.level == "high" and not (self.rationale and self.rationale.strip()):
            raise ValueError(
                "a domain judged high needs a written rationale"
                "|add `rationale:` saying what the judgement rests on"
            )
        return self


class Meta(_Model):
    """Written by the tool; optional in hand-made files."""

    instruments: dict[str, str] = Field(
        default_factory=dict, description="Version and content hash of each definition used."
    )
    wording: dict[str, str] = Field(
        default_factory=dict, description="Which wording each instrument was asked with."
    )
    created_at: datetime | None = None
    updated_at: datetime | None = None
    cursor: str | None = Field(
        default=None, max_length=200, description="Where an in-progress interview stopped."
    )
    tool: str | None = Field(default=None, max_length=64, description="Tool and version.")

    @field_validator("created_at", "updated_at")
    @classmethod
    def _times(cls, value: object) -> object:
        return sane_day(value)


ContextValue = Annotated[str, Field(max_length=MAX_SHORT_TEXT)]


class AnswerSet(_Model):
    """One screening, as saved in an answer file."""

    format: Literal["stalkscreen/answers@1"] = Field(description="Contract version.")
    purpose: Purpose = Field(
        default="victim",
        description="`victim` (the default): a screening with the victim; `probation`: a "
        "screening of the person who stalks, by a probation practitioner.",
    )
    case: Case
    profile: str | None = Field(default=None, max_length=64, description="Area profile id.")
    context: dict[str, ContextValue] = Field(
        default_factory=dict,
        description="Pre-flight checks and section gates (e.g. `children: no`, "
        "`safe_to_talk: yes`, `s_dash: declined`).",
    )
    responses: dict[str, dict[str, Response]] = Field(
        default_factory=dict, description="Answers by instrument id, then item id."
    )
    professional_judgement: ProfessionalJudgement | None = None
    srp_domains: dict[SrpDomain, DomainJudgement] | None = Field(
        default=None,
        description="Probation only: the Stalking Risk Profile domains (`violence`, "
        "`persistence`, `recurrence`, `psychosocial-damage`), each judged low, moderate or "
        "high with a rationale (required for high). Judgement only: never computed.",
    )
    status: Literal["in-progress", "completed"] = "completed"
    incident_log: IncidentLog | None = Field(
        default=None,
        description="A dated incident log attached with `stalkscreen log import` (optional).",
    )
    meta: Meta | None = None

    @field_validator("context")
    @classmethod
    def _context(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        for text in value.values():
            _printable(text, "a context value")
        if info.data.get("purpose") == "probation":
            for key, allowed in PROBATION_CONTEXT.items():
                given = value.get(key)
                if given is not None and given not in allowed:
                    raise ValueError(
                        f"{key} is {short_token(given)}, not a value a probation screening "
                        f"records|use one of: {', '.join(allowed)}"
                    )
        return value

    @field_validator("srp_domains")
    @classmethod
    def _domains_for_probation(
        cls, value: dict[str, DomainJudgement] | None, info: ValidationInfo
    ) -> dict[str, DomainJudgement] | None:
        purpose = info.data.get("purpose")  # absent when the purpose itself was refused
        if value is not None and purpose is not None and purpose != "probation":
            raise ValueError(
                "the SRP domains belong to a probation screening"
                "|add `purpose: probation`, or remove `srp_domains`"
            )
        return value

    def answer(self, instrument: str, item: str) -> Response | None:
        """The response to one item, or ``None`` when it was not asked."""
        return self.responses.get(instrument, {}).get(item)


# --------------------------------------------------------------------------- loading


def _prepare(
    raw: dict[str, Any],
) -> tuple[dict[str, Any], list[tuple[tuple[str | int, ...], str, str]]]:
    """Normalise answer spellings in place-copy; return problems found on the way."""
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    data = dict(raw)
    if "format" in data and data["format"] != ANSWERS_FORMAT:
        problems.append(
            (
                ("format",),
                f"format {short_token(data['format'])} is not one this version reads",
                f"use format: {ANSWERS_FORMAT}",
            )
        )
        data["format"] = ANSWERS_FORMAT
    responses = data.get("responses")
    if isinstance(responses, dict):
        prepared: dict[str, Any] = {}
        for inst_id, items in responses.items():
            if items is None:
                prepared[str(inst_id)] = {}
                continue
            if not isinstance(items, dict):
                prepared[str(inst_id)] = items
                continue
            out: dict[str, Any] = {}
            for item_id, value in items.items():
                key = str(item_id)
                loc: tuple[str | int, ...] = ("responses", str(inst_id), key)
                if isinstance(value, dict):
                    answer = normalise_answer(value.get("answer"))
                    if answer is None:
                        problems.append(_bad_answer((*loc, "answer"), value.get("answer")))
                        continue
                    out[key] = {**value, "answer": answer}
                else:
                    answer = normalise_answer(value)
                    if answer is None:
                        problems.append(_bad_answer(loc, value))
                        continue
                    out[key] = {"answer": answer}
            prepared[str(inst_id)] = out
        data["responses"] = prepared
    context = data.get("context")
    if isinstance(context, dict):
        data["context"] = {
            str(k): (normalise_answer(v) if isinstance(v, bool) else v) for k, v in context.items()
        }
    return data, problems


def _bad_answer(
    loc: tuple[str | int, ...], value: object
) -> tuple[tuple[str | int, ...], str, str]:
    if value is None:
        return (loc, "the answer is empty", f"answer {ACCEPTED_SPELLINGS}, or leave the item out")
    return (loc, f"{short_token(value)} is not an answer", f"use {ACCEPTED_SPELLINGS}")


def check_responses(
    responses: Mapping[str, Any], definitions: Mapping[str, Questionnaire]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Problems that need the instrument definitions: unknown ids, details and choices."""
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    for inst_id, items in responses.items():
        loc: tuple[str | int, ...] = ("responses", str(inst_id))
        definition = definitions.get(str(inst_id))
        if definition is None:
            guess = nearest(str(inst_id), definitions)
            fix = f"did you mean {guess!r}?" if guess else f"use one of: {', '.join(definitions)}"
            problems.append((loc, f"unknown instrument {short_token(str(inst_id))}", fix))
            continue
        if not isinstance(items, dict):
            continue
        for item_id, value in items.items():
            item = definition.item(str(item_id))
            item_loc = (*loc, str(item_id))
            if item is None:
                guess = nearest(str(item_id), definition.item_ids)
                fix = (
                    f"did you mean {guess!r}?" if guess else "check the item ids in the instrument"
                )
                problems.append(
                    (item_loc, f"{definition.id} has no item {short_token(str(item_id))}", fix)
                )
                continue
            details = value.get("details") if isinstance(value, dict) else None
            if isinstance(details, dict):
                problems.extend(_check_details(item_loc, details, item.details))
    return problems


def _check_details(
    loc: tuple[str | int, ...], details: Mapping[str, Any], known: Iterable[Any]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    by_id = {d.id: d for d in known}
    for key, value in details.items():
        dloc = (*loc, "details", str(key))
        detail = by_id.get(str(key))
        if detail is None:
            guess = nearest(str(key), by_id)
            fix = (
                f"did you mean {guess!r}?"
                if guess
                else (
                    f"this item records: {', '.join(by_id)}"
                    if by_id
                    else "this item has no details"
                )
            )
            problems.append((dloc, f"unknown detail {short_token(str(key))}", fix))
        elif detail.kind == "choices":
            allowed = {c.id for c in detail.choices}
            values = value if isinstance(value, list) else [value]
            if detail.single and len(values) > 1:
                problems.append((dloc, "only one choice may be given", "keep one of them"))
            for v in values:
                if v not in allowed:
                    problems.append(
                        (
                            dloc,
                            f"{short_token(v)} is not a choice",
                            f"use any of: {', '.join(sorted(allowed))}",
                        )
                    )
        elif detail.kind == "yes-no" and normalise_answer(value) is None:
            problems.append(
                (dloc, f"{short_token(value)} is not an answer", f"use {ACCEPTED_SPELLINGS}")
            )
    return problems


def _normalise_details(data: dict[str, Any], definitions: Mapping[str, Questionnaire]) -> None:
    """Store yes-no details canonically (``true`` → ``yes``)."""
    responses = data.get("responses")
    if not isinstance(responses, dict):
        return
    for inst_id, items in responses.items():
        definition = definitions.get(inst_id)
        if definition is None or not isinstance(items, dict):
            continue
        for item_id, value in items.items():
            details = value.get("details") if isinstance(value, dict) else None
            item = definition.item(item_id)
            if not isinstance(details, dict) or item is None:
                continue
            kinds = {d.id: d.kind for d in item.details}
            value["details"] = {
                k: (normalise_answer(v) or v) if kinds.get(k) == "yes-no" else v
                for k, v in details.items()
            }


@functools.cache
def _canonical_answers() -> Callable[[object, Mapping[str, Questionnaire]], AnswerSet | None]:
    """The fast path (its module imports this one), looked up once, not on every screening."""
    from stalkscreen.canonical import canonical_answers

    return canonical_answers


def answers_from_data(
    raw: object,
    doc: Document,
    definitions: Mapping[str, Questionnaire],
    *,
    prefix: tuple[str | int, ...] = (),
    fast: bool = True,
) -> AnswerSet:
    """Validate one screening's data (already parsed) into an :class:`AnswerSet`.

    Data that is already canonical takes a fast path with the same result
    (:mod:`stalkscreen.canonical`); ``fast=False`` always takes the full one.
    """
    if fast:
        found = _canonical_answers()(raw, definitions)
        if found is not None:
            return found
    if not isinstance(raw, dict):
        kind = "empty" if raw is None else type(raw).__name__
        raise InvalidInputError(
            "not a mapping",
            [
                Problem(
                    doc.path,
                    dotted(prefix) if prefix else "top level",
                    f"expected a screening (a mapping of format, case, responses…), found {kind}",
                    "see the answer-file format in the README",
                    doc.line_of(prefix) if prefix else 1,
                )
            ],
        )
    data, early = _prepare(raw)
    responses = raw.get("responses")
    if isinstance(responses, dict):
        early.extend(check_responses(responses, definitions))
    _normalise_details(data, definitions)
    problems = [
        Problem(doc.path, dotted((*prefix, *loc)), msg, fix, doc.line_of((*prefix, *loc)))
        for loc, msg, fix in early
    ]
    answers, structural = collect(AnswerSet, data, doc, prefix=prefix)
    problems.extend(structural)
    if problems or answers is None:
        problems.sort(key=lambda p: (p.line or 0, p.place))
        raise InvalidInputError(f"{doc.path} is not a valid answer file", problems)
    if answers.incident_log is not None:
        from stalkscreen.limits import check_incident_dates

        check_incident_dates(
            answers.incident_log,
            answers.case.assessed_date,
            doc.path,
            lambda i: doc.line_of((*prefix, "incident_log", "entries", i, "date")),
            dotted((*prefix, "incident_log", "entries")),
        )
    return answers


def load_answers(path: Path, definitions: Mapping[str, Questionnaire]) -> AnswerSet:
    """Read one answer file (YAML or JSON) and validate it against the contract."""
    doc = read_document(path)
    require_mapping(doc, "an answer file (format, case, responses…)")
    return answers_from_data(doc.data, doc, definitions)


def parse_answers(
    text: str, label: str, definitions: Mapping[str, Questionnaire], *, fmt: str = ".yaml"
) -> AnswerSet:
    """Validate answer-file text that is already in memory (e.g. one JSON Lines record)."""
    doc = parse_text(text, label, fmt=fmt)
    return answers_from_data(doc.data, doc, definitions)


# --------------------------------------------------------------------------- saving


def answers_to_data(answers: AnswerSet) -> dict[str, Any]:
    """The plain-data form written to disk: bare answers where nothing else is recorded."""
    data = answers.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    compact: dict[str, Any] = {}
    for inst_id, items in data.get("responses", {}).items():
        compact[inst_id] = {
            item_id: (value["answer"] if set(value) == {"answer"} else value)
            for item_id, value in items.items()
        }
    data["responses"] = compact
    if data.get("purpose") == "victim":  # the default: files stay as they were before it
        del data["purpose"]
    if not data.get("context"):
        data.pop("context", None)
    return data


def dump_answers(answers: AnswerSet, *, fmt: str = "yaml") -> str:
    """Serialise a screening as YAML (the default) or JSON."""
    data = answers_to_data(answers)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def save_answers(answers: AnswerSet, path: Path) -> None:
    """Write a screening atomically, mode 0600, as YAML or JSON by the file's suffix.

    When this process seals files (see :mod:`stalkscreen.sealing`) the text is
    encrypted in memory first: no plaintext reaches the disk.
    """
    from stalkscreen.sealing import seal_for_storage
    from stalkscreen.storage import write_atomic

    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    data = dump_answers(answers, fmt=fmt).encode("utf-8")
    write_atomic(path, seal_for_storage(data, str(path)))


def stamp_meta(
    answers: AnswerSet, instruments: dict[str, str], wording: dict[str, str], *, tool: str
) -> AnswerSet:
    """A copy of ``answers`` with ``meta`` recording definitions used and the time."""
    now = datetime.now(UTC).replace(microsecond=0)
    old = answers.meta or Meta()
    meta = Meta(
        instruments={k: v for k, v in instruments.items() if k in answers.responses},
        wording={k: v for k, v in wording.items() if k in answers.responses},
        created_at=old.created_at or now,
        updated_at=now,
        cursor=old.cursor,
        tool=tool,
    )
    return answers.model_copy(update={"meta": meta})
