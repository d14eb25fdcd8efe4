"""Answers and commands the interview cannot take (shown on the interview's own screen).

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Interviewing(Entry):
    """What a step of the interview cannot take, or a plan it cannot start."""

    DOMAIN_AT_ITS_STEP = ("SS-E243", N_("a domain is rated at its own step"), "")
    DOMAIN_HIGH_NEEDS_RATIONALE = (
        "SS-E244",
        N_("a domain rated high needs a written rationale"),
        "",
    )
    NOT_A_PROBATION_QUESTION = (
        "SS-E245",
        N_("this is not a question of a probation screening"),
        "",
    )
    ANSWER_YES_NO = ("SS-E246", N_("answer yes, no or don't know"), "")
    CHOOSE_A_NUMBER = ("SS-E247", N_("choose a number from 1 to {count}"), "")
    CHOOSE_A_LEVEL = ("SS-E248", N_("choose 1 low, 2 moderate or 3 high"), "")
    ANSWER_THE_OFFER = ("SS-E249", N_("answer yes to ask these questions now, or no"), "")
    NOT_ANSWERED_THAT_WAY = ("SS-E250", N_("this step is not answered that way"), "")
    NEEDS_AN_ANSWER = ("SS-E251", N_("this question needs an answer: yes, no or don't know"), "")
    REFERENCE_REQUIRED = ("SS-E252", N_("the case reference is required"), "")
    ONLY_OPTIONAL_CLEARED = ("SS-E253", N_("only optional details can be cleared"), "")
    DETAILS_BELONG_TO_ITEM = ("SS-E254", N_("details belong to an item"), "")
    DETAIL_DOES_NOT_APPLY = ("SS-E255", N_("that detail does not apply to this answer"), "")
    NOT_A_VALUE_FOR = ("SS-E256", N_("that is not a valid value for {what}"), "")
    UNKNOWN_DETAIL = ("SS-E257", N_("unknown detail"), "")
    ITEM_BEFORE_DETAILS = ("SS-E258", N_("answer the item before its details"), "")
    ONE_NUMBER_ONLY = ("SS-E259", N_("choose one number only"), "")
    COMMENTS_BELONG_TO_ITEM = ("SS-E260", N_("comments and sources belong to an item"), "")
    CHOOSE_NUMBERS = ("SS-E261", N_("choose numbers from 1 to {count}, separated by spaces"), "")
    CHOOSE_A_ROW = ("SS-E262", N_("choose a row from 1 to {count}"), "")
    NO_SUCH_STEP = ("SS-E263", N_("there is no such step in this screening"), "")
    NOT_ASKED = ("SS-E264", N_("{why}"), "")
    JUDGEMENT_AT_ITS_STEP = (
        "SS-E265",
        N_("professional judgement is recorded at its own step"),
        "",
    )
    JUDGEMENT_NOT_LOWER = (
        "SS-E266",
        N_("judgement can confirm or raise the level the answers give ({level}), never lower it"),
        "",
    )
    LEVEL_NEEDS_RATIONALE = ("SS-E267", N_("a recorded level needs a written rationale"), "")
    NOT_FINISHED = ("SS-E268", N_("{problems}"), "")
    DASH_OR_RIC = ("SS-E269", N_("choose either dash or dash-ric, not both"), "")
    NO_INSTRUMENT = ("SS-E270", N_("choose at least one instrument"), "")
    UNKNOWN_POSITION = (
        "SS-E271",
        N_("the saved position is not one this version understands"),
        "",
    )
    NOT_A_DATE = ("SS-E272", N_("that is not a date"), N_("write it like 2026-11-20 or 20/11/2026"))
    NOT_A_COUNT = ("SS-E273", N_("give a whole number from 0 to 10000"), "")
    CHOOSE_A_RELATIONSHIP = (
        "SS-E274",
        N_("choose a number from 1 to {count} or one of the names"),
        "",
    )
    TEXT_CONTROL_CHARACTERS = (
        "SS-E275",
        N_("the {what} holds control characters"),
        N_("please retype it"),
    )
    TEXT_TOO_LONG = ("SS-E276", N_("the {what} is too long (at most {limit} characters)"), "")
    REFERENCE_FIRST = ("SS-E277", N_("the case reference is needed first"), "")
    UNKNOWN_SECTION = ("SS-E278", N_("unknown section"), "")
    UNKNOWN_ITEM = ("SS-E279", N_("unknown item"), "")
