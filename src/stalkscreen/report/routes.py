"""Which of the area profile's routes a screening calls for (SC-ROUTE), and the victim's
own account of their safety, as the summaries show them."""

from __future__ import annotations

from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.definitions.profiles import Profile, RouteTrigger
from stalkscreen.i18n import N_, gettext
from stalkscreen.report.shared import shared
from stalkscreen.scoring import Screening

TRIGGER_LABELS: dict[RouteTrigger, str] = {
    "always": N_("every screening"),
    "marac": N_("MARAC referral"),
    "children": N_("children involved"),
    "stalking": N_("stalking indicated"),
    "high": N_("high risk"),
    "urgent": N_("urgent red flag"),
    "domain-high": N_("an SRP domain judged high"),
    "probation": N_("probation screening"),
    "domestic-abuse": N_("domestic abuse"),
    "not-domestic": N_("stalking outside the family"),
    "honour-based-violence": N_("honour-based violence concern"),
}


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RouteView(_View):
    """A referral route or contact from the area profile that applies to this screening."""

    id: str = Field(description="Route id (stable: other systems may read it).")
    name: str = Field(description="The service's name.")
    action: str = Field(description="What to do.")
    phone: str | None = Field(description="Telephone number, if the profile gives one.")
    web: str | None = Field(description="Web address, as text (never made a link).")
    email: str | None = Field(description="Email address, as text.")
    hours: str | None = Field(description="When the service can be reached.")
    verify: str | None = Field(
        description="What to confirm locally before relying on the route (practitioner-facing)."
    )
    because: tuple[str, ...] = Field(description="Which of its triggers hold, in words.")


NOT_DOMESTIC_NOTE = N_(
    "MARAC is for domestic abuse, and this case is not: the stalking routes below apply instead."
)


def not_domestic(screening: Screening) -> bool:
    """SC-ROUTE: the relationship recorded is outside the family (stranger, colleague…)."""
    relationship = screening.relationship
    return (
        not screening.domestic_abuse
        and relationship is not None
        and relationship not in ("unknown", "other")
    )


def triggers(screening: Screening) -> dict[RouteTrigger, bool]:
    """SC-ROUTE: whether each route trigger holds for this screening."""
    probation = screening.purpose == "probation"  # the person who stalks (SC-PURPOSE)
    return {
        "always": True,
        "marac": screening.marac_referral,
        "children": screening.children_involved,
        "stalking": screening.stalking_indicated or probation,
        "high": screening.risk_level == "high",
        "urgent": screening.urgent,
        "domain-high": "high" in (screening.srp_domains or {}).values(),
        "probation": probation,
        "domestic-abuse": screening.domestic_abuse and not probation,
        "not-domestic": not_domestic(screening),
        "honour-based-violence": "honour-based-violence" in screening.judgement_prompts,
    }


def select_routes(profile: Profile, screening: Screening) -> list[RouteView]:
    """SC-ROUTE: the routes whose every `applies` trigger holds, and one of `any_of`."""
    holds = triggers(screening)
    purpose, stalking = screening.purpose, screening.stalking_indicated
    key = ("routes", *holds.values(), purpose, stalking)  # all the views depend on
    return list(shared(profile, key, lambda: _route_views(profile, holds, purpose, stalking)))


def _route_views(
    profile: Profile, holds: dict[RouteTrigger, bool], purpose: str, stalking: bool
) -> tuple[RouteView, ...]:
    views = []
    for route in profile.routes:
        if purpose not in route.purposes:
            continue
        if not all(holds[t] for t in route.applies):
            continue
        chosen = [t for t in route.any_of if holds[t]]
        if route.any_of and not chosen:
            continue
        probation_only = purpose == "probation" and not stalking
        because = tuple(
            # SC-PURPOSE: in a probation screening `stalking` holds because of what it is
            gettext("a screening of a person who stalks")
            if t == "stalking" and probation_only
            else gettext(TRIGGER_LABELS[t])
            for t in (*route.applies, *chosen)
            if t != "always"
        )
        views.append(
            RouteView(
                id=route.id,
                name=route.name,
                action=route.action,
                phone=route.contact.phone,
                web=route.contact.web,
                email=route.contact.email,
                hours=route.contact.hours,
                verify=route.verify,
                because=because or (gettext(TRIGGER_LABELS["always"]),),
            )
        )
    return tuple(views)


SAFETY_LABELS = {
    "safe_to_talk": N_("Safe to talk now"),
    "safe_contact": N_("Safe way to make contact"),
    "messages_safe": N_("Safe to leave messages"),
    "other_party_whereabouts": N_("Where the other person is now"),
    "children_whereabouts": N_("Where the children are now"),
}
MESSAGES_NOT_SAFE = N_("Messages are NOT safe: do not leave voicemail or texts.")


class SafetyLine(_View):
    """One thing the victim said about their safety."""

    key: str = Field(description="`safe_to_talk`, `safe_contact`, `messages_safe`, …")
    label: str = Field(description="What it is, in words.")
    value: str = Field(description="What was recorded (free text: escape it).")


class SafetyView(NamedTuple):
    """What the victim told the practitioner about their safety (SC-ROUTE's §7 of issue 14):
    an intermediate value, shown as the context's ``safety``, ``safety_lines`` and
    ``messages_not_safe`` (a tuple, not a view: validating it again cost 2 µs a summary)."""

    lines: tuple[SafetyLine, ...]
    """Each recorded answer, in a fixed order."""
    messages_not_safe: str | None
    """The warning to show prominently when messages are not safe, else none."""
    recorded: dict[str, str | None]
    """The same answers as a mapping of the five keys (JSON: `safety`)."""


def safety_view(screening: Screening) -> SafetyView:
    """The victim's safety answers, with the warning when messages are not safe."""
    recorded = dict(screening.safety)
    words = {"yes": gettext("yes"), "no": gettext("no"), "unknown": gettext("not known")}
    lines = tuple(
        SafetyLine(key=key, label=gettext(label), value=words.get(recorded[key], recorded[key]))
        for key, label in SAFETY_LABELS.items()
        if key in recorded
    )
    unsafe = recorded.get("messages_safe") == "no"
    return SafetyView(
        lines=lines,
        messages_not_safe=gettext(MESSAGES_NOT_SAFE) if unsafe else None,
        recorded={key: recorded.get(key) for key in SAFETY_LABELS},
    )
