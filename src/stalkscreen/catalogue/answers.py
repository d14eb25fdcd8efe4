"""Problems in answer files (the contract) and incident logs.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry


class Answers(Entry):
    """Answer files (the contract) and incident logs."""

    INVISIBLE_CHARACTERS = (
        "SS-E080",
        "holds invisible format characters (bidi or zero-width)",
        "retype it",
    )
    CONTROL_CHARACTERS = ("SS-E081", "holds control characters", "remove them")
    REFERENCE_BLANK = ("SS-E082", "the reference is blank", "give the case reference")
    BOOLEAN_COUNT = (
        "SS-E083",
        "a yes/no value is not a number",
        "write how many, e.g. 3 (0 for none)",
    )
    JUDGEMENT_NEEDS_RATIONALE = (
        "SS-E084",
        "a professional-judgement level needs a written rationale",
        "add `rationale:` saying why the level is raised",
    )
    DOMAIN_NEEDS_RATIONALE = (
        "SS-E085",
        "a domain judged high needs a written rationale",
        "add `rationale:` saying what the judgement rests on",
    )
    PROBATION_CONTEXT_VALUE = (
        "SS-E086",
        "{key} is {value}, not a value a probation screening records",
        "use one of: {allowed}",
    )
    DOMAINS_NOT_PROBATION = (
        "SS-E087",
        "the SRP domains belong to a probation screening",
        "add `purpose: probation`, or remove `srp_domains`",
    )
    UNKNOWN_FORMAT = (
        "SS-E088",
        "format {value} is not one this version reads",
        "use format: {expected}",
    )
    ANSWER_EMPTY = (
        "SS-E089",
        "the answer is empty",
        "answer {accepted}, or leave the item out",
    )
    NOT_AN_ANSWER = ("SS-E090", "{value} is not an answer", "use {accepted}")
    UNKNOWN_ANSWERED_INSTRUMENT = (
        "SS-E091",
        "unknown instrument {value}",
        "did you mean {guess!r}?",
        "use one of: {known}",
    )
    UNKNOWN_ITEM = (
        "SS-E092",
        "{instrument} has no item {value}",
        "did you mean {guess!r}?",
        "check the item ids in the instrument",
    )
    UNKNOWN_DETAIL = (
        "SS-E093",
        "unknown detail {value}",
        "did you mean {guess!r}?",
        "this item records: {known}",
    )
    ONE_CHOICE_ONLY = ("SS-E094", "only one choice may be given", "keep one of them")
    NOT_A_CHOICE = ("SS-E095", "{value} is not a choice", "use any of: {allowed}")
    NOT_A_SCREENING = (
        "SS-E096",
        "expected a screening (a mapping of format, case, responses…), found {found}",
        "see the answer-file format in the README",
    )
    ITEM_HAS_NO_DETAILS = ("SS-E097", "unknown detail {value}", "this item has no details")
    IMPLAUSIBLE_DATE = (
        "SS-E098",
        "{value} is not a plausible date",
        "give a date between {earliest} and {latest}",
    )
    NOT_A_REAL_DATE = (
        "SS-E099",
        "{value!r} is not a real date",
        "write it as YYYY-MM-DD or DD/MM/YYYY",
    )
    NOT_A_TIME = ("SS-E076", "{value} is not a time of day", "write it as HH:MM, e.g. 21:45")
    LOG_EMPTY = ("SS-E077", "the file is empty", "start with a header row")
    NOT_CSV = ("SS-E078", "not readable as CSV: {detail}", "check the file is saved as CSV")
    UNKNOWN_COLUMN = (
        "SS-E079",
        "unknown column {value}",
        "did you mean {guess!r}?",
        "use: {known}",
    )
    MISSING_COLUMN = ("SS-E034", "no {column!r} column", "add a {column} column")
    ROW_LENGTH = (
        "SS-E035",
        "{cells} cells but the header has {columns} columns",
        "quote cells that hold commas",
    )
    LOG_UNKNOWN_KEY = (
        "SS-E036",
        "unknown key {key}",
        "did you mean {guess!r}?",
        "use format, kept_by and entries",
    )
    NOT_A_LIST_OF_INCIDENTS = (
        "SS-E037",
        "expected a list of incidents",
        "write `entries:` followed by one `- date: …` block per incident",
    )
    LOG_TOO_LONG = ("SS-E038", "more than {limit:,} incidents", "split the log")
