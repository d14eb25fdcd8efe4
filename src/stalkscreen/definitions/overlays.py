"""Wording overlays: new words for the text of definitions, profiles and report data.

Two formats are read:

* ``stalkscreen/wording@1`` (:class:`~stalkscreen.definitions.models.WordingOverlay`):
  an instrument's item prompts and guidance, and the ``high_risk_factor`` mark — the
  format an organisation uses for its licensed official wording.
* ``stalkscreen/wording@2`` (:class:`TextOverlay`): any text field of one target — an
  instrument, an area profile (or ``"*"``: the routes of every profile), the rule prompts,
  the advice files or the ``about`` texts — with an optional ``language``. A language is
  one folder of these (``questionnaires/overlays/cy/``) with a ``stalkscreen/language@1``
  file (:class:`LanguageInfo`) that names it and says how far its translation is reviewed.

An overlay's ``texts`` mirror the target's own shape, with lists of entries that have an
``id`` (items, sections, choices, routes…) written as mappings by id. Only words change:
:data:`DATA_KEYS` (ids, conditions, contact numbers, thresholds…) can never be set, so
scoring is the same whatever the wording (a property test proves it).
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from pydantic import Field, model_validator

from stalkscreen.catalogue import Definitions, Entry
from stalkscreen.definitions.models import _NOT_TEXT, Identifier, Strict, WordingOverlay
from stalkscreen.errors import Invalid, nearest

V1 = "stalkscreen/wording@1"
V2 = "stalkscreen/wording@2"
LANGUAGE = "stalkscreen/language@1"

FileTarget = Literal["rule-prompts", "advice", "probation-advice", "behaviour-advice", "about"]
FILE_TARGETS: tuple[FileTarget, ...] = (
    "rule-prompts",
    "advice",
    "probation-advice",
    "behaviour-advice",
    "about",
)

DATA_KEYS = frozenset(
    {
        # ids, tags and structure
        "id", "format", "overlay", "version", "kind", "section", "instrument", "level",
        "gate_key", "band_scale", "equivalent", "confidence", "counted", "single", "number",
        # conditions and rules
        "when", "offered_when", "indicates_stalking", "when_any", "applies", "any_of",
        "purposes", "judgement_required_by", "source", "bands", "marac", "red_flags",
        "screen_for", "s_dash_required", "min", "max",
        # contact details and markings stay data (each with its own verify note)
        "phone", "web", "email", "marking",
    }
)  # fmt: skip
"""Keys an overlay never sets: they decide what is asked, counted, referred or dialled."""

SETTABLE = frozenset({"high_risk_factor"})
"""The one non-text field an overlay may set (wording@1's mark of a form's bold items)."""

_LANG = r"^[a-z]{2,3}(-[A-Z][A-Za-z0-9]{1,7})?$"
_TARGET_ID = r"^(\*|[a-z0-9][a-z0-9_\-]*)$"


def text_problem(text: str) -> Entry | None:
    """Why ``text`` breaks the text rules (answer files' rules), or ``None``."""
    if not text.strip():
        return Definitions.OVERLAY_TEXT_EMPTY
    if _NOT_TEXT.search(text):
        return Definitions.INVISIBLE_TEXT
    return None


Loc = tuple[str | int, ...]


def walk_texts(tree: Any, loc: Loc = ()) -> Iterator[Found]:
    """Every place in an overlay's ``texts`` that breaks the shape or the text rules."""
    if isinstance(tree, bool):
        return
    if isinstance(tree, str):
        why = text_problem(tree)
        if why:
            yield loc, why, {}
        return
    if isinstance(tree, list):
        for i, entry in enumerate(tree):
            if not isinstance(entry, str):
                yield (*loc, i), Definitions.OVERLAY_NOT_TEXT, {}
            else:
                yield from walk_texts(entry, (*loc, i))
        return
    if isinstance(tree, dict):
        for key, sub in tree.items():
            if not isinstance(key, str):
                yield (*loc, str(key)), Definitions.OVERLAY_KEY_NOT_NAME, {}
                continue
            yield from walk_texts(sub, (*loc, key))
        return
    yield loc, Definitions.OVERLAY_BAD_SHAPE, {"kind": type(tree).__name__}


class TextOverlay(Strict):
    """New words for any text field of one target; never its ids, conditions or numbers."""

    overlay: Literal["stalkscreen/wording@2"] = Field(description="Format tag.")
    name: str = Field(min_length=1, description="Name shown in outputs for this wording.")
    language: str | None = Field(
        default=None,
        pattern=_LANG,
        description="The language of the words (`cy`, `en`), when they are a translation.",
    )
    instrument: Identifier | None = Field(default=None, description="Target: an instrument id.")
    profile: str | None = Field(
        default=None,
        pattern=_TARGET_ID,
        max_length=64,
        description="Target: an area profile id, or `*` for the routes of every profile.",
    )
    file: FileTarget | None = Field(
        default=None,
        description="Target: the rule prompts, one of the report advice files, or `about`.",
    )
    texts: dict[str, Any] = Field(
        description="The new words, in the target's own shape; lists of entries with an `id` "
        "are mappings by id (`items: {q1: {prompt: …}}`, `choices: {a: Label}`)."
    )

    @model_validator(mode="after")
    def _one_target_and_text_rules(self) -> TextOverlay:
        given = [k for k in ("instrument", "profile", "file") if getattr(self, k) is not None]
        if len(given) != 1:
            raise Invalid(Definitions.OVERLAY_ONE_TARGET)
        for loc, entry, values in walk_texts(self.texts, ("texts",)):
            raise Invalid(
                Definitions.OVERLAY_TEXT_AT,
                where=".".join(map(str, loc)),
                detail=entry.message(**values),
                fix=entry.fix(**values),
            )
        if self.profile == "*" and set(self.texts) - {"routes"}:
            raise Invalid(Definitions.OVERLAY_STAR_ROUTES)
        return self

    @property
    def target(self) -> tuple[str, str]:
        """(``instrument`` | ``profile`` | ``file``, the id)."""
        if self.instrument is not None:
            return "instrument", self.instrument
        if self.profile is not None:
            return "profile", self.profile
        if self.file is None:
            raise ValueError("an overlay without a target (its validator requires one)")
        return "file", self.file


class LanguageInfo(Strict):
    """The metadata of one language's overlay folder (``language.yaml``)."""

    overlay: Literal["stalkscreen/language@1"] = Field(description="Format tag.")
    language: str = Field(pattern=_LANG, description="Language code (`cy`).")
    name: str = Field(min_length=1, description="The language's own name (`Cymraeg`).")
    english_name: str = Field(min_length=1, description="Its name in English (`Welsh`).")
    translation_status: str = Field(
        min_length=1,
        description="How far the translation is reviewed, shown in `about` and on every "
        "output in the language until an organisation approves or replaces it.",
    )


Overlay = WordingOverlay | TextOverlay | LanguageInfo


def as_texts(overlay: WordingOverlay) -> TextOverlay:
    """A wording@1 overlay as the general form (its items' prompt, guidance and mark)."""
    items = {k: v.model_dump(exclude_none=True) for k, v in overlay.items.items()}
    return TextOverlay(
        overlay=V2, name=overlay.name, instrument=overlay.instrument, texts={"items": items}
    )


# --------------------------------------------------------------------------- merging

Found = tuple[tuple[str | int, ...], Entry, dict[str, object]]
"""(where in the overlay, the problem's catalogue entry, its values)."""


def _named(text: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return None


def text_fields(node: Mapping[str, Any]) -> list[str]:
    """The keys of an entry that hold words (not data)."""
    return [k for k, v in node.items() if k not in DATA_KEYS and isinstance(v, str)]


def _by_id(node: Sequence[Any]) -> bool:
    return bool(node) and all(isinstance(e, dict) and "id" in e for e in node)


def merge(node: Any, tree: Any, loc: tuple[str | int, ...], found: list[Found]) -> Any:
    """``node`` (a target's data) with the words of ``tree`` put in; problems to ``found``."""
    if isinstance(node, dict):
        if not isinstance(tree, dict):
            found.append((loc, Definitions.OVERLAY_EXPECTED_MAPPING, {}))
            return node
        out = dict(node)
        for key, sub in tree.items():
            where = (*loc, key)
            if key not in node:
                guess = nearest(str(key), [k for k in node if k not in DATA_KEYS])
                found.append((where, Definitions.OVERLAY_NO_FIELD, {"key": key, "guess": guess}))
            elif key in SETTABLE and isinstance(sub, bool):
                out[key] = sub
            elif key in DATA_KEYS or key in SETTABLE:
                found.append((where, Definitions.OVERLAY_DATA_NOT_WORDS, {"key": key}))
            elif node[key] is None:
                found.append((where, Definitions.OVERLAY_NO_ORIGINAL, {}))
            else:
                out[key] = merge(node[key], sub, where, found)
        return out
    if isinstance(node, list | tuple):
        if _by_id(node):
            return _merge_entries(node, tree, loc, found)
        if node and all(isinstance(e, str) for e in node):
            if not (isinstance(tree, list) and len(tree) == len(node)):
                found.append((loc, Definitions.OVERLAY_LIST_LENGTH, {"count": len(node)}))
                return node
            return [
                merge(e, t, (*loc, i), found)
                for i, (e, t) in enumerate(zip(node, tree, strict=True))
            ]
        found.append((loc, Definitions.OVERLAY_CANNOT_REWORD, {}))
        return node
    if isinstance(node, str):
        if not isinstance(tree, str):
            found.append((loc, Definitions.OVERLAY_EXPECTED_TEXT, {}))
            return node
        before, after = _named(node), _named(tree)
        if before is not None and before != after and (before or after):
            names = ", ".join("{" + n + "}" for n in sorted(before)) or "none"
            found.append((loc, Definitions.OVERLAY_BRACES, {"names": names}))
            return node
        return tree
    found.append((loc, Definitions.OVERLAY_CANNOT_REWORD, {}))
    return node


def _merge_entries(
    node: Sequence[dict[str, Any]], tree: Any, loc: tuple[str | int, ...], found: list[Found]
) -> list[Any]:
    out = list(node)
    if not isinstance(tree, dict):
        found.append((loc, Definitions.OVERLAY_EXPECTED_BY_ID, {}))
        return out
    index = {str(e["id"]): i for i, e in enumerate(node)}
    for key, sub in tree.items():
        where = (*loc, key)
        i = index.get(str(key))
        if i is None:
            guess = nearest(str(key), index)
            found.append((where, Definitions.OVERLAY_NO_ENTRY, {"key": key, "guess": guess}))
            continue
        if isinstance(sub, str):  # shorthand for an entry with one text field (a choice)
            fields = text_fields(node[i])
            if len(fields) != 1:
                found.append((where, Definitions.OVERLAY_FIELDS_BY_NAME, {"fields": fields}))
                continue
            sub = {fields[0]: sub}
        out[i] = merge(node[i], sub, where, found)
    return out


def text_paths(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text in a target's data, at the place an overlay gives it (for completeness)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in DATA_KEYS or key in SETTABLE:
                continue
            yield from text_paths(value, (*loc, key))
    elif isinstance(node, list | tuple):
        if _by_id(node):
            for entry in node:
                yield from text_paths(entry, (*loc, str(entry["id"])))
        else:
            for i, entry in enumerate(node):
                if isinstance(entry, str):
                    yield (*loc, i), entry
    elif isinstance(node, str):
        yield loc, node
