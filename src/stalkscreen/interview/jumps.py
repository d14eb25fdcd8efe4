"""Why a jump target is not asked: the true reason, in the practitioner's terms (issue 14).

A jump to an item that exists but is not asked names what keeps it out: the section's
opening question answered no (the children gate), a section or item condition, an offered
instrument not reached yet (the S-DASH is offered after the last DASH question), declined,
or not called for. Examples of what to type are added only when the target itself was not
understood, and they are always items that are asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stalkscreen.definitions.conditions import parse_condition, refs
from stalkscreen.definitions.models import Item, Questionnaire
from stalkscreen.interview.steps import OFFER_DECLINED, Step, offer_key
from stalkscreen.scoring.facts import holds, offered

if TYPE_CHECKING:
    from stalkscreen.interview.sequence import StepSequence


def tag(q: Questionnaire) -> str:
    """A compact instrument label: the short title without its bracket (``DASH``, ``S-DASH``)."""
    return q.short_title.split(" (")[0]


def number(item: Item) -> str:
    return f"Q{item.number}" if item.number else item.id


def why_not_asked(
    iv: StepSequence, inst: str, ref: str, scope: list[Step], items: list[Step]
) -> str:
    """The message for a jump to ``inst``/``ref`` that matched no item being asked."""
    q = iv.library.definitions.get(inst) if inst else None
    if inst and q is None:
        return _with_examples(iv, f"there is no instrument called {inst!r}", items)
    if q is not None and q.id not in {s.key for s in items}:
        return why_not_in_play(iv, q)
    target = q or (iv.definition(scope[0].key) if scope else None)
    item = None
    if target is not None:
        item = target.item(ref) or next(
            (i for i in target.items if ref in (str(i.number), f"q{i.number}")), None
        )
    if target is None or item is None:
        return _with_examples(iv, "no such item is asked in this screening", items)
    return f"{tag(target)} {number(item)} is not asked: {_item_reason(iv, target, item)}"


def _item_reason(iv: StepSequence, q: Questionnaire, item: Item) -> str:
    lookup = iv._lookup()
    section = next(s for s in q.sections if s.id == item.section)
    if section.gate_key and iv.context.get(section.gate_key) == "no":
        return (
            f"its section ({section.title}) is skipped because the opening question was answered no"
        )
    if not holds(section.when, lookup, q.id):
        return f"the {section.title} section is asked only when {section.when}"
    if not holds(item.when, lookup, q.id):
        return f"it is asked only when {item.when}"
    return "its section or condition does not apply"


def why_not_in_play(iv: StepSequence, q: Questionnaire) -> str:
    """Why an instrument's items are not being asked."""
    name = f"the {q.short_title}"
    if q.offered_when is None:
        return f"{name} is not part of this screening (choose it with --instrument {q.id})"
    choice = iv.context.get(offer_key(q.id))
    if choice == OFFER_DECLINED:
        return f"{name} was declined when offered; go back to the offer to ask it"
    lookup = iv._lookup()
    causes = _causes(iv, q)
    if offered(q, lookup):
        steps = iv.steps()
        offer = steps.index(Step("offer", q.id))
        before = next((s for s in reversed(steps[:offer]) if s.kind == "item"), None)
        after = ""
        if before is not None:
            d = iv.definition(before.key)
            item = d.item(before.item)
            after = f" after {tag(d)} {number(item)}" if item is not None else ""
        why = f", because {causes[0]} is yes" if len(causes) == 1 else ""
        return f"{name} is offered{after}{why}; answer up to there and accept the offer"
    if len(causes) == 1:
        return f"{name} is not being asked: {causes[0]} is not yes"
    if causes:
        return f"{name} is not being asked: the answers to {', '.join(causes)} do not call for it"
    return f"{name} is not being asked: no instrument in this screening calls for it"


def _causes(iv: StepSequence, q: Questionnaire) -> list[str]:
    """The planned items the offer's condition reads (``DASH Q8``)."""
    if q.offered_when is None:  # not an offered instrument: nothing of the plan calls for it
        return []
    planned = set(iv.plan)
    causes = []
    for r in refs(parse_condition(q.offered_when)):
        inst, item_id = r.qualified(q.id)[:2]
        if inst in planned and inst in iv.library.definitions:
            d = iv.definition(inst)
            item = d.item(item_id)
            causes.append(f"{tag(d)} {number(item) if item is not None else item_id}")
    return causes


def _with_examples(iv: StepSequence, why: str, items: list[Step]) -> str:
    """``why`` with examples of targets that work (items that are asked)."""
    if not items:
        return why
    first = items[min(len(items) - 1, 1)]
    f_item = iv.definition(first.key).item(first.item)
    examples = []
    if f_item is not None and f_item.number:
        examples += [str(f_item.number), f"q{f_item.number}"]
    others = [s for s in items if s.key != first.key]
    sample = others[0] if others else first
    examples.append(f"{sample.key}.{sample.item}")
    return f"{why} (try {', '.join(examples)})"
