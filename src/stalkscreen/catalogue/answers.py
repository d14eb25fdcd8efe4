"""Problems in answer files (the contract) and incident logs.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Answers(Entry):
    """Answer files (the contract) and incident logs."""

    INVISIBLE_CHARACTERS = (
        "SS-E080",
        N_("holds invisible format characters (bidi or zero-width)"),
        N_("retype it"),
    )
    CONTROL_CHARACTERS = ("SS-E081", N_("holds control characters"), N_("remove them"))
    REFERENCE_BLANK = ("SS-E082", N_("the reference is blank"), N_("give the case reference"))
    BOOLEAN_COUNT = (
        "SS-E083",
        N_("a yes/no value is not a number"),
        N_("write how many, e.g. 3 (0 for none)"),
    )
    JUDGEMENT_NEEDS_RATIONALE = (
        "SS-E084",
        N_("a professional-judgement level needs a written rationale"),
        N_("add `rationale:` saying why the level is raised"),
    )
    DOMAIN_NEEDS_RATIONALE = (
        "SS-E085",
        N_("a domain judged high needs a written rationale"),
        N_("add `rationale:` saying what the judgement rests on"),
    )
    PROBATION_CONTEXT_VALUE = (
        "SS-E086",
        N_("{key} is {value}, not a value a probation screening records"),
        N_("use one of: {allowed}"),
    )
    DOMAINS_NOT_PROBATION = (
        "SS-E087",
        N_("the SRP domains belong to a probation screening"),
        N_("add `purpose: probation`, or remove `srp_domains`"),
    )
    UNKNOWN_FORMAT = (
        "SS-E088",
        N_("format {value} is not one this version reads"),
        N_("use format: {expected}"),
    )
    ANSWER_EMPTY = (
        "SS-E089",
        N_("the answer is empty"),
        N_("answer {accepted}, or leave the item out"),
    )
    NOT_AN_ANSWER = ("SS-E090", N_("{value} is not an answer"), N_("use {accepted}"))
    UNKNOWN_ANSWERED_INSTRUMENT = (
        "SS-E091",
        N_("unknown instrument {value}"),
        N_("did you mean {guess!r}?"),
        N_("use one of: {known}"),
    )
    UNKNOWN_ITEM = (
        "SS-E092",
        N_("{instrument} has no item {value}"),
        N_("did you mean {guess!r}?"),
        N_("check the item ids in the instrument"),
    )
    UNKNOWN_DETAIL = (
        "SS-E093",
        N_("unknown detail {value}"),
        N_("did you mean {guess!r}?"),
        N_("this item records: {known}"),
    )
    ONE_CHOICE_ONLY = ("SS-E094", N_("only one choice may be given"), N_("keep one of them"))
    NOT_A_CHOICE = ("SS-E095", N_("{value} is not a choice"), N_("use any of: {allowed}"))
    NOT_A_SCREENING = (
        "SS-E096",
        N_("expected a screening (a mapping of format, case, responses…), found {found}"),
        N_("see the answer-file format in the README"),
    )
    ITEM_HAS_NO_DETAILS = ("SS-E097", N_("unknown detail {value}"), N_("this item has no details"))
    IMPLAUSIBLE_DATE = (
        "SS-E098",
        N_("{value} is not a plausible date"),
        N_("give a date between {earliest} and {latest}"),
    )
    NOT_A_REAL_DATE = (
        "SS-E099",
        N_("{value!r} is not a real date"),
        N_("write it as YYYY-MM-DD or DD/MM/YYYY"),
    )
    NOT_A_TIME = (
        "SS-E076",
        N_("{value} is not a time of day"),
        N_("write it as HH:MM, e.g. 21:45"),
    )
    LOG_EMPTY = ("SS-E077", N_("the file is empty"), N_("start with a header row"))
    NOT_CSV = ("SS-E078", N_("not readable as CSV: {detail}"), N_("check the file is saved as CSV"))
    UNKNOWN_COLUMN = (
        "SS-E079",
        N_("unknown column {value}"),
        N_("did you mean {guess!r}?"),
        N_("use: {known}"),
    )
    MISSING_COLUMN = ("SS-E034", N_("no {column!r} column"), N_("add a {column} column"))
    ROW_LENGTH = (
        "SS-E035",
        N_("{cells} cells but the header has {columns} columns"),
        N_("quote cells that hold commas"),
    )
    LOG_UNKNOWN_KEY = (
        "SS-E036",
        N_("unknown key {key}"),
        N_("did you mean {guess!r}?"),
        N_("use format, kept_by and entries"),
    )
    NOT_A_LIST_OF_INCIDENTS = (
        "SS-E037",
        N_("expected a list of incidents"),
        N_("write `entries:` followed by one `- date: …` block per incident"),
    )
    LOG_TOO_LONG = ("SS-E038", N_("more than {limit:,} incidents"), N_("split the log"))
