"""`stalkscreen config show`: the config files in force and every setting with its origin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from stalkscreen.cli.language import LanguageOption
from stalkscreen.i18n import N_

app = typer.Typer(
    help=N_("Settings: the site config (set by IT) and your own config."),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _shown(value: Any) -> str:
    if value is None or value == ():
        return "(not set)"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _file(path: Path, found: bool) -> str:
    return f"{path} ({'in force' if found else 'not found'})"


@app.command(
    help=N_("Print which config files are in force and every setting with where it came from.")
)
def show(
    json_out: Annotated[
        bool, typer.Option("--json", help=N_("Print the files and settings as JSON."))
    ] = False,
    language: LanguageOption = None,
) -> None:
    from stalkscreen.config import SETTINGS, settings

    now = settings()
    values = now.config.model_dump(mode="json")
    if json_out:
        doc = {
            "site_config": {"path": str(now.site), "found": now.site_found},
            "user_config": {"path": str(now.user), "found": now.user_found},
            "settings": {k: {"value": values[k], "from": now.origin[k]} for k in SETTINGS},
            "ignored": list(now.ignored),
        }
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        return
    lines = [
        f"site config: {_file(now.site, now.site_found)}",
        f"user config: {_file(now.user, now.user_found)}",
        "",
    ]
    width = max(len(k) for k in SETTINGS)
    for name in SETTINGS:
        lines.append(f"{name:<{width}}  {_shown(getattr(now.config, name))}  [{now.origin[name]}]")
    for name in now.ignored:
        lines.append(f"\nignored: {name} in the user config (the site config locks it)")
    sys.stdout.write("\n".join(lines) + "\n")
