"""`stalkscreen keys new`: a key pair for encrypting screenings at rest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stalkscreen.catalogue import Commands
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

app = typer.Typer(
    help=N_("Keys for encrypting answer files and drafts at rest."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command(help=N_("Make a key pair: the identity goes to --out, the public key to stdout."))
def new(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help=N_("Write the identity (secret key) here, mode 0600. It must not exist yet."),
        ),
    ],
    language: LanguageOption = None,
) -> None:
    from stalkscreen.errors import UsageError, shown
    from stalkscreen.sealing import new_identity
    from stalkscreen.storage import write_atomic

    if out.exists():
        raise UsageError.of(Commands.KEY_EXISTS, out)
    secret, public = new_identity()
    text = (
        "# stalkscreen identity: keep it private; whoever holds it can read the screenings\n"
        f"# public key: {public}\n{secret}\n"
    )
    write_atomic(out, text.encode("ascii"))
    sys.stdout.write(public + "\n")
    shown_out = shown(out)
    print(
        f"stalkscreen: identity written to {shown_out}. Encrypt with: stalkscreen screen "
        f"--encrypt-to {public} (or `encrypt_to` in your config); read with --identity "
        f"{shown_out}.",
        file=sys.stderr,
    )
