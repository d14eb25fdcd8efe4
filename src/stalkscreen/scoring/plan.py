"""A compiled scoring plan: what scoring needs from the definitions, worked out once.

Scoring one screening used to walk the pydantic definition models, look items up
by id, parse (cached) and evaluate condition trees through a general look-up
function, and sort the instruments — the same work for every screening. A
:class:`ScoringPlan` does it once per (library, profile): each instrument's items
in order with their section, which sections and items have conditions, its
prompts, its band table and the band evidence text, and the instrument order.
Conditions become small closures that read an :class:`AnswerSet` directly
(:mod:`stalkscreen.scoring.compiled`).

What follows from a screening's *shape* rather than its answers is worked out
once per shape and kept: which items apply for each outcome of the section and
item conditions (:class:`Openness`), and which instruments a screening holds, in
order, with the ones each rule reads (:class:`Layout`).

The plan is an optimisation, never a second set of rules: :func:`compile_condition`
gives exactly what :meth:`~stalkscreen.definitions.conditions.Node.evaluate` gives
with :func:`~stalkscreen.scoring.facts.answer_lookup` (a property test proves it),
and the rule functions in :mod:`stalkscreen.scoring.engine` keep their ids.

Plans are cached by identity: the library's loaded definitions (each entry checked
with ``is``, so an overlay applied later gives a new plan) and the profile object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.conditions import All, Any_, Compare, Node
from stalkscreen.definitions.conditions import parse_condition as _parse
from stalkscreen.definitions.files import LoadedQuestionnaire
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Level, Questionnaire
from stalkscreen.definitions.models import Prompt as Prompt_
from stalkscreen.definitions.profiles import Band, Profile
from stalkscreen.i18n import Message, later
from stalkscreen.scoring.compiled import Check
from stalkscreen.scoring.compiled import compile_condition as compile_condition
from stalkscreen.scoring.facts import ordered
from stalkscreen.scoring.ids import SRP_CONTEXT
from stalkscreen.scoring.result import PromptHit, trusted

HBV_DETAIL = "hbv_concern"
"""The detail that records an honour-based-violence concern (SC-HBV)."""

_MAX_MEMO = 1024
"""Most outcomes (or shapes) kept per instrument (or plan); more are worked out each time."""


def _check(condition: str | None, instrument: str) -> Check | None:
    return None if condition is None else compile_condition(_parse(condition), instrument)


Prompt = tuple[int, int, Check | None, PromptHit, tuple[str, PromptHit] | None]
"""(all of, any of, condition, the hit it gives, (instrument, hit) when that instrument
is missing) of a judgement prompt (SC-PROMPTS).

Most prompts ask only whether some of the instrument's own counted items are
answered yes: ``q15 == yes``, ``q13 == yes or q14 == yes``, ``q6 == yes and q12 ==
yes and (q1 == yes or …)``. Such a condition is kept as two bit masks over the
counted items (:attr:`InstrumentPlan.bits`): it holds when every item of the first
is answered yes and, if the second is not 0, any item of it. The condition is then
``None``; for any other, the condition is called.
"""

_YES = frozenset({"yes"})


def _yes_bit(node: Node, instrument: str, bits: Mapping[str, int]) -> int:
    """The bit of ``node`` when it is ``item == yes`` on a counted own item, else 0."""
    if isinstance(node, Compare) and not node.negate and node.values == _YES:
        parts = node.ref.qualified(instrument)
        if len(parts) == 2 and parts[0] == instrument:
            return bits.get(parts[1], 0)
    return 0


def _yes_masks(node: Node, instrument: str, bits: Mapping[str, int]) -> tuple[int, int] | None:
    """(all of, any of) for a condition on own yes answers only; ``None`` for any other."""
    bit = _yes_bit(node, instrument, bits)
    if bit:
        return bit, 0
    if isinstance(node, Any_):
        any_of = 0
        for part in node.parts:
            bit = _yes_bit(part, instrument, bits)
            if not bit:
                return None
            any_of |= bit
        return 0, any_of
    if not isinstance(node, All):
        return None
    all_of = any_of_mask = 0
    for part in node.parts:
        bit = _yes_bit(part, instrument, bits)
        masks = None if bit else _yes_masks(part, instrument, bits)
        if bit:
            all_of |= bit
        elif masks is not None and masks[0] == 0 and not any_of_mask:  # one "any of" part
            any_of_mask = masks[1]
        else:
            return None
    return all_of, any_of_mask


def _prompt(prompt: Prompt_, instrument: str, bits: Mapping[str, int]) -> Prompt:
    hit = trusted(PromptHit, id=prompt.id, instrument=instrument, text=prompt.text)
    missing = prompt.missing
    alt = (
        None
        if missing is None
        else (
            missing.instrument,
            trusted(PromptHit, id=prompt.id, instrument=instrument, text=missing.text),
        )
    )
    node = _parse(prompt.when)
    masks = _yes_masks(node, instrument, bits)
    if masks is not None:
        return (*masks, None, hit, alt)
    return (0, 0, compile_condition(node, instrument), hit, alt)


CountRule = tuple[str, Check, str]
"""(item id, when its yes counts, the note when it does not) (SC-COUNT)."""


@dataclass(frozen=True, slots=True)
class Openness:
    """Which items of one instrument apply, for one outcome of its conditions."""

    items: tuple[str, ...]
    """The items that should be asked, in form order (as :func:`facts.applicable_items`)."""
    as_set: frozenset[str]
    closed: tuple[str, ...]
    """The items that do not apply, in form order."""
    counted: int
    """How many of the items that apply are counted."""


@dataclass(frozen=True, slots=True)
class InstrumentPlan:
    """One instrument, as scoring reads it."""

    id: str
    title: str
    """The short title, shown in results."""
    stamp: str
    wording: str
    kind: str
    band_scale: str | None
    items: tuple[tuple[str, bool], ...]
    """(item id, counted) in form order."""
    item_count: int
    counted: frozenset[str]
    """Ids of the items that are counted (SC-COUNT)."""
    counted_total: int
    counted_items: tuple[str, ...]
    """Ids of the counted items, in form order."""
    bits: dict[str, int]
    """A bit for each counted item, for the prompts' masks (see :data:`Prompt`)."""
    uncounted_items: tuple[str, ...]
    """Ids of the items shown but not counted (e.g. the type of stalking)."""
    all_items: tuple[str, ...]
    """Every item id, in form order (the applicable items when nothing is conditional)."""
    all_items_set: frozenset[str]
    qualified: dict[str, str]
    """``instrument.item`` of each item id, as evidence and results name items."""
    conditional: tuple[tuple[str, Check | None, Check | None], ...] | None
    """(item id, section condition, item condition) when any applies; else ``None``."""
    prompts: tuple[Prompt, ...]
    """The judgement prompts, in definition order (SC-PROMPTS)."""
    prompt_ids: frozenset[str]
    offered: Check | None
    indicates_stalking: Check | None
    count_rules: tuple[CountRule, ...] = ()
    """Items whose yes counts only under a condition (e.g. a threat to kill, if believed)."""
    hbv_details: tuple[tuple[str, Check | None], ...] = ()
    """Items with an honour-based-violence detail, and when that detail is asked."""
    checks: tuple[Check, ...] = ()
    """The distinct section and item conditions, in form order."""
    everything: Openness | None = None
    """What applies when nothing is conditional."""
    by_outcome: tuple[Openness, Openness] | None = None
    """What applies when the one condition fails, and when it holds."""
    memo: dict[bool | tuple[bool, ...], Openness] = field(default_factory=dict)
    """What applies by the outcome of :attr:`checks` (of the one check when there is one)."""

    def openness(self, answers: AnswerSet) -> Openness:
        """The items that apply to this screening (see :class:`Openness`)."""
        if self.everything is not None:
            return self.everything
        if self.by_outcome is not None:  # one condition (e.g. the children section's)
            return self.by_outcome[self.checks[0](answers)]
        checks = self.checks
        # every condition's outcome; the items that follow from them are worked out once
        key = checks[0](answers) if len(checks) == 1 else tuple([c(answers) for c in checks])
        found = self.memo.get(key)
        if found is None:
            found = self._open({check: check(answers) for check in checks})
            if len(self.memo) < _MAX_MEMO:
                self.memo[key] = found
        return found

    def _open(self, outcome: Mapping[Check, bool]) -> Openness:
        if self.conditional is None:
            raise ValueError("openness asked of an instrument with no conditional items")
        open_ = tuple(
            item_id
            for item_id, section, when in self.conditional
            if (section is None or outcome[section]) and (when is None or outcome[when])
        )
        return _openness(self, open_)

    def applicable(self, answers: AnswerSet) -> tuple[tuple[str, ...], frozenset[str]]:
        """The items that should be asked (as :func:`facts.applicable_items`), and as a set."""
        found = self.openness(answers)
        return found.items, found.as_set


def _openness(plan: InstrumentPlan, open_: tuple[str, ...]) -> Openness:
    as_set = frozenset(open_)
    return Openness(
        items=open_,
        as_set=as_set,
        closed=tuple(i for i in plan.all_items if i not in as_set),
        counted=len(as_set & plan.counted),
    )


def _instrument(loaded: LoadedQuestionnaire) -> InstrumentPlan:
    q: Questionnaire = loaded.definition
    section_checks = {s.id: _check(s.when, q.id) for s in q.sections}
    conditional = tuple(
        (item.id, section_checks[item.section], _check(item.when, q.id)) for item in q.items
    )
    any_condition = any(s is not None or w is not None for _, s, w in conditional)
    checks: list[Check] = []
    for _, section, when in conditional:
        for check in (section, when):
            if check is not None and check not in checks:
                checks.append(check)
    ids = tuple(i.id for i in q.items)
    counted = frozenset(i.id for i in q.items if i.counted)
    counted_items = tuple(i.id for i in q.items if i.counted)
    bits = {item_id: 1 << n for n, item_id in enumerate(counted_items)}
    prompts = tuple(_prompt(p, q.id, bits) for p in q.prompts)
    count_rules = tuple(
        (i.id, compile_condition(_parse(i.counts_when.when), q.id), i.counts_when.note)
        for i in q.items
        if i.counts_when is not None
    )
    hbv_details = tuple(
        (i.id, _check(d.when, q.id)) for i in q.items for d in i.details if d.id == HBV_DETAIL
    )
    plan = InstrumentPlan(
        id=q.id,
        title=q.short_title,
        stamp=loaded.stamp,
        wording=loaded.wording,
        kind=q.kind,
        band_scale=q.band_scale,
        items=tuple((i.id, i.counted) for i in q.items),
        item_count=len(q.items),
        counted=counted,
        counted_total=len(counted),
        counted_items=counted_items,
        bits=bits,
        uncounted_items=tuple(i.id for i in q.items if not i.counted),
        all_items=ids,
        all_items_set=frozenset(ids),
        qualified={i: f"{q.id}.{i}" for i in ids},
        conditional=conditional if any_condition else None,
        prompts=prompts,
        prompt_ids=frozenset(p.id for p in q.prompts),
        offered=_check(q.offered_when, q.id),
        indicates_stalking=_check(q.indicates_stalking, q.id),
        count_rules=count_rules,
        hbv_details=hbv_details,
        checks=tuple(checks),
    )
    if any_condition:
        if len(checks) == 1:
            (check,) = checks
            outcomes = (plan._open({check: False}), plan._open({check: True}))
            object.__setattr__(plan, "by_outcome", outcomes)
        return plan
    everything = _openness(plan, ids)
    object.__setattr__(plan, "everything", everything)
    return plan


@dataclass(frozen=True, slots=True)
class Grading:
    """SC-BAND for one instrument under one profile: its table, or why it has none."""

    table: tuple[Band, ...] | None
    edges: tuple[Message, ...] = ()
    warning: Message | None = None
    by_count: dict[int, tuple[Level, str, str]] = field(default_factory=dict)
    """(band, effect, summary) of the band evidence by yes-count, filled as scoring meets them."""


def _grading(plan: InstrumentPlan, profile: Profile) -> Grading | None:
    # An instrument is graded by its own scale (DASH/RIC), or by a table the area profile
    # defines under the instrument's id (e.g. an S-DASH band some areas use).
    scale = plan.band_scale or (plan.id if plan.id in profile.bands else None)
    if scale is None:
        return None
    table = profile.bands.get(scale)
    if table is None:
        return Grading(
            None,
            warning=later.gettext(
                "no-band-table: profile %(profile)s has no %(scale)s bands, so %(instrument)s is "
                "not graded",
                profile=repr(profile.id),
                scale=repr(scale),
                instrument=plan.id,
            ),
        )
    edges = tuple(
        later.pgettext(
            "band edges",
            "%(level)s %(range)s",
            level=Message(b.level, context="level"),
            range=_range(b),
        )
        for b in table
    )
    return Grading(table, edges)


def _range(band: Band) -> str:
    """``0–9``, ``14+``: the yes-counts of a band."""
    return f"{band.min}–{band.max}" if band.max is not None else f"{band.min}+"


@dataclass(frozen=True, slots=True)
class Layout:
    """Which instruments one screening holds, in plan order, and the ones each rule reads."""

    present: tuple[InstrumentPlan, ...]
    """The instruments answered (even with no item), in plan order."""
    graded: tuple[InstrumentPlan, ...]
    """Of those, the DASH-scale checklists (the police DASH, the RIC)."""
    red_flags: tuple[InstrumentPlan, ...]
    """Of those, the red-flag instruments (SC-RF)."""
    absent_offered: tuple[InstrumentPlan, ...]
    """Instruments not held that another one's answers may call for (SC-SDASH)."""
    shared_prompts: bool
    """Whether two instruments held have a prompt id in common (the first hit is kept)."""
    stalking: bool
    """Whether it holds a stalking triage (SC-FOUR) or the SRP context (SC-TYPE, SC-HRF)."""


@dataclass(frozen=True, slots=True)
class ScoringPlan:
    """Everything :func:`~stalkscreen.scoring.score` reads from the library and profile."""

    profile: Profile
    order: tuple[InstrumentPlan, ...]
    """Every instrument, in :func:`~stalkscreen.scoring.facts.ordered` order."""
    by_id: dict[str, InstrumentPlan]
    grading: dict[str, Grading | None]
    red_flags: tuple[InstrumentPlan, ...]
    """The red-flag instruments (SC-RF), in order."""
    offered: tuple[InstrumentPlan, ...]
    """Instruments another one's answers may call for (SC-SDASH), in order."""
    layouts: dict[tuple[str, ...], Layout] = field(default_factory=dict)
    """:class:`Layout` by the instrument ids of the responses, in their order."""

    def layout(self, responses: Mapping[str, object]) -> Layout:
        """The :class:`Layout` of a screening with these responses."""
        key = tuple(responses)
        found = self.layouts.get(key)
        if found is None:
            found = self._layout(responses)
            if len(self.layouts) < _MAX_MEMO:
                self.layouts[key] = found
        return found

    def _layout(self, responses: Mapping[str, object]) -> Layout:
        # a record (e.g. the behaviours checklist) is never scored (SC-BEHAV)
        present = tuple(p for p in self.order if p.id in responses and p.kind != "record")
        seen: set[str] = set()
        shared = False
        for p in present:
            if not seen.isdisjoint(p.prompt_ids) or len(p.prompt_ids) < len(p.prompts):
                shared = True
            seen |= p.prompt_ids
        return Layout(
            present=present,
            graded=tuple(p for p in present if p.band_scale == "dash"),
            red_flags=tuple(p for p in self.red_flags if p.id in responses),
            absent_offered=tuple(p for p in self.offered if p.id not in responses),
            shared_prompts=shared,
            stalking=SRP_CONTEXT in responses
            or any(p.indicates_stalking is not None for p in present),
        )


def build_plan(library: Library, profile: Profile) -> ScoringPlan:
    """Work out the plan for one library and profile (see :func:`plan_for` for the cache)."""
    order = tuple(_instrument(library.questionnaires[q.id]) for q in ordered(library.definitions))
    return ScoringPlan(
        profile=profile,
        order=order,
        by_id={p.id: p for p in order},
        grading={p.id: _grading(p, profile) for p in order},
        red_flags=tuple(p for p in order if p.kind == "red-flags"),
        offered=tuple(p for p in order if p.offered is not None and p.kind != "record"),
    )


_PLANS: dict[tuple[int, int], tuple[Library, tuple[LoadedQuestionnaire, ...], ScoringPlan]] = {}
_MAX_PLANS = 64
_LAST: list[tuple[Library, tuple[LoadedQuestionnaire, ...], ScoringPlan] | None] = [None]
"""The plan used last, tried first (a batch scores with one library and profile)."""


def plan_for(library: Library, profile: Profile) -> ScoringPlan:
    """The cached plan of this library and profile (by identity), built on first use."""
    loaded = library.questionnaires
    last = _LAST[0]
    # a definition replaced since (by an overlay) gives a new plan; tuple == tries
    # identity first, and equal loaded definitions would give the same plan anyway
    if (
        last is not None
        and last[0] is library
        and last[2].profile is profile
        and last[1] == tuple(loaded.values())
    ):
        return last[2]
    key = (id(library), id(profile))
    cached = _PLANS.get(key)
    if cached is not None:
        lib, snapshot, plan = cached
        if lib is library and plan.profile is profile and snapshot == tuple(loaded.values()):
            _LAST[0] = cached
            return plan
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    plan = build_plan(library, profile)
    _PLANS[key] = _LAST[0] = (library, tuple(loaded.values()), plan)
    return plan
