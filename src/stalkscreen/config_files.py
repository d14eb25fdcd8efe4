"""Where the configuration files are, without reading them (no pydantic): the start-up
asks whether any exists before it loads the settings for the language of ``--help``."""

from __future__ import annotations

import os
from pathlib import Path


def config_path() -> Path:
    """Where the user configuration file is (whether or not it exists)."""
    override = os.environ.get("STALKSCREEN_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("stalkscreen") / "config.yaml"


def site_config_path() -> Path:
    """Where the site configuration file is (whether or not it exists)."""
    override = os.environ.get("STALKSCREEN_SITE_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import site_config_path as site_dir

    return site_dir("stalkscreen") / "config.yaml"


def any_config() -> bool:
    """Whether a site or user configuration file exists (either may set ``language``)."""
    return site_config_path().is_file() or config_path().is_file()
