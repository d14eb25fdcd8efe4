"""What the practitioner sees: the view of a step and the rows of the review screen."""

from __future__ import annotations

from stalkscreen.about import level_name
from stalkscreen.i18n import gettext, ngettext, pgettext
from stalkscreen.interview.jumps import tag as _tag
from stalkscreen.interview.rescreen import rescreen_help
from stalkscreen.interview.sequence import StepSequence
from stalkscreen.interview.steps import (
    CASE_BY_KEY,
    PREFLIGHT_BY_KEY,
    RELATIONSHIPS,
    InputKind,
    Row,
    Step,
    View,
)
from stalkscreen.interview.words import (
    answer_label,
    no_judgement_yet,
    offer_label,
    relationship_label,
)


class Presentation(StepSequence):
    """Views and review rows, as terminal-free data for any front end."""

    def view(self, step: Step | None = None) -> View:
        step = step or self.cursor
        value = self.value(step)
        if step.kind in ("case", "context"):
            spec = CASE_BY_KEY[step.key] if step.kind == "case" else PREFLIGHT_BY_KEY[step.key]
            default = self._default(step) if value is None else None
            again = rescreen_help(step.key, self.earlier_date, self.recheck)
            prompt, help_text = spec.shown()
            help_text = self._escalation_help(step.key) or help_text
            help_text = f"{again} {help_text}" if again else help_text
            choices = (
                tuple((str(i), relationship_label(r)) for i, r in enumerate(RELATIONSHIPS, 1))
                if spec.kind == "relationship"
                else ()
            )
            case = step.kind == "case"
            return View(
                step,
                spec.kind,
                gettext("Case details") if case else gettext("Before you start"),
                gettext("Case details") if case else gettext("Safety checks"),
                prompt,
                help_text,
                value=self.shown(step, value),
                default=default,
                choices=choices,
                required=spec.required,
            )
        if step.kind == "gate":
            q = self.definition(step.key)
            section = self._section(step)
            return View(
                step,
                "yes-no",
                q.short_title,
                section.title,
                section.gate or "",
                gettext("If the answer is no, the questions in this section are skipped."),
                value=self.shown(step, value),
            )
        if step.kind == "offer":
            q = self.definition(step.key)
            return View(
                step,
                "offer",
                q.short_title,
                q.title,
                ngettext(
                    "The answers call for the %(name)s questions (%(num)s more). Ask them now?",
                    "The answers call for the %(name)s questions (%(num)s more). Ask them now?",
                    len(q.items),
                )
                % {"name": q.short_title, "num": len(q.items)},
                q.purpose,
                value=self.shown(step, value),
            )
        if step.kind in ("item", "detail"):
            q = self.definition(step.key)
            item = self._item(step)
            section = next(s for s in q.sections if s.id == item.section)
            items = [s for s in self.steps() if s.kind == "item" and s.key == q.id]
            position = (items.index(Step("item", q.id, item.id)) + 1, len(items))
            number = f"Q{item.number}" if item.number else item.id
            r = self.responses.get(q.id, {}).get(item.id)
            held = self.pending.get((q.id, item.id), {}) if r is None else {}
            r = r or held
            if step.kind == "item":
                return View(
                    step,
                    "answer",
                    q.short_title,
                    section.title,
                    item.prompt,
                    item.guidance,
                    position,
                    number,
                    self.shown(step, value),
                    comment=r.get("comment"),
                    source=r.get("source"),
                    pending=bool(held),
                )
            d = next(d for d in item.details if d.id == step.detail)
            kind: InputKind = {"choices": "choices", "yes-no": "yes-no", "text": "text"}[d.kind]  # type: ignore[assignment]
            return View(
                step,
                kind,
                q.short_title,
                section.title,
                d.prompt,
                gettext("A detail of %(number)s; leave it blank if it is not known.")
                % {"number": number},
                position,
                f"{number}+",
                self.shown(step, value),
                choices=tuple((c.id, c.label) for c in d.choices),
            )
        if step.kind == "judgement":
            title = gettext("Professional judgement")
            return View(
                step,
                "judgement",
                title,
                title,
                gettext("Record your judgement of the level"),
                gettext(
                    "Judgement can confirm or raise the level the answers give, never "
                    "lower it; a recorded level needs a written rationale."
                ),
                value=self.shown(step, value),
            )
        title = gettext("Review")
        return View(step, "review", title, title, gettext("Check every answer before finishing."))

    def shown(self, step: Step, value: str | None) -> str | None:
        """A step's value as the screen shows it, in the language in force (what is saved
        stays canonical: ``yes``, ``ex-partner``, ``2026-12-03``)."""
        if value is None:
            return None
        if step.kind == "case":
            return relationship_label(value) if step.key == "relationship" else value
        if step.kind == "context":
            field = PREFLIGHT_BY_KEY.get(step.key)
            return answer_label(value) if field and field.kind == "yes-no" else value
        if step.kind == "offer":
            return offer_label(value)
        if step.kind == "judgement":
            level = self.judgement.level if self.judgement else None
            return level_name(level) if level else no_judgement_yet()
        if step.kind == "domain":
            return level_name(value)
        if step.kind == "detail":
            detail = next(d for d in self._item(step).details if d.id == step.detail)
            if detail.kind == "choices":
                labels = {c.id: c.label for c in detail.choices}
                return ", ".join(labels.get(v, v) for v in value.split(", "))
            return answer_label(value) if detail.kind == "yes-no" else value
        return answer_label(value)  # items and gates

    def _escalation_help(self, key: str) -> str | None:
        """SC-ESC as the chosen profile sets it, for the incidents and crimes fields."""
        if key not in ("incidents_last_12_months", "crimes_last_12_months"):
            return None
        rule = self.profile.marac.escalation
        values = {"profile": self.profile.id, "incidents": rule.incidents, "crimes": rule.crimes}
        if key == "incidents_last_12_months":
            if rule.incidents is None:
                text = gettext(
                    "A whole number; incidents alone do not mean a MARAC referral "
                    "under the %(profile)s profile (SC-ESC)."
                )
            elif rule.crimes:
                text = gettext(
                    "A whole number; %(incidents)s or more means a MARAC referral "
                    "whatever the answers, as do %(crimes)s or more crimes, under the "
                    "%(profile)s profile (SC-ESC)."
                )
            else:
                text = gettext(
                    "A whole number; %(incidents)s or more means a MARAC referral "
                    "whatever the answers, under the %(profile)s profile (SC-ESC)."
                )
        elif rule.crimes is None:
            text = gettext(
                "A whole number; crimes are recorded but do not alone mean a MARAC "
                "referral under the %(profile)s profile (SC-ESC)."
            )
        elif rule.incidents:
            text = gettext(
                "A whole number; %(crimes)s or more crimes (or %(incidents)s or more "
                "incidents) means a MARAC referral whatever the answers, under the "
                "%(profile)s profile (SC-ESC)."
            )
        else:
            text = gettext(
                "A whole number; %(crimes)s or more crimes means a MARAC referral "
                "whatever the answers, under the %(profile)s profile (SC-ESC)."
            )
        return text % values

    def rows(self) -> list[Row]:
        """Every step before the review, numbered, with its value and notes."""
        out: list[Row] = []
        for step in self.steps():
            if step.kind == "review":
                break
            view = self.view(step)
            label = f"{view.number} {view.prompt}".strip() if view.number else view.prompt
            r = self.responses.get(step.key, {}).get(step.item) if step.kind == "item" else None
            out.append(
                Row(
                    len(out) + 1,
                    step,
                    label,
                    view.value if view.value is not None else "—",
                    (r or {}).get("comment"),
                    (r or {}).get("source"),
                    self._group(step),
                )
            )
        return out

    def _group(self, step: Step) -> str:
        if step.kind == "case":
            return pgettext("review group", "Case")
        if step.kind == "context":
            return pgettext("review group", "Safety")
        if step.kind == "judgement":
            return pgettext("review group", "Judgement")
        return _tag(self.definition(step.key))

    def tag(self, instrument: str) -> str:
        """The compact label of an instrument (``DASH``, ``S-DASH``, ``SRP red flags``)."""
        return _tag(self.definition(instrument))
