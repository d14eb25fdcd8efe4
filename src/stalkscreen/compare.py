"""Re-screening: what changed between two screenings of one case.

:func:`compare` takes two scored screenings (the earlier one first) and lists
the items that became yes or no, red flags that appeared or cleared, the level
and MARAC decision before and after, reasons gained or lost, and whether a new
potential escalation (SC-ESC) appeared. It is pure: rendering lives in the CLI
and the report templates.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.about import level_label
from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Commands
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level, level_rank
from stalkscreen.errors import UsageError, short_token
from stalkscreen.i18n import N_, Message, later
from stalkscreen.scoring import Screening
from stalkscreen.scoring.probation import PROBATION
from stalkscreen.scoring.result import Text
from stalkscreen.vocabulary import SRP_DOMAINS

Direction = Literal["escalated", "de-escalated", "unchanged"]
_PURPOSES = {
    "victim": later.pgettext("purpose", "victim"),
    "probation": later.pgettext("purpose", "probation"),
}
"""SC-PURPOSE's two purposes, as a comparison's warning names them."""
WORDS = (N_("escalated"), N_("de-escalated"), N_("unchanged"), N_("unknown"))
"""The directions and the answer ``unknown`` as outputs show them (translated there)."""


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemChange(_View):
    """One item whose answer differs between the two screenings."""

    ref: str = Field(description="`instrument.item`, e.g. `dash.q18`.")
    prompt: str = Field(description="The question, in the wording in force.")
    before: str | None = Field(description="The earlier answer, or none when not asked.")
    after: str | None = Field(description="The later answer, or none when not asked.")


class Comparison(_View):
    """What changed between an earlier and a later screening of one case."""

    reference: str = Field(description="Case reference of the later screening (free text).")
    before_reference: str = Field(description="Case reference of the earlier screening.")
    before_assessed_on: str | None = Field(description="Date of the earlier screening, ISO.")
    after_assessed_on: str | None = Field(description="Date of the later screening, ISO.")
    before_level: Level = Field(description="Risk level of the earlier screening.")
    after_level: Level = Field(description="Risk level of the later screening.")
    before_level_text: str = Field(
        description="SC-JUDGE: the earlier level as it must be read (`High`, `by count: HIGH "
        "(not yet judged)`, `Not graded`, ` · incomplete`)."
    )
    after_level_text: str = Field(description="The later level as it must be read.")
    direction: Direction = Field(description="`escalated`, `de-escalated` or `unchanged`.")
    before_marac: bool = Field(description="MARAC referral at the earlier screening.")
    after_marac: bool = Field(description="MARAC referral at the later screening.")
    before_urgent: bool = Field(description="Urgent red flag at the earlier screening.")
    after_urgent: bool = Field(description="Urgent red flag at the later screening.")
    reasons_added: tuple[str, ...] = Field(description="Reason codes new at the later screening.")
    reasons_removed: tuple[str, ...] = Field(description="Reason codes no longer present.")
    became_yes: tuple[ItemChange, ...] = Field(description="Items now yes that were not before.")
    became_no: tuple[ItemChange, ...] = Field(
        description="Items now no that were yes or don't know before."
    )
    other_changes: tuple[ItemChange, ...] = Field(
        description="Other changed answers (to or from don't know, asked or no longer asked)."
    )
    red_flags_new: tuple[str, ...] = Field(description="Red flags present now, not before.")
    red_flags_cleared: tuple[str, ...] = Field(description="Red flags present before, not now.")
    prompts_new: tuple[str, ...] = Field(description="Judgement prompts that fire now only.")
    prompts_cleared: tuple[str, ...] = Field(description="Judgement prompts that no longer fire.")
    new_escalation: bool = Field(
        description="True when potential escalation (SC-ESC) holds now and did not before."
    )
    incidents_before: int | None = Field(description="Police-reported incidents, earlier.")
    incidents_after: int | None = Field(description="Police-reported incidents, later.")
    yes_counts: tuple[tuple[str, int | None, int | None], ...] = Field(
        description="(instrument, yes before, yes after) for every instrument in either."
    )
    warnings: tuple[Text, ...] = Field(description="Notes about the comparison itself.")
    domains: tuple[tuple[str, str | None, str | None], ...] = Field(
        default=(),
        description="(SRP domain, level before, level now) when either is a probation "
        "screening (SC-DOMAINS); none when not rated.",
    )


def direction(before: Level, after: Level) -> Direction:
    """Whether the level rose, fell or stayed."""
    diff = level_rank(after) - level_rank(before)
    return "escalated" if diff > 0 else "de-escalated" if diff < 0 else "unchanged"


def _answers(answers: AnswerSet) -> dict[str, str]:
    return {
        f"{inst}.{item}": r.answer
        for inst, items in answers.responses.items()
        for item, r in items.items()
    }


def _prompt(library: Library, ref: str) -> str:
    inst, _, item_id = ref.partition(".")
    definition = library.definitions.get(inst)
    item = definition.item(item_id) if definition else None
    return item.prompt if item else ref


def _order(library: Library, refs: set[str]) -> list[str]:
    position: dict[str, tuple[int, int]] = {}
    for n, (inst, definition) in enumerate(library.definitions.items()):
        for m, item in enumerate(definition.items):
            position[f"{inst}.{item.id}"] = (n, m)
    return sorted(refs, key=lambda r: (position.get(r, (999, 999)), r))


def compare(
    before: tuple[AnswerSet, Screening],
    after: tuple[AnswerSet, Screening],
    library: Library,
    *,
    force: bool = False,
) -> Comparison:
    """Compare an earlier screening with a later one of the same case."""
    old, old_s = before
    new, new_s = after
    warnings: list[Message] = []
    if old.case.reference != new.case.reference:
        if not force:
            raise UsageError.of(
                Commands.DIFFERENT_CASES,
                old=short_token(old.case.reference),
                new=short_token(new.case.reference),
            )
        warnings.append(
            later.gettext("different-references: the two files name different case references")
        )
    old_date, new_date = old.case.assessed_date, new.case.assessed_date
    if old_date and new_date and old_date > new_date:
        warnings.append(
            later.gettext(
                "order: the first file is dated after the second; they are compared as given "
                "(earlier = the first file)"
            )
        )
    a, b = _answers(old), _answers(new)
    became_yes, became_no, other = [], [], []
    for ref in _order(library, {r for r in set(a) | set(b) if a.get(r) != b.get(r)}):
        change = ItemChange(
            ref=ref, prompt=_prompt(library, ref), before=a.get(ref), after=b.get(ref)
        )
        if change.after == "yes":
            became_yes.append(change)
        elif change.after == "no" and change.before in ("yes", "unknown"):
            became_no.append(change)
        else:
            other.append(change)
    instruments = list(dict.fromkeys([*old_s.instruments, *new_s.instruments]))
    yes_counts = tuple(
        (
            inst,
            old_s.instruments[inst].yes if inst in old_s.instruments else None,
            new_s.instruments[inst].yes if inst in new_s.instruments else None,
        )
        for inst in instruments
    )
    if old.purpose != new.purpose:
        warnings.append(
            later.gettext(
                "different-purposes: the first is a %(first)s screening and the second a "
                "%(second)s screening",
                first=_PURPOSES.get(old.purpose, old.purpose),
                second=_PURPOSES.get(new.purpose, new.purpose),
            )
        )
    old_domains, new_domains = old_s.srp_domains or {}, new_s.srp_domains or {}
    domains = (
        tuple((d, old_domains.get(d), new_domains.get(d)) for d in SRP_DOMAINS)
        if PROBATION in (old.purpose, new.purpose)
        else ()
    )
    old_incidents = old.case.incidents_last_12_months
    new_incidents = new.case.incidents_last_12_months
    return Comparison(
        reference=new.case.reference,
        before_reference=old.case.reference,
        before_assessed_on=old_date.isoformat() if old_date else None,
        after_assessed_on=new_date.isoformat() if new_date else None,
        before_level=old_s.risk_level,
        after_level=new_s.risk_level,
        before_level_text=level_label(old_s.risk_level, old_s.level_basis, old_s.complete),
        after_level_text=level_label(new_s.risk_level, new_s.level_basis, new_s.complete),
        direction=direction(old_s.risk_level, new_s.risk_level),
        before_marac=old_s.marac_referral,
        after_marac=new_s.marac_referral,
        before_urgent=old_s.urgent,
        after_urgent=new_s.urgent,
        reasons_added=tuple(r for r in new_s.reasons if r not in old_s.reasons),
        reasons_removed=tuple(r for r in old_s.reasons if r not in new_s.reasons),
        became_yes=tuple(became_yes),
        became_no=tuple(became_no),
        other_changes=tuple(other),
        red_flags_new=tuple(f for f in new_s.red_flags if f not in old_s.red_flags),
        red_flags_cleared=tuple(f for f in old_s.red_flags if f not in new_s.red_flags),
        prompts_new=tuple(p for p in new_s.judgement_prompts if p not in old_s.judgement_prompts),
        prompts_cleared=tuple(
            p for p in old_s.judgement_prompts if p not in new_s.judgement_prompts
        ),
        new_escalation="potential-escalation" in new_s.reasons
        and "potential-escalation" not in old_s.reasons,
        incidents_before=old_incidents,
        incidents_after=new_incidents,
        yes_counts=yes_counts,
        warnings=tuple(warnings),
        domains=domains,
    )
