"""The quick loaders give exactly the full loaders' data, or step aside.

:mod:`stalkscreen.quickload` may only ever answer with the data that pyyaml's
safe loader (with the duplicate-key check) or ``json.loads`` with the
duplicate-key hook gives; for anything else it must raise ``NotPlain`` so the
full loader reports the problem. Hypothesis drives both with documents of
every style, and with text that is mostly not valid at all.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalkscreen.errors import InvalidInputError
from stalkscreen.quickload import MAX_DEPTH, NotPlain, quick_json, quick_yaml
from stalkscreen.source import DuplicateKeyError, _json_pairs, _StrictLoader, parse_text


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``True`` is not ``1``; NaN is NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(map(type, a)) == list(map(type, b)) and (
            list(a) == list(b) and all(same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def full_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_StrictLoader)


def full_json(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_json_pairs)


# Words YAML 1.1 reads as something other than text, and text that merely looks like them.
TRICKY = [
    "yes", "No", "ON", "off", "y", "n", "true", "False", "~", "null", "Null", "",
    "0x1F", "0o17", "017", "0b101", "1_000", "1:30", "190:20:30", "-0", "+12", "3.",
    ".5", "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", "2026-11-21", "2026-11-21 10:30:00",
    "2026-11-21T10:30:00Z", "2026-13-45", "<<", "=", "q1", "dash", "a: b", "- x", "#",
    "'quoted'", '"dq"', "tab\there", "line\nbreak", "ünïcödé", "CR/2026/000001", " pad ",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
)
keys = st.one_of(st.sampled_from(TRICKY), st.text(max_size=8), st.integers(-99, 99))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=24,
)
styles = st.sampled_from([None, "'", '"', "|", ">"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([None, False, True]), styles)
def test_yaml_of_every_style_reads_the_same(
    data: Any, flow: bool | None, style: str | None
) -> None:
    text = yaml.dump(data, default_flow_style=flow, default_style=style, allow_unicode=True)
    expected = full_yaml(text)
    try:
        got = quick_yaml(text)
    except NotPlain:
        return
    assert same(got, expected), text


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from(["q1", "q2", "case", "x"]), st.sampled_from(TRICKY)))
def test_plain_yaml_takes_the_quick_path(data: dict[str, str]) -> None:
    text = yaml.dump(data, allow_unicode=True)  # quotes text that would read as another type
    assert same(quick_yaml(text), full_yaml(text))


YAML_BITS = [
    "a: 1\n", "a: yes\n", "- x\n", "  b: 2\n", "&x ", "*x", "!!str ", "!!python/name:os ",
    "<<: {c: 1}\n", "a: 2\n", "{", "}", "[", "]", ", ", "? ", ": ", "---\n", "...\n", "'", '"',
    "|\n  text\n", "# note\n", "\t", "\n", "q1: no\n", "2026-02-30", "0x", "key", "=",
]  # fmt: skip


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(YAML_BITS), max_size=14).map("".join))
def test_any_yaml_text_reads_the_same_or_steps_aside(text: str) -> None:
    try:
        expected: Any = full_yaml(text)
    except (yaml.YAMLError, ValueError):
        with pytest.raises(NotPlain):
            quick_yaml(text)
        return
    try:
        got = quick_yaml(text)
    except NotPlain:
        return
    assert same(got, expected), text


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents,
    st.sampled_from([None, 2]),
    st.sampled_from([(",", ":"), (", ", ": "), (",", " : "), (",\n", ":\t")]),
)
def test_json_of_every_layout_reads_the_same(
    data: Any, indent: int | None, separators: tuple[str, str]
) -> None:
    # JSON keys are text: at every depth, so that 0 and "0" cannot become one key twice
    text = json.dumps(_text_keys(data), indent=indent, separators=separators, default=str)
    expected = full_json(text)
    try:
        got = quick_json(text)
    except NotPlain:
        return
    assert same(got, expected), text


def _text_keys(data: Any) -> Any:
    """``data`` with every mapping's keys as text, at every depth (a later key wins)."""
    if isinstance(data, dict):
        return {str(k): _text_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_text_keys(v) for v in data]
    return data


JSON_BITS = [
    '{"a": 1', '{"a":1', ', "a": 2', ',"a":2', ', "a" : 3', ',"b":":x"', ',"c":"\\":"', "}",
    "[", "]", ",", '"v"', "null", "true", "1e400", "NaN", "-0", "1" * 30, '"\\ud800"', " ",
    "\n", '{"a":{"a":1,"a":2}}', "1.5", "1" * 25,
]  # fmt: skip


@settings(max_examples=800, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(JSON_BITS), max_size=10).map("".join))
def test_any_json_text_reads_the_same_or_steps_aside(text: str) -> None:
    try:
        expected: Any = full_json(text)
    except (ValueError, DuplicateKeyError):
        with pytest.raises(NotPlain):
            quick_json(text)
        return
    try:
        got = quick_json(text)
    except NotPlain:
        return
    assert same(got, expected), text


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',
        '{"a":1,"a" :2}',
        '{"a" : 1, "a" : 2}',
        '{"x": {"q1": "yes", "q1": "no"}}',
        '{"a":":","a":1}',
        '{"a":"\\":","a":1}',
        '[{"k":1},{"k":1,"k":2}]',
    ],
)
def test_a_repeated_json_key_is_never_read_quickly(text: str) -> None:
    with pytest.raises(DuplicateKeyError):
        full_json(text)
    with pytest.raises(NotPlain):
        quick_json(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "yes: 1\ntrue: 2\n",
        "1: a\n1.0: b\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "a: =\n",
        "a: 1\n---\nb: 2\n",
        "? [a]\n: 1\n",
        "when: 2026-02-30\n",
        "n: " + "9" * 5000 + "\n",
        "a: [\n",
    ],
)
def test_what_is_not_plain_yaml_is_left_to_the_full_loader(text: str) -> None:
    with pytest.raises(NotPlain):
        quick_yaml(text)


def test_nesting_at_the_limit_is_quick_and_beyond_it_is_refused_by_the_full_loader() -> None:
    at_limit = "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    beyond = "[" * (MAX_DEPTH + 1) + "1" + "]" * (MAX_DEPTH + 1)
    in_mapping = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1)
    for text in (at_limit, in_mapping):
        assert same(quick_yaml(text), full_yaml(text))
    assert same(quick_json(at_limit), json.loads(at_limit))
    for fmt in (".json", ".yaml"):
        with pytest.raises(NotPlain):
            (quick_json if fmt == ".json" else quick_yaml)(beyond)
        with pytest.raises(InvalidInputError, match="nested more than 32 levels deep"):
            parse_text(beyond, "deep" + fmt)


def test_documents_with_no_content_read_as_nothing() -> None:
    for text in ("", "# only a comment\n", "---\n", "~\n"):
        assert quick_yaml(text) is None
        assert full_yaml(text) is None


def test_dates_and_times_are_built_as_the_safe_loader_builds_them() -> None:
    text = "a: 2026-11-21\nb: 2026-11-21 10:30:00\nc: '2026-11-21'\n"
    got = quick_yaml(text)
    assert same(got, full_yaml(text))
    assert type(got["a"]) is date and type(got["b"]) is datetime and type(got["c"]) is str


def test_parse_text_names_a_repeated_key_whichever_loader_is_tried_first() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_text('{"case": {}, "case": {}}', "dup.json")
    assert "appears twice" in caught.value.problems[0].message
    with pytest.raises(InvalidInputError) as caught:
        parse_text("case: 1\ncase: 2\n", "dup.yaml")
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize("name", ["a.json", "A.JSON", "..json", "dir/..json", "x.y.json"])
def test_the_file_name_decides_json_as_pathlib_does(name: str) -> None:
    assert parse_text('{"n": 1e3}', name).data == {"n": 1000.0}
