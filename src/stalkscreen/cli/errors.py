"""Mapping failures to exit codes, with no traceback and no answer content."""

from __future__ import annotations

import sys

import typer

from stalkscreen.catalogue import Internal
from stalkscreen.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    Problem,
    StalkscreenError,
    shown,
)


def run(app: typer.Typer, argv: list[str] | None = None) -> int:
    """Run the app; return the exit code. Tracebacks never reach the user. The language a
    command chooses (``--language``) lasts for its run only (a copy of the context)."""
    import contextvars

    return contextvars.copy_context().run(_run, app, argv)


def _run(app: typer.Typer, argv: list[str] | None = None) -> int:
    from stalkscreen.cli.language import translate_help

    try:
        command = translate_help(typer.main.get_command(app))  # --help in the run's language
        result = command(args=argv, standalone_mode=False, prog_name="stalkscreen")
    except StalkscreenError as exc:
        for line in exc.lines():  # a path in a message cannot drive the terminal
            print(f"stalkscreen: {shown(line)}", file=sys.stderr)
        return exc.exit_code
    except typer.Abort:
        print(f"stalkscreen: {Problem.of(Internal.STOPPED).render()}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except typer.TyperException as exc:  # click's usage errors (bad flags, missing arguments)
        from stalkscreen.cli.typer_words import show_error

        show_error(exc, sys.stderr)  # in the language in force
        code = getattr(exc, "exit_code", EXIT_USAGE)
        return code if isinstance(code, int) and code else EXIT_USAGE
    except KeyboardInterrupt:
        print(f"stalkscreen: {Problem.of(Internal.STOPPED).render()}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except SystemExit as exc:
        # click answers a closed stdout (EPIPE, e.g. `| head`) with exit 1 after swapping
        # stdout for a wrapper that swallows flushes; a reader stopping early is not a bug.
        if exc.code == 1 and type(sys.stdout).__name__.startswith("Pacify"):
            return 0
        return exc.code if isinstance(exc.code, int) else EXIT_INTERNAL
    except Exception as exc:  # the one place that turns bugs into exit 1
        bug = Problem.of(Internal.INTERNAL_ERROR, kind=type(exc).__name__)
        print(f"stalkscreen: {bug.render()}", file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0
