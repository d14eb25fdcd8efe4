"""Loading and saving answer files exactly per the contract."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import load_answers
from stalkscreen.saving import save_answers
from stalkscreen.source import MAX_FILE_BYTES
from tests.conftest import dash_answers


def problems(lib: Library, path: Path) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_answers(path, lib.definitions)
    return caught.value.lines()


def write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "format: stalkscreen/answers@1\ncase: {reference: R1}\n"


def test_yaml_11_booleans_and_spellings_are_accepted(lib: Library, tmp_path: Path) -> None:
    text = HEAD + (
        "responses:\n  dash:\n    q1: yes\n    q2: No\n    q3: Y\n    q4: 'n'\n    q5: true\n"
        '    q6: FALSE\n    q7: "don\'t know"\n    q8: dk\n    q9: dont-know\n    q10: dont_know\n'
        "    q11: {answer: Unknown}\n    q12: 'yes'\n"
    )
    answers = load_answers(write(tmp_path, text), lib.definitions)
    got = {k: v.answer for k, v in answers.responses["dash"].items()}
    assert got == {
        "q1": "yes",
        "q2": "no",
        "q3": "yes",
        "q4": "no",
        "q5": "yes",
        "q6": "no",
        "q7": "unknown",
        "q8": "unknown",
        "q9": "unknown",
        "q10": "unknown",
        "q11": "unknown",
        "q12": "yes",
    }


def test_json_has_the_same_structure(lib: Library, tmp_path: Path) -> None:
    data = {
        "format": "stalkscreen/answers@1",
        "case": {"reference": "R1", "assessed_on": "2026-11-20"},
        "responses": {"dash": {"q1": True, "q2": {"answer": "dk", "comment": "x"}}},
    }
    answers = load_answers(write(tmp_path, json.dumps(data), "a.json"), lib.definitions)
    assert answers.responses["dash"]["q1"].answer == "yes"
    assert answers.responses["dash"]["q2"].comment == "x"
    assert answers.case.assessed_date is not None


def test_invalid_value_names_file_instrument_item_value_and_accepted(
    lib: Library, tmp_path: Path
) -> None:
    path = write(tmp_path, HEAD + "responses:\n  dash:\n    q2: maybe\n")
    (line,) = problems(lib, path)
    assert str(path) in line and ":5:" in line
    assert "responses.dash.q2" in line and "'maybe'" in line
    assert "yes, no or unknown" in line


@pytest.mark.parametrize("value", ["2", "[yes]", "{answer: perhaps}", "''"])
def test_other_values_are_errors(lib: Library, tmp_path: Path, value: str) -> None:
    path = write(tmp_path, HEAD + f"responses:\n  dash:\n    q2: {value}\n")
    assert len(problems(lib, path)) == 1


def test_unknown_item_suggests_nearest(lib: Library, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD + "responses:\n  dash:\n    q28: yes\n  srp-red-flags:\n    victim-fears: no\n",
    )
    lines = problems(lib, path)
    assert any("did you mean 'q8'" in line for line in lines)
    assert any("did you mean 'victim-fear'" in line for line in lines)


def test_unknown_key_suggests_nearest(lib: Library, tmp_path: Path) -> None:
    path = write(
        tmp_path, "format: stalkscreen/answers@1\ncase: {reference: R1, assesed_on: 2026-01-01}\n"
    )
    (line,) = problems(lib, path)
    assert "unknown key 'assesed_on'" in line and "did you mean 'assessed_on'" in line


def test_missing_reference(lib: Library, tmp_path: Path) -> None:
    (line,) = problems(lib, write(tmp_path, "format: stalkscreen/answers@1\ncase: {}\n"))
    assert "case.reference" in line and "missing" in line


def test_wrong_type(lib: Library, tmp_path: Path) -> None:
    (line,) = problems(lib, write(tmp_path, HEAD + "responses: [1, 2]\n"))
    assert "responses" in line


def test_reference_with_control_characters_is_refused(lib: Library, tmp_path: Path) -> None:
    path = write(tmp_path, 'format: stalkscreen/answers@1\ncase: {reference: "R\\x1b[31m1"}\n')
    (line,) = problems(lib, path)
    assert "control characters" in line
    assert "\x1b" not in line


def test_not_utf8(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(HEAD.encode() + b"responses: {dash: {q1: {answer: yes, comment: \xff\xfe}}}\n")
    (line,) = problems(lib, path)
    assert "not valid UTF-8" in line and ":3:" in line


def test_not_a_mapping(lib: Library, tmp_path: Path) -> None:
    (line,) = problems(lib, write(tmp_path, "- just\n- a list\n"))
    assert "expected a mapping" in line


def test_empty_file(lib: Library, tmp_path: Path) -> None:
    (line,) = problems(lib, write(tmp_path, ""))
    assert "found empty" in line


def test_oversize_file_is_refused_without_parsing(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 10))
    (line,) = problems(lib, path)
    assert "limit" in line


def test_object_tags_are_refused(lib: Library, tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + "responses: !!python/object/apply:os.system ['echo hacked']\n")
    (line,) = problems(lib, path)
    assert "tag" in line


def test_alias_bomb_is_refused_quickly(lib: Library, tmp_path: Path) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (line,) = problems(lib, write(tmp_path, "\n".join(bomb) + "\n"))
    assert "anchors" in line


def test_deep_nesting_is_refused(lib: Library, tmp_path: Path) -> None:
    (line,) = problems(lib, write(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert "nested" in line or "deep" in line


def test_detail_choices_are_checked(lib: Library, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEAD
        + "responses:\n  dash:\n    q3: {answer: yes, details: {at_risk: [self, neighbours]}}\n",
    )
    (line,) = problems(lib, path)
    assert "'neighbours' is not a choice" in line


def test_save_is_atomic_owner_only_and_round_trips(
    lib: Library, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    source = write_answers({"dash": dash_answers({1, 2}, unknown={3})})
    answers = load_answers(source, lib.definitions)
    for name in ("out.yaml", "out.json"):
        target = tmp_path / name
        save_answers(answers, target)
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert load_answers(target, lib.definitions) == answers
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_repeated_key_is_refused_so_no_red_flag_can_vanish(lib: Library, tmp_path: Path) -> None:
    text = HEAD + (
        "responses:\n  srp-red-flags:\n    homicidal-ideation: yes\n"
        "  srp-red-flags:\n    psychopathy: no\n"
    )
    (line,) = problems(lib, write(tmp_path, text))
    assert ":6:" in line and "'srp-red-flags' appears twice" in line and "line 4" in line


def test_a_repeated_item_is_refused_in_yaml_and_json(lib: Library, tmp_path: Path) -> None:
    (line,) = problems(
        lib, write(tmp_path, HEAD + "responses:\n  dash:\n    q1: yes\n    q1: no\n")
    )
    assert ":6:" in line and "'q1' appears twice" in line
    text = (
        '{"format": "stalkscreen/answers@1", "case": {"reference": "X"},\n'
        ' "responses": {"dash": {"q1": "yes",\n  "q1": "no"}}}'
    )
    (line,) = problems(lib, write(tmp_path, text, "a.json"))
    assert ":3:" in line and "'q1' appears twice" in line


def test_an_impossible_date_is_reported_where_it_stands(lib: Library, tmp_path: Path) -> None:
    text = "format: stalkscreen/answers@1\ncase: {reference: X, assessed_on: 2026-13-45}\n"
    (line,) = problems(lib, write(tmp_path, text))
    assert ":2:" in line and "case.assessed_on" in line and "YYYY-MM-DD" in line


def test_saving_over_a_folder_says_so(
    lib: Library, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    answers = load_answers(write_answers({"dash": dash_answers({1})}), lib.definitions)
    folder = tmp_path / "out.yaml"
    folder.mkdir()
    with pytest.raises(InvalidInputError) as caught:
        save_answers(answers, folder)
    assert "folder, not a file name" in caught.value.lines()[0]
    assert list(tmp_path.glob(".*.tmp")) == []
