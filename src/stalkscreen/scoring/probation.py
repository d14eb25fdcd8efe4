"""Probation screenings and the victim's behaviours record (issue 16).

Each rule has an id, named in the test that proves it:

- **SC-PURPOSE** — a screening with ``purpose: probation`` is of the person who
  stalks, taken by a probation practitioner. No DASH or RIC is expected there
  (no ``no-dash`` warning), the S-DASH (asked of a victim) is not called for,
  and the victim-side prompts that ask for a DASH-style judgement or a MARAC
  referral (``record-judgement``, ``high-without-marac``) are not given. Red
  flags keep every effect SC-RF and SC-TYPE give them: urgent, listed, level
  raised.
- **SC-DOMAINS** — the four Stalking Risk Profile domains (risk of violence,
  persistence, recurrence and psychosocial damage to the person who stalks) are
  structured professional judgement: recorded as the practitioner gives them
  (low, moderate or high; a rationale is required for high, see
  :class:`~stalkscreen.answers.DomainJudgement`), never computed from counts and
  never changing the level. A completed probation screening with a domain not
  rated is incomplete. A domain judged high brings the routes marked
  ``domain-high`` (risk-of-serious-harm review, MAPPA).
- **SC-BEHAV** — the behaviours checklist (a ``record``) is never scored: no
  count, level, referral, prompt or completeness. The behaviours answered yes
  are listed (``behaviours``) and choose the advice the summary gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from stalkscreen.answers import AnswerSet
from stalkscreen.i18n import N_, Message, joined, later
from stalkscreen.scoring.result import Evidence, trusted
from stalkscreen.vocabulary import SRP_DOMAINS

PROBATION = "probation"
BEHAVIOURS = "behaviours"
DOMAIN_WORDS: dict[str, str] = {
    "violence": N_("risk of violence"),
    "persistence": N_("risk of persistence"),
    "recurrence": N_("risk of recurrence"),
    "psychosocial-damage": N_("risk of psychosocial damage to the person who stalks"),
}


@dataclass
class ProbationFindings:
    """What SC-DOMAINS found, for the engine to merge into the result."""

    domains: dict[str, str] | None = None
    evidence: list[Evidence] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)


def probation_findings(answers: AnswerSet) -> ProbationFindings:
    """SC-DOMAINS for one probation screening (the caller checks the purpose)."""
    given = answers.srp_domains or {}
    domains: dict[str, str] = {d: given[d].level for d in SRP_DOMAINS if d in given}
    found = ProbationFindings(domains=domains)
    missing = [d for d in SRP_DOMAINS if d not in given]
    if domains:
        judged = tuple(
            later.pgettext(
                "domain judged",
                "%(domain)s %(level)s",
                domain=Message(DOMAIN_WORDS[d]),
                level=Message(level, context="level"),
            )
            for d, level in domains.items()
        )
        found.evidence.append(
            trusted(
                Evidence,
                rule="SC-DOMAINS",
                code="srp-domains",
                effect="recorded (professional judgement; not scored)",
                summary=(
                    later.gettext(
                        "the practitioner judged %(judged)s; not rated: %(missing)s. The domains "
                        "are judged, never computed from the answers, and do not change the level",
                        judged=joined(judged, "; "),
                        missing=_named(missing),
                    )
                    if missing
                    else later.gettext(
                        "the practitioner judged %(judged)s. The domains are judged, never "
                        "computed from the answers, and do not change the level",
                        judged=joined(judged, "; "),
                    )
                ),
                items=tuple(f"srp_domains.{d}" for d in domains),
            )
        )
    if missing:
        found.incomplete.append(
            later.gettext(
                "%(count)s of %(total)s Stalking Risk Profile domains not rated: %(missing)s",
                count=len(missing),
                total=len(SRP_DOMAINS),
                missing=_named(missing),
            )
        )
    return found


def _named(domains: Sequence[str]) -> tuple[Message, ...]:
    """Domains by their ids in English (as the score JSON always had them), by their names
    in another language."""
    return tuple(Message(DOMAIN_WORDS[d], english=d) for d in domains)


def behaviours(answers: AnswerSet, order: Mapping[str, object] | None = None) -> tuple[str, ...]:
    """SC-BEHAV: the behaviours answered yes, in form order when ``order`` gives it."""
    given = answers.responses.get(BEHAVIOURS)
    if not given:
        return ()
    ids = list(order) if order is not None else list(given)
    return tuple(i for i in ids if (r := given.get(i)) is not None and r.answer == "yes")
