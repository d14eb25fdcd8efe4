"""An example at the foot of every command's ``--help``, kept in one table.

Each example runs from a checkout (or after ``stalkscreen examples --copy .``), so a
reader can paste it. A test checks every command has one.
"""

from __future__ import annotations

import typer

from stalkscreen.i18n import N_

EXAMPLE_HEAD = N_("Example:")
EXAMPLES_HEAD = N_("Examples:")

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("stalkscreen score examples/high-by-count.yaml", "stalkscreen screen --plain"),
    "about": ("stalkscreen about",),
    "schema": ("stalkscreen schema answers > answers.schema.json",),
    "score": (
        "stalkscreen score examples/high-by-count.yaml",
        "stalkscreen score examples/ric.yaml --json --profile cambridgeshire",
    ),
    "screen": (
        "stalkscreen screen --out case.yaml",
        "stalkscreen screen --instrument srp-red-flags --plain",
        "stalkscreen screen --resume",
    ),
    "report": (
        "stalkscreen report examples/high-by-count.yaml --format html --output summary.html",
        "stalkscreen report examples/high-by-count.yaml --form marac --format pdf -o marac.pdf",
    ),
    "batch": (
        "stalkscreen batch examples --jobs 2 --output scores.csv",
        "stalkscreen batch screenings.jsonl --format sqlite --output scores.db",
    ),
    "compare": ("stalkscreen compare case-october.yaml case-november.yaml",),
    "history": ("stalkscreen history screenings --reference EX/0003",),
    "questionnaires": ("stalkscreen questionnaires list",),
    "questionnaires list": ("stalkscreen questionnaires list",),
    "questionnaires show": ("stalkscreen questionnaires show s-dash",),
    "questionnaires validate": ("stalkscreen questionnaires validate questionnaires",),
    "drafts": ("stalkscreen drafts",),
    "drafts purge": ("stalkscreen drafts purge --older-than 30d --dry-run",),
    "audit": ("stalkscreen audit show",),
    "audit show": ("stalkscreen audit show --reference EX/0003",),
    "keys": ("stalkscreen keys new --out identity.txt",),
    "keys new": ("stalkscreen keys new --out identity.txt",),
    "log": ("stalkscreen log import examples/logs/incident-log.csv --into case.yaml",),
    "log import": ("stalkscreen log import examples/logs/incident-log.csv --into case.yaml",),
    "config": ("stalkscreen config show",),
    "config show": ("stalkscreen config show --json",),
    "examples": ("stalkscreen examples", "stalkscreen examples --copy stalkscreen-examples"),
}


def epilog(path: str) -> str:
    """The ``--help`` foot for the command ``path`` (``""`` is the program itself)."""
    lines = EXAMPLES[path]
    head = EXAMPLE_HEAD if len(lines) == 1 else EXAMPLES_HEAD  # translated in language.py
    # typer joins the lines of a paragraph; a blank line keeps each example on its own
    return "\n\n".join([head, *(f"  {line}" for line in lines)])


def add_examples(app: typer.Typer, prefix: str = "") -> None:
    """Put each command's examples at the foot of its help (groups included)."""
    from typer.main import get_command_name

    if prefix == "":
        app.info.epilog = epilog("")
    for command in app.registered_commands:
        callback = command.callback.__name__ if command.callback else ""
        name = command.name or get_command_name(callback)
        command.epilog = epilog(f"{prefix}{name}")
    for group in app.registered_groups:
        path = f"{prefix}{group.name}"
        group.epilog = epilog(path)
        if group.typer_instance is not None:
            add_examples(group.typer_instance, f"{path} ")
