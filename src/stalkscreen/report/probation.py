"""Report parts added by issue 16: the probation report and the victim's behaviours advice.

:func:`probation_view` builds the probation report's own section of the
:class:`~stalkscreen.report.views.ReportContext` (``None`` for a victim
screening); :func:`behaviours_view` builds the victim summary's "how it is
happening" section (``None`` when the behaviours checklist was not asked).
Their words come from data in ``reports/`` — ``probation-advice.yaml`` and
``behaviour-advice.yaml`` — which a ``--template-dir`` can replace like
``advice.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Reports
from stalkscreen.definitions.library import Library
from stalkscreen.definitions.words import localise
from stalkscreen.errors import InvalidInputError
from stalkscreen.i18n import N_, gettext, localize
from stalkscreen.problems import read_model
from stalkscreen.resources import bundled_dir
from stalkscreen.scoring import Screening
from stalkscreen.scoring.probation import BEHAVIOURS, PROBATION
from stalkscreen.vocabulary import SRP_DOMAINS

PROBATION_ADVICE = "probation-advice.yaml"
BEHAVIOUR_ADVICE = "behaviour-advice.yaml"
FORMULATION = "stalking-formulation"
ANSWER_WORDS = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("Don't know")}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Point(_Strict):
    """One piece of advice: a few words and the whole of it."""

    id: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9\-]*$",
        description="Stable id, by which a wording overlay gives its words.",
    )
    title: str = Field(min_length=1, description="The advice in a few words.")
    text: str = Field(min_length=1, description="The advice in full, in the project's own words.")


class DomainText(_Strict):
    title: str = Field(min_length=1, description="The domain's name.")
    meaning: str = Field(min_length=1, description="What the domain judges.")


class ProbationAdvice(_Strict):
    """The contents of ``probation-advice.yaml``."""

    format: Literal["stalkscreen/probation-advice@1"] = Field(description="Format tag.")
    audience: str = Field(min_length=1, description="Who the report is addressed to.")
    urgent: str = Field(min_length=1, description="What a red flag calls for.")
    not_urgent: str = Field(min_length=1, description="What no red flag does and does not mean.")
    domains: dict[str, DomainText] = Field(description="Each SRP domain's name and meaning.")
    working: tuple[Point, ...] = Field(min_length=1, description="Working with the person.")
    interventions: tuple[Point, ...] = Field(min_length=1, description="Interventions that help.")
    own_safety: tuple[Point, ...] = Field(min_length=1, description="The practitioner's safety.")
    if_targeted: tuple[str, ...] = Field(
        min_length=1, description="What to do if the practitioner is being stalked."
    )


class BehaviourGroup(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Stable id of the group.")
    title: str = Field(min_length=1, description="Heading of the group's advice.")
    when_any: tuple[str, ...] = Field(
        min_length=1, description="Behaviour ids; the advice is given when any is recorded yes."
    )
    advice: tuple[Point, ...] = Field(min_length=1, description="The advice to give.")


class BehaviourAdvice(_Strict):
    """The contents of ``behaviour-advice.yaml``."""

    format: Literal["stalkscreen/behaviour-advice@1"] = Field(description="Format tag.")
    groups: tuple[BehaviourGroup, ...] = Field(description="Advice by kind of behaviour.")
    everyone: tuple[Point, ...] = Field(
        min_length=1, description="Advice for everyone whose behaviours were asked."
    )


def _find(name: str, directories: Sequence[Path]) -> Path:
    if len(directories) == 1 and directories[0] == bundled_dir("reports"):
        return _bundled(name)
    return _look(name, directories)


@lru_cache(maxsize=8)
def _bundled(name: str) -> Path:
    """``name`` in the bundled folder alone (a batch's summaries), found once per process:
    asking the file system took 10 to 90 µs a summary here (issue 18)."""
    return _look(name, (bundled_dir("reports"),))


def _look(name: str, directories: Sequence[Path]) -> Path:
    for directory in directories:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    raise InvalidInputError.of(Reports.DATA_FILE_NOT_FOUND, name)


@lru_cache(maxsize=32)
def _probation_advice(path: Path) -> ProbationAdvice:
    return read_model(path, ProbationAdvice, f"{path.name} (format, …)")


@lru_cache(maxsize=32)
def _behaviour_advice(path: Path) -> BehaviourAdvice:
    return read_model(path, BehaviourAdvice, f"{path.name} (format, …)")


def load_probation_advice(
    directories: Sequence[Path], library: Library | None = None
) -> ProbationAdvice:
    """The first ``probation-advice.yaml`` on the path, in the library's language."""
    path = _find(PROBATION_ADVICE, directories)
    found = _probation_advice(path)
    return found if library is None else localise(found, "probation-advice", library, path)


def load_behaviour_advice(
    directories: Sequence[Path], library: Library | None = None
) -> BehaviourAdvice:
    """The first ``behaviour-advice.yaml`` on the path, in the library's language."""
    path = _find(BEHAVIOUR_ADVICE, directories)
    found = _behaviour_advice(path)
    return found if library is None else localise(found, "behaviour-advice", library, path)


# --------------------------------------------------------------------------- views


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DomainView(_View):
    """One Stalking Risk Profile domain as judged (SC-DOMAINS)."""

    id: str = Field(description="`violence`, `persistence`, `recurrence` or `psychosocial-damage`.")
    title: str = Field(description="The domain's name.")
    meaning: str = Field(description="What the domain judges.")
    level: str | None = Field(description="`low`, `moderate`, `high`, or none when not rated.")
    rationale: str | None = Field(description="The practitioner's rationale (free text).")


class AnswerView(_View):
    """One answer of the formulation, in words."""

    ref: str = Field(description="`instrument.item`.")
    prompt: str = Field(description="The question.")
    answer: str = Field(description="Yes, No or Don't know.")
    choices: tuple[str, ...] = Field(description="The choices recorded, by their labels.")
    note: str | None = Field(description="A note recorded with it (free text).")
    comment: str | None = Field(description="The practitioner's comment (free text).")


class ProbationView(_View):
    """The probation report: the person who stalks (SC-PURPOSE), outcome first."""

    audience: str = Field(description="Who the report is addressed to.")
    urgent: bool = Field(description="True when a red flag is present.")
    urgency: str = Field(description="What the red flags call for, or what their absence means.")
    supervision: str | None = Field(description="Custody, licence, community order…, in words.")
    victim_contact: str | None = Field(
        description="Whether a victim liaison officer or the victim contact scheme is involved."
    )
    police_involved: str | None = Field(description="Whether police involvement is known.")
    domains: tuple[DomainView, ...] = Field(description="The four SRP domains, in order.")
    domains_unrated: int = Field(description="How many domains are not rated.")
    formulation: tuple[AnswerView, ...] = Field(
        description="Dispute or fixation, motivation, underlying factors, trigger (as answered)."
    )
    harassment: str | None = Field(
        description="The stalking-or-harassment reading of the dispute question, in words."
    )
    four: str | None = Field(description="The FOUR finding in words, when FOUR was asked.")
    working: tuple[Point, ...] = Field(description="Working with the person.")
    interventions: tuple[Point, ...] = Field(description="Interventions that help.")
    own_safety: tuple[Point, ...] = Field(description="The practitioner's own safety.")
    if_targeted: tuple[str, ...] = Field(description="If the practitioner is being stalked.")


class BehaviourView(_View):
    """One behaviour recorded as happening."""

    id: str = Field(description="Item id in `behaviours`.")
    prompt: str = Field(description="The question.")
    comment: str | None = Field(description="The practitioner's comment (free text).")


class AdviceGroupView(_View):
    """Advice that follows what was recorded."""

    id: str = Field(description="Group id (`online`, `in-person`, `workplace`, …).")
    title: str = Field(description="Heading.")
    because: tuple[str, ...] = Field(description="The behaviours recorded that call for it.")
    advice: tuple[Point, ...] = Field(description="The advice.")


class BehavioursView(_View):
    """The behaviours checklist (never scored, SC-BEHAV) and the advice it chooses."""

    recorded: tuple[BehaviourView, ...] = Field(description="Behaviours answered yes.")
    asked: int = Field(description="How many behaviours were asked.")
    groups: tuple[AdviceGroupView, ...] = Field(description="Advice fitting what was recorded.")
    everyone: tuple[Point, ...] = Field(description="Advice for everyone.")


_SUPERVISION = {
    "custody": N_("In custody"),
    "licence": N_("On licence"),
    "community-order": N_("On a community order"),
    "none": N_("Not under supervision"),
    "unknown": N_("Not known"),
}
_HARASSMENT = {
    "yes": N_(
        "Tied to a dispute that would probably end if it were settled: this points to "
        "harassment rather than stalking (look again if the pattern changes)."
    ),
    "no": N_("Not tied to a dispute: the attention is on the person, which points to stalking."),
    "unknown": N_("Not known whether it is tied to a dispute."),
}


def _said(words: dict[str, str], value: object) -> str | None:
    """``value``'s words in the language in force (``None`` when not recorded)."""
    return gettext(words[value]) if isinstance(value, str) and value in words else None


def probation_view(
    answers: AnswerSet, screening: Screening, library: Library, directories: Sequence[Path]
) -> ProbationView | None:
    """The probation report's section (``None`` for a victim screening)."""
    if answers.purpose != PROBATION:
        return None
    advice = load_probation_advice(directories, library)
    given = answers.srp_domains or {}
    domains = []
    for domain in SRP_DOMAINS:
        text = advice.domains.get(domain)
        judged = given.get(domain)
        domains.append(
            DomainView(
                id=domain,
                title=text.title if text else domain,
                meaning=text.meaning if text else "",
                level=judged.level if judged else None,
                rationale=judged.rationale if judged else None,
            )
        )
    context = answers.context
    dispute = answers.answer(FORMULATION, "dispute")
    return ProbationView(
        audience=advice.audience,
        urgent=screening.urgent,
        urgency=advice.urgent if screening.urgent else advice.not_urgent,
        supervision=_said(_SUPERVISION, context.get("supervision")),
        victim_contact=_said(ANSWER_WORDS, context.get("victim_contact")),
        police_involved=_said(ANSWER_WORDS, context.get("police_involved")),
        domains=tuple(domains),
        domains_unrated=sum(1 for d in domains if d.level is None),
        formulation=tuple(_formulation(answers, library)),
        harassment=_said(_HARASSMENT, dispute.answer) if dispute else None,
        four=next((localize(e.summary) for e in screening.evidence if e.rule == "SC-FOUR"), None),
        working=advice.working,
        interventions=advice.interventions,
        own_safety=advice.own_safety,
        if_targeted=advice.if_targeted,
    )


def _formulation(answers: AnswerSet, library: Library) -> list[AnswerView]:
    definition = library.definitions.get(FORMULATION)
    given = answers.responses.get(FORMULATION, {})
    if definition is None:
        return []
    out = []
    for item in definition.items:
        response = given.get(item.id)
        if response is None:
            continue
        choices: list[str] = []
        notes: list[str] = []
        for detail in item.details:
            value = (response.details or {}).get(detail.id)
            if value is None:
                continue
            if detail.kind == "choices":
                labels = {c.id: c.label for c in detail.choices}
                values = value if isinstance(value, list) else [value]
                choices += [labels.get(v, v) for v in values]
            else:
                notes.append(str(value))
        out.append(
            AnswerView(
                ref=f"{FORMULATION}.{item.id}",
                prompt=item.prompt,
                answer=gettext(ANSWER_WORDS[response.answer]),
                choices=tuple(choices),
                note="; ".join(notes) or None,
                comment=response.comment,
            )
        )
    return out


def behaviours_view(
    answers: AnswerSet, screening: Screening, library: Library, directories: Sequence[Path]
) -> BehavioursView | None:
    """The behaviours section of a victim summary (``None`` when not asked)."""
    given = answers.responses.get(BEHAVIOURS)
    if not given or answers.purpose == PROBATION:
        return None
    loaded = library.questionnaires.get(BEHAVIOURS)  # (``definitions`` copies them all)
    if loaded is None:
        return None
    definition = loaded.definition
    advice = load_behaviour_advice(directories, library)
    recorded = set(screening.behaviours)
    views = []
    for item in definition.items:
        if item.id in recorded:
            views.append(
                BehaviourView(id=item.id, prompt=item.prompt, comment=given[item.id].comment)
            )
    groups = []
    for group in advice.groups:
        because = tuple(b for b in group.when_any if b in recorded)
        if because:
            groups.append(
                AdviceGroupView(
                    id=group.id, title=group.title, because=because, advice=group.advice
                )
            )
    return BehavioursView(
        recorded=tuple(views), asked=len(given), groups=tuple(groups), everyone=advice.everyone
    )


def incident_summary(behaviours: BehavioursView | None) -> str | None:
    """What the behaviours add to the MARAC form's incident summary (``None``: nothing)."""
    if behaviours is None:
        return None
    if not behaviours.recorded:
        return gettext("behaviours asked (%(count)s); none recorded as happening") % {
            "count": behaviours.asked
        }
    ids = ", ".join(b.id for b in behaviours.recorded)
    return gettext("behaviours recorded: %(ids)s") % {"ids": ids}
