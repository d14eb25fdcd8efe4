"""Answers that stop applying are set aside, and come back when they apply again.

See the package docstring: set-aside answers are never saved or scored.
"""

from __future__ import annotations

from stalkscreen.definitions.conditions import Lookup
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.i18n import ngettext
from stalkscreen.interview.sequence import StepSequence
from stalkscreen.interview.steps import offer_key
from stalkscreen.scoring.facts import applicable_items, holds, offered


class SetAside(StepSequence):
    """Reconciles the answers with the sequence after every change."""

    def _changed(self) -> None:
        """Reconcile after a change: set aside answers that stopped applying, restore others."""
        self._dirty()
        for _ in range(5):
            if not self._reconcile_once():
                break

    def _reconcile_once(self) -> bool:
        lookup = self._lookup()
        changed = False
        # stale offer choices: the instrument is no longer offered
        for q in self.offer_driven():
            key = offer_key(q.id)
            if key in self.context and not offered(q, lookup):
                del self.context[key]
                changed = True
        in_play = {q.id: q for q in self.instruments(lookup)}
        for inst in list(self.responses):
            current = in_play.get(inst)
            applicable = set(applicable_items(current, lookup)) if current else set()
            gone = [i for i in self.responses[inst] if i not in applicable]
            if gone:
                aside = self.set_aside.setdefault(inst, {})
                for item_id in gone:
                    aside[item_id] = self.responses[inst].pop(item_id)
                if not self.responses[inst]:
                    del self.responses[inst]
                self.notices.append(
                    ngettext(
                        "%(num)s %(name)s answer(s) no longer apply and were set aside "
                        "(%(items)s); they are not saved or scored unless the change is undone.",
                        "%(num)s %(name)s answer(s) no longer apply and were set aside "
                        "(%(items)s); they are not saved or scored unless the change is undone.",
                        len(gone),
                    )
                    % {
                        "num": len(gone),
                        "name": self.definition(inst).short_title,
                        "items": ", ".join(gone),
                    }
                )
                changed = True
            if current is not None:
                changed |= self._prune_details(current, lookup)
        for inst, q in in_play.items():
            held = self.set_aside.get(inst)
            if not held:
                continue
            back = [
                i
                for i in applicable_items(q, lookup)
                if i in held and i not in self.responses.get(inst, {})
            ]
            for item_id in back:
                self.responses.setdefault(inst, {})[item_id] = held.pop(item_id)
            if back:
                self.notices.append(
                    ngettext(
                        "%(num)s %(name)s answer(s) set aside earlier apply again and were "
                        "restored (%(items)s).",
                        "%(num)s %(name)s answer(s) set aside earlier apply again and were "
                        "restored (%(items)s).",
                        len(back),
                    )
                    % {"num": len(back), "name": q.short_title, "items": ", ".join(back)}
                )
                changed = True
        if changed:
            self._dirty()
        return changed

    def _prune_details(self, q: Questionnaire, lookup: Lookup) -> bool:
        changed = False
        for item_id, record in self.responses.get(q.id, {}).items():
            details = record.get("details")
            item = q.item(item_id)
            if not details or item is None:
                continue
            keep = {d.id for d in item.details if holds(d.when, lookup, q.id)}
            for key in [k for k in details if k not in keep]:
                del details[key]
                changed = True
            if not details:
                record.pop("details")
        return changed
