"""The texts of the prompts that scoring rules add themselves, read from data.

They live in ``questionnaires/rules/prompts.yaml`` so that a practitioner lead reviews
them with the instruments' own prompts, without reading Python. Each text may name
values in braces (``{yes}``, ``{threshold}``), which the rule fills in.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from stalkscreen.catalogue import Definitions
from stalkscreen.errors import Invalid
from stalkscreen.problems import read_model
from stalkscreen.resources import bundled_dir

RULE_PROMPTS_FILE = Path("rules") / "prompts.yaml"

FIELDS: dict[str, frozenset[str]] = {
    "record-judgement": frozenset(),
    "judgement-required": frozenset({"prompts"}),
    "unknowns-could-cross-threshold": frozenset(
        {"yes", "unknown", "instrument", "possible", "threshold"}
    ),
    "high-without-marac": frozenset({"profile", "threshold"}),
}
"""Every rule prompt, with the values its text may name."""


class RulePrompts(BaseModel):
    """The contents of ``rules/prompts.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    format: Literal["stalkscreen/rule-prompts@1"] = Field(description="Format tag.")
    judgement_required_by: tuple[str, ...] = Field(
        min_length=1,
        description="SC-JUDGE: prompts that, with no judgement recorded, call for one.",
    )
    prompts: dict[str, str] = Field(description="Text of each rule prompt, by prompt id.")

    @model_validator(mode="after")
    def _every_prompt_with_its_fields(self) -> RulePrompts:
        missing = sorted(set(FIELDS) - set(self.prompts))
        extra = sorted(set(self.prompts) - set(FIELDS))
        if missing or extra:
            raise Invalid(
                Definitions.RULE_PROMPTS_KEYS,
                missing=", ".join(missing) or "none",
                unknown=", ".join(extra) or "none",
                allowed=", ".join(sorted(FIELDS)),
            )
        for key, text in self.prompts.items():
            named = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            if not named <= FIELDS[key]:
                raise Invalid(
                    Definitions.RULE_PROMPT_FIELDS,
                    prompt=key,
                    names=", ".join(sorted(named - FIELDS[key])),
                    allowed=", ".join(sorted(FIELDS[key])) or "nothing",
                )
        return self

    def text(self, prompt_id: str, **values: object) -> str:
        """The prompt's text with its values filled in."""
        return self.prompts[prompt_id].format_map(values)


@lru_cache(maxsize=4)
def rule_prompts(path: Path | None = None) -> RulePrompts:
    """The rule prompts (the bundled file unless another is named; read once per run)."""
    path = path or bundled_dir("questionnaires") / RULE_PROMPTS_FILE
    keys = "rule prompts (format, judgement_required_by, prompts)"
    return read_model(path, RulePrompts, keys)
