"""Issue 20 (errors): every problem of the catalogue speaks the language in force.

Each entry's message, fix and ``otherwise`` templates are marked for pybabel and filled in
in the language in force, placeholders intact; English is the source text, unchanged; the
codes never change; machine-readable outputs (batch records, the ``--errors`` file) keep
the English text beside the code.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from pathlib import Path

import hatch_build
import pytest

from stalkscreen import i18n
from stalkscreen.catalogue import Entry, Reading, entries
from stalkscreen.errors import Problem

from .conftest import Result

_FIELDS = string.Formatter()
_LETTERS = re.compile(r"[A-Za-z]{3,}")


def _sample(entry: Entry) -> dict[str, object]:
    """A value for every placeholder of ``entry``, each one recognisable in the output
    (numbers for the numeric formats)."""
    values: dict[str, object] = {}
    for text in (entry.message_template, entry.fix_template, entry.otherwise_template):
        for _, name, spec, _ in _FIELDS.parse(text):
            if name is None or name in values:
                continue
            if spec and "f" in spec:
                values[name] = 12.5
            elif spec:
                values[name] = 123457
            else:
                values[name] = f"<{name}-value>"
    return values


def _shown(value: object, spec: str | None, conversion: str | None) -> str:
    text = repr(value) if conversion == "r" else value
    return format(text, spec or "")


def _wording(template: str) -> bool:
    """Whether ``template`` has words of its own (not only placeholders and marks)."""
    plain = "".join(literal for literal, *_ in _FIELDS.parse(template))
    return bool(_LETTERS.search(plain))


def _texts(entry: Entry) -> list[tuple[str, str, dict[str, object]]]:
    """(template, rendered, values) for the message, the fix and the ``otherwise`` fix
    (given when a value only the fix names is ``None``)."""
    values = _sample(entry)
    done = [(entry.message_template, entry.message(**values), values)]
    if entry.fix_template:
        done.append((entry.fix_template, entry.fix(**values), values))
    if entry.otherwise_template:
        own = {n for _, n, _, _ in _FIELDS.parse(entry.otherwise_template) if n}
        fix = {n for _, n, _, _ in _FIELDS.parse(entry.fix_template) if n}
        missing = dict(values, **dict.fromkeys(fix - own))
        done.append((entry.otherwise_template, entry.fix(**missing), missing))
    return done


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.code)
def test_every_problem_renders_in_welsh_with_its_values(entry: Entry) -> None:
    with i18n.using("en"):
        english = [text for _, text, _ in _texts(entry)]
    with i18n.using("cy"):
        welsh = _texts(entry)
    for (template, text, values), source in zip(welsh, english, strict=True):
        if _wording(template):
            assert text != source, f"{entry.code}: {template!r} is not translated"
        for _, name, spec, conversion in _FIELDS.parse(template):
            if name:
                shown = _shown(values[name], spec, conversion)
                assert shown in text, f"{entry.code}: {name} is not filled in {text!r}"
    assert entry.code == entry.value[0]  # the code is the same in every language


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.code)
def test_english_is_the_source_text_byte_for_byte(entry: Entry) -> None:
    with i18n.using("cy"), i18n.using("en"):  # Welsh around it does not leak in
        rendered = _texts(entry)
    for template, text, values in rendered:
        assert text == template.format(**values)


def test_a_problem_is_rendered_in_the_language_in_force_when_printed() -> None:
    problem = Problem.of(Reading.NO_SUCH_FILE, "case.yaml")
    assert problem.render() == "case.yaml: no such file — check the path [SS-E001]"
    with i18n.using("cy"):
        assert problem.render() == "case.yaml: dim ffeil o’r fath — gwiriwch y llwybr [SS-E001]"


def test_a_broken_brace_placeholder_fails_the_build(tmp_path: Path) -> None:
    po = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "stalkscreen.po"
    po.parent.mkdir(parents=True)
    header = (
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    )
    for wrong in ("{terfyn:,} beit", "{limit} beit", "{limit:,} beit {extra}"):
        po.write_text(f'{header}msgid "{{limit:,}} bytes"\nmsgstr "{wrong}"\n', encoding="utf-8")
        with pytest.raises(RuntimeError, match=r"stalkscreen\.po:\d+: '\{limit:,\} bytes'"):
            hatch_build.build_catalogues(tmp_path, tmp_path / "out")
    po.write_text(f'{header}msgid "{{limit:,}} bytes"\nmsgstr "{{limit:,}} beit"\n', "utf-8")
    assert hatch_build.build_catalogues(tmp_path, tmp_path / "out")


def test_the_readme_table_stays_english() -> None:
    from stalkscreen.catalogue import markdown_table

    with i18n.using("cy"):
        welsh = markdown_table()
    assert welsh == markdown_table()
    assert "| `SS-E001` | no such file | check the path |" in welsh


def test_an_error_is_welsh_on_the_terminal_with_its_code(cli: Callable[..., Result]) -> None:
    done = cli("--language", "cy", "score", "missing.yaml")
    assert done.code == 3
    assert "missing.yaml: dim ffeil o’r fath — gwiriwch y llwybr [SS-E001]" in done.err
    english = cli("score", "missing.yaml")
    assert english.err == "stalkscreen: missing.yaml: no such file — check the path [SS-E001]\n"


def test_batch_records_keep_the_english_text_beside_the_code(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: stalkscreen/answers@1\nnot: [closed\n", encoding="utf-8")
    errors = tmp_path / "errors.txt"
    done = cli("--language", "cy", "batch", str(bad), "--format", "jsonl", "--errors", str(errors))
    assert done.code == 4, done.err
    record = json.loads(done.out.splitlines()[0])
    assert record["error_code"] == ["SS-E007"]
    assert "not valid YAML" in record["error"] and "fix the syntax" in record["error"]
    assert "not valid YAML" in errors.read_text(encoding="utf-8")


def test_stalkscreens_own_words_in_a_problem_follow_the_language(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    listed = tmp_path / "list.yaml"
    listed.write_text("- 1\n- 2\n", encoding="utf-8")
    welsh = cli("--language", "cy", "score", listed)
    assert welsh.code == 3
    assert "list.yaml:1: lefel uchaf: disgwylid mapio" in welsh.err
    assert "gydag allweddi ffeil atebion (format, case, responses…) [SS-E015]" in welsh.err
    english = cli("score", listed)
    assert "list.yaml:1: top level: expected a mapping (key: value) at the top" in english.err
    assert "with the keys of an answer file (format, case, responses…) [SS-E015]" in english.err


def test_the_inputs_own_words_are_never_translated() -> None:
    """A key that happens to read like one of stalkscreen's words stays as the file has it:
    only values the code marks as its own (``Words``) are translated."""
    from stalkscreen.catalogue import Model
    from stalkscreen.translation import Words

    typed = Problem.of(Model.UNKNOWN_KEY, "case.yaml", "header", 2, key="'header'", guess=None)
    marked = Problem.of(Model.UNKNOWN_KEY, "case.yaml", Words("header"), 2, key="'x'", guess=None)
    with i18n.using("cy"):
        assert typed.where() == "case.yaml:2: header"
        assert marked.where() == "case.yaml:2: pennawd"
    assert marked.where() == "case.yaml:2: header"


def test_a_value_of_the_wrong_type_is_said_in_welsh(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "format: stalkscreen/answers@1\ncase:\n  reference: [1, 2]\n  assessed_on: 2026-11-01\n"
        "responses: {}\n",
        encoding="utf-8",
    )
    welsh = cli("--language", "cy", "score", case)
    assert "case.reference: Dylai’r mewnbwn fod yn destun dilys (cafwyd [1, 2])" in welsh.err
    english = cli("score", case)
    assert "case.reference: Input should be a valid string (found [1, 2])" in english.err


def test_the_answer_spellings_a_problem_names_are_joined_in_welsh(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The spellings are what a file holds (the same in every language); the words joining
    them follow the language (SS-E090 named them with an English 'or' and 'also')."""
    case = tmp_path / "case.yaml"
    case.write_text(
        "format: stalkscreen/answers@1\ncase:\n  reference: T/1\n  assessed_on: 2026-11-01\n"
        "responses:\n  dash:\n    q1: perhaps\n",
        encoding="utf-8",
    )
    welsh = cli("--language", "cy", "score", case)
    assert welsh.code == 3, welsh.err
    assert "yes, no neu unknown (hefyd: true/false, y/n, don't know, dk)" in welsh.err
    assert " or unknown" not in welsh.err and "also:" not in welsh.err
    english = cli("score", case)
    assert "yes, no or unknown (also: true/false, y/n, don't know, dk)" in english.err
