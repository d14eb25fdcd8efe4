"""The probation interview: screening the person who stalks (``screen --for probation``).

:class:`ProbationInterview` is the :class:`~stalkscreen.interview.Interview` with
another sequence:

    case details for the person who stalks (no victim safety checks) → FOUR and
    the stalking formulation (dispute or fixation, motivation, underlying factors,
    trigger) → SRP context (type, heightened-risk factors) → the six red flags →
    structured judgement on the four SRP domains → review

Nothing is offered (the S-DASH and the behaviours checklist are asked of a
victim), there is no DASH-style professional-judgement step, and the screening
is saved with ``purpose: probation`` and its ``srp_domains`` (SC-PURPOSE,
SC-DOMAINS). Everything else — drafts after every answer, back, jump, review,
resume at the exact step — is the base interview's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from stalkscreen.about import level_name
from stalkscreen.answers import AnswerSet, DomainJudgement
from stalkscreen.catalogue import Interviewing
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.i18n import N_, gettext, pgettext
from stalkscreen.interview.engine import Interview
from stalkscreen.interview.steps import (
    CASE_BY_KEY,
    RELATIONSHIPS,
    Field,
    InterviewError,
    Step,
    View,
    clean_text,
)
from stalkscreen.interview.words import answer_label, by_label, relationship_label, typed_answer
from stalkscreen.scoring.facts import ordered
from stalkscreen.vocabulary import PROBATION_CONTEXT, SRP_DOMAINS

PURPOSE = "probation"
PLAN: tuple[str, ...] = ("four", "stalking-formulation", "srp-context", "srp-red-flags")
"""The instruments of a probation screening, asked in this order."""
LEVEL_CHOICES: tuple[str, ...] = ("low", "moderate", "high")

CASE_KEYS = ("reference", "assessed_on", "practitioner", "agency", "relationship")
CASE_TEXT = {
    "reference": (N_("Case reference"), N_("Your case number (for example the CRN). Up to 64 "
                  "characters; kept inside the file, never used in a file name.")),
    "relationship": (N_("How is the person you supervise related to the victim?"),
                     N_("Choose by number or name; for more than one victim, the main one.")),
}  # fmt: skip
"""The case details a probation screening words its own way (English; shown translated)."""
CONTEXT_FIELDS: tuple[Field, ...] = (
    Field(
        "supervision",
        N_("Where is the person in their sentence?"),
        "choices",
        N_("Custody, on licence, on a community order, none, or not known."),
    ),
    Field(
        "victim_contact",
        N_("Is a victim liaison officer or the victim contact scheme involved?"),
        "yes-no",
        N_("If not, the report reminds you to check whether the victim is eligible."),
    ),
    Field(
        "police_involved",
        N_(
            "Do you know of police involvement in the stalking (reports, an investigation, orders)?"
        ),
        "yes-no",
        N_("The report reminds you to tell the police stalking lead either way."),
    ),
)
CONTEXT_BY_KEY = {f.key: f for f in CONTEXT_FIELDS}
SUPERVISION_WORDS = {
    "custody": N_("In custody"),
    "licence": N_("On licence"),
    "community-order": N_("On a community order"),
    "none": N_("Not under supervision"),
    "unknown": N_("Not known"),
}
"""The supervision choices in English; :func:`supervision_words` in the language in force."""
DOMAIN_TEXT: dict[str, tuple[str, str]] = {
    "violence": (
        N_("Risk of violence"),
        N_("How likely is the person to be violent towards the victim, or anyone close to them?"),
    ),
    "persistence": (
        N_("Risk of persistence"),
        N_("How likely is this episode of stalking to go on?"),
    ),
    "recurrence": (
        N_("Risk of recurrence"),
        N_(
            "Once it has stopped, how likely is the person to stalk again, this victim or "
            "someone new?"
        ),
    ),
    "psychosocial-damage": (
        N_("Risk of psychosocial damage to the person who stalks"),
        N_(
            "How much is the stalking harming their own life: work, relationships, health, liberty?"
        ),
    ),
}
DOMAIN_GUIDANCE = N_(
    "Your structured professional judgement: low, moderate or high. Nothing is computed from "
    "the answers. A high rating needs a written rationale; give one for the others too where "
    "you can."
)


@dataclass
class ProbationInterview(Interview):
    """A probation screening of the person who stalks (see the module docstring)."""

    plan: tuple[str, ...] = PLAN
    domains: dict[str, DomainJudgement] = field(default_factory=dict)

    # ------------------------------------------------------------------ the sequence

    def offer_driven(self) -> list[Questionnaire]:
        return []  # the S-DASH and the behaviours checklist are asked of a victim

    def steps(self) -> list[Step]:
        lookup = self._lookup()
        out = [Step("case", key) for key in CASE_KEYS]
        out += [Step("context", f.key) for f in CONTEXT_FIELDS]
        planned = [self.definition(i) for i in self.plan]
        by_id = {q.id: q for q in planned}
        # the probation order first; anything else chosen (or pre-filled) after it
        first = [by_id.pop(i) for i in PLAN if i in by_id]
        for q in first + ordered(by_id):
            out += self._instrument_steps(q, lookup)
        out += [Step("domain", d) for d in SRP_DOMAINS]
        out.append(Step("review"))
        return out

    def value(self, step: Step) -> str | None:
        if step.kind == "domain":
            judged = self.domains.get(step.key)
            return None if judged is None else judged.level
        return super().value(step)

    def _group(self, step: Step) -> str:
        if step.kind in ("case", "context"):
            return pgettext("review group", "Case")
        if step.kind == "domain":
            return pgettext("review group", "Domains")
        return super()._group(step)

    # ------------------------------------------------------------------ commands

    def answer(self, value: Any) -> None:
        if self.cursor.kind == "domain":
            self.rate(value)
            return
        super().answer(value)

    def skip(self) -> None:
        if self.cursor.kind == "domain":  # left unrated: the screening stays incomplete
            self._advance()
            self.save()
            return
        super().skip()

    def rate(self, level: Any, rationale: str | None = None) -> None:
        """SC-DOMAINS: judge the current domain low, moderate or high (rationale for high)."""
        step = self.cursor
        if step.kind != "domain":
            raise InterviewError(Interviewing.DOMAIN_AT_ITS_STEP)
        chosen = parse_level(level)
        note = (rationale or "").strip() or None
        if note is not None:
            clean_text(note, "rationale", multiline=True, limit=20_000)
        if chosen == "high" and note is None:
            raise InterviewError(Interviewing.DOMAIN_HIGH_NEEDS_RATIONALE)
        self.domains[step.key] = DomainJudgement(level=chosen, rationale=note)
        self._changed()
        self._advance()
        self.save()

    def problems(self) -> list[str]:
        return [] if self.case.get("reference") else [gettext("the case reference is missing")]

    def unrated(self) -> list[str]:
        """The SRP domains not rated yet (the screening would be incomplete)."""
        return [d for d in SRP_DOMAINS if d not in self.domains]

    # ------------------------------------------------------------------ the answer set

    def _build(self, status: Literal["in-progress", "completed"]) -> AnswerSet:
        built = super()._build(status)
        # the context keys and domains were checked as they were typed (see _set_context, rate)
        return built.model_copy(
            update={"purpose": PURPOSE, "srp_domains": dict(self.domains) or None}
        )

    def _load(self, answers: AnswerSet) -> None:
        super()._load(answers)
        self.domains = {str(d): j for d, j in (answers.srp_domains or {}).items()}

    def _set_context(self, key: str, value: Any) -> None:
        allowed = PROBATION_CONTEXT.get(key)
        if allowed is None:
            raise InterviewError(Interviewing.NOT_A_PROBATION_QUESTION)
        if CONTEXT_BY_KEY[key].kind == "yes-no":
            answer = typed_answer(value)
            if answer is None:
                raise InterviewError(Interviewing.ANSWER_YES_NO)
            self.context[key] = answer
            return
        text = str(value or "").strip().lower().replace(" ", "-")
        if not text:
            self.context.pop(key, None)
            return
        if text.isdigit() and 1 <= int(text) <= len(allowed):
            text = allowed[int(text) - 1]
        text = by_label(text, supervision_words()) or text
        if text not in allowed:
            raise InterviewError(Interviewing.CHOOSE_A_NUMBER, count=len(allowed))
        self.context[key] = text

    # ------------------------------------------------------------------ views

    def view(self, step: Step | None = None) -> View:
        step = step or self.cursor
        value = self.value(step)
        if step.kind == "case":
            spec = CASE_BY_KEY[step.key]
            prompt, guidance = CASE_TEXT.get(step.key, (spec.prompt, spec.help))
            return View(
                step,
                spec.kind,
                gettext("Case details"),
                gettext("The person you supervise"),
                gettext(prompt),
                gettext(guidance),
                value=self.shown(step, value),
                default=self._default(step) if value is None else None,
                choices=(
                    tuple((str(i), relationship_label(r)) for i, r in enumerate(RELATIONSHIPS, 1))
                    if spec.kind == "relationship"
                    else ()
                ),
                required=spec.required,
            )
        if step.kind == "context":
            spec = CONTEXT_BY_KEY[step.key]
            words = supervision_words()
            choices = (
                tuple((k, words[k]) for k in PROBATION_CONTEXT[step.key])
                if spec.kind == "choices"
                else ()
            )
            if value and choices:
                shown: str | None = words.get(value, value)
            else:
                shown = answer_label(value) if value and spec.kind == "yes-no" else value
            prompt, guidance = spec.shown()
            return View(
                step,
                spec.kind,
                gettext("Case details"),
                gettext("The person you supervise"),
                prompt,
                guidance,
                value=shown,
                choices=choices,
            )
        if step.kind == "domain":
            title, prompt = (gettext(text) for text in DOMAIN_TEXT[step.key])
            domains = [s for s in self.steps() if s.kind == "domain"]
            judged = self.domains.get(step.key)
            return View(
                step,
                "domain",
                gettext("SRP domains"),
                title,
                f"{title}: {prompt[0].lower()}{prompt[1:]}",
                gettext(DOMAIN_GUIDANCE),
                position=(domains.index(step) + 1, len(domains)),
                value=self.shown(step, value),
                comment=judged.rationale if judged else None,
                choices=tuple((lv, level_name(lv)) for lv in LEVEL_CHOICES),
            )
        return super().view(step)


def parse_level(value: Any) -> str:
    """``low``/``moderate``/``high``, by name, first letter or number (1-3)."""
    text = str(value or "").strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(LEVEL_CHOICES):
        return LEVEL_CHOICES[int(text) - 1]
    for level in LEVEL_CHOICES:
        name = level_name(level).lower()
        if text in (level, level[0], name, name[:1]):
            return level
    raise InterviewError(Interviewing.CHOOSE_A_LEVEL)


def supervision_words() -> dict[str, str]:
    """The supervision choices in the language in force, by their saved value."""
    return {key: gettext(words) for key, words in SUPERVISION_WORDS.items()}


def interview_class(purpose: str | None) -> type[Interview]:
    """The interview for a screening's purpose."""
    return ProbationInterview if purpose == PURPOSE else Interview
