"""`stalkscreen drafts`: list interview drafts; `drafts purge` erases old ones."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from stalkscreen.cli.common import (
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    WordingOption,
)
from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_, ngettext
from stalkscreen.i18n import gettext as _

app = typer.Typer(
    help=N_("List interview drafts (reference, progress, last change); `purge` erases old ones."),
    no_args_is_help=False,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback(help=N_("List interview drafts: reference, progress and last change."))
def drafts(
    ctx: typer.Context,
    profile: ProfileOption = None,
    questionnaires_dir: QuestionnairesDirOption = None,
    wording: WordingOption = None,
    identity: IdentityOption = None,
    passphrase_file: PassphraseFileOption = None,
    language: LanguageOption = None,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from stalkscreen.drafts import drafts_dir
    from stalkscreen.workflows.common import Session
    from stalkscreen.workflows.drafts import list_drafts

    session = Session(
        identity=identity,
        passphrase_file=passphrase_file,
        questionnaires_dirs=questionnaires_dir,
        wording=wording,
        profile=profile,
    )
    found = list_drafts(session)
    if not found:
        print(_("No drafts in %(folder)s or saved with --out.") % {"folder": drafts_dir()},
              file=sys.stderr)  # fmt: skip
        return
    # One draft per block, the file on a line of its own and never shortened: it is what
    # `--resume` needs, and a long path simply wraps on a narrow terminal.
    for index, info in enumerate(found):
        path = info.path
        reference = _inert(info.reference) if info.reference else _("(unreadable)")
        parts = [reference]
        if info.reference:
            done = {"answered": info.answered, "total": info.total}
            items = ngettext(
                "%(answered)d of %(total)d item", "%(answered)d of %(total)d items", info.total
            )
            parts += [items % done, _inert(info.where)]
        if info.updated:
            when = f"{info.updated.astimezone():%Y-%m-%d %H:%M}"
            parts.append(_("last change %(when)s") % {"when": when})
        if index:
            print()
        print(" · ".join(parts))
        print(f"  {_inert(str(path))}")
    print(
        _("Resume one with: %(command)s (or --resume for the newest).")
        % {"command": "stalkscreen screen --resume FILE"},
        file=sys.stderr,
    )


def _inert(text: str) -> str:
    """User text made safe for a terminal: control characters shown as '?'."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


@app.command(
    help=N_("Erase old drafts (and half-written temporary files); each erasure is audited.")
)
def purge(
    older_than: Annotated[
        str,
        typer.Option(
            "--older-than",
            help=N_("Erase drafts not changed for this long: e.g. 30d, 12h, 2w."),
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("List what would be erased; erase nothing."))
    ] = False,
    reason: ReasonOption = None,
    practitioner: PractitionerOption = None,
    identity: IdentityOption = None,
    passphrase_file: PassphraseFileOption = None,
    language: LanguageOption = None,
) -> None:
    from stalkscreen.drafts import drafts_dir
    from stalkscreen.workflows.common import Session
    from stalkscreen.workflows.drafts import purge_drafts

    session = Session(reason, practitioner, identity, passphrase_file)
    erased = purge_drafts(older_than, session, dry_run=dry_run)
    for item in erased:
        line = _("would erase %(path)s") if dry_run else _("erased %(path)s")
        print(line % {"path": item.path}, file=sys.stderr)
    counted = {"count": len(erased), "folder": drafts_dir()}
    if dry_run:
        total = ngettext(
            "%(count)d file would be erased from %(folder)s",
            "%(count)d files would be erased from %(folder)s",
            len(erased),
        )
    else:
        total = ngettext(
            "%(count)d file erased from %(folder)s", "%(count)d files erased from %(folder)s",
            len(erased),
        )  # fmt: skip
    print("stalkscreen: " + total % counted, file=sys.stderr)
