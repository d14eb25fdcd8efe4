"""Issue 21, reading inputs: text stays text (point 4); small hostile inputs give located
errors, never internal ones (point 5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.answers import parse_answers
from tests.conftest import dash_answers, screening_data

WRITTEN = ["01234567", "12:30:45", "0x1F", "1_000", "1e3", "2026-01-01", ".inf", "0o17", "yes"]


def _text_fields_yaml(value: str) -> str:
    data = screening_data({"dash": dash_answers({1})}, case={"practitioner": "P", "agency": "A"})
    data["responses"]["dash"]["q1"] = {"answer": "yes", "comment": "C", "source": "S"}
    data["professional_judgement"] = {"level": "high", "rationale": "R"}
    text = yaml.safe_dump(data, sort_keys=False)
    for old in ("reference: T/0001", "practitioner: P", "agency: A", "comment: C", "source: S",
                "rationale: R"):  # fmt: skip
        text = text.replace(old, old.split(":")[0] + ": " + value)
    return text


@pytest.mark.parametrize("written", WRITTEN)
@pytest.mark.parametrize("reader", ["fast", "full"])
def test_text_fields_keep_the_characters_written(written: str, reader: str, lib: Any) -> None:
    text = _text_fields_yaml(written)
    if reader == "full":  # a tag anywhere sends the document to the full YAML reader
        text += "meta: {tool: !!str x}\n"
    answers = parse_answers(text, "a.yaml", lib.definitions)
    q1 = answers.responses["dash"]["q1"]
    assert answers.case.reference == written
    assert (answers.case.practitioner, answers.case.agency) == (written, written)
    assert (q1.comment, q1.source) == (written, written)
    assert answers.professional_judgement is not None
    assert answers.professional_judgement.rationale == written


def test_reference_is_text_in_score_output(tmp_path: Path, cli: Callable[..., Any]) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_text_fields_yaml("01234567"))
    result = cli("score", path, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["reference"] == "01234567"
    result = cli("batch", path, "-f", "jsonl")
    assert json.loads(result.out.splitlines()[0])["reference"] == "01234567"


def test_incident_text_keeps_the_characters_written(tmp_path: Path) -> None:
    from stalkscreen.incidents import load_incident_log

    path = tmp_path / "log.yaml"
    path.write_text("entries:\n  - {date: 2026-11-01, what: 12:30:45, where: 0x1F}\n")
    entry = load_incident_log(path).entries[0]
    assert (entry.what, entry.where) == ("12:30:45", "0x1F")
