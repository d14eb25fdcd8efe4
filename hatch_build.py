"""Build hook: the compiled scoring core, built on request.

``pip install .`` builds a plain-Python wheel: this hook is off by default
(``enable-by-default = false`` in pyproject.toml), so hatchling neither loads it
nor fetches its build tools, and the install needs no compiler and no download
beyond hatchling. Asked for the way black ships its mypyc builds, with hatchling's
own switch::

    HATCH_BUILD_HOOKS_ENABLE=1 pip install .

the hook compiles the modules in ``COMPILED`` to C extensions with mypyc (the
compiler of mypy, run on the project's own typed source) and adds them beside the
source, which stays in the wheel. Python imports an extension module in preference
to the source of the same name, so the installed tool scores a screening about 1.6
times as fast; nothing else changes. ``stalkscreen --version`` says which build is
installed. Asked for and impossible (no C compiler or Python headers, a type error),
the build fails and says why: whoever asked for speed learns they did not get it.
An editable install (``pip install -e``) is never compiled, so an edited module
always takes effect.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

COMPILED = (
    "src/stalkscreen/quickload.py",
    "src/stalkscreen/canonical.py",
    "src/stalkscreen/scoring/engine.py",
    "src/stalkscreen/scoring/counting.py",
    "src/stalkscreen/scoring/referral.py",
    "src/stalkscreen/scoring/work.py",
)
"""The modules compiled: reading plain documents, building canonical answers, scoring."""

GROUP = "stalkscreen_compiled"
"""The name of the shared runtime library mypyc writes for the compiled modules."""

BUILD_TOOLS = ("mypy==2.4.1", "setuptools>=65", "types-PyYAML>=6.0")
"""What the compile needs besides the runtime dependencies (whose types mypyc reads): the
mypy the tests were run with, so a newer release cannot change what is built."""


ASK = "HATCH_BUILD_HOOKS_ENABLE=1"
"""How to ask for the compiled core (hatchling's switch for hooks off by default)."""


def build_compiled(root: Path, out: Path) -> list[tuple[Path, str]]:
    """Compile ``COMPILED`` under ``root`` into ``out``; each built file and its wheel path."""
    from mypyc.build import mypycify
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    work = Path(tempfile.mkdtemp(prefix="stalkscreen-mypyc-"))
    here = Path.cwd()
    try:
        # the project's own mypy settings (pyproject.toml, read from here); a build keeps
        # its cache folder to itself, and an ignore comment another Python's stubs make
        # unneeded is no reason to ship plain Python
        os.chdir(root)  # mypyc names modules from paths relative to here (src/…)
        extensions = mypycify(
            ["--cache-dir", str(work / "cache"), "--no-warn-unused-ignores", *COMPILED],
            opt_level="3",
            group_name=GROUP,
            target_dir=str(work / "c"),
        )
        distribution = Distribution({"ext_modules": extensions, "package_dir": {"": "src"}})
        command = build_ext(distribution)
        command.build_lib = str(out)
        command.build_temp = str(work / "objects")
        command.ensure_finalized()
        command.run()
        built: list[tuple[Path, str]] = []
        for extension in extensions:
            relative = command.get_ext_filename(extension.name)
            built.append((out / relative, relative))
        return built
    finally:
        os.chdir(here)
        shutil.rmtree(work, ignore_errors=True)


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # imported by the tests and benchmarks, outside a build
    BuildHookInterface = object  # type: ignore[assignment,misc]


class CompiledCore(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the compiled modules to a (non-editable) wheel; loaded only when asked for."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        """The build tools and the runtime dependencies (whose types mypyc reads)."""
        return [*BUILD_TOOLS, *self.metadata.core.dependencies]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        # built aside, not in the output folder, and removed once the wheel holds it
        self.scratch = Path(tempfile.mkdtemp(prefix="stalkscreen-compiled-"))
        try:
            built = build_compiled(Path(self.root), self.scratch)
        except (Exception, SystemExit) as exc:  # mypyc exits on a type error
            raise RuntimeError(
                f"stalkscreen: the compiled scoring core was asked for ({ASK}) but could not "
                f"be built ({type(exc).__name__}: {exc}). It needs a C compiler and Python's "
                "headers; without the switch, pip install . gives plain Python (same results, "
                "slower)."
            ) from None
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path, target in built:
            build_data["force_include"][str(path)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def source_copy(root: Path, dest: Path) -> Path:
    """A copy of the source tree that runs from ``PYTHONPATH=<dest>/src``; that folder.

    The bundled questionnaires and reports are linked beside it, where the package
    looks for them when it is not installed.
    """
    shutil.copytree(root / "src", dest / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for data in ("questionnaires", "reports"):
        (dest / data).symlink_to(root / data, target_is_directory=True)
    return dest / "src"


def compiled_copy(root: Path, dest: Path) -> Path:
    """:func:`source_copy` with the compiled modules in place, as an installed wheel holds
    them, for the tests and benchmarks to run without installing anything."""
    src = source_copy(root, dest)
    for path, target in build_compiled(root, dest / "built"):
        shutil.copy2(path, src / target)
    return src
