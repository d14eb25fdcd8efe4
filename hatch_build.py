"""Build hook: compile the scoring hot path with mypyc when this machine can.

``pip install .`` builds a wheel; this hook compiles the modules in ``COMPILED``
to C extensions with mypyc (the compiler of mypy, run on the project's own typed
source) and adds them beside the source, which stays in the wheel. Python imports
an extension module in preference to the source of the same name, so the
installed tool scores a screening about 1.6 times as fast; nothing else changes.
``stalkscreen --version`` says which build is installed.

When the machine has no C compiler (or the compile fails for any other reason),
the wheel is plain Python, with a warning (pip shows it with ``-v``): the results
are the same, only slower. ``STALKSCREEN_PURE_PYTHON=1`` asks for plain Python on
purpose, and then the build needs nothing beyond hatchling (for an offline
install). An editable install (``pip install -e``, for development) is never
compiled, so an edited module always takes effect.
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
)
"""The modules compiled: reading plain documents, building canonical answers, scoring."""

GROUP = "stalkscreen_compiled"
"""The name of the shared runtime library mypyc writes for the compiled modules."""

BUILD_TOOLS = ("mypy==2.4.1", "setuptools>=65", "types-PyYAML>=6.0")
"""What the compile needs besides the runtime dependencies (whose types mypyc reads): the
mypy the tests were run with, so a newer release cannot change what is built."""


def pure_python_asked() -> bool:
    """``STALKSCREEN_PURE_PYTHON`` set to anything but empty, ``0`` or ``false``."""
    return os.environ.get("STALKSCREEN_PURE_PYTHON", "").strip().lower() not in {"", "0", "false"}


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
    """Adds the compiled modules to a (non-editable) wheel, or leaves it plain Python."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        """The build tools and the runtime dependencies, unless plain Python is asked for."""
        if pure_python_asked():
            return []
        return [*BUILD_TOOLS, *self.metadata.core.dependencies]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        if pure_python_asked():
            self.app.display_info("stalkscreen: plain Python, as STALKSCREEN_PURE_PYTHON asks")
            return
        # built aside, not in the output folder, and removed once the wheel holds it
        self.scratch = Path(tempfile.mkdtemp(prefix="stalkscreen-compiled-"))
        try:
            built = build_compiled(Path(self.root), self.scratch)
        except (Exception, SystemExit) as exc:  # no compiler or headers (mypyc exits on a
            # type error): the same tool, only slower
            self.app.display_warning(
                f"stalkscreen: the compiled scoring core was not built ({type(exc).__name__}: "
                f"{exc}); installing plain Python, which gives the same results more slowly"
            )
            return
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
