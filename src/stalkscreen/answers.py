"""The answer-file model: one saved screening (contract `stalkscreen/answers@1`).

See the README "Answer files". The models are strict; the front door is forgiving:
every spelling people type (``Yes``, ``dk``, ``don't know``, YAML booleans) is
normalised before they validate (:mod:`stalkscreen.vocabulary`), and reading a file
— the fast path for canonical data or the full one that names every problem — is
:mod:`stalkscreen.reading`. Writing one is :mod:`stalkscreen.saving`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from stalkscreen.catalogue import Answers
from stalkscreen.dates import sane_day
from stalkscreen.definitions.models import Level
from stalkscreen.errors import Invalid, short_token
from stalkscreen.incidents import IncidentLog
from stalkscreen.vocabulary import (
    CASE_FIELDS,
    CONTROL,
    CONTROL_EXCEPT_BREAKS,
    FORMAT,
    MAX_COMMENT,
    MAX_RATIONALE,
    MAX_SHORT_TEXT,
    PROBATION_CONTEXT,
    Answer,
    DomainLevel,
    Purpose,
    Relationship,
    SrpDomain,
)


def _identifier(value: str) -> str:
    """A reference or a name: printable, and no invisible format characters."""
    _printable(value)
    if not value.isascii() and FORMAT.search(value):
        raise Invalid(Answers.INVISIBLE_CHARACTERS)
    return value


def _printable(value: str) -> str:
    if CONTROL.search(value):
        raise Invalid(Answers.CONTROL_CHARACTERS)
    return value


def _multiline(value: str) -> str:
    if CONTROL_EXCEPT_BREAKS.search(value):
        raise Invalid(Answers.CONTROL_CHARACTERS)
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
            raise Invalid(Answers.REFERENCE_BLANK)
        return _identifier(value)

    @field_validator("assessed_on", "last_marac_on")
    @classmethod
    def _dates(cls, value: object) -> object:
        return sane_day(value)

    @field_validator("practitioner", "agency")
    @classmethod
    def _names(cls, value: str | None) -> str | None:
        return None if value is None else _identifier(value)

    @field_validator("incidents_last_12_months", "crimes_last_12_months", mode="before")
    @classmethod
    def _no_booleans(cls, value: object) -> object:
        if isinstance(value, bool):  # `yes` would otherwise count as 1
            raise Invalid(Answers.BOOLEAN_COUNT)
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
        return None if value is None else _multiline(value)

    @field_validator("source")
    @classmethod
    def _source(cls, value: str | None) -> str | None:
        return None if value is None else _printable(value)


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
            raise Invalid(Answers.JUDGEMENT_NEEDS_RATIONALE)
        if self.rationale is not None:
            _multiline(self.rationale)
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
            _multiline(self.rationale)
        if self.level == "high" and not (self.rationale and self.rationale.strip()):
            raise Invalid(Answers.DOMAIN_NEEDS_RATIONALE)
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
            _printable(text)
        if info.data.get("purpose") == "probation":
            for key, allowed in PROBATION_CONTEXT.items():
                given = value.get(key)
                if given is not None and given not in allowed:
                    raise Invalid(
                        Answers.PROBATION_CONTEXT_VALUE,
                        key=key,
                        value=short_token(given),
                        allowed=", ".join(allowed),
                    )
        return value

    @field_validator("srp_domains")
    @classmethod
    def _domains_for_probation(
        cls, value: dict[str, DomainJudgement] | None, info: ValidationInfo
    ) -> dict[str, DomainJudgement] | None:
        purpose = info.data.get("purpose")  # absent when the purpose itself was refused
        if value is not None and purpose is not None and purpose != "probation":
            raise Invalid(Answers.DOMAINS_NOT_PROBATION)
        return value

    def answer(self, instrument: str, item: str) -> Response | None:
        """The response to one item, or ``None`` when it was not asked."""
        return self.responses.get(instrument, {}).get(item)


if tuple(Case.model_fields) != CASE_FIELDS:  # checked at import, under python -O too
    raise TypeError("Case's fields changed: update vocabulary.CASE_FIELDS to match")
