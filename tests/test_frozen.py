"""Smoke test of the frozen (PyInstaller) build: ``STALKSCREEN_FROZEN`` names its program.

CI builds ``packaging/stalkscreen.spec`` and runs these against the result; without the
variable they are skipped (a build takes about two minutes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_screen_cli import whole

ROOT = Path(__file__).resolve().parent.parent
FROZEN = os.environ.get("STALKSCREEN_FROZEN", "")
EXAMPLE = str(ROOT / "examples" / "high-by-count.yaml")

pytestmark = pytest.mark.skipif(not FROZEN, reason="STALKSCREEN_FROZEN names no frozen build")


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("STALKSCREEN_CONFIG", str(tmp_path / "no-config.yaml"))
    monkeypatch.setenv("NO_COLOR", "1")


def frozen(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FROZEN, *args], input=stdin, capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def source(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "stalkscreen", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_version() -> None:
    done = frozen("--version")
    assert done.returncode == 0 and done.stdout.startswith("stalkscreen "), done.stderr


def test_score_gives_what_the_source_gives() -> None:
    done = frozen("score", EXAMPLE, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(source("score", EXAMPLE, "--json").stdout)


def test_report_html_with_the_bundled_templates(tmp_path: Path) -> None:
    out = tmp_path / "summary.html"
    done = frozen("report", EXAMPLE, "--format", "html", "--output", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "EX/0003" in html


def test_batch_with_two_workers_gives_what_the_source_gives() -> None:
    done = frozen("batch", "examples", "--jobs", "2", "-f", "jsonl")
    assert done.returncode == 4, done.stderr  # examples/invalid.yaml is invalid on purpose
    expected = source("batch", "examples", "--jobs", "1", "-f", "jsonl")
    assert done.stdout == expected.stdout and len(done.stdout.splitlines()) >= 10


def test_plain_screen_answered_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "case.yaml"
    done = frozen("screen", "--out", str(out), stdin="".join(f"{x}\n" for x in whole()))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Risk level:" in done.stdout and "status: completed" in out.read_text()


def test_the_examples_are_bundled(tmp_path: Path) -> None:
    done = frozen("examples", "--copy", str(tmp_path / "ex"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "ex" / "high-by-count.yaml").is_file()


def test_welsh_from_the_compiled_catalogue(tmp_path: Path) -> None:
    """The frozen build carries the .mo files: --language cy works, and --help follows."""
    done = frozen("--language", "cy", "report", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert "translation_status: draft - needs review by a qualified Welsh translator" in done.stdout
    assert "Drafft yw’r cyfieithiad hwn" in done.stdout
    helped = frozen("--language", "cy", "score", "--help")
    assert "Sgorio sgrinio a gadwyd" in helped.stdout, helped.stderr
