"""Machine-wide settings: the site config, locks, `config show`, `~` in paths."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest
import yaml

from stalkscreen.config import SETTINGS, Setting, load_config, settings, site_config_path

from .conftest import Result

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "high-by-count.yaml"


@pytest.fixture
def configs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[dict[str, object] | None, dict[str, object] | None], None]:
    site, user = tmp_path / "site" / "config.yaml", tmp_path / "user" / "config.yaml"

    def write(site_data: dict[str, object] | None, user_data: dict[str, object] | None) -> None:
        for path, data in ((site, site_data), (user, user_data)):
            if data is not None:
                path.parent.mkdir(exist_ok=True)
                path.write_text(yaml.safe_dump(data))
        monkeypatch.setenv("STALKSCREEN_SITE_CONFIG", str(site))
        monkeypatch.setenv("STALKSCREEN_CONFIG", str(user))

    return write


def test_every_setting_can_be_locked() -> None:
    assert set(get_args(Setting)) == set(SETTINGS)


def test_the_site_config_is_platformdirs_site_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import site_config_path as site_dir

    monkeypatch.delenv("STALKSCREEN_SITE_CONFIG")
    assert site_config_path() == site_dir("stalkscreen") / "config.yaml"


def test_user_overrides_the_site_only_where_it_is_not_locked(configs: Callable[..., None]) -> None:
    configs(
        {"profile": "cambridgeshire", "marking": "OFFICIAL", "agency": "Example Constabulary",
         "lock": ["profile", "marking"]},
        {"profile": "default", "marking": "NOT PROTECTIVELY MARKED", "agency": "Other Force",
         "practitioner": "PC 1"},
    )  # fmt: skip
    now = settings()
    assert (now.config.profile, now.config.marking) == ("cambridgeshire", "OFFICIAL")
    assert (now.config.agency, now.config.practitioner) == ("Other Force", "PC 1")
    assert now.origin["profile"] == "site (locked)" and now.origin["agency"] == "user"
    assert now.origin["wording"] == "default"
    assert now.ignored == ("marking", "profile")
    assert load_config() == now.config


def test_config_show_names_the_files_and_every_origin(
    configs: Callable[..., None], cli: Callable[..., Result], tmp_path: Path
) -> None:
    configs({"marking": "OFFICIAL", "lock": ["marking"]}, {"marking": "X", "agency": "A"})
    result = cli("config", "show")
    assert result.code == 0, result.err
    assert f"site config: {tmp_path / 'site' / 'config.yaml'} (in force)" in result.out
    lines = {line.split()[0]: line for line in result.out.splitlines() if line.strip()}
    assert lines["marking"].endswith("[site (locked)]") and "OFFICIAL" in lines["marking"]
    assert lines["wording"].endswith("[default]")
    assert "user config: " in result.out
    assert "ignored: marking in the user config (the site config locks it)" in result.out


def test_config_show_json(
    configs: Callable[..., None], cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    configs({"marking": "OFFICIAL", "lock": ["marking"]}, {"marking": "X", "agency": "A"})
    result = cli("config", "show", "--json")
    doc = json.loads(result.out)
    assert doc["settings"]["marking"] == {"value": "OFFICIAL", "from": "site (locked)"}
    assert doc["settings"]["agency"] == {"value": "A", "from": "user"}
    assert doc["ignored"] == ["marking"] and doc["site_config"]["found"] is True
    assert set(doc["settings"]) == set(SETTINGS)


def test_the_site_marking_reaches_score_and_report(
    configs: Callable[..., None], cli: Callable[..., Result]
) -> None:
    configs({"marking": "OFFICIAL - EXAMPLE FORCE", "lock": ["marking"]}, {"marking": "MINE"})
    assert "OFFICIAL - EXAMPLE FORCE" in cli("score", EXAMPLE).out
    report = cli("report", EXAMPLE)
    assert report.code == 0, report.err
    assert report.out.count("OFFICIAL - EXAMPLE FORCE") >= 2 and "MINE" not in report.out
    flag = cli("report", EXAMPLE, "--marking", "TOP")  # a flag still wins for one run
    assert "TOP" in flag.out and "OFFICIAL - EXAMPLE FORCE" not in flag.out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_site_marking_reaches_batch_summaries_and_the_dashboard(
    configs: Callable[..., None], cli: Callable[..., Result], tmp_path: Path, jobs: str
) -> None:
    configs({"marking": "OFFICIAL - EXAMPLE FORCE", "lock": ["marking"]}, None)
    reports, board = tmp_path / "reports", tmp_path / "board.html"
    args = ("--reports-dir", reports, "--dashboard", board, "-o", tmp_path / "o.csv")
    result = cli("batch", EXAMPLE, "--jobs", jobs, *args)
    assert result.code == 0, result.err
    (summary,) = reports.iterdir()
    text = summary.read_text()
    assert text.count("OFFICIAL - EXAMPLE FORCE") >= 2 and "OFFICIAL-SENSITIVE" not in text
    assert "OFFICIAL - EXAMPLE FORCE" in board.read_text()


def test_template_dirs_from_the_config(
    configs: Callable[..., None], cli: Callable[..., Result], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "summary.md.j2").write_text(
        '{% extends "default/summary.md.j2" %}{% block advice %}LOCAL ADVICE{% endblock %}'
    )
    configs({"template_dirs": [str(templates)]}, None)
    result = cli("report", EXAMPLE)
    assert result.code == 0, result.err
    assert "LOCAL ADVICE" in result.out


def test_tilde_means_the_home_folder(
    configs: Callable[..., None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    configs(
        {"questionnaires_dirs": ["~/site-q"]},
        {"identity": "~/keys/id.txt", "template_dirs": ["~"], "wording": ["~/w"]},
    )
    config = load_config()
    home = tmp_path / "home"
    assert config.questionnaires_dirs == (home / "site-q",)
    assert config.identity == home / "keys" / "id.txt"
    assert config.template_dirs == (home,) and config.wording == (home / "w",)


@pytest.mark.parametrize(
    ("site", "said"),
    [
        ({"lock": ["colour"]}, "lock"),
        ({"marking": ""}, "marking"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_a_bad_site_config_is_named_with_the_fix(
    configs: Callable[..., None], cli: Callable[..., Result], site: dict[str, object], said: str
) -> None:
    configs(site, None)
    result = cli("score", EXAMPLE)
    assert result.code == 3
    assert "site" in result.err and "config.yaml" in result.err and said in result.err
    assert "Traceback" not in result.err
