"""Problems in questionnaire definitions, profiles, overlays and rule prompts.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry


class Definitions(Entry):
    """Questionnaire definitions, area profiles, wording overlays and rule prompts."""

    INVISIBLE_TEXT = (
        "SS-E040",
        "holds control or invisible format characters (bidi, zero-width)",
        "remove them: retype the text",
    )
    BAD_CONDITION = (
        "SS-E041",
        "the condition {condition!r} cannot be read: {detail}",
        "write it like 'dash.q8 == yes' or 'q9 in [yes, unknown]'",
    )
    CHOICES_MISSING = ("SS-E042", "a `choices` detail needs a list of choices", "add `choices:`")
    CHOICES_NOT_ALLOWED = (
        "SS-E043",
        "only a `choices` detail may list choices",
        "remove `choices:`",
    )
    SINGLE_NOT_ALLOWED = ("SS-E044", "only a `choices` detail may be `single`", "remove `single:`")
    GATE_PAIR = ("SS-E045", "`gate` and `gate_key` go together", "give both or neither")
    BAD_VERSION = ("SS-E046", "{value!r} is not a semantic version", "write it like 1.0.0")
    DUPLICATE_ID = ("SS-E047", "{what} id {ident!r} appears twice", "give each {what} its own id")
    UNKNOWN_SECTION = (
        "SS-E048",
        "item {item!r} names section {section!r}, which is not defined",
        "use one of: {allowed}",
    )
    ROUTE_NEVER_APPLIES = (
        "SS-E049",
        "route {route!r} says nowhere when it applies",
        "add `applies: [always]`, or the triggers it needs",
    )
    BANDS_EMPTY = ("SS-E050", "the band table is empty", "list at least one band")
    BAND_GAP = (
        "SS-E051",
        "band [{index}] ({level}) starts at {start}: it leaves a gap",
        "start it at {expected}",
    )
    BAND_OVERLAP = (
        "SS-E052",
        "band [{index}] ({level}) starts at {start}: it overlaps the band before it",
        "start it at {expected}",
    )
    BAND_ORDER = (
        "SS-E053",
        "band [{index}] ({level}) is lower than the band before it",
        "order bands from standard to high",
    )
    BAND_OPEN_NOT_LAST = (
        "SS-E054",
        "band [{index}] has no max but is not the last",
        "give it a max or move it last",
    )
    BAND_MAX_BELOW_MIN = ("SS-E055", "band [{index}] has max {max} below min {min}", "swap them")
    BANDS_CLOSED = (
        "SS-E056",
        "the last band has a max, so higher counts are not graded",
        "remove the last band's max",
    )
    RULE_PROMPTS_KEYS = (
        "SS-E057",
        "rule prompts missing: {missing}; unknown: {unknown}",
        "give exactly: {allowed}",
    )
    RULE_PROMPT_FIELDS = (
        "SS-E058",
        "prompt {prompt!r} names {names}",
        "it may name only: {allowed}",
    )
    NO_SUCH_OVERLAY = ("SS-E059", "no such wording overlay", "check the path")
    UNKNOWN_INSTRUMENT = (
        "SS-E060",
        "there is no instrument {name!r}",
        "did you mean {guess!r}?",
        "choose one of: {known}",
    )
    UNKNOWN_PROFILE = (
        "SS-E061",
        "there is no area profile {name!r}",
        "did you mean {guess!r}?",
        "choose one of: {known}",
    )
    NO_SUCH_QUESTIONNAIRES_DIR = ("SS-E063", "no such questionnaires directory", "check the path")
    SECOND_DEFINITION = ("SS-E064", "a second definition of {ident!r} here", "remove one")
    REF_NOT_CASE_FIELD = (
        "SS-E065",
        "{ref} is not a case field (fields: {fields})",
        "name a case field that exists",
    )
    REF_NOT_CONTEXT_KEY = (
        "SS-E066",
        "{ref} is not a context key (keys: {keys})",
        "name a context key that exists",
    )
    REF_UNKNOWN_INSTRUMENT = (
        "SS-E067",
        "{ref} names instrument {instrument!r}, which is not defined",
        "did you mean {guess!r}?",
        "name an instrument that exists",
    )
    REF_TOO_MANY_PARTS = (
        "SS-E068",
        "{ref} has too many parts",
        "use instrument.item or instrument.item.detail",
    )
    REF_UNKNOWN_ITEM = (
        "SS-E069",
        "{ref} names item {item!r}, which {instrument} does not have",
        "did you mean {guess!r}?",
        "name an item that exists",
    )
    REF_UNKNOWN_DETAIL = (
        "SS-E070",
        "{ref} names detail {detail!r}, which {item} does not record",
        "name a detail that exists",
    )
    EQUIVALENT_MISSING = (
        "SS-E071",
        "{equivalent} does not exist",
        "name an existing instrument.item",
    )
    NOT_A_DEFINITION = (
        "SS-E072",
        "expected a mapping at the top",
        "a definition, profile or overlay starts with its keys",
    )
    NO_YAML_FILES = ("SS-E073", "no YAML files here", "check the path")
    NO_SUCH_PATH = ("SS-E074", "no such file or folder", "check the path")
    INSTRUMENT_DEFINED_TWICE = (
        "SS-E075",
        "instrument id {ident!r} is also defined in {other}",
        "give each instrument its own id",
    )

    # wording overlays in any language (issue 20)
    OVERLAY_TEXT_EMPTY = (
        "SS-E216",
        "is empty",
        "write the text, or leave the key out to keep the original",
    )
    OVERLAY_NOT_TEXT = ("SS-E217", "must be text", "write the text in quotes")
    OVERLAY_KEY_NOT_NAME = ("SS-E218", "keys must be names or ids", "quote the key")
    OVERLAY_BAD_SHAPE = (
        "SS-E219",
        "must be text, a list of texts or a mapping, not {kind}",
        "write text, a list of texts or a mapping",
    )
    OVERLAY_ONE_TARGET = (
        "SS-E220",
        "an overlay names exactly one target",
        "give one of `instrument:`, `profile:` or `file:`",
    )
    OVERLAY_TEXT_AT = ("SS-E221", "{where} {detail}", "{fix}")
    OVERLAY_STAR_ROUTES = (
        "SS-E222",
        "`profile: '*'` overlays give only `routes:`",
        "put names in a per-profile overlay",
    )
    OVERLAY_EXPECTED_MAPPING = (
        "SS-E223",
        "expected a mapping of fields here",
        "indent the fields under it",
    )
    OVERLAY_NO_FIELD = (
        "SS-E224",
        "the target has no {key!r} here",
        "did you mean {guess!r}?",
        "check the target's own file",
    )
    OVERLAY_DATA_NOT_WORDS = (
        "SS-E225",
        "{key!r} is data, not words",
        "remove it: overlays change words only",
    )
    OVERLAY_NO_ORIGINAL = ("SS-E226", "the original has no text here", "remove it")
    OVERLAY_LIST_LENGTH = ("SS-E227", "expected a list of {count} texts", "one per original")
    OVERLAY_CANNOT_REWORD = ("SS-E228", "this cannot be reworded", "remove it")
    OVERLAY_EXPECTED_TEXT = ("SS-E229", "expected text here", "write the text")
    OVERLAY_BRACES = (
        "SS-E230",
        "the values in braces must be the original's ({names})",
        "keep them",
    )
    OVERLAY_EXPECTED_BY_ID = (
        "SS-E231",
        "expected a mapping by id",
        "write `id: {{field: text}}`",
    )
    OVERLAY_NO_ENTRY = (
        "SS-E232",
        "there is no entry with id {key!r}",
        "did you mean {guess!r}?",
        "use the ids of the target's file",
    )
    OVERLAY_FIELDS_BY_NAME = ("SS-E233", "give the entry's fields by name", "fields: {fields}")
    OVERLAY_UNKNOWN_FORMAT = (
        "SS-E234",
        "missing or unknown overlay format tag",
        "use one of: {known}",
    )
    OVERLAY_UNKNOWN_ROUTE = (
        "SS-E235",
        "no profile has a route {route!r}",
        "did you mean {guess!r}?",
        "use the route ids of the profiles",
    )
    UNKNOWN_LANGUAGE = (
        "SS-E236",
        "unknown language {name!r}",
        "stalkscreen's words come in {known}",
    )
    NO_SUCH_LANGUAGE = ("SS-E237", "not found", "choose a language stalkscreen comes in")
    NOT_A_LANGUAGE_FILE = ("SS-E238", "expected stalkscreen/language@1", "fix the tag")
