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
from stalkscreen.i18n import gettext
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
        return _with_examples(
            iv, gettext("there is no instrument called %(name)s") % {"name": repr(inst)}, items
        )
    if q is not None and q.id not in {s.key for s in items}:
        return why_not_in_play(iv, q)
    target = q or (iv.definition(scope[0].key) if scope else None)
    item = None
    if target is not None:
        item = target.item(ref) or next(
            (i for i in target.items if ref in (str(i.number), f"q{i.number}")), None
        )
    if target is None or item is None:
        return _with_examples(iv, gettext("no such item is asked in this screening"), items)
    return gettext("%(item)s is not asked: %(why)s") % {
        "item": f"{tag(target)} {number(item)}",
        "why": _item_reason(iv, target, item),
    }


def _item_reason(iv: StepSequence, q: Questionnaire, item: Item) -> str:
    lookup = iv._lookup()
    section = next(s for s in q.sections if s.id == item.section)
    title = {"section": section.title}
    if section.gate_key and iv.context.get(section.gate_key) == "no":
        return (
            gettext(
                "its section (%(section)s) is skipped because the opening question was answered no"
            )
            % title
        )
    if not holds(section.when, lookup, q.id):
        return gettext("the %(section)s section is asked only when %(when)s") % {
            **title,
            "when": section.when,
        }
    if not holds(item.when, lookup, q.id):
        return gettext("it is asked only when %(when)s") % {"when": item.when}
    return gettext("its section or condition does not apply")


def why_not_in_play(iv: StepSequence, q: Questionnaire) -> str:
    """Why an instrument's items are not being asked."""
    name = {"name": q.short_title, "id": q.id}
    if q.offered_when is None:
        return (
            gettext(
                "the %(name)s is not part of this screening (choose it with --instrument %(id)s)"
            )
            % name
        )
    choice = iv.context.get(offer_key(q.id))
    if choice == OFFER_DECLINED:
        return gettext("the %(name)s was declined when offered; go back to the offer to ask it") % (
            name
        )
    lookup = iv._lookup()
    causes = _causes(iv, q)
    if offered(q, lookup):
        return _offered(iv, q, causes)
    if len(causes) == 1:
        return gettext("the %(name)s is not being asked: %(cause)s is not yes") % {
            **name,
            "cause": causes[0],
        }
    if causes:
        return gettext(
            "the %(name)s is not being asked: the answers to %(causes)s do not call for it"
        ) % {**name, "causes": ", ".join(causes)}
    return (
        gettext("the %(name)s is not being asked: no instrument in this screening calls for it")
        % name
    )


def _offered(iv: StepSequence, q: Questionnaire, causes: list[str]) -> str:
    """Why an offered instrument's items are not asked yet: the offer comes later."""
    steps = iv.steps()
    offer = steps.index(Step("offer", q.id))
    before = next((s for s in reversed(steps[:offer]) if s.kind == "item"), None)
    after = ""
    if before is not None:
        d = iv.definition(before.key)
        item = d.item(before.item)
        after = f"{tag(d)} {number(item)}" if item is not None else ""
    values = {"name": q.short_title, "after": after, "cause": causes[0] if causes else ""}
    if after and len(causes) == 1:
        text = gettext("the %(name)s is offered after %(after)s, because %(cause)s is yes; "
                       "answer up to there and accept the offer")  # fmt: skip
    elif after:
        text = gettext("the %(name)s is offered after %(after)s; answer up to there and accept "
                       "the offer")  # fmt: skip
    elif len(causes) == 1:
        text = gettext("the %(name)s is offered, because %(cause)s is yes; answer up to there "
                       "and accept the offer")  # fmt: skip
    else:
        text = gettext("the %(name)s is offered; answer up to there and accept the offer")
    return text % values


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
    return gettext("%(why)s (try %(examples)s)") % {"why": why, "examples": ", ".join(examples)}
