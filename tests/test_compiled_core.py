"""The compiled scoring core (``hatch_build.py``): the same results as plain Python.

``HATCH_BUILD_HOOKS_ENABLE=1 pip install .`` compiles the scoring hot path with mypyc;
plain ``pip install .`` and the development install (``pip install -e``) run the source.
These tests build the compiled modules into a copy of the source tree, check they are
what Python imports there, and run the scoring, canonical and reading tests and a batch
against them. They take minutes, so they are marked ``compiled`` and CI runs them on
one Python only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import hatch_build
import pytest

from .conftest import dash_answers, screening_data

ROOT = Path(__file__).resolve().parent.parent
SUITES = [
    "tests/test_scoring_equivalence.py",
    "tests/test_scoring_fast_paths.py",
    "tests/test_scoring_rules.py",
    "tests/test_stalking_rules.py",
    "tests/test_canonical.py",
    "tests/test_quickload.py",
    "tests/test_answers.py",
    "tests/test_source_depth.py",
    "tests/test_hostile.py",
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of ``src`` with the compiled modules beside their source."""
    copy: Path = hatch_build.compiled_copy(ROOT, tmp_path_factory.mktemp("compiled"))
    return copy


def _run(src: Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(ROOT)])}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, timeout=600, **kwargs
    )


@pytest.mark.compiled
@pytest.mark.timeout(900)
def test_the_compiled_modules_are_the_ones_imported(compiled: Path) -> None:
    version = _run(compiled, "-c", "from stalkscreen.cli.main import main; main()", "--version")
    assert version.stdout.strip().endswith("(compiled scoring core)"), version.stderr[-2000:]
    names = [
        p.removeprefix("src/").removesuffix(".py").replace("/", ".") for p in hatch_build.COMPILED
    ]
    code = f"import importlib; print([importlib.import_module(n).__file__ for n in {names!r}])"
    done = _run(compiled, "-c", code)
    assert done.returncode == 0, done.stderr[-2000:]
    files = json.loads(done.stdout.replace("'", '"'))
    assert len(files) == len(names) and all(
        f.endswith(".so") and f.startswith(str(compiled)) for f in files
    )


@pytest.mark.compiled
@pytest.mark.timeout(900)
def test_scoring_and_reading_tests_pass_against_the_compiled_core(compiled: Path) -> None:
    done = _run(compiled, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITES, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout


@pytest.mark.compiled
@pytest.mark.timeout(900)
def test_a_batch_gives_the_same_records_compiled(compiled: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    rows = [
        screening_data({"dash": dash_answers(set(range(1, 1 + n % 20)))}, reference=f"C/{n}")
        for n in range(60)
    ]
    lines = [json.dumps(row) for row in rows]
    lines[7] = '{"format": "stalkscreen/answers@1", "case": {"reference": "bad"}, "x": 1}'
    lines[9] = "{broken"
    path.write_text("\n".join(lines) + "\n")
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    outputs = []
    for src in (compiled, ROOT / "src"):
        done = _run(
            src, "-c", "from stalkscreen.cli.main import main; main()", "batch", str(path),
            *examples, "-f", "jsonl", "--jobs", "2",
        )  # fmt: skip
        assert done.returncode == 4, done.stderr[-2000:]
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 60 + len(examples)


class _App:
    def __init__(self) -> None:
        self.said: list[str] = []

    def display_warning(self, text: str) -> None:
        self.said.append(text)

    def display_info(self, text: str) -> None:
        self.said.append(text)


def test_the_plain_install_fetches_no_compiler_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook runs for every build (the message catalogues, with Babel, a build
    requirement); it asks for the compiler's tools only when hatchling's
    HATCH_BUILD_HOOKS_ENABLE asks for the compiled core."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    hooks = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]
    assert hooks == {"custom": {"path": "hatch_build.py"}}
    assert config["build-system"]["requires"] == ["hatchling>=1.21", "babel>=2.14"]
    assert hatch_build.ASK == "HATCH_BUILD_HOOKS_ENABLE=1"
    monkeypatch.delenv("HATCH_BUILD_HOOKS_ENABLE", raising=False)
    hook = object.__new__(hatch_build.CompiledCore)
    assert hook.dependencies() == []
    for off in ("", "0", "false"):
        monkeypatch.setenv("HATCH_BUILD_HOOKS_ENABLE", off)
        assert not hatch_build.asked_for_compiled()
    for on in ("1", "true", "TRUE"):
        monkeypatch.setenv("HATCH_BUILD_HOOKS_ENABLE", on)
        assert hatch_build.asked_for_compiled()


def test_the_hook_when_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Asked for, the hook names its build tools and compiles; a failed compile fails the
    build and says why; editable installs never compile."""
    from types import SimpleNamespace

    app = _App()
    monkeypatch.setenv("HATCH_BUILD_HOOKS_ENABLE", "1")
    monkeypatch.setattr(hatch_build, "build_catalogues", lambda root, out: [])
    metadata = SimpleNamespace(core=SimpleNamespace(dependencies=["pydantic>=2.7"]))
    given: dict[str, object] = {
        "app": app,
        "root": str(ROOT),
        "target_name": "wheel",
        "metadata": metadata,
    }

    def constant(value: object) -> property:
        return property(lambda _self: value)

    for name, value in given.items():  # what hatchling's hook interface provides, if installed
        monkeypatch.setattr(hatch_build.CompiledCore, name, constant(value), raising=False)
    hook = object.__new__(hatch_build.CompiledCore)
    assert hook.dependencies() == [*hatch_build.BUILD_TOOLS, "pydantic>=2.7"]

    def no_compiler(root: Path, out: Path) -> list[tuple[Path, str]]:
        raise OSError("gcc: not found")

    monkeypatch.setattr(hatch_build, "build_compiled", no_compiler)
    data: dict[str, Any] = {"force_include": {}}
    with pytest.raises(RuntimeError, match=r"gcc: not found.*C compiler.*plain Python"):
        hook.initialize("standard", data)
    assert data == {"force_include": {}}

    def type_error(root: Path, out: Path) -> list[tuple[Path, str]]:
        raise SystemExit(1)  # what mypyc does when the types do not check

    monkeypatch.setattr(hatch_build, "build_compiled", type_error)
    with pytest.raises(RuntimeError, match="SystemExit"):
        hook.initialize("standard", data)

    def never(root: Path, out: Path) -> list[tuple[Path, str]]:
        raise AssertionError("compiled when it should not be")

    monkeypatch.setattr(hatch_build, "build_compiled", never)
    hook.initialize("editable", data)
    assert data == {"force_include": {}}
    built: list[Path] = []

    def compiles(root: Path, out: Path) -> list[tuple[Path, str]]:
        built.append(out / "x.so")
        return [(out / "x.so", "pkg/x.so")]

    monkeypatch.setattr(hatch_build, "build_compiled", compiles)
    hook.scratch = None
    hook.initialize("standard", data)
    assert data == {
        "force_include": {str(built[0]): "pkg/x.so"},
        "pure_python": False,
        "infer_tag": True,
    }
    scratch = built[0].parent.parent
    assert scratch.is_dir() and not scratch.is_relative_to(ROOT)  # not in the output folder
    hook.finalize("standard", data, str(tmp_path / "x.whl"))
    assert not scratch.exists()
