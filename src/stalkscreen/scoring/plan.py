"""A compiled scoring plan: what scoring needs from the definitions, worked out once.

Scoring one screening used to walk the pydantic definition models, look items up
by id, parse (cached) and evaluate condition trees through a general look-up
function, and sort the instruments — the same work for every screening. A
:class:`ScoringPlan` does it once per (library, profile): each instrument's items
in order with their section, which sections and items have conditions, its
prompts, its band table and the band evidence text, and the instrument order.
Conditions become small closures that read an :class:`AnswerSet` directly.

The plan is an optimisation, never a second set of rules: :func:`compile_condition`
gives exactly what :meth:`~stalkscreen.definitions.conditions.Node.evaluate` gives
with :func:`~stalkscreen.scoring.facts.answer_lookup` (a property test proves it),
and the rule functions in :mod:`stalkscreen.scoring.engine` keep their ids.

Plans are cached by identity: the library's loaded definitions (each entry checked
with ``is``, so an overlay applied later gives a new plan) and the profile object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.conditions import All, Answered, Any_, Compare, Node, Not
from stalkscreen.definitions.conditions import parse_condition as _parse
from stalkscreen.definitions.library import Library, LoadedQuestionnaire
from stalkscreen.definitions.models import Band, Profile, Questionnaire
from stalkscreen.scoring.facts import ordered
from stalkscreen.scoring.result import PromptHit, trusted

Check = Callable[[AnswerSet], bool]
"""A compiled condition: whether it holds for one screening."""

Value = str | list[str] | None
_NO_ITEMS: dict[str, Any] = {}


def _reader(parts: tuple[str, ...]) -> Callable[[AnswerSet], Value]:
    """What :func:`~stalkscreen.scoring.facts.answer_lookup` returns for ``parts``."""
    scope = parts[0]
    if scope == "case":
        if len(parts) != 2:
            return lambda answers: None
        name = parts[1]

        def case(answers: AnswerSet) -> Value:
            value = getattr(answers.case, name, None)
            return None if value is None else str(value)

        return case
    if scope == "context":
        if len(parts) != 2:
            return lambda answers: None
        key = parts[1]
        return lambda answers: answers.context.get(key)
    if len(parts) < 2:  # pragma: no cover - qualified refs always have two parts
        return lambda answers: None
    item = parts[1]
    if len(parts) == 2:

        def answer(answers: AnswerSet) -> Value:
            response = answers.responses.get(scope, _NO_ITEMS).get(item)
            return None if response is None else response.answer

        return answer
    detail = parts[2]

    def detail_value(answers: AnswerSet) -> Value:
        response = answers.responses.get(scope, _NO_ITEMS).get(item)
        if response is None or response.details is None:
            return None
        value: Value = response.details.get(detail)
        return value

    return detail_value


def compile_condition(node: Node, instrument: str) -> Check:
    """A closure that evaluates ``node`` (owned by ``instrument``) against a screening."""
    if isinstance(node, Compare):
        parts = node.ref.qualified(instrument)
        values, negate = node.values, node.negate
        if parts[0] not in ("case", "context") and len(parts) == 2:
            scope, item = parts

            def compare_answer(answers: AnswerSet) -> bool:
                response = answers.responses.get(scope, _NO_ITEMS).get(item)
                return (response is not None and response.answer in values) != negate

            return compare_answer
        read = _reader(parts)

        def compare(answers: AnswerSet) -> bool:
            value = read(answers)
            hit = any(v in values for v in value) if isinstance(value, list) else value in values
            return hit != negate

        return compare
    if isinstance(node, Answered):
        read = _reader(node.ref.qualified(instrument))
        return lambda answers: read(answers) is not None
    if isinstance(node, Not):
        inner = compile_condition(node.inner, instrument)
        return lambda answers: not inner(answers)
    parts_ = tuple(compile_condition(p, instrument) for p in node.parts)
    if isinstance(node, All):
        return lambda answers: all(p(answers) for p in parts_)
    assert isinstance(node, Any_)
    return lambda answers: any(p(answers) for p in parts_)


def _check(condition: str | None, instrument: str) -> Check | None:
    return None if condition is None else compile_condition(_parse(condition), instrument)


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
    all_items: tuple[str, ...]
    """Every item id, in form order (the applicable items when nothing is conditional)."""
    all_items_set: frozenset[str]
    conditional: tuple[tuple[str, Check | None, Check | None], ...] | None
    """(item id, section condition, item condition) when any applies; else ``None``."""
    prompts: tuple[tuple[str, Check, PromptHit], ...]
    """(prompt id, condition, the hit it gives) in definition order (SC-PROMPTS)."""
    offered: Check | None
    indicates_stalking: Check | None
    checks: tuple[Check, ...] = ()
    """The distinct section and item conditions, in form order."""
    memo: dict[tuple[bool, ...], tuple[tuple[str, ...], frozenset[str]]] = field(
        default_factory=dict
    )
    """Applicable items by the outcome of :attr:`checks`."""

    def applicable(self, answers: AnswerSet) -> tuple[tuple[str, ...], frozenset[str]]:
        """The items that should be asked (as :func:`facts.applicable_items`), and as a set."""
        if self.conditional is None:
            return self.all_items, self.all_items_set
        # every condition's outcome; the items that follow from them are worked out once
        key = tuple(check(answers) for check in self.checks)
        found = self.memo.get(key)
        if found is None:
            outcome = dict(zip(self.checks, key, strict=True))
            open_ = tuple(
                item_id
                for item_id, section, when in self.conditional
                if (section is None or outcome[section]) and (when is None or outcome[when])
            )
            found = (open_, frozenset(open_))
            if len(self.memo) < 1024:
                self.memo[key] = found
        return found


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
    prompts = tuple(
        (
            p.id,
            compile_condition(_parse(p.when), q.id),
            trusted(PromptHit, id=p.id, instrument=q.id, text=p.text),
        )
        for p in q.prompts
    )
    return InstrumentPlan(
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
        all_items=ids,
        all_items_set=frozenset(ids),
        conditional=conditional if any_condition else None,
        prompts=prompts,
        offered=_check(q.offered_when, q.id),
        indicates_stalking=_check(q.indicates_stalking, q.id),
        checks=tuple(checks),
    )


@dataclass(frozen=True, slots=True)
class Grading:
    """SC-BAND for one instrument under one profile: its table, or why it has none."""

    table: tuple[Band, ...] | None
    edges: str = ""
    warning: str | None = None


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
            warning=f"no-band-table: profile {profile.id!r} has no {scale!r} bands, "
            f"so {plan.id} is not graded",
        )
    edges = ", ".join(
        f"{b.level} {b.min}" + (f"–{b.max}" if b.max is not None else "+") for b in table
    )
    return Grading(table, edges)


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


def build_plan(library: Library, profile: Profile) -> ScoringPlan:
    """Work out the plan for one library and profile (see :func:`plan_for` for the cache)."""
    order = tuple(_instrument(library.questionnaires[q.id]) for q in ordered(library.definitions))
    return ScoringPlan(
        profile=profile,
        order=order,
        by_id={p.id: p for p in order},
        grading={p.id: _grading(p, profile) for p in order},
        red_flags=tuple(p for p in order if p.kind == "red-flags"),
        offered=tuple(p for p in order if p.offered is not None),
    )


_PLANS: dict[tuple[int, int], tuple[Library, tuple[LoadedQuestionnaire, ...], ScoringPlan]] = {}
_MAX_PLANS = 64


def plan_for(library: Library, profile: Profile) -> ScoringPlan:
    """The cached plan of this library and profile (by identity), built on first use."""
    key = (id(library), id(profile))
    loaded = library.questionnaires
    cached = _PLANS.get(key)
    if cached is not None:
        lib, snapshot, plan = cached
        # a definition replaced since (by an overlay) gives a new plan; tuple == tries
        # identity first, and equal loaded definitions would give the same plan anyway
        if lib is library and plan.profile is profile and snapshot == tuple(loaded.values()):
            return plan
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    plan = build_plan(library, profile)
    _PLANS[key] = (library, tuple(loaded.values()), plan)
    return plan
