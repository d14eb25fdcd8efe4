"""The interview's vocabulary: steps, case and pre-flight fields, and what a screen shows.

Terminal-free data used by :mod:`stalkscreen.interview.engine` and the CLI front end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from stalkscreen.answers import AnswerSet
from stalkscreen.catalogue import Entry, Interviewing
from stalkscreen.errors import Problem
from stalkscreen.i18n import N_, gettext
from stalkscreen.interview.words import by_label, relationship_label, text_name
from stalkscreen.version import __version__
from stalkscreen.vocabulary import Relationship

StepKind = Literal[
    "case", "context", "gate", "offer", "item", "detail", "judgement", "domain", "review"
]  # fmt: skip
InputKind = Literal[
    "text", "date", "count", "relationship", "yes-no", "answer", "choices", "offer", "judgement",
    "domain", "review",
]  # fmt: skip

RELATIONSHIPS: tuple[str, ...] = get_args(Relationship)
DEFAULT_PLAN = ("dash",)
TOOL = f"stalkscreen {__version__}"


class InterviewError(ValueError):
    """An answer or command the current step cannot take: an entry of the catalogue
    (:class:`~stalkscreen.catalogue.Interviewing`) and its values; the message (with its fix,
    when it has one) is safe to show."""

    def __init__(self, entry: Entry, **params: object) -> None:
        self.problem = Problem.of(entry, "", "", None, **params)
        fix = self.problem.fix
        super().__init__(f"{self.problem.message}: {fix}" if fix else self.problem.message)


# --------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """One place in the interview. ``code`` is its stable text form (used in the cursor)."""

    kind: StepKind
    key: str = ""
    item: str = ""
    detail: str = ""

    @property
    def code(self) -> str:
        return "/".join(p for p in (self.kind, self.key, self.item, self.detail) if p)

    @classmethod
    def parse(cls, code: str) -> Step:
        parts = code.split("/")
        kind = parts[0]
        if kind not in get_args(StepKind) or len(parts) > 4:
            raise InterviewError(Interviewing.UNKNOWN_POSITION)
        rest = [*parts[1:], "", "", ""][:3]
        return cls(kind, rest[0], rest[1], rest[2])  # type: ignore[arg-type]


@dataclass(frozen=True)
class Field:
    """A case-detail or pre-flight question (not part of any instrument)."""

    key: str
    prompt: str
    kind: InputKind
    help: str
    required: bool = False

    def shown(self) -> tuple[str, str]:
        """The prompt and help in the language in force."""
        return gettext(self.prompt), gettext(self.help)


CASE_FIELDS: tuple[Field, ...] = (
    Field(
        "reference",
        N_("Case reference"),
        "text",
        N_(
            "Your crime, incident or case number. Up to 64 characters; it is kept inside the "
            "file and never used in a file name."
        ),
        required=True,
    ),
    Field("assessed_on", N_("Date of this assessment"), "date", N_("YYYY-MM-DD or DD/MM/YYYY.")),
    Field("practitioner", N_("Your name and number"), "text", N_("Remembered for next time.")),
    Field("agency", N_("Your agency"), "text", N_("Remembered for next time.")),
    Field(
        "relationship",
        N_("How is the victim related to the person they fear?"),
        "relationship",
        N_("Choose by number or name."),
    ),
    Field(
        "incidents_last_12_months",
        N_("Domestic-abuse incidents known to police in the last 12 months"),
        "count",
        N_("A whole number."),  # the profile's escalation rule is added by the engine
    ),
    Field(
        "crimes_last_12_months",
        N_("Crimes recorded in the last 12 months"),
        "count",
        N_("A whole number."),  # the profile's escalation rule is added by the engine
    ),
    Field(
        "last_marac_on",
        N_("Date of the last MARAC referral for this victim, if any"),
        "date",
        N_("A new incident within 12 months of it means referring again (SC-REPEAT)."),
    ),
)
"""The case details; ``prompt`` and ``help`` are English (the source text), shown through
:func:`~stalkscreen.i18n.gettext` in the language in force (:meth:`Field.shown`)."""

PREFLIGHT: tuple[Field, ...] = (
    Field(
        "safe_to_talk",
        N_("Is it safe for the victim to talk to you now, where they are?"),
        "yes-no",
        N_("Check that the person they fear cannot see or hear the conversation."),
    ),
    Field(
        "safe_contact",
        N_("How can you contact the victim safely later?"),
        "text",
        N_("A number, the times it is safe to call, and who else might answer."),
    ),
    Field(
        "messages_safe",
        N_("Is it safe to leave voicemail or send texts?"),
        "yes-no",
        N_("Someone else may read the victim's phone."),
    ),
    Field(
        "other_party_whereabouts",
        N_("Where is the person the victim fears right now?"),
        "text",
        N_("As far as anyone knows: here, in custody, at an address, not known."),
    ),
    Field(
        "children_whereabouts",
        N_("Where are any children right now?"),
        "text",
        N_("Leave blank if there are none."),
    ),
)
CASE_BY_KEY = {f.key: f for f in CASE_FIELDS}
PREFLIGHT_BY_KEY = {f.key: f for f in PREFLIGHT}

UNSAFE_TO_TALK = N_(
    "It may not be safe to talk. Stop if you need to: save the draft and quit, and continue "
    "when it is safe."
)
"""The notice after "safe to talk" is not yes (the front end adds its own quit key); the
engine gives it in the language in force: ``gettext(UNSAFE_TO_TALK)``."""

OFFER_ACCEPTED = "accepted"
OFFER_DECLINED = "declined"


def offer_key(instrument: str) -> str:
    """The context key recording an offered instrument's choice (``s-dash`` → ``s_dash``)."""
    return instrument.replace("-", "_")


@dataclass(frozen=True)
class View:
    """Everything a front end needs to show the current step, in the language in force:
    every text, and ``value`` (the answer as shown: ``ie``, ``cyn-bartner``; what is saved
    stays ``yes``, ``ex-partner``)."""

    step: Step
    input: InputKind
    heading: str
    section: str
    prompt: str
    guidance: str = ""
    position: tuple[int, int] | None = None
    number: str = ""
    value: str | None = None
    default: str | None = None
    comment: str | None = None
    source: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    pending: bool = False
    """``comment``/``source`` were typed before the answer: held, not yet in the screening."""


@dataclass(frozen=True)
class Row:
    """One numbered line of the review screen."""

    number: int
    step: Step
    label: str
    value: str
    comment: str | None = None
    source: str | None = None
    group: str = ""
    """What the row belongs to: ``Case``, ``Safety``, an instrument tag (``DASH``,
    ``S-DASH``) or ``Judgement``; item numbers repeat across instruments."""


# --------------------------------------------------------------------------- parsing input


def parse_date(text: str, today: date) -> date:
    """``YYYY-MM-DD``, ``DD/MM/YYYY`` or ``today``."""
    text = text.strip().lower()
    if text == "today":
        return today
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            d, m, y = (int(p) for p in text.split("/"))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError:
        raise InterviewError(Interviewing.NOT_A_DATE) from None


def parse_count(text: str) -> int:
    text = text.strip()
    if not text.isdigit() or int(text) > 10_000:
        raise InterviewError(Interviewing.NOT_A_COUNT)
    return int(text)


def parse_relationship(text: str) -> str:
    """A relationship by number, code, or its name in the language in force."""
    text = text.strip().lower().replace("_", "-").replace(" ", "-")
    if text.isdigit() and 1 <= int(text) <= len(RELATIONSHIPS):
        return RELATIONSHIPS[int(text) - 1]
    if text in RELATIONSHIPS:
        return text
    named = by_label(text, {code: relationship_label(code) for code in RELATIONSHIPS})
    if named is not None:
        return named
    raise InterviewError(Interviewing.CHOOSE_A_RELATIONSHIP, count=len(RELATIONSHIPS))


def clean_text(text: str, what: str, *, multiline: bool = False, limit: int = 500) -> str:
    allowed = "\n\t" if multiline else ""
    if any(not ch.isprintable() and ch not in allowed for ch in text):
        raise InterviewError(Interviewing.TEXT_CONTROL_CHARACTERS, what=text_name(what))
    if len(text) > limit:
        raise InterviewError(Interviewing.TEXT_TOO_LONG, what=text_name(what), limit=limit)
    return text


# --------------------------------------------------------------------------- the machine


Saver = Callable[[AnswerSet], None]
