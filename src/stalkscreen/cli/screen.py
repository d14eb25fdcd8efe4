"""`stalkscreen screen`: the interview.

This is a thin front end over :mod:`stalkscreen.interview`: this module holds the
command, its options and the signal handling; :mod:`.screen_session` opens and finishes
the interview (draft store, audit events), :mod:`.screen_driver` shows the current step
and turns keystrokes (or lines, in plain mode) into engine commands, and
:mod:`.screen_text` holds the screens' text helpers. Every change is saved by the
engine's draft store, so an interrupt only has to say where the draft is.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from stalkscreen.catalogue import Commands
from stalkscreen.cli.common import (
    IdentityOption,
    PassphraseFileOption,
    PractitionerOption,
    ProfileOption,
    QuestionnairesDirOption,
    ReasonOption,
    WordingOption,
)
from stalkscreen.cli.screen_driver import Driver, Quit
from stalkscreen.cli.screen_session import finish_interview, resume_line
from stalkscreen.i18n import N_
from stalkscreen.workflows.common import say
from stalkscreen.workflows.screen import audit_saved, open_interview

if TYPE_CHECKING:
    from stalkscreen.drafts import DraftStore
    from stalkscreen.interview import Interview

INSTRUMENT_HELP = N_(
    "Instrument to ask: dash (default), dash-ric, s-dash, srp-red-flags, four, srp-context, "
    "behaviours or stalking-formulation. Repeat to ask more than one (e.g. --instrument dash "
    "--instrument srp-red-flags). With --for probation the default is four, "
    "stalking-formulation, srp-context and srp-red-flags."
)


LANGUAGE_HELP = N_(
    "The language of the interview, its messages and the summary offered at the end: en or "
    "cy (Cymraeg). The keys stay the same letters. A resumed draft takes this run's "
    "language. Default: STALKSCREEN_LANGUAGE, then the config's language, then en."
)


def _language(value: str | None) -> str | None:
    """``--language`` sets the run's language as it is parsed (as the other commands' do)."""
    from stalkscreen import i18n

    if value is not None:
        i18n.set_language(i18n.check_language(value))
    return value


class Interrupted(Exception):
    """Ctrl-C, SIGTERM or SIGHUP: save the draft and exit 130."""


@contextmanager
def _signals() -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise Interrupted

    # SIGHUP (the terminal closed) exists only on POSIX; Windows has SIGTERM and Ctrl-C
    wanted = [getattr(signal, name, None) for name in ("SIGTERM", "SIGHUP")]
    old = {s: signal.signal(s, handler) for s in wanted if s is not None}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def register(app: typer.Typer) -> None:
    """Add `screen` to the main app (`drafts` is in :mod:`stalkscreen.cli.drafts`)."""

    @app.command(
        help=N_("Take a screening, question by question; the draft is saved after every answer.")
    )
    def screen(
        instrument: Annotated[
            list[str] | None, typer.Option("--instrument", "-i", help=INSTRUMENT_HELP)
        ] = None,
        profile: ProfileOption = None,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                "-o",
                help=N_(
                    "Save the draft and the finished screening here (YAML, or JSON by suffix). "
                    "Default: your stalkscreen data folder."
                ),
            ),
        ] = None,
        answers_file: Annotated[
            Path | None,
            typer.Option(
                "--answers", help=N_("Pre-fill from an answer file; ask only what is missing.")
            ),
        ] = None,
        resume: Annotated[
            bool,
            typer.Option(
                "--resume",
                help=N_(
                    "Continue a draft at the exact question it stopped: FILE, or --out, or "
                    "the most recent draft."
                ),
            ),
        ] = False,
        file: Annotated[
            Path | None,
            typer.Argument(
                metavar="[FILE]",
                help=N_("With --resume: the draft to continue."),
                show_default=False,
            ),
        ] = None,
        plain: Annotated[
            bool,
            typer.Option(
                "--plain",
                help=N_(
                    "Numbered options and line input, no redraw, no colour (screen readers, "
                    "scripts). Automatic when not on a terminal, TERM=dumb or ACCESSIBLE=1."
                ),
            ),
        ] = False,
        questionnaires_dir: QuestionnairesDirOption = None,
        wording: WordingOption = None,
        identity: IdentityOption = None,
        passphrase_file: PassphraseFileOption = None,
        encrypt_to: Annotated[
            list[str] | None,
            typer.Option(
                "--encrypt-to",
                help=N_(
                    "Encrypt the draft and the screening to this public key (from `stalkscreen "
                    "keys new`); repeatable. Default: `encrypt_to` in your config."
                ),
                show_default=False,
            ),
        ] = None,
        encrypt_passphrase: Annotated[
            bool,
            typer.Option(
                "--encrypt-passphrase",
                help=N_("Encrypt the draft and the screening with your passphrase."),
            ),
        ] = False,
        reason: ReasonOption = None,
        for_: Annotated[
            str | None,
            typer.Option(
                "--for",
                help=N_(
                    "victim (default): a screening with the victim (DASH, S-DASH…); probation: "
                    "a screening of the person who stalks (FOUR, formulation, SRP context, red "
                    "flags, the four SRP domains). Default: `screen_for` in your config, else in "
                    "the area profile, else victim."
                ),
                show_default=False,
            ),
        ] = None,
        practitioner: PractitionerOption = None,
        language: Annotated[
            str | None,
            typer.Option(
                "--language",
                help=LANGUAGE_HELP,
                callback=_language,
                show_default=False,
                metavar="cy|en",
            ),
        ] = None,
    ) -> None:
        from stalkscreen.errors import UsageError, shown
        from stalkscreen.sealing import keyring
        from stalkscreen.workflows.common import Session

        if file is not None and not resume:
            raise UsageError.of(Commands.USE_RESUME, file, path=shown(file))
        if for_ is not None and for_ not in ("victim", "probation"):
            raise UsageError.of(Commands.BAD_PURPOSE, value=for_)
        why = Session(reason, practitioner, identity, passphrase_file).begin(
            encrypt_to=encrypt_to, encrypt_passphrase=encrypt_passphrase, writes_screenings=True
        )
        if keyring().seal_with_passphrase:
            keyring().get_passphrase("--encrypt-passphrase")  # ask now, not mid-interview
        iv, store, marking = open_interview(
            instrument=instrument,
            profile=profile,
            out=out,
            answers_file=answers_file,
            resume=(str(file) if file else "") if resume else None,
            questionnaires_dir=questionnaires_dir,
            wording=wording,
            purpose=for_,
        )
        try:
            _interview(iv, store, marking, plain, answers_file, why)
        finally:
            store.release()
        for note in store.notes:
            say(note)


def _interview(
    iv: Interview,
    store: DraftStore,
    marking: str,
    plain: bool,
    answers_file: Path | None,
    why: str | None,
) -> None:
    from stalkscreen.cli.terminal import EndOfInput, Terminal, colour_wanted, plain_wanted
    from stalkscreen.errors import EXIT_INTERRUPTED
    from stalkscreen.i18n import gettext as _

    for note in store.notes:
        say(note)
    store.notes.clear()
    is_plain = plain_wanted(plain)
    term = Terminal(plain=is_plain, colour=colour_wanted(is_plain))
    driver = Driver(iv, term)
    code = 0
    with _signals():
        try:
            driver.run()
        except Quit:
            term.flush()
            audit_saved(store, iv, why)
            say(resume_line(store, _("saved the draft")))
            return
        except (KeyboardInterrupt, Interrupted, EndOfInput):
            code = EXIT_INTERRUPTED
        finally:
            term.flush()
        if code:
            iv.save()
            audit_saved(store, iv, why)
            term.write()
            say(resume_line(store, _("interrupted; the draft is saved")))
            raise typer.Exit(code)
        finish_interview(iv, store, marking, term, answers_file=answers_file, reason=why)
