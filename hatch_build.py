"""Build hook: the message catalogues, always; the compiled scoring core, on request.

Every build of a wheel, and every editable install, compiles the translations
(``locale/<code>/LC_MESSAGES/stalkscreen.po``) to the ``.mo`` files the standard
library's gettext reads, with Babel (a build requirement in pyproject.toml): a wheel
carries them as ``stalkscreen/_data/locale/…``; an editable install writes them beside
the ``.po`` in the checkout (ignored by git), where the package looks when it is not
installed. No compiled catalogue is committed, so none can be stale in a wheel; a
translation with a broken placeholder fails the build, naming the message.

``pip install .`` builds a plain-Python wheel: the hook compiles the scoring core only
when asked, so the plain install needs no compiler and fetches no build tools beyond
hatchling and Babel. Asked for the way black ships its mypyc builds, with hatchling's
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
import string
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
"""How to ask for the compiled core (hatchling's switch for hooks off by default; the hook
itself is on by default for the catalogues, so it reads the switch the way hatchling does)."""

_FORMAT = string.Formatter()
LOCALE = "locale"
"""The catalogues' folder at the repository root: ``<code>/LC_MESSAGES/<domain>.po``."""


def asked_for_compiled() -> bool:
    """Whether the build was asked for the compiled core (hatchling's own test of its
    ``HATCH_BUILD_HOOKS_ENABLE``: ``1`` or ``true``)."""
    return os.environ.get("HATCH_BUILD_HOOKS_ENABLE", "").lower() in ("1", "true")


def build_catalogues(root: Path, out: Path) -> list[tuple[Path, str]]:
    """Compile every ``.po`` under ``root/locale`` to a ``.mo`` under ``out`` (same relative
    path); each built file and its path relative to ``out``. Fuzzy entries are left out (a
    fuzzy translation is a guess); a translation whose placeholders do not match its
    message is an error naming it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built: list[tuple[Path, str]] = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        wrong = [
            f"{po.relative_to(root)}:{message.lineno}: {message.id!r}: {error}"
            for message, errors in catalogue.check()
            for error in errors
        ]
        wrong += [
            f"{po.relative_to(root)}:{message.lineno}: {message.id!r}: {error}"
            for message in catalogue
            if (error := brace_error(message.id, message.string))
        ]
        if wrong:
            raise RuntimeError("stalkscreen: a translation is broken:\n" + "\n".join(wrong))
        relative = po.relative_to(root / LOCALE).with_suffix(".mo")
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        built.append((target, relative.as_posix()))
    return built


def _braces(text: str) -> list[tuple[str, str | None, str | None]]:
    """The ``{…}`` placeholders of ``text`` as ``str.format`` reads them: name, conversion
    and format spec (``{limit:,}`` is ``("limit", None, ",")``)."""
    return sorted(
        (name, conversion, spec)
        for _, name, spec, conversion in _FORMAT.parse(text)
        if name is not None
    )


def brace_error(
    ids: str | tuple[str, ...] | list[str], strings: str | tuple[str, ...] | list[str]
) -> str:
    """Why a translation's brace placeholders do not fit its message (Babel's own check
    reads only ``%`` placeholders); ``""`` when they fit or it is not translated. A
    singular translation has exactly the message's placeholders; each plural form has
    only placeholders the message has (Welsh forms may leave the number out)."""
    ids = [ids] if isinstance(ids, str) else list(ids)
    forms = [strings] if isinstance(strings, str) else list(strings)
    forms = [form for form in forms if form]
    try:
        wanted = [_braces(text) for text in ids]
    except ValueError:  # not a format string (a lone brace): nothing to keep
        return ""
    allowed = {field for fields in wanted for field in fields}
    for form in forms:
        try:
            found = _braces(form)
        except ValueError as exc:
            return f"the translation is not a valid format string ({exc})"
        if len(ids) == 1 and found != wanted[0]:
            return f"placeholders {found} in the translation, {wanted[0]} in the message"
        if not set(found) <= allowed:
            return f"placeholders {sorted(set(found) - allowed)} are not in the message"
    return ""


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
    """Adds the compiled catalogues to every wheel (into the checkout for an editable
    install), and the compiled modules to a (non-editable) wheel when asked for."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        """Asked for the compiled core: the build tools and the runtime dependencies (whose
        types mypyc reads). Babel, for the catalogues, is a build requirement."""
        if not asked_for_compiled():
            return []
        return [*BUILD_TOOLS, *self.metadata.core.dependencies]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":  # the package reads the checkout's locale/ folder
            build_catalogues(root, root / LOCALE)
        else:
            self.scratch = Path(tempfile.mkdtemp(prefix="stalkscreen-build-"))
            for path, target in build_catalogues(root, self.scratch / LOCALE):
                build_data["force_include"][str(path)] = f"stalkscreen/_data/{LOCALE}/{target}"
        self.initialize_compiled(version, build_data)

    def initialize_compiled(self, version: str, build_data: dict[str, Any]) -> None:
        if not asked_for_compiled() or version == "editable":
            return
        # built aside, not in the output folder, and removed once the wheel holds it
        self.scratch = getattr(self, "scratch", None) or Path(
            tempfile.mkdtemp(prefix="stalkscreen-build-")
        )
        try:
            built = build_compiled(Path(self.root), self.scratch / "compiled")
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
    for data in ("questionnaires", "reports", LOCALE):
        (dest / data).symlink_to(root / data, target_is_directory=True)
    return dest / "src"


def compiled_copy(root: Path, dest: Path) -> Path:
    """:func:`source_copy` with the compiled modules in place, as an installed wheel holds
    them, for the tests and benchmarks to run without installing anything."""
    src = source_copy(root, dest)
    for path, target in build_compiled(root, dest / "built"):
        shutil.copy2(path, src / target)
    return src
