"""The per-user configuration file (optional).

``<user config dir>/stalkscreen/config.yaml`` may hold::

    practitioner: "PC 4521 A. Example"
    agency: "Example Constabulary"
    profile: default
    questionnaires_dirs: [/path/to/local/questionnaires]
    wording: [/path/to/licensed-wording/]
    identity: ~/.config/stalkscreen/identity.txt   # opens encrypted screenings
    encrypt_to: [stalkscreen-public-key-1-…]       # new drafts and screenings are encrypted
    encrypt_with_passphrase: false                 # or: encrypt them with your passphrase

``STALKSCREEN_CONFIG`` names another file. Command-line flags win over it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stalkscreen.errors import InvalidInputError
from stalkscreen.problems import problems_from
from stalkscreen.source import read_document, require_mapping


class UserConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    practitioner: str | None = Field(default=None, max_length=200)
    agency: str | None = Field(default=None, max_length=200)
    profile: str | None = Field(default=None, max_length=64)
    questionnaires_dirs: tuple[Path, ...] = ()
    wording: tuple[Path, ...] = ()
    identity: Path | None = None
    encrypt_to: tuple[str, ...] = ()
    encrypt_with_passphrase: bool = False
    screen_for: Literal["victim", "probation"] | None = Field(
        default=None, description="`screen --for` when the flag is not given."
    )


def config_path() -> Path:
    """Where the user configuration file is (whether or not it exists)."""
    override = os.environ.get("STALKSCREEN_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("stalkscreen") / "config.yaml"


def load_config(path: Path | None = None) -> UserConfig:
    """The user configuration, or defaults when there is none."""
    path = path or config_path()
    if not path.is_file():
        return UserConfig()
    doc = read_document(path)
    data = require_mapping(doc, "the configuration")
    try:
        return UserConfig.model_validate(data)
    except ValidationError as exc:
        raise InvalidInputError(
            f"{path} is not a valid configuration", problems_from(exc, doc, UserConfig)
        ) from None


def remember(path: Path | None = None, **values: str | None) -> bool:
    """Store ``practitioner``/``agency`` for next time; returns whether the file changed.

    Other settings in the file are kept. The file is written atomically, mode 0600.
    """
    import yaml

    from stalkscreen.storage import ensure_private_dir, write_atomic

    path = path or config_path()
    current = load_config(path)
    wanted = {k: v for k, v in values.items() if v and k in ("practitioner", "agency")}
    if all(getattr(current, k) == v for k, v in wanted.items()):
        return False
    data = current.model_copy(update=wanted).model_dump(mode="json", exclude_defaults=True)
    ensure_private_dir(path.parent)
    write_atomic(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8"))
    return True
