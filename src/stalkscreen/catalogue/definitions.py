"""Problems in questionnaire definitions, profiles, overlays and rule prompts.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Definitions(Entry):
    """Questionnaire definitions, area profiles, wording overlays and rule prompts."""

    INVISIBLE_TEXT = (
        "SS-E040",
        N_("holds control or invisible format characters (bidi, zero-width)"),
        N_("remove them: retype the text"),
    )
    BAD_CONDITION = (
        "SS-E041",
        N_("the condition {condition!r} cannot be read: {detail}"),
        N_("write it like 'dash.q8 == yes' or 'q9 in [yes, unknown]'"),
    )
    CHOICES_MISSING = (
        "SS-E042",
        N_("a `choices` detail needs a list of choices"),
        N_("add `choices:`"),
    )
    CHOICES_NOT_ALLOWED = (
        "SS-E043",
        N_("only a `choices` detail may list choices"),
        N_("remove `choices:`"),
    )
    SINGLE_NOT_ALLOWED = (
        "SS-E044",
        N_("only a `choices` detail may be `single`"),
        N_("remove `single:`"),
    )
    GATE_PAIR = ("SS-E045", N_("`gate` and `gate_key` go together"), N_("give both or neither"))
    BAD_VERSION = ("SS-E046", N_("{value!r} is not a semantic version"), N_("write it like 1.0.0"))
    DUPLICATE_ID = (
        "SS-E047",
        N_("{what} id {ident!r} appears twice"),
        N_("give each {what} its own id"),
    )
    UNKNOWN_SECTION = (
        "SS-E048",
        N_("item {item!r} names section {section!r}, which is not defined"),
        N_("use one of: {allowed}"),
    )
    ROUTE_NEVER_APPLIES = (
        "SS-E049",
        N_("route {route!r} says nowhere when it applies"),
        N_("add `applies: [always]`, or the triggers it needs"),
    )
    BANDS_EMPTY = ("SS-E050", N_("the band table is empty"), N_("list at least one band"))
    BAND_GAP = (
        "SS-E051",
        N_("band [{index}] ({level}) starts at {start}: it leaves a gap"),
        N_("start it at {expected}"),
    )
    BAND_OVERLAP = (
        "SS-E052",
        N_("band [{index}] ({level}) starts at {start}: it overlaps the band before it"),
        N_("start it at {expected}"),
    )
    BAND_ORDER = (
        "SS-E053",
        N_("band [{index}] ({level}) is lower than the band before it"),
        N_("order bands from standard to high"),
    )
    BAND_OPEN_NOT_LAST = (
        "SS-E054",
        N_("band [{index}] has no max but is not the last"),
        N_("give it a max or move it last"),
    )
    BAND_MAX_BELOW_MIN = (
        "SS-E055",
        N_("band [{index}] has max {max} below min {min}"),
        N_("swap them"),
    )
    BANDS_CLOSED = (
        "SS-E056",
        N_("the last band has a max, so higher counts are not graded"),
        N_("remove the last band's max"),
    )
    RULE_PROMPTS_KEYS = (
        "SS-E057",
        N_("rule prompts missing: {missing}; unknown: {unknown}"),
        N_("give exactly: {allowed}"),
    )
    RULE_PROMPT_FIELDS = (
        "SS-E058",
        N_("prompt {prompt!r} names {names}"),
        N_("it may name only: {allowed}"),
    )
    NO_SUCH_OVERLAY = ("SS-E059", N_("no such wording overlay"), N_("check the path"))
    UNKNOWN_INSTRUMENT = (
        "SS-E060",
        N_("there is no instrument {name!r}"),
        N_("did you mean {guess!r}?"),
        N_("choose one of: {known}"),
    )
    UNKNOWN_PROFILE = (
        "SS-E061",
        N_("there is no area profile {name!r}"),
        N_("did you mean {guess!r}?"),
        N_("choose one of: {known}"),
    )
    NO_SUCH_QUESTIONNAIRES_DIR = (
        "SS-E063",
        N_("no such questionnaires directory"),
        N_("check the path"),
    )
    SECOND_DEFINITION = ("SS-E064", N_("a second definition of {ident!r} here"), N_("remove one"))
    REF_NOT_CASE_FIELD = (
        "SS-E065",
        N_("{ref} is not a case field (fields: {fields})"),
        N_("name a case field that exists"),
    )
    REF_NOT_CONTEXT_KEY = (
        "SS-E066",
        N_("{ref} is not a context key (keys: {keys})"),
        N_("name a context key that exists"),
    )
    REF_UNKNOWN_INSTRUMENT = (
        "SS-E067",
        N_("{ref} names instrument {instrument!r}, which is not defined"),
        N_("did you mean {guess!r}?"),
        N_("name an instrument that exists"),
    )
    REF_TOO_MANY_PARTS = (
        "SS-E068",
        N_("{ref} has too many parts"),
        N_("use instrument.item or instrument.item.detail"),
    )
    REF_UNKNOWN_ITEM = (
        "SS-E069",
        N_("{ref} names item {item!r}, which {instrument} does not have"),
        N_("did you mean {guess!r}?"),
        N_("name an item that exists"),
    )
    REF_UNKNOWN_DETAIL = (
        "SS-E070",
        N_("{ref} names detail {detail!r}, which {item} does not record"),
        N_("name a detail that exists"),
    )
    EQUIVALENT_MISSING = (
        "SS-E071",
        N_("{equivalent} does not exist"),
        N_("name an existing instrument.item"),
    )
    NOT_A_DEFINITION = (
        "SS-E072",
        N_("expected a mapping at the top"),
        N_("a definition, profile or overlay starts with its keys"),
    )
    NO_YAML_FILES = ("SS-E073", N_("no YAML files here"), N_("check the path"))
    NO_SUCH_PATH = ("SS-E074", N_("no such file or folder"), N_("check the path"))
    INSTRUMENT_DEFINED_TWICE = (
        "SS-E075",
        N_("instrument id {ident!r} is also defined in {other}"),
        N_("give each instrument its own id"),
    )

    # wording overlays in any language (issue 20)
    OVERLAY_TEXT_EMPTY = (
        "SS-E216",
        N_("is empty"),
        N_("write the text, or leave the key out to keep the original"),
    )
    OVERLAY_NOT_TEXT = ("SS-E217", N_("must be text"), N_("write the text in quotes"))
    OVERLAY_KEY_NOT_NAME = ("SS-E218", N_("keys must be names or ids"), N_("quote the key"))
    OVERLAY_BAD_SHAPE = (
        "SS-E219",
        N_("must be text, a list of texts or a mapping, not {kind}"),
        N_("write text, a list of texts or a mapping"),
    )
    OVERLAY_ONE_TARGET = (
        "SS-E220",
        N_("an overlay names exactly one target"),
        N_("give one of `instrument:`, `profile:` or `file:`"),
    )
    OVERLAY_TEXT_AT = ("SS-E221", N_("{where} {detail}"), N_("{fix}"))
    OVERLAY_STAR_ROUTES = (
        "SS-E222",
        N_("`profile: '*'` overlays give only `routes:`"),
        N_("put names in a per-profile overlay"),
    )
    OVERLAY_EXPECTED_MAPPING = (
        "SS-E223",
        N_("expected a mapping of fields here"),
        N_("indent the fields under it"),
    )
    OVERLAY_NO_FIELD = (
        "SS-E224",
        N_("the target has no {key!r} here"),
        N_("did you mean {guess!r}?"),
        N_("check the target's own file"),
    )
    OVERLAY_DATA_NOT_WORDS = (
        "SS-E225",
        N_("{key!r} is data, not words"),
        N_("remove it: overlays change words only"),
    )
    OVERLAY_NO_ORIGINAL = ("SS-E226", N_("the original has no text here"), N_("remove it"))
    OVERLAY_LIST_LENGTH = (
        "SS-E227",
        N_("expected a list of {count} texts"),
        N_("one per original"),
    )
    OVERLAY_CANNOT_REWORD = ("SS-E228", N_("this cannot be reworded"), N_("remove it"))
    OVERLAY_EXPECTED_TEXT = ("SS-E229", N_("expected text here"), N_("write the text"))
    OVERLAY_BRACES = (
        "SS-E230",
        N_("the values in braces must be the original's ({names})"),
        N_("keep them"),
    )
    OVERLAY_EXPECTED_BY_ID = (
        "SS-E231",
        N_("expected a mapping by id"),
        N_("write `id: {{field: text}}`"),
    )
    OVERLAY_NO_ENTRY = (
        "SS-E232",
        N_("there is no entry with id {key!r}"),
        N_("did you mean {guess!r}?"),
        N_("use the ids of the target's file"),
    )
    OVERLAY_FIELDS_BY_NAME = (
        "SS-E233",
        N_("give the entry's fields by name"),
        N_("fields: {fields}"),
    )
    OVERLAY_UNKNOWN_FORMAT = (
        "SS-E234",
        N_("missing or unknown overlay format tag"),
        N_("use one of: {known}"),
    )
    OVERLAY_UNKNOWN_ROUTE = (
        "SS-E235",
        N_("no profile has a route {route!r}"),
        N_("did you mean {guess!r}?"),
        N_("use the route ids of the profiles"),
    )
    UNKNOWN_LANGUAGE = (
        "SS-E236",
        N_("unknown language {name!r}"),
        N_("stalkscreen's words come in {known}"),
    )
    NO_SUCH_LANGUAGE = ("SS-E237", N_("not found"), N_("choose a language stalkscreen comes in"))
    NOT_A_LANGUAGE_FILE = ("SS-E238", N_("expected stalkscreen/language@1"), N_("fix the tag"))
