"""`stalkscreen examples [--copy DIR]`: the bundled example screenings, listed or copied."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_


def register(app: typer.Typer) -> None:
    app.command(
        name="examples",
        help=N_(
            "List the example screenings that come with the tool, or copy them to try `score`."
        ),
    )(examples)


def examples(
    copy: Annotated[
        Path | None,
        typer.Option(
            "--copy",
            help=N_(
                "Copy the examples into this folder (created if missing); files already "
                "there are left as they are."
            ),
            show_default=False,
        ),
    ] = None,
    language: LanguageOption = None,
) -> None:
    from stalkscreen.examples import copy_examples
    from stalkscreen.examples import examples as bundled

    if copy is None:
        found = bundled()
        width = max(len(e.name) for e in found)
        for example in found:
            sys.stdout.write(f"{example.name:<{width}}  {example.about}\n")
        sys.stdout.write(f"\nIn {found[0].path.parent}; copy them with --copy DIR.\n")
        return
    written, kept = copy_examples(copy)
    for path in kept:
        print(f"stalkscreen: {path} already exists: left as it was", file=sys.stderr)
    print(f"stalkscreen: copied {len(written)} example(s) to {copy}", file=sys.stderr)
    if written:
        first = next((p for p in written if p.name == "high-by-count.yaml"), written[0])
        print(f"stalkscreen: try: stalkscreen score {first}", file=sys.stderr)
