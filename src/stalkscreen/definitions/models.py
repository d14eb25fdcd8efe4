"""Frozen, strict models of instrument definitions and wording overlays (area profiles are
:mod:`stalkscreen.definitions.profiles`).

These are the schemas of the YAML files under ``questionnaires/``. Each field
has a description: it becomes the published JSON Schema.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from stalkscreen.catalogue import Definitions
from stalkscreen.definitions.conditions import ConditionSyntaxError, parse_condition
from stalkscreen.errors import Invalid

Level = Literal["standard", "medium", "high"]
LEVELS: tuple[Level, ...] = ("standard", "medium", "high")

_ID = r"^[a-z0-9][a-z0-9_\-]*$"
_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.\-]+)?$")


def level_rank(level: Level) -> int:
    """0 for standard, 1 for medium, 2 for high."""
    return LEVELS.index(level)


_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
"""Control characters (other than line breaks and tabs) and invisible format characters
(bidi overrides, zero-width): definitions and wording overlays are held to the text rules
of answer files (issue 21.7), as their text reaches every report and terminal."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _text_rules(cls, value: object) -> object:
        texts = value if isinstance(value, list | tuple) else [value]
        for text in texts:
            if isinstance(text, str) and _NOT_TEXT.search(text):
                raise Invalid(Definitions.INVISIBLE_TEXT)
        return value


Identifier = Annotated[str, Field(pattern=_ID, max_length=64)]


def _check_condition(value: str | None) -> str | None:
    if value is None:
        return value
    try:
        parse_condition(value)
    except ConditionSyntaxError as exc:
        raise Invalid(Definitions.BAD_CONDITION, condition=value, detail=str(exc)) from None
    return value


Condition = Annotated[
    str,
    Field(description="A condition in the safe condition language, e.g. `dash.q8 == yes`."),
]


class Choice(Strict):
    id: Identifier = Field(description="Stable id of the choice, stored in answer files.")
    label: str = Field(description="Text shown for the choice.")


class Detail(Strict):
    """Extra detail an item records beside its yes/no/unknown answer."""

    id: Identifier = Field(description="Stable id; answer files store it under `details`.")
    prompt: str = Field(description="The question, in the project's own words.")
    kind: Literal["choices", "yes-no", "text"] = Field(
        description="`choices`: any of the listed choices; `yes-no`: yes/no/unknown; `text`."
    )
    choices: tuple[Choice, ...] = Field(default=(), description="Allowed choices for `choices`.")
    when: Condition | None = Field(
        default=None, description="Ask the detail only when this holds (e.g. `q4 == yes`)."
    )
    single: bool = Field(
        default=False,
        description="For `choices`: at most one choice may be recorded (e.g. the type of "
        "stalking).",
    )

    _v_when = field_validator("when")(_check_condition)

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> Detail:
        if self.kind == "choices" and not self.choices:
            raise Invalid(Definitions.CHOICES_MISSING)
        if self.kind != "choices" and self.choices:
            raise Invalid(Definitions.CHOICES_NOT_ALLOWED)
        if self.kind != "choices" and self.single:
            raise Invalid(Definitions.SINGLE_NOT_ALLOWED)
        return self


class CountRule(Strict):
    """When a yes answer counts (SC-COUNT), and what to say when it does not."""

    when: Condition = Field(description="The yes counts only when this holds.")
    note: str = Field(min_length=3, description="Why the yes is not counted, in our own words.")

    _v_when = field_validator("when")(_check_condition)


class Item(Strict):
    """One question of an instrument."""

    id: Identifier = Field(description="Stable id, never changed once published (`q1`…).")
    number: int | None = Field(
        default=None, ge=1, description="The official form's own item number, where it has one."
    )
    section: Identifier = Field(description="Id of the section this item belongs to.")
    prompt: str = Field(min_length=3, description="The question, in the project's own words.")
    guidance: str = Field(
        min_length=3, description="Short practitioner note: why it matters, what to ask."
    )
    confidence: Literal["confirmed", "reconstructed"] = Field(
        description="`confirmed` against a copy of the form, or `reconstructed` from secondary "
        "sources (check against your licensed copy)."
    )
    high_risk_factor: bool | None = Field(
        default=None,
        description="Printed in bold on the official form as a high-risk factor; unset when "
        "not confirmed (an overlay may set it).",
    )
    equivalent: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9\-]+\.[a-z0-9_\-]+$",
        description="The same question in another instrument, as `instrument.item`.",
    )
    details: tuple[Detail, ...] = Field(default=(), description="Extra detail to record.")
    when: Condition | None = Field(default=None, description="Ask the item only when this holds.")
    counted: bool = Field(
        default=True,
        description="False for an item that records context (e.g. whether the type of stalking "
        "is known): it is asked and shown, but never counted among the yes answers (SC-COUNT).",
    )
    counts_when: CountRule | None = Field(
        default=None,
        description="SC-COUNT: a yes counts only when this holds (e.g. a threat to kill counts "
        "only when the victim believed it); otherwise it is counted as no and the note is shown.",
    )

    _v_when = field_validator("when")(_check_condition)


class Section(Strict):
    id: Identifier = Field(description="Stable id of the section.")
    title: str = Field(description="Heading shown in the interview and the report.")
    when: Condition | None = Field(
        default=None,
        description="Ask the section only when this holds; otherwise its items are not "
        "applicable (not counted as missing).",
    )
    gate: str | None = Field(
        default=None,
        description="A yes/no question the interview asks before the section; the answer is "
        "stored in `context` under the section's `gate_key`.",
    )
    gate_key: Identifier | None = Field(default=None, description="Context key for the gate.")

    _v_when = field_validator("when")(_check_condition)

    @model_validator(mode="after")
    def _gate_pair(self) -> Section:
        if (self.gate is None) != (self.gate_key is None):
            raise Invalid(Definitions.GATE_PAIR)
        return self


class MissingInstrument(Strict):
    instrument: Identifier = Field(description="The instrument whose absence changes the text.")
    text: str = Field(min_length=3, description="The prompt's text when it is not recorded.")


class Prompt(Strict):
    """A professional-judgement prompt: shown, never scored (SC-PROMPTS)."""

    id: Identifier = Field(description="Stable code reported in `judgement_prompts`.")
    when: Condition = Field(description="The prompt fires when this holds.")
    text: str = Field(description="What the practitioner should consider, in our own words.")
    missing: MissingInstrument | None = Field(
        default=None,
        description="The text to show instead when another instrument (e.g. the S-DASH) has "
        "not been recorded in the screening.",
    )

    _v_when = field_validator("when")(_check_condition)


class Questionnaire(Strict):
    """An instrument definition (one YAML file under `questionnaires/`)."""

    id: Identifier = Field(description="Instrument id used in answer files (`dash`, `s-dash`…).")
    version: str = Field(description="Semantic version of this definition.")
    title: str = Field(description="Full title, in the project's own words.")
    short_title: str = Field(max_length=40, description="Short name for tables.")
    kind: Literal["checklist", "red-flags", "record"] = Field(
        description="`checklist`: yes answers are counted; `red-flags`: any yes is urgent (SC-RF); "
        "`record`: asked and shown but never scored (no count, level, prompt or completeness)."
    )
    label: str = Field(
        description="The 'aide-memoire, not the official form' label shown with the instrument."
    )
    attribution: str = Field(description="Who the instrument is by; no claim of endorsement.")
    purpose: str = Field(description="Who uses it and when, in one or two sentences.")
    band_scale: Identifier | None = Field(
        default=None,
        description="Which profile band table grades the yes-count (`dash`), or none.",
    )
    offered_when: Condition | None = Field(
        default=None,
        description="When the interview offers this instrument after another (SC-SDASH).",
    )
    indicates_stalking: Condition | None = Field(
        default=None,
        description="The answers to this instrument indicate stalking when this holds (SC-FOUR): "
        "the score result sets `stalking_indicated` and the summary adds the stalking routes.",
    )
    sections: tuple[Section, ...] = Field(min_length=1, description="Sections, in order.")
    items: tuple[Item, ...] = Field(min_length=1, description="Items, in order.")
    prompts: tuple[Prompt, ...] = Field(default=(), description="Judgement prompts.")

    _v_offered = field_validator("offered_when")(_check_condition)
    _v_indicates = field_validator("indicates_stalking")(_check_condition)
    _item_index: tuple[tuple[Item, ...], dict[str, Item]] | None = PrivateAttr(default=None)

    @field_validator("version")
    @classmethod
    def _semver(cls, value: str) -> str:
        if not _SEMVER.match(value):
            raise Invalid(Definitions.BAD_VERSION, value=value)
        return value

    @model_validator(mode="after")
    def _ids_unique_and_sections_known(self) -> Questionnaire:
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise Invalid(Definitions.DUPLICATE_ID, what="item", ident=item.id)
            seen.add(item.id)
        section_ids = [s.id for s in self.sections]
        if len(set(section_ids)) != len(section_ids):
            twice = next(s for s in section_ids if section_ids.count(s) > 1)
            raise Invalid(Definitions.DUPLICATE_ID, what="section", ident=twice)
        for item in self.items:
            if item.section not in section_ids:
                raise Invalid(
                    Definitions.UNKNOWN_SECTION,
                    item=item.id,
                    section=item.section,
                    allowed=", ".join(section_ids),
                )
        prompt_ids = [p.id for p in self.prompts]
        if len(set(prompt_ids)) != len(prompt_ids):
            twice = next(p for p in prompt_ids if prompt_ids.count(p) > 1)
            raise Invalid(Definitions.DUPLICATE_ID, what="prompt", ident=twice)
        return self

    def item(self, item_id: str) -> Item | None:
        """The item with this id, or ``None``."""
        # Read the private slot directly: pydantic's attribute fallback is slow on this hot
        # path. The index is keyed on the items tuple itself, so a model_copy with new items
        # never sees a stale map.
        private = self.__pydantic_private__
        index = private.get("_item_index") if private is not None else None
        items = self.items
        if index is None or index[0] is not items:
            index = (items, {item.id: item for item in items})
            self._item_index = index
        return index[1].get(item_id)

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)


# --------------------------------------------------------------------------- overlays


class ItemWording(Strict):
    prompt: str | None = Field(default=None, description="Replacement question text.")
    guidance: str | None = Field(default=None, description="Replacement guidance text.")
    high_risk_factor: bool | None = Field(
        default=None, description="Mark the item as a form's high-risk factor."
    )


class WordingOverlay(Strict):
    """Local wording that replaces item text by id; scoring is unchanged."""

    overlay: Literal["stalkscreen/wording@1"] = Field(description="Format tag of overlays.")
    instrument: Identifier = Field(description="The instrument it applies to.")
    name: str = Field(description="Name shown in outputs, e.g. the licence it comes from.")
    items: dict[Identifier, ItemWording] = Field(description="Replacement text by item id.")
