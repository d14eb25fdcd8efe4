"""Answered items and their details, in the words a summary shows them."""

from __future__ import annotations

from stalkscreen.answers import AnswerSet, Response
from stalkscreen.definitions.models import Questionnaire
from stalkscreen.report.views import DetailView, ItemView

ANSWER_WORDS = {"yes": "Yes", "no": "No", "unknown": "Don't know"}


RELATIONSHIP_WORDS = {
    "partner": "partner",
    "ex-partner": "ex-partner",
    "family": "family member",
    "acquaintance": "acquaintance",
    "colleague": "colleague",
    "stranger": "stranger",
    "professional": "professional",
    "other": "other",
}


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
            text = ANSWER_WORDS.get(value, value) if detail.kind == "yes-no" else value
        views.append(DetailView(label=detail.prompt, value=text))
    return views


def item_view(answers: AnswerSet, definition: Questionnaire, item_id: str) -> ItemView:
    response = answers.answer(definition.id, item_id)
    item = definition.item(item_id)
    if response is None or item is None:  # not reachable for scored items
        raise KeyError(f"{definition.id}.{item_id}")
    return ItemView(
        ref=f"{definition.id}.{item_id}",
        instrument=definition.id,
        instrument_title=definition.short_title,
        item=item_id,
        number=item.number,
        prompt=item.prompt,
        answer=response.answer,
        answer_text=ANSWER_WORDS[response.answer],
        comment=response.comment,
        source=response.source,
        details=tuple(detail_views(definition, item_id, response)),
    )


def relationship_words(answers: AnswerSet) -> str | None:
    value = answers.case.relationship
    return RELATIONSHIP_WORDS.get(value, value.replace("-", " ")) if value else None
