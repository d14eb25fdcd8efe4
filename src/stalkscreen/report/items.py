"""Answered items and their details, in the words a summary shows them."""

from __future__ import annotations

from stalkscreen.answers import AnswerSet, Response
from stalkscreen.definitions.models import Item, Questionnaire
from stalkscreen.i18n import N_, gettext
from stalkscreen.report.shared import shared
from stalkscreen.report.views import DetailView, ItemView

ANSWER_WORDS = {"yes": N_("Yes"), "no": N_("No"), "unknown": N_("Don't know")}
"""The answers in English; :func:`answer_words` in the language in force."""


RELATIONSHIP_WORDS = {
    "partner": N_("partner"),
    "ex-partner": N_("ex-partner"),
    "family": N_("family member"),
    "acquaintance": N_("acquaintance"),
    "colleague": N_("colleague"),
    "stranger": N_("stranger"),
    "professional": N_("professional"),
    "other": N_("other"),
}


def answer_words(answer: str) -> str:
    """``yes``/``no``/``unknown`` as a summary shows it, in the language in force."""
    return gettext(ANSWER_WORDS[answer]) if answer in ANSWER_WORDS else answer


def detail_views(
    definition: Questionnaire, item_id: str, response: Response, joiner: str = "; "
) -> list[DetailView]:
    item = definition.item(item_id)
    if item is None or not response.details:
        return []
    views = []
    for detail in item.details:
        value = response.details.get(detail.id)
        if value is None:
            continue
        if isinstance(value, list):
            labels = {c.id: c.label for c in detail.choices}
            text = joiner.join(labels.get(v, v) for v in value)
        else:
            text = answer_words(value) if detail.kind == "yes-no" else value
        views.append(DetailView(label=detail.prompt, value=text))
    return views


def item_view(answers: AnswerSet, definition: Questionnaire, item_id: str) -> ItemView:
    response = answers.answer(definition.id, item_id)
    item = definition.item(item_id)
    if response is None or item is None:  # not reachable for scored items
        raise KeyError(f"{definition.id}.{item_id}")
    if response.comment is None and response.source is None and not response.details:
        # nothing typed: the view depends only on the definition, the answer, the language
        return shared(
            definition,
            ("item", item_id, response.answer),
            lambda: _item_view(definition, item_id, item, response),
        )
    return _item_view(definition, item_id, item, response)


def _item_view(definition: Questionnaire, item_id: str, item: Item, response: Response) -> ItemView:
    return ItemView(
        ref=f"{definition.id}.{item_id}",
        instrument=definition.id,
        instrument_title=definition.short_title,
        item=item_id,
        number=item.number,
        prompt=item.prompt,
        answer=response.answer,
        answer_text=answer_words(response.answer),
        comment=response.comment,
        source=response.source,
        details=tuple(detail_views(definition, item_id, response)),
    )


def relationship_words(answers: AnswerSet) -> str | None:
    value = answers.case.relationship
    if not value:
        return None
    return (
        gettext(RELATIONSHIP_WORDS[value])
        if value in RELATIONSHIP_WORDS
        else value.replace("-", " ")
    )
