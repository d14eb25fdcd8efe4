"""Evidence in words (issue 19.2): what a rule's ``items`` name, as a reader knows them.

The scoring evidence names items by id (``dash.q18``) and case fields by key
(``case.incidents_last_12_months``). A report names each by its text: the instrument's
short title and the form's item number, the question in the wording in force, and the id
after it so that the two can be matched up.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from stalkscreen.definitions.library import Library
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.i18n import N_, gettext
from stalkscreen.report.shared import shared

# What the scoring rules cite that is not a questionnaire item, in words.
FIELD_WORDS = {
    "case.incidents_last_12_months": N_("police-reported incidents in the last 12 months"),
    "case.crimes_last_12_months": N_("crimes in the last 12 months"),
    "case.last_marac_on": N_("the date of the last MARAC referral"),
    "case.assessed_on": N_("the date of this screening"),
    "case.relationship": N_("the relationship between the victim and the other person"),
    "professional_judgement": N_("the practitioner's professional judgement"),
    "incident_log": N_("the attached incident log"),
}


class EvidenceView(BaseModel):
    """One item or case field a rule rests on, named in words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: str = Field(description="`instrument.item` or the case field, e.g. `dash.q18`.")
    label: str = Field(
        description="Where it is on the form, e.g. `DASH no. 18`, or the field in words."
    )
    text: str | None = Field(description="The question in the wording in force, for an item.")


def evidence_view(ref: str, library: Library) -> EvidenceView:
    """``ref`` in words; a ref that names neither an item nor a known field keeps its id."""
    loaded = library.questionnaires.get(ref.partition(".")[0])
    definition = loaded.definition if loaded is not None else None
    owner = FIELD_WORDS if definition is None else definition  # the words it is made of
    return shared(owner, ("evidence", ref), lambda: _evidence_view(ref, definition))


def _evidence_view(ref: str, definition: Questionnaire | None) -> EvidenceView:
    if ref in FIELD_WORDS:
        return EvidenceView(ref=ref, label=gettext(FIELD_WORDS[ref]), text=None)
    instrument, _, item_id = ref.partition(".")
    if instrument == "srp_domains":
        label = gettext("the SRP %(domain)s domain as judged") % {"domain": item_id}
        return EvidenceView(ref=ref, label=label, text=None)
    item = definition.item(item_id) if definition is not None else None
    if definition is None or item is None:
        return EvidenceView(ref=ref, label=ref, text=None)
    title = definition.short_title
    if item.number is None:
        label = title
    else:
        label = gettext("%(title)s no. %(number)s") % {"title": title, "number": item.number}
    return EvidenceView(ref=ref, label=label, text=item.prompt)


def evidence_views(refs: tuple[str, ...], library: Library) -> tuple[EvidenceView, ...]:
    return tuple(evidence_view(r, library) for r in refs)
