"""Shared test helpers: write a screening in a few lines, run the CLI in-process."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library, load_library
from stalkscreen.reading import answers_from_data
from stalkscreen.source import Document

# No time limit per example: the suite runs on shared two-core machines, where one example
# took 275 ms against hypothesis's default 200 ms while other suites ran, and failed CI.
# What these tests check is the result; speed is measured by benchmarks/, never by tests.
settings.register_profile("stalkscreen", deadline=None)
settings.load_profile("stalkscreen")


@pytest.fixture(autouse=True)
def _private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own audit log, no site config and no keys or language from the
    person running the tests."""
    # outside tmp_path, where batch tests read every file
    log = tmp_path_factory.mktemp("audit") / "log" / "audit.jsonl"
    monkeypatch.setenv("STALKSCREEN_AUDIT_LOG", str(log))
    # nor the machine's site config (tests that need one set their own)
    monkeypatch.setenv("STALKSCREEN_SITE_CONFIG", str(log.parent.parent / "no-site-config.yaml"))
    for name in ("STALKSCREEN_PASSPHRASE", "STALKSCREEN_IDENTITY", "STALKSCREEN_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    from stalkscreen.sealing import Keyring, use_keys

    use_keys(Keyring())


@pytest.fixture(scope="session")
def lib() -> Library:
    """The bundled definitions and profiles."""
    return load_library()


def dash_answers(
    yes: Collection[int], n: int = 27, unknown: Collection[int] = frozenset()
) -> dict[str, Any]:
    """A full DASH (or RIC with n=24): the given item numbers yes, the rest no (a test may
    replace an answer with its full form, ``{"answer": …, "comment": …}``)."""
    out: dict[str, Any] = {}
    for i in range(1, n + 1):
        out[f"q{i}"] = "yes" if i in yes else ("unknown" if i in unknown else "no")
    return out


def screening_data(
    responses: Mapping[str, Any],
    *,
    reference: str = "T/0001",
    case: Mapping[str, Any] | None = None,
    **top: Any,
) -> dict[str, Any]:
    """The plain data of an answer file; ``case`` and top-level keys may be overridden."""
    data: dict[str, Any] = {
        "format": "stalkscreen/answers@1",
        "case": {"reference": reference, "assessed_on": "2026-11-20", **(case or {})},
        "context": {"children": "yes"},
        "responses": dict(responses),
        "status": "completed",
    }
    data.update(top)
    return data


def make_answers(lib: Library, responses: Mapping[str, Any], **kw: Any) -> AnswerSet:
    """Validate a screening built by :func:`screening_data`."""
    data = screening_data(responses, **kw)
    doc = Document(path="<test>", text=yaml.safe_dump(data), data=data)
    return answers_from_data(data, doc, lib.definitions)


@pytest.fixture
def write_answers(tmp_path: Path) -> Callable[..., Path]:
    """Write an answer file (YAML by default) and return its path."""

    def write(responses: Mapping[str, Any], name: str = "screening.yaml", **kw: Any) -> Path:
        data = screening_data(responses, **kw)
        path = tmp_path / name
        if name.endswith(".json"):
            path.write_text(json.dumps(data))
        else:
            path.write_text(yaml.safe_dump(data, sort_keys=False))
        return path

    return write


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Result]:
    """Run ``stalkscreen ARGS`` in-process through the real error mapping."""
    from stalkscreen.cli.errors import run
    from stalkscreen.cli.main import for_command

    monkeypatch.setenv("STALKSCREEN_CONFIG", str(tmp_path / "no-config.yaml"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        argv = [str(a) for a in args]
        code = run(for_command(argv), argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def terminal_env(home: Path) -> dict[str, str]:
    """The whole environment of a `stalkscreen` run in a real terminal (pty, tmux): its own
    home, data and config under ``home``, an xterm without colour, UTF-8."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "STALKSCREEN_CONFIG": str(home / "config" / "stalkscreen.yaml"),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
    }
