"""The issue-2 commands through the real CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from stalkscreen.schemas import SCHEMA_NAMES, schema_text
from stalkscreen.version import __version__
from tests.conftest import Result, dash_answers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
Cli = Callable[..., Result]

EXPECTED = {
    "standard": ("standard", False, []),
    "medium": ("medium", False, []),
    "high-by-count": ("high", True, ["visible-high-risk"]),
    "marac-by-escalation": ("standard", True, ["potential-escalation"]),
    "repeat-marac": ("standard", True, ["repeat-marac"]),
    "red-flag": ("high", False, ["srp-red-flag"]),
    "s-dash-case": ("high", True, ["professional-judgement"]),
    "incomplete": ("standard", False, []),
    "ric": ("medium", False, []),
    "stalking-triage": ("high", True, ["professional-judgement"]),
    "probation": ("high", False, ["srp-red-flag"]),
    "stalking-behaviours": ("medium", False, ["professional-judgement"]),
}


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"stalkscreen {__version__} (plain Python)"  # editable


def test_about_says_what_it_is_not(cli: Cli) -> None:
    result = cli("about")
    assert result.code == 0
    assert "this summary" not in result.out  # `about` is not a summary
    for needle in (
        "not the official form",
        "not prediction",
        "Richards",
        "SafeLives",
        "MacKenzie",
        "Turner, Medina & Brown (2019)",
        "Grogger et al. (2021)",
        "Caulfield et al. (2025)",
        "review of DASH in 2025",
        "DARA",
    ):
        assert needle in result.out


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schemas_are_current(cli: Cli, name: str) -> None:
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text()
    assert committed == schema_text(name), (
        f"run: stalkscreen schema {name} > schemas/{name}.schema.json"
    )
    assert cli("schema", name).out == committed


def test_schema_unknown_name_is_usage_error(cli: Cli) -> None:
    result = cli("schema", "nope")
    assert result.code == 2
    assert "choose one of" in result.err


def test_every_example_is_covered() -> None:
    assert {p.stem for p in EXAMPLES} == {*EXPECTED, "invalid"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_score_as_documented(cli: Cli, name: str) -> None:
    result = cli("score", ROOT / "examples" / f"{name}.yaml", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    level, marac, reasons = EXPECTED[name]
    assert (data["risk_level"], data["marac_referral"]) == (level, marac)
    assert [r for r in data["reasons"] if r != "srp-red-flag"] == [
        r for r in reasons if r != "srp-red-flag"
    ]
    assert set(reasons) <= set(data["reasons"])
    contract_keys = {
        "reference",
        "risk_level",
        "marac_referral",
        "reasons",
        "urgent",
        "complete",
        "instruments",
        "red_flags",
        "judgement_prompts",
        "follow_up",
        "warnings",
    }
    assert contract_keys <= set(data)
    for counts in data["instruments"].values():
        assert {"yes", "no", "unknown", "not_asked", "band"} <= set(counts)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_summary_shows_outcome_and_marking(cli: Cli, name: str) -> None:
    result = cli("score", ROOT / "examples" / f"{name}.yaml")
    assert result.code == 0
    level, marac, reasons = EXPECTED[name]
    if name == "probation":  # SC-PURPOSE: urgency and the SRP domains, not a DASH level
        assert "URGENT — red flags present" in result.out and "Risk level" not in result.out
    else:
        # SC-JUDGE: a level from the count alone says so; a judged or red-flag level does not
        by_count = not reasons or reasons[0] not in ("professional-judgement", "srp-red-flag")
        shown = f"by count: {level.upper()} (not yet judged)" if by_count else level.upper()
        assert f"Risk level: {shown}" in result.out
        # the closing line states the outcome once more, after anything that scrolls
        last = result.out.strip().splitlines()[-2]
        assert last.startswith(shown.split(" (")[0])  # "(not yet judged[, incomplete])" follows
        assert f"MARAC referral: {'YES' if marac else 'no'}" in last
    assert result.out.count("OFFICIAL-SENSITIVE") == 2
    assert "not prediction" in result.out


def test_invalid_example_one_line_per_problem_exit_3(cli: Cli) -> None:
    result = cli("score", ROOT / "examples" / "invalid.yaml")
    assert result.code == 3
    lines = result.err.strip().splitlines()
    assert len(lines) == 7
    for line in lines:
        assert line.startswith("stalkscreen: ") and "invalid.yaml:" in line and " — " in line
    assert "Traceback" not in result.err and result.out == ""


def test_score_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("score", tmp_path / "nope.yaml")
    assert result.code == 3
    assert "no such file" in result.err


def test_score_unknown_profile_suggests(cli: Cli, write_answers: Callable[..., Path]) -> None:
    path = write_answers({"dash": dash_answers({1})})
    result = cli("score", path, "--profile", "defualt")
    assert result.code == 3
    assert "did you mean 'default'" in result.err


def test_score_profile_flag_changes_thresholds(
    cli: Cli, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"dash": dash_answers(set(range(1, 16)))})
    assert json.loads(cli("score", path, "--json").out)["marac_referral"] is True
    assert (
        json.loads(cli("score", path, "--json", "--profile", "cambridgeshire").out)[
            "marac_referral"
        ]
        is False
    )


def test_score_bad_flag_is_usage_error(cli: Cli) -> None:
    assert cli("score", "--nope").code == 2


def test_questionnaires_list_and_show(cli: Cli) -> None:
    listing = cli("questionnaires", "list")
    assert listing.code == 0
    for qid in ("dash", "dash-ric", "s-dash", "srp-red-flags", "default", "cambridgeshire"):
        assert qid in listing.out
    shown = cli("questionnaires", "show", "dash")
    assert shown.code == 0
    assert "Children and dependants" in shown.out and "context.children != no" in shown.out
    assert "strangulation when q18 == yes" in shown.out
    assert cli("questionnaires", "show", "dahs").code == 3


def test_validate_bundled_is_clean(cli: Cli) -> None:
    result = cli("questionnaires", "validate", ROOT / "questionnaires")
    assert result.code == 0, result.err
    # every file: definitions, profiles, the rule prompts and each language's overlays
    files = list((ROOT / "questionnaires").rglob("*.yaml"))
    assert len(files) > 13
    assert result.out.count("ok ") == len(files)


def _broken_definition(tmp_path: Path) -> Path:
    data = yaml.safe_load((ROOT / "questionnaires" / "s-dash.yaml").read_text())
    data["id"] = "local-check"
    data["itmes"] = []
    data["items"][1]["id"] = "q1"
    data["prompts"] = [{"id": "p", "when": "q99 == yes", "text": "x"}]
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_validate_reports_unknown_key_and_duplicate_id(cli: Cli, tmp_path: Path) -> None:
    result = cli("questionnaires", "validate", _broken_definition(tmp_path))
    assert result.code == 3
    assert "unknown key 'itmes'" in result.err and "did you mean 'items'" in result.err
    assert "appears twice" in result.err
    assert ":" in result.err.splitlines()[0]


def test_validate_reports_condition_naming_missing_item(cli: Cli, tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "questionnaires" / "s-dash.yaml").read_text())
    data["id"] = "local-check"
    data["prompts"] = [{"id": "p", "when": "q99 == yes or dash.q8 == yes", "text": "x"}]
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = cli("questionnaires", "validate", path)
    assert result.code == 3
    assert "prompts[0].when" in result.err and "'q99'" in result.err


@pytest.mark.parametrize(
    ("bands", "needle"),
    [
        ([{"level": "standard", "min": 0, "max": 9}, {"level": "high", "min": 9}], "overlaps"),
        ([{"level": "standard", "min": 0, "max": 9}, {"level": "high", "min": 11}], "gap"),
        ([{"level": "standard", "min": 0, "max": 9}], "not graded"),
        ([{"level": "high", "min": 0, "max": 9}, {"level": "standard", "min": 10}], "lower than"),
    ],
)
def test_validate_reports_band_problems(
    cli: Cli, tmp_path: Path, bands: list[dict[str, object]], needle: str
) -> None:
    data = yaml.safe_load((ROOT / "questionnaires" / "profiles" / "default.yaml").read_text())
    data["bands"]["dash"] = bands
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = cli("questionnaires", "validate", path)
    assert result.code == 3
    assert needle in result.err and "bands.dash" in result.err


def test_wording_overlay_changes_text_never_scores(
    cli: Cli, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    overlay = tmp_path / "wording.yaml"
    overlay.write_text(
        yaml.safe_dump(
            {
                "overlay": "stalkscreen/wording@1",
                "instrument": "dash",
                "name": "Licensed text (test)",
                "items": {"q1": {"prompt": "LOCAL WORDING FOR ITEM ONE"}},
            }
        )
    )
    assert cli("questionnaires", "validate", overlay).code == 0
    shown = cli("questionnaires", "show", "dash", "--wording", overlay)
    assert "LOCAL WORDING FOR ITEM ONE" in shown.out and "Licensed text (test)" in shown.out
    path = write_answers({"dash": dash_answers(set(range(1, 15)))})
    plain = json.loads(cli("score", path, "--json").out)
    local = json.loads(cli("score", path, "--json", "--wording", overlay).out)
    assert local["instruments"]["dash"].pop("wording") == "Licensed text (test)"
    assert plain["instruments"]["dash"].pop("wording") == "bundled"
    assert local == plain


def test_overlay_with_unknown_item_is_refused(cli: Cli, tmp_path: Path) -> None:
    overlay = tmp_path / "wording.yaml"
    overlay.write_text(
        yaml.safe_dump(
            {
                "overlay": "stalkscreen/wording@1",
                "instrument": "dash",
                "name": "x",
                "items": {"q29": {"prompt": "x"}},
            }
        )
    )
    result = cli("questionnaires", "validate", overlay)
    assert result.code == 3 and "did you mean" in result.err


def test_local_questionnaires_dir_overrides_bundled(
    cli: Cli, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    data = yaml.safe_load((ROOT / "questionnaires" / "profiles" / "default.yaml").read_text())
    data["marac"]["visible_high_risk"] = 20
    local = tmp_path / "local"
    (local / "profiles").mkdir(parents=True)
    (local / "profiles" / "default.yaml").write_text(yaml.safe_dump(data))
    path = write_answers({"dash": dash_answers(set(range(1, 16)))})
    result = cli("score", path, "--json", "--questionnaires-dir", local)
    assert json.loads(result.out)["marac_referral"] is False


def _fresh(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def test_core_imports_neither_typer_nor_rich() -> None:
    out = _fresh(
        "import sys, stalkscreen, stalkscreen.scoring, stalkscreen.answers, "
        "stalkscreen.definitions.validate, stalkscreen.schemas;"
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    )
    assert out.strip() == "[]"


def test_version_does_not_load_the_core() -> None:
    out = _fresh(
        "import sys; from stalkscreen.cli.errors import run; from stalkscreen.cli.main import app;"
        "code = run(app, ['--version']);"
        "print(code, sorted(m for m in ('pydantic', 'yaml', 'jinja2', 'rich') if m in sys.modules))"
    )
    assert out.strip().splitlines()[-1] == "0 []"


def test_reader_closing_the_pipe_early_is_not_an_error() -> None:
    script = Path(sys.executable).with_name("stalkscreen")
    example = ROOT / "examples" / "high-by-count.yaml"
    out = subprocess.run(
        ["bash", "-c", f"'{script}' score '{example}' | head -1; echo \"${{PIPESTATUS[0]}}\""],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines() == ["OFFICIAL-SENSITIVE", "0"]
    assert "Traceback" not in out.stderr


def test_each_command_is_built_alone_with_the_same_help(
    cli, capsys: pytest.CaptureFixture[str]
) -> None:
    """`stalkscreen NAME …` builds only NAME; its help reads exactly as through the whole app."""
    import typer.main

    from stalkscreen.cli.errors import run
    from stalkscreen.cli.main import app, for_command

    names = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"batch", "score", "screen", "questionnaires", "report"} <= set(names)
    for name in names:
        built = typer.main.get_command(for_command([name, "--help"]))
        assert sorted(built.commands) == [name]  # type: ignore[attr-defined]
        helped = cli(name, "--help")  # through for_command, as `stalkscreen` runs it
        assert helped.code == 0 and f"stalkscreen {name}" in helped.out
        assert run(app, [name, "--help"]) == 0
        assert capsys.readouterr().out == helped.out
    assert for_command(["batsh"]) is app and for_command(["--help"]) is app
    assert for_command(["--help", "batch"]) is app  # the root's help lists every command
    typo = cli("batsh")
    assert typo.code == 2 and "batsh" in typo.err


def test_pydantic_plugins_are_switched_off_by_the_documented_switch() -> None:
    """The command line sets PYDANTIC_DISABLE_PLUGINS before any model exists: pydantic's
    own loader then finds no plugin (tests/test_privacy.py installs one and checks it never
    sees an answer)."""
    example = ROOT / "examples" / "medium.yaml"
    out = _fresh(
        "import os, sys; from stalkscreen.cli.errors import run;"
        "switch = os.environ.get('PYDANTIC_DISABLE_PLUGINS');"
        "early = 'pydantic' in sys.modules;"
        "from stalkscreen.cli.main import for_command;"
        f"args = ['score', {str(example)!r}, '--json'];"
        "code = run(for_command(args), args);"
        "from pydantic.plugin._loader import get_plugins;"
        "print(code, switch, early, list(get_plugins()))"
    )
    assert out.strip().splitlines()[-1] == "0 __all__ False []"


@pytest.mark.parametrize(
    "command", [["score", str(ROOT / "examples" / "medium.yaml")], ["questionnaires", "list"]]
)
def test_ctrl_c_in_a_command_says_so_and_exits_130(
    cli, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """Typer would end silently with 130; every command says it was interrupted."""
    import stalkscreen.workflows.common

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(stalkscreen.workflows.common, "library", interrupted)
    result = cli(*command)
    assert result.code == 130
    assert result.err.strip() == "stalkscreen: interrupted; nothing more was done [SS-E102]"
    assert "Traceback" not in result.err + result.out
