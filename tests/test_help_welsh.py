"""Issue 20 (help): ``--help`` of every command, and typer's own words, in Welsh.

The walk asks every command of the app for its help in English and in Welsh and finds no
English word of the English help left in the Welsh one, except the tokens that are the
same in both languages (listed, each with its reason). Usage errors (typer's words) and
typer's texts that stalkscreen translates are checked against the installed typer.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer.rich_utils as rich_utils
from typer.main import get_command

from stalkscreen.cli import typer_words
from stalkscreen.cli.language import prescan
from stalkscreen.cli.main import app

from .conftest import Result

# fmt: off
SAME_IN_WELSH = {
    # names of instruments, bodies, formats, standards and programs (not translated)
    "marac", "dash", "ric", "srp", "s-dash", "four", "hmac-sha256", "utf", "utf-8", "bom",
    "csv", "json", "jsonl", "yaml", "pdf", "html", "svg", "md", "markdown", "sqlite", "xlsx",
    "excel", "windows", "jinja2", "weasyprint", "stalkscreen", "safelives", "cp1252", "stdin",
    "stdout", "stderr",
    # values a person types: format, instrument and purpose names
    "table", "summary", "victim", "probation", "default",
    "official-sensitive",  # a Government Security Classifications marking
    # typer's type labels (<bool>, <str>, <path>, <int range>): Python's type names
    "bool", "str", "int", "float", "path", "range", "list",
    # Welsh words spelt as the English ones
    "log", "data", "problem", "person",
}
# fmt: on
"""Words of the English help that are the same in the Welsh help (lower case)."""

_TOKENS = re.compile(
    r"(?m)^\s*stalkscreen .*$"  # an example line (a command to paste)
    r"|`[^`]*`"  # code
    r"|(?<![\w-])--?[A-Za-z][\w-]*"  # an option
    r"|<[^>\s]*>|\{[^}\s]*\}"  # a type label, an argument's name
    r"|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"  # an environment variable
    r"|[\w.~-]*/[\w./*~-]*|[\w*-]*(?:\.[a-z]\w*)+\b"  # a path, a file name or suffix
    r"|\b\w+_\w+\b"  # an identifier (marac_template, has_comment)
    r"|'[a-z][\w-]*'"  # a quoted value ('default', 'CSV')
)
PROPER_NAMES = ("Stalking Risk Profile", "JSON Lines")
"""Names of an instrument and a format, the same in Welsh (as "DASH")."""
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9’'-]*[A-Za-z0-9]")


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield prefix, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not sub.hidden:
            yield from _paths(sub, (*prefix, name))


COMMANDS = dict(_paths(get_command(app)))
PATHS = list(COMMANDS)


def _names(command: Any) -> set[str]:
    """What a person types or reads as a name in ``command``'s help: its subcommands'
    names and its arguments' names (the usage line's ``{file}``), and the languages."""
    names = set(getattr(command, "commands", {}))
    names |= {p.name for p in command.params if p.param_type_name == "argument"}
    return {part for name in names for part in name.split("-")} | {"cy", "en", "cymraeg"}


def _as_main(cli: Callable[..., Result], *args: str) -> Result:
    """``stalkscreen ARGS`` as main() runs it: the language read from the arguments before
    typer builds the commands (``prescan``), in a context of its own."""

    def run() -> Result:
        prescan(list(args))
        return cli(*args)

    return contextvars.copy_context().run(run)


def _help(cli: Callable[..., Result], path: tuple[str, ...], language: str) -> str:
    done = _as_main(cli, "--language", language, *path, "--help")
    assert done.code == 0, done.err
    return done.out


def _words(text: str) -> set[str]:
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return {word.lower().strip("’'") for word in _WORD.findall(_TOKENS.sub(" ", text))}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "stalkscreen")
def test_every_command_help_is_welsh(cli: Callable[..., Result], path: tuple[str, ...]) -> None:
    english = _help(cli, path, "en")
    welsh = _help(cli, path, "cy")
    names = _names(COMMANDS[path]) | set(path)
    left = (_words(welsh) & _words(english)) - SAME_IN_WELSH - names
    assert not left, f"English left in `{' '.join(path)} --help` in Welsh: {sorted(left)}"


def test_the_walk_covers_every_command_stalkscreen_lists() -> None:
    names = {path[0] for path in PATHS if path}
    assert {"batch", "screen", "drafts", "keys", "audit", "log", "config", "examples"} <= names
    assert {("questionnaires", "validate"), ("drafts", "purge"), ("log", "import")} <= set(PATHS)


def test_english_help_is_typers_own(cli: Callable[..., Result]) -> None:
    _help(cli, ("batch",), "cy")  # Welsh before it leaves nothing behind
    text = _help(cli, ("batch",), "en")
    for english in ("Usage: stalkscreen batch [OPTIONS]", "Arguments", "Options", "[default: 1]"):
        assert english in text
    assert "Show this message and exit." in text


def test_the_words_translated_are_typers_own() -> None:
    """An upgrade of typer that rewords one of these fails here, not silently in Welsh."""
    typer_words.apply()  # English: typer's own values back
    for name, english in typer_words.RICH_CONSTANTS.items():
        assert getattr(rich_utils, name) == english, name
    root = get_command(app)
    ctx = root.make_context("stalkscreen", ["--help"], resilient_parsing=True)
    assert root.options_metavar == typer_words.OPTIONS_METAVAR
    assert getattr(root, "subcommand_metavar", None) == typer_words.SUBCOMMAND_METAVAR
    assert ctx.get_usage().startswith(typer_words.USAGE)
    helping = root.get_help_option(ctx)
    assert helping is not None and helping.help == typer_words.HELP_OPTION
    completion = {
        getattr(param, "help", None) for param in root.params if "completion" in (param.name or "")
    }
    assert completion == set(typer_words.COMPLETION_HELP)


USAGE_ERRORS = [
    (("screen", "--bogus"), "Dim opsiwn o’r fath: --bogus"),
    (("bogus",), "Dim gorchymyn o’r fath 'bogus'."),
    (("abut",), "Oeddech chi’n golygu 'about'"),
    (("score",), "Dadl ar goll 'file'."),
    (("score", "x", "--format", "zz"), "Gwerth annilys ar gyfer '--format' / '-f': "),
    (("score", "a", "b"), "Cafwyd dadl(euon) ychwanegol annisgwyl (b)"),
    (("score", "--format"), "Mae angen dadl ar yr opsiwn '--format'."),
    (("score", "x", "--json=1"), "Nid yw’r opsiwn '--json' yn cymryd gwerth."),
    (("batch", "x", "--jobs", "0"), "fod yn fwy na neu’n hafal i 1"),
    (("batch", "x", "--jobs", "abc"), "fod yn gyfanrif dilys"),
    (("questionnaires", "bogus"), "Dim gorchymyn o’r fath 'bogus'."),
]


@pytest.mark.parametrize(("args", "welsh"), USAGE_ERRORS, ids=lambda a: " ".join(a))
def test_usage_errors_are_welsh(
    cli: Callable[..., Result], args: tuple[str, ...], welsh: str
) -> None:
    done = _as_main(cli, "--language", "cy", *args)
    assert done.code == 2
    assert welsh in done.err
    assert "Gwall: " in done.err
    english = cli(*args)
    assert english.code == 2 and "Error: " in english.err
    for word in ("Usage:", "Try '", "for help", "Error:", "No such", "Missing", "Invalid"):
        assert word not in done.err, (word, done.err)


def test_english_usage_errors_are_typers_own(cli: Callable[..., Result]) -> None:
    _as_main(cli, "--language", "cy", "screen", "--bogus")
    done = _as_main(cli, "screen", "--bogus")
    assert done.err == (
        "Usage: stalkscreen screen [OPTIONS] [[FILE]]\n"
        "Try 'stalkscreen screen -h' for help.\n\n"
        "Error: No such option: --bogus (Possible options: --out)\n"
    )


LEAVES = [path for path, command in COMMANDS.items() if path and not hasattr(command, "commands")]


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_command_takes_language_after_its_name(
    cli: Callable[..., Result], path: tuple[str, ...]
) -> None:
    """README: ``--language`` before the command, or after it, for every command."""
    done = _as_main(cli, *path, "--language", "cy", "--help")
    assert done.code == 0, done.err
    assert "Defnydd: stalkscreen" in done.out and "Usage:" not in done.out


@pytest.mark.parametrize("language", ["en", "cy"])
def test_brackets_in_help_are_printed(cli: Callable[..., Result], language: str) -> None:
    """typer reads help as rich markup: an extra's ``[xlsx]`` was taken for a style."""
    assert "'stalkscreen[xlsx]'" in _help(cli, ("batch",), language)
