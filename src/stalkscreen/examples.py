"""The example screenings shipped with the tool, to list or copy somewhere to try.

They are the repository's ``examples/`` folder, which the wheel (and the frozen build)
carry as package data, so someone who installed with pipx can try ``score`` at once.
Copying never replaces a file that is already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stalkscreen.catalogue import Files
from stalkscreen.errors import InvalidInputError
from stalkscreen.resources import bundled_dir


@dataclass(frozen=True)
class Example:
    name: str
    """The path inside the examples folder, with ``/`` (``logs/incident-log.csv``)."""
    path: Path
    about: str
    """The file's first comment (YAML) or "incident log (CSV)"."""


def examples() -> list[Example]:
    """Every bundled example, by name."""
    root = bundled_dir("examples")
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        found.append(Example(path.relative_to(root).as_posix(), path, _about(path)))
    return found


def _about(path: Path) -> str:
    if path.suffix == ".csv":
        return "an incident log (CSV) for `log import`"
    with path.open(encoding="utf-8") as handle:
        first = handle.readline().strip()
    return first.removeprefix("#").strip() if first.startswith("#") else ""


def copy_examples(dest: Path) -> tuple[list[Path], list[Path]]:
    """Copy the examples into ``dest``: the files written, and those left as they were."""
    from stalkscreen.storage import ensure_private_dir

    if dest.exists() and not dest.is_dir():
        raise InvalidInputError.of(Files.NOT_A_FOLDER_TO_COPY, dest)
    written: list[Path] = []
    kept: list[Path] = []
    for example in examples():
        target = dest / example.name
        try:
            ensure_private_dir(target.parent)
            with target.open("xb") as handle:  # never replaces a file already there
                handle.write(example.path.read_bytes())
        except FileExistsError:
            kept.append(target)
            continue
        except OSError as exc:
            raise InvalidInputError.of(Files.CANNOT_COPY, target, reason=exc.strerror) from None
        written.append(target)
    return written, kept
