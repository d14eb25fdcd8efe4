"""Settings: a machine-wide site config set by IT, and each user's own config (both optional).

``<user config dir>/stalkscreen/config.yaml`` (``STALKSCREEN_CONFIG`` names another file)
may hold::

    practitioner: "PC 4521 A. Example"
    agency: "Example Constabulary"
    profile: default
    marking: OFFICIAL-SENSITIVE                    # replaces the area profile's marking
    questionnaires_dirs: [/path/to/local/questionnaires]
    template_dirs: [~/stalkscreen-templates]       # searched before the bundled templates
    wording: [/path/to/licensed-wording/]
    identity: ~/.config/stalkscreen/identity.txt   # opens encrypted screenings
    encrypt_to: [stalkscreen-public-key-1-…]       # new drafts and screenings are encrypted
    encrypt_with_passphrase: false                 # or: encrypt them with your passphrase
    screen_for: probation                          # `screen --for` when the flag is not given
    language: cy                                   # en or cy (Welsh); `--language` wins

The site config (``<site config dir>/stalkscreen/config.yaml`` from platformdirs:
``C:\\ProgramData\\stalkscreen\\stalkscreen`` on Windows, ``/etc/xdg/stalkscreen`` on
Linux; or the file ``STALKSCREEN_SITE_CONFIG`` names) holds the same settings, set by IT for
every user of the machine, and ``lock: [profile, marking]``: settings a user's config may
not change (a user's value for them is ignored, and ``stalkscreen config show`` says so).
Lists are replaced, not joined. ``~`` in a path means the user's home folder. Command-line
flags win over both: a lock keeps a config file from changing a setting for every run; it
is not a security boundary against the person running the program.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from stalkscreen.config_files import config_path as config_path
from stalkscreen.config_files import site_config_path as site_config_path
from stalkscreen.errors import StalkscreenError
from stalkscreen.folders import tighten
from stalkscreen.notices import notice
from stalkscreen.problems import read_model
from stalkscreen.translation import N_, Words, gettext


class UserConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    practitioner: str | None = Field(default=None, max_length=200)
    agency: str | None = Field(default=None, max_length=200)
    profile: str | None = Field(default=None, max_length=64)
    marking: str | None = Field(
        default=None, min_length=1, max_length=80, pattern=r"^[^\x00-\x1f\x7f]+$"
    )
    questionnaires_dirs: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    wording: tuple[Path, ...] = ()
    identity: Path | None = None
    encrypt_to: tuple[str, ...] = ()
    encrypt_with_passphrase: bool = False
    screen_for: Literal["victim", "probation"] | None = Field(
        default=None, description="`screen --for` when the flag is not given."
    )
    language: Literal["en", "cy"] | None = Field(
        default=None,
        description="The language of outputs and help (en or cy); --language and "
        "STALKSCREEN_LANGUAGE win over it.",
    )

    @field_validator("questionnaires_dirs", "template_dirs", "wording", "identity")
    @classmethod
    def _home(cls, value: Any) -> Any:
        """``~`` and ``~/…`` are the user's home folder, as in a shell."""
        if isinstance(value, Path):
            return value.expanduser()
        if isinstance(value, tuple):
            return tuple(v.expanduser() for v in value)
        return value


SETTINGS = tuple(UserConfig.model_fields)
Setting = Literal[
    "practitioner",
    "agency",
    "profile",
    "marking",
    "questionnaires_dirs",
    "template_dirs",
    "wording",
    "identity",
    "encrypt_to",
    "encrypt_with_passphrase",
    "screen_for",
    "language",
]


class SiteConfig(UserConfig):
    """The machine-wide config: the user settings, and which of them users may not change."""

    lock: tuple[Setting, ...] = ()


def _read(path: Path, model: type[UserConfig]) -> UserConfig | None:
    if not path.is_file():
        return None
    if model is UserConfig and "STALKSCREEN_CONFIG" not in os.environ:
        tighten(path.parent)  # the user's own config folder, not one they named (21.13)
    return read_model(path, model, Words(N_("the configuration")))


@dataclass(frozen=True)
class Settings:
    """The settings in force, the files they came from, and where each one came from."""

    config: UserConfig
    site: Path
    user: Path
    site_found: bool
    user_found: bool
    origin: dict[str, str] = field(default_factory=dict)
    """``default``, ``site``, ``user`` or ``site (locked)`` per setting."""
    ignored: tuple[str, ...] = ()
    """Settings the user's file gives but the site locks."""


def settings(*, lenient: bool = False) -> Settings:
    """Defaults, then the site config, then the user config where the site allows.

    With ``lenient``, a user config that cannot be read is reported (:data:`notice`) and
    left out; a broken site config is always an error (IT's locks must not lapse)."""
    site_path, user_path = site_config_path(), config_path()
    site = _read(site_path, SiteConfig)
    try:
        user = _read(user_path, UserConfig)
    except StalkscreenError as exc:
        if not lenient:
            raise
        _tell_once(exc)
        user = None
    locked = set(site.lock) if isinstance(site, SiteConfig) else set()
    values: dict[str, Any] = {}
    origin = dict.fromkeys(SETTINGS, "default")
    if site is not None:
        for name in site.model_fields_set - {"lock"}:
            values[name] = getattr(site, name)
            origin[name] = "site (locked)" if name in locked else "site"
    ignored = []
    if user is not None:
        for name in sorted(user.model_fields_set):
            if name in locked:
                ignored.append(name)
                continue
            values[name] = getattr(user, name)
            origin[name] = "user"
    for name in locked - set(values):
        origin[name] = "default (locked)"
    return Settings(
        config=UserConfig.model_validate(values),
        site=site_path,
        user=user_path,
        site_found=site is not None,
        user_found=user is not None,
        origin=origin,
        ignored=tuple(ignored),
    )


_told: set[str] = set()


def load_config(path: Path | None = None, *, strict: bool = False) -> UserConfig:
    """The settings in force (site and user config), or only the file ``path`` holds
    (whose problems are always an error).

    A user configuration that cannot be read is an error with ``strict`` (commands that
    write screenings: its encryption settings must not be dropped silently). Otherwise
    its problems (file, line, fix) go to :data:`notice` once, and the defaults (with the
    site config) are used (issue 21.5). A broken site config is always an error.
    """
    if path is not None:  # one named file (a check, a test): its problems are the answer
        return _read(path, UserConfig) or UserConfig()
    return settings(lenient=not strict).config


def _tell_once(exc: StalkscreenError) -> None:
    told = "\n".join(exc.lines())
    if told not in _told:
        _told.add(told)
        ignored = gettext("your configuration was ignored: using the default settings")
        notice([*exc.lines(), ignored])


def remembered_path() -> Path:
    """Where names typed into an interview are kept to offer next time (not the config)."""
    from platformdirs import user_data_path

    return user_data_path("stalkscreen") / "typed-names.json"


def remembered(path: Path | None = None) -> dict[str, str]:
    """The practitioner and agency typed last time (offered as defaults, shown, never the
    audit actor: anyone may have typed them)."""
    import json

    try:
        data = json.loads((path or remembered_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: v
        for k, v in data.items()
        if k in ("practitioner", "agency") and isinstance(v, str) and 0 < len(v) <= 200
        and v.isprintable()
    }  # fmt: skip


def remember(path: Path | None = None, **values: str | None) -> bool:
    """Keep the ``practitioner``/``agency`` typed into an interview to offer next time;
    returns whether anything changed. Written atomically, mode 0600, in the data folder:
    the user's own configuration is never rewritten by an interview."""
    import json

    from stalkscreen.storage import ensure_private_dir, write_atomic

    path = path or remembered_path()
    current = remembered(path)
    wanted = {k: v for k, v in values.items() if v and k in ("practitioner", "agency")}
    if all(current.get(k) == v for k, v in wanted.items()):
        return False
    ensure_private_dir(path.parent)
    body = json.dumps({**current, **wanted}, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, body.encode("utf-8"))
    return True
