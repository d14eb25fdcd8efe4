"""The result of scoring one screening, and its contract JSON form."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidatorFunctionWrapHandler, WrapValidator

from stalkscreen.definitions.models import Level
from stalkscreen.i18n import Message


def _keep_message(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    return value if isinstance(value, Message) else handler(value)


Text = Annotated[str, WrapValidator(_keep_message)]
"""A sentence of the engine's: its English as a ``str``, and when scoring built it a
:class:`~stalkscreen.i18n.Message` that reports say in their language (validating a
result keeps it, as a result built without validation has it)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


M = TypeVar("M", bound=_Frozen)

LevelBasis = Literal["judged", "red-flag", "count", "not-graded"]


def trusted(cls: type[M], /, **values: Any) -> M:
    """A result model built by scoring itself, without validating it again.

    ``values`` gives every field (the callers do; tests check the result equals the
    validated model). It is pydantic's documented way to make a model from trusted
    data without validation, ``model_copy(update=...)``, applied to a template with
    every field present (so the field order is the model's). Measured per model:
    ``model_construct``, whose per-field search for aliases and defaults runs in
    Python, cost more than twice as much (about 5 µs for a ``Screening`` against 2 µs),
    and validation about as much as ``model_construct``.
    """
    return cast("M", _template(cls).model_copy(update=values))


def trusted_from(cls: type[M], values: dict[str, Any], /) -> M:
    """:func:`trusted` from a dict of every field's value."""
    return cast("M", _template(cls).model_copy(update=values))


@functools.cache
def _template(cls: type[M]) -> M:
    """An instance of ``cls`` with every field set (to ``None``), for :func:`trusted` to copy."""
    return cast("M", cls.model_construct(**dict.fromkeys(cls.model_fields)))


class InstrumentResult(_Frozen):
    """Counts for one instrument (SC-COUNT) and its band where it has one (SC-BAND)."""

    instrument: str = Field(description="Instrument id.")
    title: str = Field(description="Short title of the instrument.")
    stamp: str = Field(description="Version and content hash of the definition used.")
    wording: str = Field(description="`bundled` or the name of the wording overlay.")
    yes: int
    no: int
    unknown: int
    not_asked: int
    total: int = Field(description="Items that applied to this screening.")
    band: Level | None = Field(description="The profile band of the yes-count, if graded.")
    yes_items: tuple[str, ...] = Field(description="Item ids answered yes, in form order.")
    unknown_items: tuple[str, ...]
    not_asked_items: tuple[str, ...]


class Evidence(_Frozen):
    """One rule that fired: what it did and the answers or counts behind it."""

    rule: str = Field(description="Rule id from the domain brief, e.g. SC-VHR.")
    code: str = Field(description="Reason code (`visible-high-risk`, …) or `band`.")
    effect: str = Field(description="What the rule did: a level, a referral, urgency.")
    summary: Text = Field(description="Plain-words account with the counts and thresholds.")
    items: tuple[str, ...] = Field(default=(), description="`instrument.item` behind it.")


class PromptHit(_Frozen):
    """A judgement prompt that fired (SC-PROMPTS): shown, never scored."""

    id: str
    instrument: str
    text: Text


class LogSummary(_Frozen):
    """SC-LOG: what the attached incident log adds to a screening."""

    entries: int = Field(description="Incidents in the log.")
    in_window: int | None = Field(
        default=None, description="Incidents in the 12 months before the assessment."
    )
    reported_in_window: int | None = Field(
        default=None, description="Of those, how many are marked reported to police."
    )
    filled_incidents: bool = Field(
        default=False,
        description="True when `incidents_last_12_months` was derived from the log.",
    )


class Screening(_Frozen):
    """Everything scoring found, with the evidence for each part of it."""

    reference: str
    assessed_on: str | None
    profile: str
    status: str
    risk_level: Level
    level_sources: dict[str, Level | None] = Field(
        description="The candidates SC-LEVEL takes the highest of."
    )
    graded: bool = Field(
        description="False when nothing graded the screening (no DASH/RIC band, red flag, "
        "profile band or judgement): `risk_level` is then `standard` by default, not a finding."
    )
    judged: bool = Field(
        description="SC-JUDGE: a professional judgement of the level is recorded (confirming "
        "the level the answers give counts)."
    )
    level_basis: LevelBasis = Field(
        description="Where the level comes from: `judged` (the practitioner's judgement), "
        "`red-flag` (raised by a red flag), `count` (the yes-count band alone: shown as 'by "
        "count (not yet judged)'), or `not-graded`."
    )
    marac_referral: bool
    reasons: tuple[str, ...] = Field(
        description="Every rule that raised the level or made the MARAC referral (the "
        "contract's list; `level_reasons` and `marac_reasons` split it)."
    )
    level_reasons: tuple[str, ...] = Field(description="The rules that raised the level.")
    marac_reasons: tuple[str, ...] = Field(description="The rules that made the MARAC referral.")
    urgent: bool
    complete: bool
    instruments: dict[str, InstrumentResult]
    red_flags: tuple[str, ...]
    judgement_prompts: tuple[str, ...]
    prompts: tuple[PromptHit, ...]
    follow_up: tuple[str, ...]
    not_asked: tuple[str, ...]
    incomplete: tuple[Text, ...] = Field(description="Why the screening is incomplete.")
    evidence: tuple[Evidence, ...]
    warnings: tuple[Text, ...]
    professional_judgement: Level | None
    professional_judgement_rationale: str | None
    stalking_indicated: bool
    children_involved: bool = Field(
        description="Children's services apply: a children prompt fired, or children live in "
        "the household (`context.children`)."
    )
    relationship: str | None = Field(
        description="The relationship recorded in the case (SC-ROUTE reads it)."
    )
    domestic_abuse: bool = Field(
        description="SC-ROUTE: a domestic-abuse case (partner, ex-partner or family; or a "
        "DASH/RIC with no relationship outside the family recorded)."
    )
    stalking_type: str | None = Field(
        default=None, description="SC-TYPE: the type recorded in srp-context, or unknown."
    )
    heightened_risk_factors: tuple[str, ...] = Field(
        default=(), description="SC-HRF: srp-context factors answered yes."
    )
    red_flag_notes: tuple[Text, ...] = Field(
        default=(), description="SC-TYPE: notes that qualify a red flag (never remove it)."
    )
    incident_log: LogSummary | None = Field(default=None, description="SC-LOG counts.")
    purpose: str = Field(
        default="victim",
        description="SC-PURPOSE: `victim`, or `probation` (the person who stalks).",
    )
    srp_domains: dict[str, str] | None = Field(
        default=None,
        description="SC-DOMAINS: the level judged for each SRP domain rated (probation only).",
    )
    behaviours: tuple[str, ...] = Field(
        default=(), description="SC-BEHAV: behaviours recorded as happening (never scored)."
    )
    safety: dict[str, str] = Field(
        default_factory=dict,
        description="What the victim said about their safety (`safe_to_talk`, `safe_contact`, "
        "`messages_safe`, `other_party_whereabouts`, `children_whereabouts`), where recorded. "
        "Free text (a safe number, an address): shown in summaries, never in the score JSON or "
        "batch records.",
    )

    def contract(self) -> dict[str, Any]:
        """The score output of the public contract (extra keys are allowed by it)."""
        # the fields, read from the model's own dict (what attribute access reads, for less)
        d = self.__dict__
        log = d["incident_log"]
        return {
            "reference": d["reference"],
            "risk_level": d["risk_level"],
            "graded": d["graded"],
            "judged": d["judged"],
            "level_basis": d["level_basis"],
            "marac_referral": d["marac_referral"],
            "reasons": list(d["reasons"]),
            "level_reasons": list(d["level_reasons"]),
            "marac_reasons": list(d["marac_reasons"]),
            "urgent": d["urgent"],
            "complete": d["complete"],
            "instruments": {key: _instrument(r.__dict__) for key, r in d["instruments"].items()},
            "red_flags": list(d["red_flags"]),
            "judgement_prompts": list(d["judgement_prompts"]),
            "follow_up": list(d["follow_up"]),
            "warnings": list(d["warnings"]),
            "assessed_on": d["assessed_on"],
            "profile": d["profile"],
            "status": d["status"],
            "not_asked": list(d["not_asked"]),
            # what e.model_dump() gives (every field, in order), without the serializer's
            # per-call set-up: a copy of the evidence's own dict
            "evidence": [e.__dict__.copy() for e in d["evidence"]],
            "stalking_indicated": d["stalking_indicated"],
            "domestic_abuse": d["domestic_abuse"],
            "stalking_type": d["stalking_type"],
            "heightened_risk_factors": list(d["heightened_risk_factors"]),
            "red_flag_notes": list(d["red_flag_notes"]),
            "incident_log": log.model_dump() if log else None,
            "purpose": d["purpose"],
            "srp_domains": None if d["srp_domains"] is None else dict(d["srp_domains"]),
            "behaviours": list(d["behaviours"]),
        }


def _instrument(r: dict[str, Any]) -> dict[str, Any]:
    """One instrument's counts in the contract, from an :class:`InstrumentResult`'s dict."""
    return {
        "yes": r["yes"],
        "no": r["no"],
        "unknown": r["unknown"],
        "not_asked": r["not_asked"],
        "band": r["band"],
        "version": r["stamp"],
        "wording": r["wording"],
        "yes_items": list(r["yes_items"]),
    }
