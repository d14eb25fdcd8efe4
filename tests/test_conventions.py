"""Command-line conventions: examples in every --help, completion, python -m, the examples."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from stalkscreen.cli.help_examples import EXAMPLES

from .conftest import Result

ROOT = Path(__file__).resolve().parent.parent


def command_paths() -> Iterator[str]:
    import typer

    from stalkscreen.cli.main import app

    def walk(command: Any, path: str) -> Iterator[str]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}".strip())

    yield from walk(typer.main.get_command(app), "")


def test_every_command_has_an_example_in_its_help(cli: Callable[..., Result]) -> None:
    paths = list(command_paths())
    assert len(paths) > 20 and "config show" in paths and "examples" in paths
    assert sorted(paths) == sorted(EXAMPLES)  # no command without one, no stale entry
    for path in paths:
        result = cli(*path.split(), "--help")
        assert result.code == 0, path
        assert "Example" in result.out, path
        for example in EXAMPLES[path]:
            assert example.startswith(f"stalkscreen {path}".strip()), example
            assert example in result.out, (path, example)


@pytest.mark.parametrize(
    "path",
    ["", "about", "score", "questionnaires list", "questionnaires show", "drafts", "config show"],
)
def test_the_help_examples_run(
    path: str, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    example = EXAMPLES[path][0].split()[1:]
    result = cli(*example)
    assert result.code == 0, result.err


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stalkscreen", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "STALKSCREEN_CONFIG": os.devnull, **env},
    )


def test_python_dash_m_runs_the_command() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("stalkscreen "), done.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_scripts_for_each_shell(shell: str) -> None:
    done = run("--show-completion", shell)
    assert done.returncode == 0, done.stderr
    assert "_STALKSCREEN_COMPLETE" in done.stdout


@pytest.mark.parametrize(
    ("shell", "env", "wanted"),
    [
        (
            "bash",
            {"COMP_WORDS": "stalkscreen sc", "COMP_CWORD": "1"},
            ["schema", "score", "screen"],
        ),
        ("zsh", {"_TYPER_COMPLETE_ARGS": "stalkscreen report --form"}, ["--format"]),
        (
            "fish",
            {"_TYPER_COMPLETE_ARGS": "stalkscreen exa", "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
            ["examples"],
        ),
        (
            "powershell",
            {
                "_TYPER_COMPLETE_ARGS": "stalkscreen config s",
                "_TYPER_COMPLETE_WORD_TO_COMPLETE": "s",
            },
            ["show"],
        ),
    ],
)
def test_completion_completes(shell: str, env: dict[str, str], wanted: list[str]) -> None:
    done = run(**env, _STALKSCREEN_COMPLETE=f"complete_{shell}")
    assert done.returncode == 0, done.stderr
    for word in wanted:
        assert word in done.stdout, done.stdout


def test_typer_is_pinned_to_the_range_the_tests_run() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (typer,) = [Requirement(r) for r in project["dependencies"] if r.startswith("typer")]
    assert typer.specifier.contains(version("typer"))
    assert any(s.operator == "<" for s in typer.specifier)  # an upper bound


def test_examples_lists_the_bundled_examples(cli: Callable[..., Result]) -> None:
    result = cli("examples")
    assert result.code == 0
    assert "high-by-count.yaml" in result.out and "logs/incident-log.csv" in result.out
    assert "High by count: 15 yes answers" in result.out


def test_examples_copy_never_replaces_a_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    dest = tmp_path / "try" / "here"
    dest.mkdir(parents=True)
    (dest / "medium.yaml").write_text("mine")
    result = cli("examples", "--copy", dest)
    assert result.code == 0, result.err
    assert (dest / "medium.yaml").read_text() == "mine"
    assert "medium.yaml already exists: left as it was" in result.err
    copied = (dest / "high-by-count.yaml").read_bytes()
    assert copied == (ROOT / "examples" / "high-by-count.yaml").read_bytes()
    assert (dest / "logs" / "incident-log.csv").is_file()
    assert cli("score", dest / "high-by-count.yaml").code == 0  # what a pipx user tries next
    file = tmp_path / "a-file"
    file.write_text("x")
    refused = cli("examples", "--copy", file)
    assert refused.code == 3 and "not a folder" in refused.err + refused.out
