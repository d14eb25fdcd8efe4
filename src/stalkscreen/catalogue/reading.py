"""Problems reading a file, and values that do not fit the model.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry


class Reading(Entry):
    """Reading a file: finding it, its bytes, its YAML or JSON."""

    NO_SUCH_FILE = ("SS-E001", "no such file", "check the path")
    IS_A_FOLDER = ("SS-E002", "this is a folder, not a file", "name a file")
    UNREADABLE = ("SS-E003", "the file cannot be read ({reason})", "check the path and its mode")
    FILE_TOO_LARGE = (
        "SS-E004",
        "the file is larger than the {limit:,}-byte limit",
        "split it or check it is the right file",
    )
    BINARY_FILE = ("SS-E005", "the file is binary, not text", "give a YAML or JSON file")
    NOT_UTF8 = ("SS-E006", "the file is not valid UTF-8", "save it as UTF-8")
    NOT_YAML = ("SS-E007", "not valid YAML ({detail})", "fix the syntax at that line")
    NOT_JSON = ("SS-E008", "not valid JSON ({detail})", "fix the syntax")
    YAML_OBJECT_TAG = (
        "SS-E009",
        "a YAML tag that builds objects is not allowed",
        "remove tags such as !!python/object; use plain values",
    )
    YAML_BAD_TAG = (
        "SS-E010",
        "a value tagged {tag!r} cannot be read as that type",
        "remove the tag and write the value plainly",
    )
    YAML_ALIAS = (
        "SS-E011",
        "YAML anchors (&) and aliases (*) are not allowed in this file",
        "write each value out in full",
    )
    DUPLICATE_KEY = (
        "SS-E012",
        "the key {key!r} appears twice in the same place{first}; the later value would "
        "silently replace the earlier one",
        "merge the two into one entry",
    )
    VALUE_TOO_BIG = (
        "SS-E013",
        "a value cannot be read (a number with thousands of digits?)",
        "check the numbers in the file",
    )
    TOO_DEEP = ("SS-E014", "nested more than {limit} levels deep", "flatten the structure")
    NOT_A_MAPPING = (
        "SS-E015",
        "expected a mapping (key: value) at the top, found {found}",
        "start the file with the keys of {what}",
    )
    MORE_PROBLEMS = (
        "SS-E016",
        "and {more:,} more problem(s) not shown",
        "fix these first, then check the file again",
    )


class Model(Entry):
    """A value that does not fit the model (pydantic's checks, in the project's words)."""

    UNKNOWN_KEY = (
        "SS-E020",
        "unknown key {key}",
        "did you mean {guess!r}?",
        "remove it or check the spelling",
    )
    MISSING_KEY = ("SS-E021", "required but missing", "add {key}")
    WRONG_TYPE = ("SS-E022", "{detail} (found {value})", "change the value's type")
    NOT_ALLOWED = ("SS-E023", "{value} is not allowed: {detail}", "use one of the allowed values")
    TOO_SMALL = ("SS-E024", "{value}: {detail}", "use a larger number")
    TOO_LARGE = ("SS-E025", "{value}: {detail}", "use a smaller number")
    TEXT_TOO_LONG = ("SS-E026", "{value}: {detail}", "shorten it")
    TEXT_EMPTY = ("SS-E027", "{value}: {detail}", "fill it in")
    BAD_NAME = ("SS-E028", "{value}: {detail}", "use lower-case letters, digits and hyphens")
    BAD_DATE = ("SS-E029", "{value}: {detail}", "write the date as YYYY-MM-DD")
    BAD_DATETIME = ("SS-E030", "{value}: {detail}", "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    NOT_WHOLE_NUMBER = ("SS-E031", "{value}: {detail}", "write a whole number")
    LIST_EMPTY = ("SS-E032", "{value}: {detail}", "add at least one entry")
    VALUE_REJECTED = ("SS-E033", "{detail}", "correct the value")
