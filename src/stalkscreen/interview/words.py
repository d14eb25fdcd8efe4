"""The interview's words for values, in the language in force, and the words a practitioner
may type for an answer.

What is saved never changes with the language (``yes``/``no``/``unknown``, relationship
codes, ISO dates, level names): these functions only turn a saved value into the words a
screen shows, and the words typed in the language in force back into the saved value.
English words and numbers are always understood, whatever the language.

The words a practitioner may type are catalogue entries like any other text (context
``typed answer``: a comma-separated list), so a new language brings its own with its
translation; Welsh has no single word for yes or no (the answer echoes the question's verb:
*oes*, *ydw*, *do*…), so its list holds the common ones.
"""

from __future__ import annotations

from stalkscreen.i18n import gettext, pgettext
from stalkscreen.vocabulary import Answer, normalise_answer


def fold(text: str) -> str:
    """``text`` as typed words are compared: lower case, one kind of apostrophe and of
    space, hyphens as spaces."""
    text = text.strip().lower().replace("’", "'").replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def _typed_lists() -> dict[Answer, str]:
    # TRANSLATORS: the words (comma-separated) a practitioner may type for an answer, besides
    # the English ones and the numbers 1, 2 and 3; all lower case.
    return {
        "yes": pgettext("typed answer", "yes, y"),
        "no": pgettext("typed answer", "no, n"),
        "unknown": pgettext("typed answer", "don't know, dk, unknown"),
    }


def typed_answer(value: object) -> Answer | None:
    """The answer for a value typed in English (:func:`~stalkscreen.vocabulary.
    normalise_answer`) or in the language in force (``ie``, ``na``, ``ddim yn gwybod``);
    ``None`` when it is neither."""
    answer = normalise_answer(value)
    if answer is not None or not isinstance(value, str):
        return answer
    typed = fold(value)
    for canonical, words in _typed_lists().items():
        if typed in {fold(w) for w in words.split(",") if w.strip()}:
            return canonical
    return None


def answer_label(answer: str) -> str:
    """``yes``/``no``/``unknown`` as the interview shows it (other text as it is)."""
    words = {
        "yes": pgettext("answer", "yes"),
        "no": pgettext("answer", "no"),
        "unknown": pgettext("answer", "unknown"),
    }
    return words.get(answer, answer)


def relationship_label(code: str) -> str:
    """A relationship code (``ex-partner``) in the words of the language in force."""
    words = {
        "partner": pgettext("relationship", "partner"),
        "ex-partner": pgettext("relationship", "ex-partner"),
        "family": pgettext("relationship", "family"),
        "acquaintance": pgettext("relationship", "acquaintance"),
        "colleague": pgettext("relationship", "colleague"),
        "stranger": pgettext("relationship", "stranger"),
        "professional": pgettext("relationship", "professional"),
        "other": pgettext("relationship", "other"),
        "unknown": pgettext("relationship", "unknown"),
    }
    return words.get(code, code)


def offer_label(choice: str) -> str:
    """An offer's recorded choice (``accepted``/``declined``) as the interview shows it."""
    words = {"accepted": pgettext("offer", "accepted"), "declined": pgettext("offer", "declined")}
    return words.get(choice, choice)


def no_judgement_yet() -> str:
    """The judgement step's value when no level is recorded."""
    return gettext("no judgement yet")


def by_label(typed: str, labels: dict[str, str]) -> str | None:
    """The key whose label (or key) is ``typed``, compared as :func:`fold` does."""
    text = fold(typed)
    for key, label in labels.items():
        if text in (fold(key), fold(label)):
            return key
    return None


def text_name(what: str) -> str:
    """What a piece of typed text is (``comment``, ``source``…), for a message about it."""
    words = {
        "text": pgettext("typed text", "text"),
        "detail": pgettext("typed text", "detail"),
        "rationale": pgettext("typed text", "rationale"),
        "comment": pgettext("typed text", "comment"),
        "source": pgettext("typed text", "source"),
    }
    return words.get(what, what)
