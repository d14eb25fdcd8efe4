"""The public API (`from stalkscreen import score`), as an analyst's notebook uses it."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import stalkscreen
from stalkscreen.definitions.library import Library

from .conftest import dash_answers, screening_data

ROOT = Path(__file__).resolve().parent.parent
API = {"load_library", "parse_answers", "score", "score_many", "render_report"}


def test_the_api_is_public_typed_and_listed() -> None:
    assert set(stalkscreen.__all__) >= API | {"AnswerSet", "Screening", "InvalidInputError"}
    for name in stalkscreen.__all__:
        assert getattr(stalkscreen, name) is not None
    assert (ROOT / "src" / "stalkscreen" / "py.typed").is_file()
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = stalkscreen.nothing


def test_the_contract_shorthand_is_accepted_from_a_mapping(lib: Library) -> None:
    answers = stalkscreen.parse_answers(
        {
            "format": "stalkscreen/answers@1",
            "case": {"reference": "NB/1", "assessed_on": "2026-11-20"},
            "responses": {"dash": {"q1": "yes", "q2": True, "q3": "Y", "q5": "dk", "q6": False}},
        },
        lib,
    )
    dash = answers.responses["dash"]
    assert {k: r.answer for k, r in dash.items()} == {
        "q1": "yes",
        "q2": "yes",
        "q3": "yes",
        "q5": "unknown",
        "q6": "no",
    }


def test_text_path_and_mapping_score_alike(lib: Library, tmp_path: Path) -> None:
    data = screening_data({"dash": dash_answers(range(1, 15))}, reference="NB/2")
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data))
    results = [
        stalkscreen.score(source, lib).contract()
        for source in (data, yaml.safe_dump(data), json.dumps(data), path)
    ]
    assert all(r == results[0] for r in results)
    assert results[0]["risk_level"] == "high" and results[0]["marac_referral"] is True


def test_score_gives_what_the_command_line_gives(lib: Library) -> None:
    example = ROOT / "examples" / "high-by-count.yaml"
    main = "from stalkscreen.cli.main import main; main()"
    cli = subprocess.run(
        [sys.executable, "-c", main, "score", str(example), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    ours = json.loads(json.dumps(stalkscreen.score(example, lib).contract()))
    assert ours == json.loads(cli.stdout)


def test_a_profile_is_chosen_by_argument_then_by_the_answers(lib: Library) -> None:
    data = screening_data({"dash": dash_answers(range(1, 15))}, reference="NB/3")
    assert stalkscreen.score(data, lib).profile == "default"
    assert stalkscreen.score({**data, "profile": "cambridgeshire"}, lib).profile == (
        "cambridgeshire"
    )
    assert stalkscreen.score(data, lib, profile="cambridgeshire").profile == "cambridgeshire"
    with pytest.raises(stalkscreen.StalkscreenError, match="nowhere"):
        stalkscreen.score(data, lib, profile="nowhere")


def test_score_many_is_lazy_and_in_order(lib: Library) -> None:
    endless = (
        screening_data({"dash": dash_answers(range(1, n % 20 + 1))}, reference=f"R/{n}")
        for n in itertools.count()
    )
    first = list(itertools.islice(stalkscreen.score_many(endless, lib), 30))
    assert [s.reference for s in first] == [f"R/{n}" for n in range(30)]
    assert first[14].risk_level == "high" and first[0].risk_level == "standard"


def test_score_many_names_the_position_of_a_bad_input(lib: Library) -> None:
    good = screening_data({"dash": {"q1": "yes"}})
    bad = screening_data({"dash": {"q1": "maybe"}})
    stream = stalkscreen.score_many([good, good, bad, good], lib)
    assert next(stream).reference == "T/0001"
    next(stream)
    with pytest.raises(stalkscreen.InvalidInputError) as caught:
        next(stream)
    (line,) = caught.value.lines()
    assert line.startswith("<item 3>: responses.dash.q1: 'maybe' is not an answer")


def test_a_str_is_text_never_a_path(lib: Library) -> None:
    with pytest.raises(stalkscreen.InvalidInputError):
        stalkscreen.parse_answers(str(ROOT / "examples" / "medium.yaml"), lib)
    with pytest.raises(TypeError, match="mapping, a str of YAML/JSON or a Path"):
        stalkscreen.parse_answers(42, lib)  # type: ignore[arg-type]


def test_render_report_markdown_html_and_context(lib: Library) -> None:
    data = screening_data(
        {"dash": {"q1": {"answer": "yes", "comment": "<script>x</script>"}}}, reference="NB/4"
    )
    md = stalkscreen.render_report(data, lib)
    html = stalkscreen.render_report(data, lib, format="html")
    context = stalkscreen.render_report(data, lib, format="json")
    assert "Referral summary: NB/4" in md
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert isinstance(json.loads(context), dict) and '"NB/4"' in context
    assert stalkscreen.render_report(data, lib, marking="OFFICIAL").count("OFFICIAL") >= 2


def test_the_api_loads_neither_typer_nor_rich() -> None:
    """`import stalkscreen` is cheap (no pydantic), and a notebook's whole session of API
    calls pulls in no terminal library."""
    script = f"""
import sys
import stalkscreen
assert "pydantic" not in sys.modules, "import stalkscreen must stay cheap"
data = {{"format": "stalkscreen/answers@1", "case": {{"reference": "NB/5"}},
        "responses": {{"dash": {{"q1": "yes", "q2": "no"}}}}}}
lib = stalkscreen.load_library()
answers = stalkscreen.parse_answers(data, lib)
stalkscreen.score(answers, lib)
list(stalkscreen.score_many([data, data], lib))
stalkscreen.render_report(data, lib)
stalkscreen.render_report(data, lib, format="html")
stalkscreen.score(__import__("pathlib").Path({str(ROOT / "examples" / "medium.yaml")!r}))
print(sorted(m for m in ("typer", "rich", "click") if m in sys.modules))
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
