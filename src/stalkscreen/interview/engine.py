"""The interview state machine (see the package docstring for the rules it keeps)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from pydantic import ValidationError

from stalkscreen import ANSWERS_FORMAT
from stalkscreen.answers import (
    AnswerSet,
    Case,
    Meta,
    ProfessionalJudgement,
    Response,
    normalise_answer,
    stamp_meta,
)
from stalkscreen.definitions.conditions import Lookup
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import (
    Item,
    Level,
    Profile,
    Questionnaire,
    Section,
)
from stalkscreen.interview.judgement import allowed_levels
from stalkscreen.interview.jumps import tag as _tag
from stalkscreen.interview.jumps import why_not_asked
from stalkscreen.interview.rescreen import rescreen_help, restart_case
from stalkscreen.interview.steps import (
    CASE_BY_KEY,
    CASE_FIELDS,
    DEFAULT_PLAN,
    OFFER_ACCEPTED,
    OFFER_DECLINED,
    PREFLIGHT,
    PREFLIGHT_BY_KEY,
    RELATIONSHIPS,
    TOOL,
    UNSAFE_TO_TALK,
    InputKind,
    InterviewError,
    Row,
    Saver,
    Step,
    View,
    clean_text,
    offer_key,
    parse_count,
    parse_date,
    parse_relationship,
)
from stalkscreen.scoring import Screening, score
from stalkscreen.scoring.facts import answer_lookup, applicable_items, holds, offered, ordered


@dataclass
class Interview:
    """One screening being taken. Mutating methods save the draft through ``saver``."""

    library: Library
    profile: Profile
    plan: tuple[str, ...] = DEFAULT_PLAN
    saver: Saver | None = None
    today: date = field(default_factory=date.today)
    defaults: Mapping[str, str] = field(default_factory=dict)
    case: dict[str, Any] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    responses: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    judgement: ProfessionalJudgement | None = None
    set_aside: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    pending: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    """Comments and sources typed before their item was answered, by (instrument, item).
    Held in memory only: attached when the item is answered, never saved or scored before."""
    last_answered: Step | None = None
    """The item answered most recently in this session (a comment on it needs no going back)."""
    created_at: datetime | None = None
    earlier_date: date | None = None
    """Re-screening (``--answers``): the earlier file's date, which is asked again."""
    recheck: set[str] = field(default_factory=set)
    """Case keys asked again although set (the 12-month counts when re-screening)."""
    cursor: Step = field(default_factory=lambda: Step("case", "reference"))
    _lookup_cache: AnswerSet | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ building

    @classmethod
    def start(
        cls,
        library: Library,
        profile: Profile,
        plan: Sequence[str] = DEFAULT_PLAN,
        *,
        prefill: AnswerSet | None = None,
        **kw: Any,
    ) -> Interview:
        """A new interview, optionally pre-filled from an answer file (asks what is missing)."""
        chosen = list(plan)
        if prefill is not None:
            chosen += _unplanned(library, chosen, prefill)
        check_plan(library, chosen)
        interview = cls(library, profile, tuple(chosen), **kw)
        if prefill is not None:
            interview._load(prefill)
            interview.earlier_date, interview.recheck = restart_case(interview.case)
            interview._changed()
        interview.cursor = interview._first_unset(0)
        return interview

    @classmethod
    def resume(cls, library: Library, profile: Profile, draft: AnswerSet, **kw: Any) -> Interview:
        """Continue a draft at the exact step its ``meta.cursor`` names."""
        cursor = draft.meta.cursor if draft.meta else None
        plan: list[str] = []
        step: Step | None = None
        if cursor:
            plan_text, _, code = cursor.rpartition("|")
            plan = [p for p in plan_text.split(",") if p]
            try:
                step = Step.parse(code)
            except InterviewError:
                step = None
        plan += _unplanned(library, plan, draft)
        if not plan:
            plan = list(DEFAULT_PLAN)
        check_plan(library, plan)
        interview = cls(library, profile, tuple(plan), **kw)
        interview._load(draft)
        interview._changed()
        steps = interview.steps()
        interview.cursor = step if step in steps else interview._first_unset(0)
        return interview

    def _load(self, answers: AnswerSet) -> None:
        self.case = {k: v for k, v in answers.case.model_dump().items() if v is not None}
        self.context = dict(answers.context)
        self.responses = {
            inst: {item: r.model_dump(exclude_none=True) for item, r in items.items()}
            for inst, items in answers.responses.items()
        }
        self.judgement = answers.professional_judgement
        self.created_at = answers.meta.created_at if answers.meta else None
        # An offered instrument answered in the file while its offer holds was accepted, even
        # if the file does not say so; recording it lets a later change set its answers aside.
        lookup = answer_lookup(answers)
        for inst in answers.responses:
            q = self.library.definitions.get(inst)
            key = offer_key(inst)
            fresh = q is not None and inst not in self.plan and key not in self.context
            if fresh and q is not None and offered(q, lookup):
                self.context[key] = OFFER_ACCEPTED
        self._dirty()

    # ------------------------------------------------------------------ the answer set

    def _dirty(self) -> None:
        self._lookup_cache = None

    def answers(self, status: Literal["in-progress", "completed"] = "in-progress") -> AnswerSet:
        """The screening as it stands (set-aside answers are not in it)."""
        if not self.case.get("reference"):
            raise InterviewError("the case reference is needed first")
        return self._build(status)

    def _build(self, status: Literal["in-progress", "completed"]) -> AnswerSet:
        case = dict(self.case)
        case.setdefault("reference", "-")
        cursor = None if status == "completed" else f"{','.join(self.plan)}|{self.cursor.code}"
        answers = AnswerSet(
            format=ANSWERS_FORMAT,
            case=Case.model_validate(case),
            profile=self.profile.id,
            context=dict(self.context),
            responses={
                inst: {item: Response.model_validate(r) for item, r in items.items()}
                for inst, items in self.responses.items()
                if items
            },
            professional_judgement=self.judgement,
            status=status,
            meta=Meta(created_at=self.created_at, cursor=cursor),
        )
        stamped = stamp_meta(answers, self.library.stamps(), self.library.wordings(), tool=TOOL)
        if self.created_at is None and stamped.meta is not None:
            self.created_at = stamped.meta.created_at
        return stamped

    def _lookup(self) -> Lookup:
        if self._lookup_cache is None:
            self._lookup_cache = self._build("in-progress")
        return answer_lookup(self._lookup_cache)

    def save(self) -> None:
        """Write the draft now (nothing is written before the reference is known)."""
        if self.saver is not None and self.case.get("reference"):
            self.saver(self.answers("in-progress"))

    # ------------------------------------------------------------------ the sequence

    def definition(self, instrument: str) -> Questionnaire:
        return self.library.questionnaire(instrument).definition

    def offer_driven(self) -> list[Questionnaire]:
        """Instruments not in the plan that another instrument's answers may call for."""
        return [
            q for q in self.library.definitions.values() if q.offered_when and q.id not in self.plan
        ]

    def instruments(self, lookup: Lookup | None = None) -> list[Questionnaire]:
        """Instruments in play: the plan, plus offered ones the practitioner accepted."""
        lookup = lookup or self._lookup()
        chosen = [self.definition(i) for i in self.plan]
        for q in self.offer_driven():
            if offered(q, lookup) and self.context.get(offer_key(q.id)) == OFFER_ACCEPTED:
                chosen.append(q)
        return ordered({q.id: q for q in chosen})

    def steps(self) -> list[Step]:
        """Every step that applies now, in order."""
        lookup = self._lookup()
        out = [Step("case", f.key) for f in CASE_FIELDS]
        out += [Step("context", f.key) for f in PREFLIGHT]
        plan_ids = set(self.plan)
        candidates = [self.definition(i) for i in self.plan] + [
            q for q in self.offer_driven() if offered(q, lookup)
        ]
        for q in ordered({q.id: q for q in candidates}):
            if q.id not in plan_ids:
                out.append(Step("offer", q.id))
                if self.context.get(offer_key(q.id)) != OFFER_ACCEPTED:
                    continue
            out += self._instrument_steps(q, lookup)
        out += [Step("judgement"), Step("review")]
        return out

    def _instrument_steps(self, q: Questionnaire, lookup: Lookup) -> list[Step]:
        applicable = set(applicable_items(q, lookup))
        out: list[Step] = []
        for section in q.sections:
            if section.gate_key:
                out.append(Step("gate", q.id, section.id))
            for item in q.items:
                if item.section != section.id or item.id not in applicable:
                    continue
                out.append(Step("item", q.id, item.id))
                out += [
                    Step("detail", q.id, item.id, d.id)
                    for d in item.details
                    if holds(d.when, lookup, q.id)
                ]
        return out

    def is_set(self, step: Step) -> bool:
        return self.value(step) is not None

    def value(self, step: Step) -> str | None:
        """The current value of a step as display text, or ``None`` when unset."""
        if step.kind == "case":
            v = self.case.get(step.key)
            return None if v is None else str(v)
        if step.kind == "context":
            return self.context.get(step.key)
        if step.kind == "gate":
            section = self._section(step)
            return self.context.get(section.gate_key or "")
        if step.kind == "offer":
            return self.context.get(offer_key(step.key))
        if step.kind == "item":
            r = self.responses.get(step.key, {}).get(step.item)
            return None if r is None else str(r["answer"])
        if step.kind == "detail":
            r = self.responses.get(step.key, {}).get(step.item)
            v = (r or {}).get("details", {}).get(step.detail)
            if v is None:
                return None
            return ", ".join(v) if isinstance(v, list) else str(v)
        if step.kind == "judgement":
            if self.judgement is None:
                return None
            return self.judgement.level or "no judgement yet"
        return None

    @property
    def current(self) -> Step:
        return self.cursor

    def _first_unset(self, start: int) -> Step:
        steps = self.steps()
        for step in steps[start:]:
            if step.kind == "review" or not self.is_set(step) or step.key in self.recheck:
                return step
        return steps[-1]

    def _advance(self) -> None:
        steps = self.steps()
        index = steps.index(self.cursor) + 1 if self.cursor in steps else 0
        self.cursor = self._first_unset(index)

    def _section(self, step: Step) -> Section:
        q = self.definition(step.key)
        for section in q.sections:
            if section.id == step.item:
                return section
        raise InterviewError("unknown section")

    def _item(self, step: Step) -> Item:
        item = self.definition(step.key).item(step.item)
        if item is None:
            raise InterviewError("unknown item")
        return item

    # ------------------------------------------------------------------ commands

    def answer(self, value: Any) -> None:
        """Answer the current step and move on to the next step that still needs an answer."""
        step = self.cursor
        kind = step.kind
        if kind == "case":
            self._set_case(step.key, value)
        elif kind == "context":
            self._set_context(step.key, value)
        elif kind == "gate":
            self.context[self._section(step).gate_key or step.item] = self._yes_no(value)
        elif kind == "offer":
            answer = {OFFER_ACCEPTED: "yes", OFFER_DECLINED: "no"}.get(str(value))
            answer = answer or normalise_answer(value)
            if answer not in ("yes", "no"):
                raise InterviewError("answer yes to ask these questions now, or no")
            choice = OFFER_ACCEPTED if answer == "yes" else OFFER_DECLINED
            self.context[offer_key(step.key)] = choice
        elif kind == "item":
            self._set_item(step.key, step.item, self._yes_no(value))
            self.last_answered = step
        elif kind == "detail":
            self._set_detail(step, value)
        else:
            raise InterviewError("this step is not answered that way")
        self._changed()
        self._advance()
        self.save()

    def skip(self) -> None:
        """Leave an optional case detail, pre-flight check or item detail as it is; move on."""
        step = self.cursor
        if step.kind not in ("case", "context", "detail"):
            raise InterviewError("this question needs an answer: yes, no or don't know")
        if step.kind == "case" and CASE_BY_KEY[step.key].required and not self.case.get(step.key):
            raise InterviewError("the case reference is required")
        self.recheck.discard(step.key)
        self._advance()
        self.save()

    def clear(self) -> None:
        """Remove the value of the current optional case detail or pre-flight check."""
        step = self.cursor
        if step.kind == "case" and not CASE_BY_KEY[step.key].required:
            self.case.pop(step.key, None)
        elif step.kind == "context":
            self.context.pop(step.key, None)
        else:
            raise InterviewError("only optional details can be cleared")
        self._changed()
        self.save()

    def comment(self, text: str | None, step: Step | None = None) -> None:
        """Add, replace or (with ``None`` or blank) remove the comment of an item.

        On an item not yet answered the comment is held as pending (see :attr:`pending`)."""
        self._annotate(step or self.cursor, "comment", text, multiline=True, limit=20_000)

    def source(self, text: str | None, step: Step | None = None) -> None:
        """Record where the answer came from when it is not the victim (blank removes it)."""
        self._annotate(step or self.cursor, "source", text, multiline=False, limit=500)

    def detail(self, detail_id: str, value: Any, step: Step | None = None) -> None:
        """Record one detail of an answered item (the ``when`` of the detail must hold)."""
        target = step or self.cursor
        if target.kind not in ("item", "detail"):
            raise InterviewError("details belong to an item")
        detail_step = Step("detail", target.key, target.item, detail_id)
        if detail_step not in self.steps():
            raise InterviewError("that detail does not apply to this answer")
        self._set_detail(detail_step, value)
        self._changed()
        self.save()

    def back(self) -> None:
        """Go to the step before the current one."""
        steps = self.steps()
        index = steps.index(self.cursor) if self.cursor in steps else len(steps) - 1
        if index == 0:
            self.notices.append("This is the first question.")
            return
        self.cursor = steps[index - 1]
        self.save()

    def jump(self, target: str) -> None:
        """Go to an item: ``12``, ``q12``, ``s-dash.q3`` or a step code such as ``case/agency``."""
        step = self._resolve(target)
        self.cursor = step
        self.save()

    def review(self) -> None:
        """Go to the review screen."""
        self.cursor = Step("review")
        self.save()

    def edit(self, number: int) -> None:
        """From the review screen, go to the row with this number."""
        rows = self.rows()
        if not 1 <= number <= len(rows):
            raise InterviewError(f"choose a row from 1 to {len(rows)}")
        self.cursor = rows[number - 1].step
        self.save()

    def computed(self) -> Screening:
        """The screening as finishing it now would score it, without any professional judgement."""
        base = self._build("completed").model_copy(update={"professional_judgement": None})
        return score(base, self.library, self.profile)

    def judge(self, level: Level | None, rationale: str | None = None) -> None:
        """SC-PJ: record a level at or above the computed one (confirming counts), with a written
        rationale; ``None`` records no judgement yet (the level stays by count)."""
        if self.cursor.kind != "judgement":
            raise InterviewError("professional judgement is recorded at its own step")
        note = (rationale or "").strip() or None
        if note is not None:
            clean_text(note, "rationale", multiline=True, limit=20_000)
        if level is not None:
            computed = self.computed()
            if level not in allowed_levels(computed):
                raise InterviewError(
                    f"judgement can confirm or raise the level the answers give "
                    f"({computed.risk_level}), never lower it"
                )
            if note is None:
                raise InterviewError("a recorded level needs a written rationale")
        self.judgement = ProfessionalJudgement(level=level, rationale=note)
        self._changed()
        self._advance()
        self.save()

    # ------------------------------------------------------------------ review and finish

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

    def problems(self) -> list[str]:
        """What stops the screening being finished (empty when it can be)."""
        out = []
        if not self.case.get("reference"):
            out.append("the case reference is missing")
        if self.judgement is None:
            out.append("the judgement step is not done (record a level, or no judgement yet)")
        elif self.judgement.level is not None:
            current = self.computed()
            if self.judgement.level not in allowed_levels(current):
                out.append(
                    f"your judgement ({self.judgement.level}) is now below the level the "
                    f"answers give ({current.risk_level}); record your judgement again"
                )
        return out

    def unanswered(self) -> list[Step]:
        """Items that apply but have no answer (the screening would be incomplete)."""
        return [s for s in self.steps() if s.kind == "item" and not self.is_set(s)]

    def finish(self) -> AnswerSet:
        """The completed screening; raises :class:`InterviewError` when :meth:`problems` says so."""
        problems = self.problems()
        if problems:
            raise InterviewError("; ".join(problems))
        return self.answers("completed")

    def progress(self) -> tuple[int, int]:
        """(items answered, items that apply)."""
        items = [s for s in self.steps() if s.kind == "item"]
        return sum(1 for s in items if self.is_set(s)), len(items)

    # ------------------------------------------------------------------ views

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

    def _default(self, step: Step) -> str | None:
        if step.kind == "case" and step.key == "assessed_on":
            return self.today.isoformat()
        return self.defaults.get(step.key)

    # ------------------------------------------------------------------ mutation helpers

    def _yes_no(self, value: Any) -> str:
        answer = normalise_answer(value)
        if answer is None:
            raise InterviewError("answer yes, no or don't know")
        return answer

    def _set_case(self, key: str, value: Any) -> None:
        spec = CASE_BY_KEY[key]
        self.recheck.discard(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            default = self._default(Step("case", key))
            if default is None:
                if spec.required:
                    raise InterviewError("the case reference is required")
                self.case.pop(key, None)
                return
            value = default
        if spec.kind == "date":
            parsed: Any = value if isinstance(value, date) else parse_date(str(value), self.today)
        elif spec.kind == "count":
            parsed = value if isinstance(value, int) else parse_count(str(value))
        elif spec.kind == "relationship":
            parsed = parse_relationship(str(value))
        else:
            parsed = clean_text(str(value).strip(), "text", limit=64 if key == "reference" else 500)
        try:
            Case.model_validate({"reference": "x", key: parsed})
        except ValidationError:
            raise InterviewError(f"that is not a valid value for {spec.prompt.lower()}") from None
        self.case[key] = parsed

    def _set_context(self, key: str, value: Any) -> None:
        spec = PREFLIGHT_BY_KEY[key]
        if spec.kind == "yes-no":
            answer = self._yes_no(value)
            self.context[key] = answer
            if key == "safe_to_talk" and answer != "yes":
                self.notices.append(UNSAFE_TO_TALK)
            return
        text = clean_text(str(value or "").strip(), "text")
        if text:
            self.context[key] = text
        else:
            self.context.pop(key, None)

    def _set_item(self, instrument: str, item_id: str, answer: str) -> None:
        record = self.responses.setdefault(instrument, {}).setdefault(item_id, {})
        record["answer"] = answer
        record.update(self.pending.pop((instrument, item_id), {}))

    def _set_detail(self, step: Step, value: Any) -> None:
        item = self._item(step)
        d = next((d for d in item.details if d.id == step.detail), None)
        if d is None:
            raise InterviewError("unknown detail")
        record = self.responses.get(step.key, {}).get(step.item)
        if record is None:
            raise InterviewError("answer the item before its details")
        details = record.setdefault("details", {})
        if value is None or value == "" or value == []:
            details.pop(d.id, None)
        elif d.kind == "yes-no":
            details[d.id] = self._yes_no(value)
        elif d.kind == "choices":
            chosen = _choices(value, [c.id for c in d.choices])
            if d.single and len(chosen) > 1:
                raise InterviewError("choose one number only")
            details[d.id] = chosen[0] if d.single else chosen
        else:
            details[d.id] = clean_text(str(value).strip(), "detail")
        if not details:
            record.pop("details")

    def _annotate(self, step: Step, key: str, text: str | None, **kw: Any) -> None:
        if step.kind not in ("item", "detail"):
            raise InterviewError("comments and sources belong to an item")
        self._item(step)
        record = self.responses.get(step.key, {}).get(step.item)
        cleaned = (text or "").strip()
        if cleaned:
            cleaned = clean_text(cleaned, key, **kw)
        if record is None:  # not answered yet: hold the note until it is
            held = self.pending.setdefault((step.key, step.item), {})
            if cleaned:
                held[key] = cleaned
            else:
                held.pop(key, None)
            if not held:
                del self.pending[(step.key, step.item)]
            return
        if cleaned:
            record[key] = cleaned
        else:
            record.pop(key, None)
        self._dirty()
        self.save()

    def _resolve(self, target: str) -> Step:
        target = target.strip()
        steps = self.steps()
        if "/" in target:
            try:
                step = Step.parse(target)
            except InterviewError:
                step = None
            if step in steps:
                assert step is not None
                return step
            raise InterviewError("there is no such step in this screening")
        inst, _, ref = target.rpartition(".") if "." in target else ("", "", target)
        if not inst and " " in ref:
            inst, _, ref = ref.partition(" ")
        ref = ref.strip().lower()
        items = [s for s in steps if s.kind == "item"]
        if inst:
            scope = [s for s in items if s.key == inst.strip()]
        else:
            here = self.cursor.key if self.cursor.kind in ("item", "detail") else None
            first = items[0].key if items else None
            scope = [s for s in items if s.key == (here or first)]
        for s in scope:
            item = self._item(s)
            if ref in (item.id, str(item.number or ""), f"q{item.number}"):
                return s
        raise InterviewError(why_not_asked(self, inst.strip(), ref, scope, items))

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
                    f"{len(gone)} {self.definition(inst).short_title} answer(s) no longer apply "
                    f"and were set aside ({', '.join(gone)}); they are not saved or scored "
                    "unless the change is undone."
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
                    f"{len(back)} {q.short_title} answer(s) set aside earlier apply again and "
                    f"were restored ({', '.join(back)})."
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


def _choices(value: Any, allowed: list[str]) -> list[str]:
    parts: Iterable[Any] = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    out: list[str] = []
    for part in parts:
        token = str(part).strip()
        if not token:
            continue
        if token.isdigit() and 1 <= int(token) <= len(allowed):
            token = allowed[int(token) - 1]
        if token not in allowed:
            raise InterviewError(f"choose numbers from 1 to {len(allowed)}, separated by spaces")
        if token not in out:
            out.append(token)
    return out


def _unplanned(library: Library, plan: Sequence[str], answers: AnswerSet) -> list[str]:
    """Instruments answered in a file but not in the plan, except offers taken up.

    An offer is taken up when the file records it accepted, or records no choice while the
    offer holds (the answers show it was asked); such answers can be set aside later."""
    out = []
    lookup = answer_lookup(answers)
    for inst in answers.responses:
        q = library.definitions.get(inst)
        choice = answers.context.get(offer_key(inst))
        taken = (
            q is not None
            and q.offered_when is not None
            and (choice == OFFER_ACCEPTED or (choice is None and offered(q, lookup)))
        )
        if inst not in plan and not taken:
            out.append(inst)
    return out


def check_plan(library: Library, plan: Sequence[str]) -> None:
    """The chosen instruments must exist, and DASH and RIC are not taken together."""
    for inst in plan:
        library.questionnaire(inst)
    if "dash" in plan and "dash-ric" in plan:
        raise InterviewError("choose either dash or dash-ric, not both")
    if not plan:
        raise InterviewError("choose at least one instrument")
