"""typer's own words (Usage, Options, Error, Try … for help, No such option…) in the
language in force.

typer 0.29 carries its own copy of click (``typer._click``) from which gettext was taken
out: its words are English f-strings and module constants, so no message catalogue can
reach them (measured: ``grep -rn gettext typer/_click`` finds only a comment; click's own
gettext calls are in the ``click`` package, which stalkscreen never imports). What can be
reached, with the least machinery:

- the rich help's panel titles and markers are module constants of ``typer.rich_utils``,
  read each time help is printed: :func:`apply` sets them from the catalogue for the run
  (and back to typer's English for an English run);
- the usage line's ``Usage:`` prefix, ``[OPTIONS]`` and ``COMMAND [ARGS]...`` belong to a
  command and its context class: :func:`translate_command` sets them on each command built;
- the help option's "Show this message and exit." is made when first asked for:
  :func:`translate_command` wraps that;
- a usage error's text is made before stalkscreen sees it: :func:`show_error` puts
  the usage line, the hint and the error into the language in force, translating typer's
  and pydantic's sentences by the patterns in ``_SENTENCES`` (a sentence no pattern knows
  stays as typer wrote it, inside the translated frame).

Each English text here is typer's own, character for character; tests/test_help_welsh.py
checks the words against the installed typer and makes each usage error in Welsh, so an
upgrade that rewords one fails there rather than leaving English in a Welsh run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from stalkscreen.i18n import N_, SOURCE_LANGUAGE, current, gettext

RICH_CONSTANTS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
"""typer.rich_utils' words (its constants, by name)."""
USAGE = N_("Usage: ")
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
HELP_OPTION = N_("Show this message and exit.")
COMPLETION_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
"""The help of the root's ``--install-completion`` and ``--show-completion``."""
TRY = N_("Try '{command} {option}' for help.")
ERROR = N_("Error: {message}")

_QUOTED = r"'[^']*'(?: / '[^']*')*"
_SENTENCES: tuple[tuple[str, str], ...] = (
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (r"\(Possible options: (?P<options>[^)]*)\)", N_("(Possible options: {options})")),
    (rf"No such command (?P<name>{_QUOTED})\.", N_("No such command {name}.")),
    (r"Did you mean (?P<names>.+)\?", N_("Did you mean {names}?")),
    (r"Missing command\.", N_("Missing command.")),
    (rf"Missing argument (?P<name>{_QUOTED})\.", N_("Missing argument {name}.")),
    (rf"Missing option (?P<name>{_QUOTED})\.", N_("Missing option {name}.")),
    (r"Choose from:", N_("Choose from:")),
    (rf"Invalid value for (?P<name>{_QUOTED}): ", N_("Invalid value for {name}: ")),
    (r"Invalid value: ", N_("Invalid value: ")),
    (
        r"Got unexpected extra argument\(s\) \((?P<args>.*)\)",
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        rf"Option (?P<name>{_QUOTED}) requires an argument\.",
        N_("Option {name} requires an argument."),
    ),
    (
        rf"Option (?P<name>{_QUOTED}) requires (?P<count>\d+) arguments\.",
        N_("Option {name} requires {count} arguments."),
    ),
    (
        rf"Option (?P<name>{_QUOTED}) does not take a value\.",
        N_("Option {name} does not take a value."),
    ),
    (
        rf"Argument (?P<name>{_QUOTED}) takes (?P<count>\d+) values\.",
        N_("Argument {name} takes {count} values."),
    ),
    # pydantic's words, which typer passes on for a value it cannot convert
    (
        r"Input should be a valid integer, unable to parse string as an integer",
        N_("Input should be a valid integer, unable to parse string as an integer"),
    ),
    (
        r"Input should be a valid number, unable to parse string as a number",
        N_("Input should be a valid number, unable to parse string as a number"),
    ),
    (
        r"Input should be greater than or equal to (?P<limit>\S+)",
        N_("Input should be greater than or equal to {limit}"),
    ),
    (
        r"Input should be less than or equal to (?P<limit>\S+)",
        N_("Input should be less than or equal to {limit}"),
    ),
    (
        r"Value error, (?P<value>.+) is not one of (?P<choices>.+)\.$",
        N_("Value error, {value} is not one of {choices}."),
    ),
)
"""typer's (and pydantic's) sentences in a usage error, as patterns of their English, each
with the message it becomes; the named groups are the values typer put in."""
_PATTERNS = tuple((re.compile(pattern), message) for pattern, message in _SENTENCES)
_ENGLISH: dict[str, Any] = {}
"""typer's own values of the rich constants, kept when they are first replaced."""


def sentences(text: str) -> str:
    """typer's English ``text`` with every sentence a pattern knows in the language in
    force."""
    if current() == SOURCE_LANGUAGE:
        return text
    for pattern, message in _PATTERNS:
        text = pattern.sub(_filler(gettext(message)), text)
    return text


def _filler(message: str) -> Callable[[re.Match[str]], str]:
    """``message`` filled with what a pattern found (its named groups)."""
    return lambda found: message.format(**found.groupdict())


def apply() -> None:
    """Put typer's rich-help words into the language in force (typer's own for English).
    They are module constants, read when help or an error panel is printed."""
    english = current() == SOURCE_LANGUAGE
    if english and not _ENGLISH:  # never changed: spares `--version` importing rich
        return
    import typer.rich_utils as rich_utils

    if not _ENGLISH:
        _ENGLISH.update({name: getattr(rich_utils, name) for name in RICH_CONSTANTS})
    for name, message in RICH_CONSTANTS.items():
        setattr(rich_utils, name, _ENGLISH[name] if english else gettext(message))


class _Formatter(HelpFormatter):
    """typer's help formatter with ``Usage:`` in the language in force."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, gettext(USAGE) if prefix is None else prefix)


class _Context(Context):
    formatter_class = _Formatter


def translate_command(command: Any) -> None:
    """Put ``command``'s usage words and its help option's help into the language in
    force (a command built for this run; English leaves it as typer made it)."""
    if current() == SOURCE_LANGUAGE:
        return
    if command.context_class is Context:
        command.context_class = _Context
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = gettext(OPTIONS_METAVAR)
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = gettext(SUBCOMMAND_METAVAR)
    made: Callable[[Context], Any] = command.get_help_option

    def get_help_option(ctx: Context) -> Any:
        option = made(ctx)
        if option is not None and option.help == HELP_OPTION:
            option.help = gettext(HELP_OPTION)
        return option

    command.get_help_option = get_help_option


def show_error(exc: Exception, file: Any) -> None:
    """What typer's ``exc.show()`` prints (the usage line, the hint and the error), in the
    language in force; typer's own ``show`` in English, byte for byte."""
    show = getattr(exc, "show", None)
    if not callable(show):
        print(f"stalkscreen: {exc}", file=file)
        return
    if current() == SOURCE_LANGUAGE or type(exc).__name__ == "NoArgsIsHelpError":
        show(file=file)  # the help itself, already in the language (translate_command)
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            option = ctx.help_option_names[0]
            hint = gettext(TRY).format(command=ctx.command_path, option=option) + "\n"
        print(f"{ctx.get_usage()}\n{hint}", file=file)
    message = sentences(exc.format_message())  # type: ignore[attr-defined]
    print(gettext(ERROR).format(message=message), file=file)
