"""Problems reading a file, and values that do not fit the model.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Reading(Entry):
    """Reading a file: finding it, its bytes, its YAML or JSON."""

    NO_SUCH_FILE = ("SS-E001", N_("no such file"), N_("check the path"))
    IS_A_FOLDER = ("SS-E002", N_("this is a folder, not a file"), N_("name a file"))
    UNREADABLE = (
        "SS-E003",
        N_("the file cannot be read ({reason})"),
        N_("check the path and its mode"),
    )
    FILE_TOO_LARGE = (
        "SS-E004",
        N_("the file is larger than the {limit:,}-byte limit"),
        N_("split it or check it is the right file"),
    )
    BINARY_FILE = ("SS-E005", N_("the file is binary, not text"), N_("give a YAML or JSON file"))
    NOT_UTF8 = ("SS-E006", N_("the file is not valid UTF-8"), N_("save it as UTF-8"))
    NOT_YAML = ("SS-E007", N_("not valid YAML ({detail})"), N_("fix the syntax at that line"))
    NOT_JSON = ("SS-E008", N_("not valid JSON ({detail})"), N_("fix the syntax"))
    YAML_OBJECT_TAG = (
        "SS-E009",
        N_("a YAML tag that builds objects is not allowed"),
        N_("remove tags such as !!python/object; use plain values"),
    )
    YAML_BAD_TAG = (
        "SS-E010",
        N_("a value tagged {tag!r} cannot be read as that type"),
        N_("remove the tag and write the value plainly"),
    )
    YAML_ALIAS = (
        "SS-E011",
        N_("YAML anchors (&) and aliases (*) are not allowed in this file"),
        N_("write each value out in full"),
    )
    DUPLICATE_KEY = (
        "SS-E012",
        N_(
            "the key {key!r} appears twice in the same place{first}; the later value would "
            "silently replace the earlier one"
        ),
        N_("merge the two into one entry"),
    )
    VALUE_TOO_BIG = (
        "SS-E013",
        N_("a value cannot be read (a number with thousands of digits?)"),
        N_("check the numbers in the file"),
    )
    TOO_DEEP = ("SS-E014", N_("nested more than {limit} levels deep"), N_("flatten the structure"))
    NOT_A_MAPPING = (
        "SS-E015",
        N_("expected a mapping (key: value) at the top, found {found}"),
        N_("start the file with the keys of {what}"),
    )
    MORE_PROBLEMS = (
        "SS-E016",
        N_("and {more:,} more problem(s) not shown"),
        N_("fix these first, then check the file again"),
    )


class Model(Entry):
    """A value that does not fit the model (pydantic's checks, in the project's words)."""

    UNKNOWN_KEY = (
        "SS-E020",
        N_("unknown key {key}"),
        N_("did you mean {guess!r}?"),
        N_("remove it or check the spelling"),
    )
    MISSING_KEY = ("SS-E021", N_("required but missing"), N_("add {key}"))
    WRONG_TYPE = ("SS-E022", N_("{detail} (found {value})"), N_("change the value's type"))
    NOT_ALLOWED = (
        "SS-E023",
        N_("{value} is not allowed: {detail}"),
        N_("use one of the allowed values"),
    )
    TOO_SMALL = ("SS-E024", N_("{value}: {detail}"), N_("use a larger number"))
    TOO_LARGE = ("SS-E025", N_("{value}: {detail}"), N_("use a smaller number"))
    TEXT_TOO_LONG = ("SS-E026", N_("{value}: {detail}"), N_("shorten it"))
    TEXT_EMPTY = ("SS-E027", N_("{value}: {detail}"), N_("fill it in"))
    BAD_NAME = (
        "SS-E028",
        N_("{value}: {detail}"),
        N_("use lower-case letters, digits and hyphens"),
    )
    BAD_DATE = ("SS-E029", N_("{value}: {detail}"), N_("write the date as YYYY-MM-DD"))
    BAD_DATETIME = (
        "SS-E030",
        N_("{value}: {detail}"),
        N_("write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
    )
    NOT_WHOLE_NUMBER = ("SS-E031", N_("{value}: {detail}"), N_("write a whole number"))
    LIST_EMPTY = ("SS-E032", N_("{value}: {detail}"), N_("add at least one entry"))
    VALUE_REJECTED = ("SS-E033", N_("{detail}"), N_("correct the value"))
