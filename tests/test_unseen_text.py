"""Issue 21.7: invisible format characters (Unicode category Cf: bidi overrides and
isolates, zero-width spaces and joiners, the byte-order mark) are refused in references,
names and ids, and shown escaped (``\\u202e``) everywhere else, in every output: Markdown,
HTML and JSON reports, the terminal, compare and history, batch summaries."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from stalkscreen.vocabulary import FORMAT
from tests.conftest import dash_answers, screening_data

RLO = "\u202e"  # right-to-left override: "txt.exe" shows as "exe.txt"
HIDDEN = f"paid{RLO}txt.exe\u2066x\u2069\u200b\ufeff\u00ad"
SHOWN = "paid\\u202etxt.exe\\u2066x\\u2069\\u200b\\ufeff\\xad"


def _hidden_in(text: str) -> list[str]:
    return sorted({f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) == "Cf"})


def _screening(tmp_path: Path, name: str = "a.yaml", **top: Any) -> Path:
    """Every free-text field of a screening holds invisible characters."""
    responses: dict[str, Any] = {"dash": dash_answers({1, 2})}
    responses["dash"]["q1"] = {"answer": "yes", "comment": f"one\n{HIDDEN}", "source": HIDDEN}
    data = screening_data(
        responses,
        context={"children": "no", "safe_contact": HIDDEN, "messages_safe": "yes"},
        professional_judgement={"level": "high", "rationale": HIDDEN},
        incident_log={
            "kept_by": HIDDEN,
            "entries": [{"date": "2026-11-01", "what": HIDDEN, "where": HIDDEN}],
        },
        **top,
    )
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the one rule


def test_every_format_character_is_made_visible_and_other_text_is_kept() -> None:
    from stalkscreen.report.escape import visible

    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert cf and all(FORMAT.fullmatch(ch) for ch in cf)
    for ch in cf:
        shown = visible(f"a{ch}b")
        assert _hidden_in(shown) == [] and shown.startswith("a\\") and shown.endswith("b")
    assert visible("\x1b[2J") == "\\x1b[2J"
    kept = "Gwen ap Rhys: café, naïve, 日本\u00a0—\n\tnext line 👩‍👧"
    assert visible(kept.replace("\u200d", "")) == kept.replace("\u200d", "")
    assert visible(HIDDEN) == SHOWN


def test_markdown_escapes_keep_the_visible_escape() -> None:
    from stalkscreen.report.escape import md_code, md_escape

    assert str(md_escape(HIDDEN)) == SHOWN
    assert str(md_escape(f"*{RLO}*")) == "\\*\\u202e\\*"
    assert str(md_code(f"report{RLO}.yaml")) == "`report\\u202e.yaml`"


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize("where", ["item", "instrument", "profile"])
def test_ids_holding_a_format_character_are_refused(
    where: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    data = screening_data({"dash": dash_answers({1})})
    if where == "item":
        data["responses"]["dash"][f"q1{RLO}"] = data["responses"]["dash"].pop("q1")
    elif where == "instrument":
        data["responses"][f"da{RLO}sh"] = data["responses"].pop("dash")
    else:
        data["profile"] = f"def{RLO}ault"
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = cli("score", path)
    assert result.code == 3, result.out
    assert _hidden_in(result.err) == [], result.err


# --------------------------------------------------------------------------- every output


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_show_format_characters_escaped(
    fmt: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("report", _screening(tmp_path), "-f", fmt)
    assert result.code == 0, result.err
    assert _hidden_in(result.out) == []
    # comment, source, rationale, safety, incident what, where and kept_by
    assert result.out.count("paid\\u202etxt.exe\\u2066x\\u2069") >= 7


def test_json_report_escapes_them_and_still_reads_back_as_written(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    result = cli("report", _screening(tmp_path), "-f", "json")
    assert result.code == 0, result.err
    assert _hidden_in(result.out) == [] and "\\u202e" in result.out
    data = json.loads(result.out)
    assert data["safety"]["safe_contact"] == HIDDEN


def test_terminal_shows_them_escaped(tmp_path: Path, cli: Callable[..., Any]) -> None:
    result = cli("score", _screening(tmp_path))
    assert result.code == 0, result.err
    assert _hidden_in(result.out + result.err) == []
    assert SHOWN in result.out  # the safe-contact line


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_history_shows_a_file_name_with_them_escaped(
    fmt: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    _screening(folder, f"first{RLO}lmth.yaml")
    undated = _screening(folder, f"second{RLO}lmth.yaml").read_text(encoding="utf-8")
    undated = undated.replace("assessed_on: '2026-11-20'\n", "")
    (folder / f"second{RLO}lmth.yaml").write_text(undated, encoding="utf-8")
    result = cli("history", folder, "-r", "T/0001", "-f", fmt)
    assert result.code == 0, result.err
    assert _hidden_in(result.out + result.err) == []
    assert "second\\u202elmth.yaml" in result.out  # (HTML: in the table and the chart)
    if fmt == "html":
        assert result.out.count("second\\u202elmth.yaml") >= 3


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_compare_shows_them_escaped(fmt: Literal["md", "html"], lib: Any) -> None:
    from stalkscreen.compare import compare
    from stalkscreen.report.rescreen import render_comparison
    from stalkscreen.scoring import score
    from tests.conftest import make_answers

    profile = lib.profile("default").profile
    pair = [make_answers(lib, {"dash": dash_answers(yes)}) for yes in ({1}, {1, 2})]
    before, after = ((a, score(a, lib, profile)) for a in pair)
    change = compare(before, after, lib)
    # the outputs show no free text today; what they show goes through the same escape
    change = change.model_copy(update={"warnings": (f"note {HIDDEN}",)})
    text = render_comparison(change, fmt, "OFFICIAL")
    assert _hidden_in(text) == [] and SHOWN in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_batch_summaries_show_them_escaped(
    fmt: str, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    path = _screening(tmp_path)
    out = tmp_path / "out"
    result = cli(
        "batch", path, "--reports-dir", out, "--report-format", fmt, "-o", tmp_path / "r.csv"
    )
    assert result.code == 0, result.err
    (summary,) = [p for p in out.iterdir() if p.suffix == f".{fmt}"]
    text = summary.read_text(encoding="utf-8")
    assert _hidden_in(text) == [] and SHOWN in text


def test_the_interview_shows_them_escaped(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ACCESSIBLE", raising=False)
    draft = _screening(tmp_path, status="in-progress", meta={"cursor": "dash|item/dash/q1"})
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    result = cli("screen", "--resume", draft)
    assert result.code == 0, result.err
    assert f"comment: one\n           {SHOWN}" in result.out
    assert f"source: {SHOWN}" in result.out
    assert _hidden_in(result.out + result.err) == []
