"""Choosing the language of a run: ``--language``, then ``STALKSCREEN_LANGUAGE``, then the
config's ``language:``, then English.

``--help`` must be in the chosen language, and typer builds the commands' help before any
option is parsed, so :func:`prescan` reads the choice from the arguments, the environment
and the config first; :func:`translate_help` then puts the built commands' help texts
(marked with ``N_`` where they are written) into that language. The ``--language`` option
itself is declared on the root and on the commands that print reports, so that it is
accepted where people type it, and it sets the language again when the app is called
directly (tests, the API).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Annotated, Any

import typer

from stalkscreen import i18n
from stalkscreen.errors import StalkscreenError, UsageError
from stalkscreen.i18n import N_

HELP = N_(
    "The language of the output and help: en (English) or cy (Cymraeg, Welsh). Default: "
    "STALKSCREEN_LANGUAGE, then the config's language, then en."
)
REPORT_HELP = N_(
    "The language of the report: en, cy, or cy+en (bilingual: the whole summary in Welsh, "
    "then in English). Default: STALKSCREEN_LANGUAGE, then the config's language, then en."
)


def _set(value: str | None) -> str | None:
    if value is not None:
        i18n.set_language(i18n.check_language(value))
    return value


def _set_report(value: str | None) -> str | None:
    if value is not None:
        code = i18n.check_language(value, bilingual=True)
        i18n.set_language(i18n.languages_of(code)[0])
        return code
    return value


LanguageOption = Annotated[
    str | None,
    typer.Option("--language", help=HELP, callback=_set, show_default=False, metavar="cy|en"),
]
ReportLanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help=REPORT_HELP,
        callback=_set_report,
        show_default=False,
        metavar="cy|en|cy+en",
    ),
]


def given(args: Sequence[str]) -> str | None:
    """The value of the last ``--language`` in ``args`` (before a ``--``), if any."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--language" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--language="):
            found = arg.partition("=")[2]
    return found


def choice(flag: str | None = None, *, strict: bool = False) -> str:
    """The language asked for (``cy+en`` possibly): ``flag``, then the environment, then
    the config, then English. A value that is not a language is an error with ``strict``,
    else left for the option to refuse (English meanwhile)."""
    from_env = os.environ.get(i18n.ENV)
    for value, where in ((flag, "--language"), (from_env, i18n.ENV)):
        if value:
            try:
                return i18n.check_language(value, bilingual=True, where=where)
            except UsageError:
                if strict:
                    raise
                return i18n.SOURCE_LANGUAGE
    from stalkscreen.config_files import any_config

    if not any_config():  # spares --version and --help reading the settings' models
        return i18n.SOURCE_LANGUAGE
    from stalkscreen.config import load_config

    try:
        return load_config().language or i18n.SOURCE_LANGUAGE
    except StalkscreenError:  # a broken site config: the command itself reports it
        return i18n.SOURCE_LANGUAGE


def chosen(args: Sequence[str]) -> str:
    """The language of this run's terminal text and help (the first of a bilingual
    choice)."""
    return i18n.languages_of(choice(given(args)))[0]


def apply_default() -> None:
    """No ``--language`` given before the command: the environment's or the config's
    choice, for the run; unless :func:`prescan` found one after the command, which stands
    (``stalkscreen about --help --language cy``: the eager ``--help`` is printed before
    the command's own ``--language`` is parsed)."""
    if _GIVEN.get():
        return
    i18n.set_language(i18n.languages_of(choice(strict=True))[0])


_GIVEN: ContextVar[bool] = ContextVar("stalkscreen_language_given", default=False)
"""Whether the run's arguments name a language (:func:`prescan`, for :func:`apply_default`)."""


def prescan(args: Sequence[str]) -> str:
    """Set the run's language from ``args``, the environment and the config; the code."""
    _GIVEN.set(given(args) is not None)
    code = chosen(args)
    try:
        i18n.set_language(code)
    except UsageError:  # no compiled catalogue: the option says so when it is parsed
        return i18n.SOURCE_LANGUAGE
    return code


def translate_help(command: Any) -> Any:
    """``command`` (typer's click command, and its subcommands) with help texts, and
    typer's own words (:mod:`stalkscreen.cli.typer_words`), in the language in force."""
    from stalkscreen.cli import typer_words

    typer_words.apply()  # process-wide constants: set (or put back) for every run
    if i18n.current() == i18n.SOURCE_LANGUAGE:
        return command
    typer_words.translate_command(command)
    if command.epilog:  # "Example:" or "Examples:", then the commands (help_examples.py)
        head, newline, rest = command.epilog.partition("\n")
        command.epilog = i18n.gettext(head) + newline + rest
    if command.help:
        command.help = i18n.gettext(command.help)
    if command.short_help:
        command.short_help = i18n.gettext(command.short_help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = i18n.gettext(text)
    for sub in getattr(command, "commands", {}).values():  # a group's commands
        translate_help(sub)
    return command


def report_languages(flag: str | None) -> tuple[str, ...]:
    """The languages of a report: its ``--language`` (``cy+en`` possibly), else a bilingual
    ``STALKSCREEN_LANGUAGE``, else the run's language (the root's ``--language``, the
    environment's or the config's)."""
    if flag:
        return i18n.languages_of(flag)
    asked = choice(strict=True)
    return i18n.languages_of(asked) if "+" in asked else (i18n.current(),)
