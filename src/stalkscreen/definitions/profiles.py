"""Frozen, strict models of area profiles: local bands, MARAC referral rules, marking and
referral routes (the schema of ``questionnaires/profiles/*.yaml``). Each field has a
description: it becomes the published JSON Schema."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from stalkscreen.catalogue import Definitions
from stalkscreen.definitions.models import Identifier, Level, Strict, level_rank
from stalkscreen.errors import Invalid


class Band(Strict):
    level: Level = Field(description="The risk level this band gives.")
    min: int = Field(ge=0, description="Lowest yes-count in the band (inclusive).")
    max: int | None = Field(
        default=None, ge=0, description="Highest yes-count in the band (inclusive); open if unset."
    )


class Escalation(Strict):
    """SC-ESC: police-reported history that triggers a MARAC referral whatever the count."""

    incidents: int | None = Field(
        default=3, ge=1, description="Refer at this many incidents in the last 12 months."
    )
    crimes: int | None = Field(
        default=None, ge=1, description="Or at this many crimes in the last 12 months."
    )


class MaracRules(Strict):
    visible_high_risk: int = Field(
        default=14, ge=1, description="SC-VHR: refer at this DASH/RIC yes-count or more."
    )
    escalation: Escalation = Field(default_factory=Escalation, description="SC-ESC.")
    repeat_window_months: int = Field(
        default=12, ge=1, le=60, description="SC-REPEAT: months since the last MARAC referral."
    )
    honour_based_violence: bool = Field(
        default=False,
        description="SC-HBV: refer automatically when DASH Q4 records an honour-based-violence "
        "concern.",
    )


class RedFlagRules(Strict):
    raise_to_high: bool = Field(
        default=True,
        description="SC-RF: raise the level to high when a red flag is present. The flag itself "
        "is always reported.",
    )


class Contact(Strict):
    phone: str | None = Field(default=None, description="Telephone number.")
    web: str | None = Field(default=None, description="Web address.")
    email: str | None = Field(default=None, description="Email address.")
    hours: str | None = Field(default=None, description="When it can be reached.")


RouteTrigger = Literal[
    "always",
    "marac",
    "children",
    "stalking",
    "high",
    "urgent",
    "domain-high",
    "probation",
    "domestic-abuse",
    "not-domestic",
    "honour-based-violence",
]
RoutePurpose = Literal["victim", "probation"]


class Route(Strict):
    """A referral route or contact recommended in the summary."""

    id: Identifier = Field(description="Stable id of the route.")
    name: str = Field(description="The service's name.")
    applies: tuple[RouteTrigger, ...] = Field(
        default=(),
        description="SC-ROUTE: recommend it when ALL of these hold: always, marac (a MARAC "
        "referral), children (children involved or living in the household), stalking, high, "
        "urgent, domain-high (an SRP domain judged high), probation (a screening of the person "
        "who stalks), domestic-abuse (a partner, "
        "ex-partner or family relationship, or a DASH/RIC with the relationship not recorded), "
        "not-domestic (stranger, acquaintance, colleague or professional), "
        "honour-based-violence (a concern recorded).",
    )
    any_of: tuple[RouteTrigger, ...] = Field(
        default=(),
        description="SC-ROUTE: and at least one of these (the explicit form for 'or').",
    )
    purposes: tuple[RoutePurpose, ...] = Field(
        default=("victim",),
        min_length=1,
        description="Which screenings it is for: `victim` (the default) and/or `probation` (a "
        "screening of the person who stalks). In a probation screening `stalking` always holds.",
    )
    action: str = Field(description="What to do, in the project's own words.")
    contact: Contact = Field(default_factory=Contact, description="How to reach it.")
    verify: str | None = Field(
        default=None,
        description="What a practitioner should confirm locally before relying on the "
        "route, in words fit for the summary (shown as 'To confirm locally').",
    )

    @model_validator(mode="after")
    def _some_condition(self) -> Route:
        if not self.applies and not self.any_of:
            raise Invalid(Definitions.ROUTE_NEVER_APPLIES, route=self.id)
        return self


def check_bands(bands: tuple[Band, ...]) -> tuple[Band, ...]:
    """Bands must start at 0, run upward without gaps or overlaps, and end open."""
    if not bands:
        raise Invalid(Definitions.BANDS_EMPTY)
    expected = 0
    last_rank = -1
    for index, band in enumerate(bands):
        if band.min != expected:
            raise Invalid(
                Definitions.BAND_OVERLAP if band.min < expected else Definitions.BAND_GAP,
                index=index,
                level=band.level,
                start=band.min,
                expected=expected,
            )
        if level_rank(band.level) < last_rank:
            raise Invalid(Definitions.BAND_ORDER, index=index, level=band.level)
        last_rank = level_rank(band.level)
        if band.max is None:
            if index != len(bands) - 1:
                raise Invalid(Definitions.BAND_OPEN_NOT_LAST, index=index)
            return bands
        if band.max < band.min:
            raise Invalid(Definitions.BAND_MAX_BELOW_MIN, index=index, max=band.max, min=band.min)
        expected = band.max + 1
    raise Invalid(Definitions.BANDS_CLOSED)


class Profile(Strict):
    """An area profile: local thresholds, referral rules, marking and routes."""

    id: Identifier = Field(description="Profile id (`default`, …).")
    name: str = Field(description="Human name of the profile.")
    description: str = Field(description="What makes this profile different.")
    marking: str = Field(
        default="OFFICIAL-SENSITIVE",
        min_length=1,
        max_length=80,
        description="Protective marking printed on every output.",
    )
    bands: dict[Identifier, Annotated[tuple[Band, ...], AfterValidator(check_bands)]] = Field(
        description="Band tables by scale (`dash` grades DASH and RIC; `s-dash` is optional)."
    )
    marac: MaracRules = Field(default_factory=MaracRules, description="MARAC referral rules.")
    red_flags: RedFlagRules = Field(default_factory=RedFlagRules, description="SC-RF options.")
    routes: tuple[Route, ...] = Field(default=(), description="Referral routes and contacts.")
    screen_for: Literal["victim", "probation"] | None = Field(
        default=None,
        description="The default of `screen --for` where this profile is used (a probation "
        "service's profile sets `probation`); the flag and the user config's `screen_for` "
        "come first.",
    )
    s_dash_required: bool = Field(
        default=False,
        description="SC-COMPLETE: treat a DASH/RIC whose stalking item is yes but has no S-DASH "
        "as incomplete. Off by default: the missing S-DASH is a prompt (`stalking`).",
    )
    marac_template: Identifier | None = Field(
        default=None,
        description="The area's own MARAC referral form for `report --form marac`: a template "
        "name without its ending (`hampshire-marac` reads `hampshire-marac.md.j2` and "
        "`hampshire-marac.html.j2`), found on the template search path (`--template-dir`, then "
        "`template_dirs` in the config, then the bundled `reports/`). Unset: the bundled "
        "`marac` form.",
    )

    @model_validator(mode="after")
    def _route_ids_unique(self) -> Profile:
        ids = [r.id for r in self.routes]
        if len(set(ids)) != len(ids):
            twice = next(r for r in ids if ids.count(r) > 1)
            raise Invalid(Definitions.DUPLICATE_ID, what="route", ident=twice)
        return self
