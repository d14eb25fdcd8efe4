"""`batch --dashboard` (issue 18): the counts, the page's safety, and the page in Chromium.

The browser checks are shown to be able to fail: a control page with an inline
script and a blocked inline style makes Chromium log console errors, and one with
an unlabelled image and an empty table header makes axe-core report violations.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.axe_helpers import axe_script, axe_violations
from tests.conftest import dash_answers, screening_data
from tests.report_helpers import (
    chromium_path,
    page_requests,
    parse_html,
    recording_proxy,
    require_tool,
    run_chromium,
)

HOSTILE = "<script>document.body.dataset.ran='yes'</script>"


def _inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    screenings = [
        # November: one by count at high (visible high risk), one standard
        screening_data({"dash": dash_answers(range(1, 15))}, reference=f"A/1{HOSTILE}"),
        screening_data({"dash": dash_answers({1})}, reference="A/2"),
        # December: a repeat referral, a red flag, an unknown-heavy screening
        screening_data(
            {"dash": dash_answers({1, 2})},
            reference="A/1",
            case={
                "assessed_on": "2026-12-03",
                "last_marac_on": "2026-11-20",
                "incidents_last_12_months": 1,
            },
        ),
        screening_data(
            {
                "dash": dash_answers({1}, unknown=set(range(2, 12))),
                "srp-red-flags": {"suicidal-ideation": "yes"},
            },
            reference="B/1",
            case={"assessed_on": "2026-12-10"},
        ),
        # nothing grades an S-DASH on its own
        screening_data({"s-dash": {"q1": "yes"}}, reference="C/1", case={"assessed_on": None}),
    ]
    for i, data in enumerate(screenings):
        (d / f"{i}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    (d / "9-bad.yaml").write_text("format: [unclosed\n")
    return d


@pytest.fixture
def page(cli: Any, tmp_path: Path) -> Path:
    out = tmp_path / "year.html"
    r = cli(
        "batch",
        _inputs(tmp_path),
        "--format",
        "jsonl",
        "-o",
        tmp_path / "r.jsonl",
        "--dashboard",
        out,
    )
    assert r.code == 4, r.err
    return out


def _table(html: str, caption: str) -> list[list[str]]:
    body = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_the_tables_hold_the_counts(page: Path) -> None:
    html = page.read_text()
    assert _table(html, "Screenings and MARAC referrals per month") == [
        ["2026-11", "2", "1"],
        ["2026-12", "2", "1"],  # a red flag raises the level; it is not a MARAC reason
        ["no date", "1", "0"],
    ]
    levels = _table(html, "Risk level by month")
    assert levels[-1] == ["all months", "2", "0", "2", "1"]  # standard, medium, high, not graded
    assert _table(html, "Repeat MARAC referrals per month")[1] == ["2026-12", "1"]
    reasons = {row[0]: row[1] for row in _table(html, "MARAC referrals by reason")}
    assert reasons == {"visible-high-risk": "1", "repeat-marac": "1"}
    quality = {row[0]: row[1] for row in _table(html, "Data quality")}
    assert quality["inputs that could not be read or were not valid"] == "1"
    assert quality["screenings nothing graded"] == "1"
    assert (
        quality["unknown-heavy screenings (a quarter or more of DASH/RIC answers don&#39;t know)"]
        == "1"
    )


def test_the_page_is_self_contained_and_every_chart_has_a_table_twin(page: Path) -> None:
    html = page.read_text()
    parsed = parse_html(html)
    tags = [tag for tag, _ in parsed.tags]
    assert not set(tags) & {"script", "img", "a", "iframe", "object", "link", "form"}
    assert "default-src 'none'" in html and HOSTILE not in html
    charts = html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"')
    assert charts == 8
    twin = r"</svg>\s*<div class=\"table-region\"[^>]*>\s*<table>"  # the table in its region
    for svg in re.findall(r"<svg .*?" + twin, html, re.S):
        assert 'aria-labelledby="' in svg and "<desc " in svg
    assert html.count("<svg") == len(re.findall(twin, html))
    assert "OFFICIAL-SENSITIVE" in html
    assert os.stat(page).st_mode & 0o777 == 0o600


# --------------------------------------------------------------------------- Chromium


@pytest.fixture(scope="module")
def browser() -> str:
    path = chromium_path()
    require_tool(path is not None, "Debian's chromium")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def axe_js() -> str:
    return axe_script()


def _console(browser: str, page: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    with recording_proxy() as (port, seen):
        result = run_chromium(
            browser, page, tmp_path, port, "--enable-logging=stderr", "--v=0", "--dump-dom"
        )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return console, page_requests(list(seen))


_axe = axe_violations


CONTROL = (
    '<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'none'\"><title>control</title></head><body><main><h1>x</h1>"
    "<p style='color:red'>x</p><svg><rect width='9' height='9'/></svg>"
    "<table><tr><th></th></tr></table><script>console.error('boom')</script></main></body></html>"
)


@pytest.mark.slow
def test_control_page_shows_the_browser_checks_can_fail(
    browser: str, axe_js: str, tmp_path: Path
) -> None:
    control = tmp_path / "control.html"
    control.write_text(CONTROL)
    console, _ = _console(browser, control, tmp_path)
    assert console, "a blocked inline script and style must show as console errors"
    assert _axe(browser, control, axe_js, tmp_path), "axe-core must find the empty header"


@pytest.mark.slow
def test_dashboard_in_chromium_no_console_errors_no_requests_axe_clean(
    browser: str, axe_js: str, page: Path, tmp_path: Path
) -> None:
    console, requests = _console(browser, page, tmp_path)
    assert console == []
    assert requests == []
    assert _axe(browser, page, axe_js, tmp_path) == []
