"""The advice and MARAC-form needs that every summary carries, read from ``advice.yaml``.

The text is data, not code, so a practitioner lead can review it without
reading Python; an organisation can replace it by putting its own
``advice.yaml`` in a ``--template-dir``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.catalogue import Reports
from stalkscreen.errors import InvalidInputError
from stalkscreen.problems import read_model

ADVICE_FILE = "advice.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class AdviceItem(_Strict):
    id: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9\-]*$",
        description="Stable id, by which a wording overlay gives its words.",
    )
    title: str = Field(min_length=1, description="The advice in a few words.")
    text: str = Field(min_length=1, description="The advice in full, in our own words.")


class MaracNeed(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Stable id of the need.")
    label: str = Field(min_length=1, description="What the MARAC referral form asks for.")
    source: str | None = Field(
        default=None,
        pattern=r"^(context\.[a-z0-9_]+|[a-z0-9\-]+\.[a-z0-9_\-]+)$",
        description="Where the screening may hold part of it: `context.key` or `instrument.item`.",
    )


class Advice(_Strict):
    """The contents of ``advice.yaml``."""

    format: Literal["stalkscreen/advice@1"] = Field(description="Format tag.")
    give: tuple[AdviceItem, ...] = Field(min_length=1, description="Advice to give the victim.")
    avoid: tuple[AdviceItem, ...] = Field(min_length=1, description="What not to advise.")
    practitioner: tuple[AdviceItem, ...] = Field(
        default=(), description="Tasks for the practitioner, shown apart from the advice."
    )
    marac_needs: tuple[MaracNeed, ...] = Field(
        description="What a MARAC referral form asks for beyond the screening."
    )


def find_advice(directories: Sequence[Path]) -> Path:
    """The first ``advice.yaml`` on the template search path."""
    for directory in directories:
        candidate = directory / ADVICE_FILE
        if candidate.is_file():
            return candidate
    raise InvalidInputError.of(Reports.DATA_FILE_NOT_FOUND, ADVICE_FILE)


@lru_cache(maxsize=16)
def load_advice(path: Path) -> Advice:
    """Read and validate one ``advice.yaml`` (cached: it is read once per run)."""
    keys = "advice (format, give, avoid, practitioner, marac_needs)"
    return read_model(path, Advice, keys)
