"""What the practitioner sees: the view of a step and the rows of the review screen."""

from __future__ import annotations

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


class Presentation(StepSequence):
    """Views and review rows, as terminal-free data for any front end."""

    def view(self, step: Step | None = None) -> View:
        step = step or self.cursor
        value = self.value(step)
        if step.kind in ("case", "context"):
            spec = CASE_BY_KEY[step.key] if step.kind == "case" else PREFLIGHT_BY_KEY[step.key]
            default = self._default(step) if value is None else None
            again = rescreen_help(step.key, self.earlier_date, self.recheck)
            help_text = self._escalation_help(step.key) or spec.help
            help_text = f"{again} {help_text}" if again else help_text
            choices = (
                tuple((str(i), r) for i, r in enumerate(RELATIONSHIPS, 1))
                if spec.kind == "relationship"
                else ()
            )
            return View(
                step,
                spec.kind,
                "Case details" if step.kind == "case" else "Before you start",
                "Case details" if step.kind == "case" else "Safety checks",
                spec.prompt,
                help_text,
                value=value,
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
                "If the answer is no, the questions in this section are skipped.",
                value=value,
            )
        if step.kind == "offer":
            q = self.definition(step.key)
            return View(
                step,
                "offer",
                q.short_title,
                q.title,
                f"The answers call for the {q.short_title} questions "
                f"({len(q.items)} more). Ask them now?",
                q.purpose,
                value=value,
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
                    value,
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
                f"A detail of {number}; leave it blank if it is not known.",
                position,
                f"{number}+",
                value,
                choices=tuple((c.id, c.label) for c in d.choices),
            )
        if step.kind == "judgement":
            return View(step, "judgement", "Professional judgement", "Professional judgement",
                        "Record your judgement of the level",
                        "Judgement can confirm or raise the level the answers give, never lower "
                        "it; a recorded level needs a written rationale.", value=value)  # fmt: skip
        return View(step, "review", "Review", "Review", "Check every answer before finishing.")

    def _escalation_help(self, key: str) -> str | None:
        """SC-ESC as the chosen profile sets it, for the incidents and crimes fields."""
        if key not in ("incidents_last_12_months", "crimes_last_12_months"):
            return None
        rule = self.profile.marac.escalation
        where = f"under the {self.profile.id} profile (SC-ESC)"
        if key == "incidents_last_12_months":
            if rule.incidents is None:
                return f"A whole number; incidents alone do not mean a MARAC referral {where}."
            crimes = f", as do {rule.crimes} or more crimes" if rule.crimes else ""
            return (
                f"A whole number; {rule.incidents} or more means a MARAC referral whatever the "
                f"answers{crimes}, {where}."
            )
        if rule.crimes is None:
            return (
                "A whole number; crimes are recorded but do not alone mean a MARAC referral "
                f"{where}."
            )
        incidents = f" (or {rule.incidents} or more incidents)" if rule.incidents else ""
        return (
            f"A whole number; {rule.crimes} or more crimes{incidents} means a MARAC referral "
            f"whatever the answers, {where}."
        )

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
            return "Case"
        if step.kind == "context":
            return "Safety"
        if step.kind == "judgement":
            return "Judgement"
        return _tag(self.definition(step.key))

    def tag(self, instrument: str) -> str:
        """The compact label of an instrument (``DASH``, ``S-DASH``, ``SRP red flags``)."""
        return _tag(self.definition(instrument))
