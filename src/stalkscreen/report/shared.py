"""Views shared by the summaries of one run: built once, then reused (issue 18).

Building a summary's context constructs some 70 frozen pydantic views, each validated
by pydantic at 1.5 to 4 µs; a batch of summaries builds many of them again and again
from the same definitions: the question of an item answered without comment, the
evidence ``dash.q18`` names, the routes of a profile for the same triggers, the advice.
:func:`shared` builds such a view once per *owner* (the immutable definition, route,
profile or advice file it is made from), key and language in force, and hands out the
same frozen view after that. Measured on the bundled examples (collector off, one core,
four runs in turns): a summary's context took 265–295 µs before, 165–170 µs after.

Only views that depend on nothing but the owner, the key and the language may be
shared; free text a person typed never goes into a key, so a view holding a comment is
built every time. The owner is kept with its view, so its ``id`` cannot be reused by
another object while the entry lives (the same scheme as
:func:`stalkscreen.definitions.words.localise`). The cache is bounded: past
:data:`LIMIT` entries the oldest goes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any, TypeVar

from stalkscreen.translation import active

V = TypeVar("V")

LIMIT = 4096
"""Most entries kept (a run with the bundled definitions needs a few hundred)."""

_views: dict[tuple[int, Hashable, str], tuple[object, Any]] = {}
_changing = Lock()
"""Held while an entry is added or dropped; looking one up needs no lock."""


def shared(owner: object, key: Hashable, build: Callable[[], V]) -> V:
    """The view ``build()`` makes from ``owner`` (immutable) for ``key``, built once per
    owner, key and language in force."""
    full = (id(owner), key, active.get())  # the language in force
    hit = _views.get(full)
    if hit is not None and hit[0] is owner:
        view: V = hit[1]
        return view
    view = build()
    with _changing:  # (another thread of an API user may be dropping the same oldest entry)
        if len(_views) >= LIMIT:
            del _views[next(iter(_views))]
        _views[full] = (owner, view)
    return view


def interned(cls: Callable[..., V], **fields: Hashable) -> V:
    """``cls(**fields)``, the same frozen view for the same field values: for views made of
    the tool's own words and codes only (a prompt, a level's source, a form need still to be
    found), never of free text, which would fill the cache with one-off entries."""
    return shared(cls, tuple(fields.items()), lambda: cls(**fields))
