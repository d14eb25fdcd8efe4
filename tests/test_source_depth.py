"""The nesting-depth guard of the document reader, against its first, plainer version."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stalkscreen.source import _depth_ok


def _reference(value: Any, limit: int) -> bool:
    """The original walk: every value with its depth; false when one is deeper than limit."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


documents: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.none(), st.integers(), st.text(max_size=3), st.just([]), st.just({})),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(value=documents, limit=st.integers(0, 8))
def test_depth_guard_agrees_with_the_plain_walk(value: Any, limit: int) -> None:
    assert _depth_ok(value, limit) == _reference(value, limit)


def test_depth_guard_at_the_limit() -> None:
    for leaf in (1, [], {}, [1], {"a": 1}):
        for depth in range(40):
            value: Any = leaf
            for j in range(depth):
                value = [value] if j % 2 else {"k": value}
            for limit in range(36):
                assert _depth_ok(value, limit) == _reference(value, limit), (leaf, depth, limit)
