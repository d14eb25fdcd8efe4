"""Issue 19.5 and 19.6: the change table's corner cell has text (axe-core
`empty-table-header`), and `score --format md|html` writes the summary `report` writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.axe_helpers import axe_script, axe_violations
from tests.conftest import Result
from tests.report_helpers import ROOT, chromium_path, parse_html, require_tool

Cli = Callable[..., Result]
EXAMPLE = ROOT / "examples" / "high-by-count.yaml"
OLDER = ROOT / "examples" / "medium.yaml"


def _without_dates(text: str) -> str:
    """The summary with its generation time taken out (the two runs are seconds apart)."""
    return "\n".join(line for line in text.splitlines() if "Generated" not in line)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_score_format_writes_the_report_summary(cli: Cli, fmt: str) -> None:
    scored = cli("score", EXAMPLE, "--format", fmt)
    reported = cli("report", EXAMPLE, "--format", fmt)
    assert scored.code == 0 and reported.code == 0, scored.err + reported.err
    assert _without_dates(scored.out) == _without_dates(reported.out)
    assert "Referral summary" in scored.out and "OFFICIAL-SENSITIVE" in scored.out


def test_score_format_table_is_the_terminal_summary(cli: Cli) -> None:
    plain = cli("score", EXAMPLE)
    table = cli("score", EXAMPLE, "--format", "table")
    assert plain.code == table.code == 0
    assert plain.out == table.out and "Referral summary" not in plain.out


def test_score_html_is_one_inert_page(cli: Cli) -> None:
    html = cli("score", EXAMPLE, "-f", "html").out
    tags = {tag for tag, _ in parse_html(html).tags}
    assert not tags & {"script", "img", "a", "iframe", "link"}
    assert "default-src 'none'" in html


def test_score_json_and_format_are_alternatives(cli: Cli) -> None:
    result = cli("score", EXAMPLE, "--json", "--format", "md")
    assert result.code == 2 and "--json and --format" in result.err
    assert result.out == ""
    assert json.loads(cli("score", EXAMPLE, "--json").out)["risk_level"]


def test_score_format_is_a_disclosure_in_the_audit_log(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / "audit.jsonl"
    monkeypatch.setenv("STALKSCREEN_AUDIT_LOG", str(log))
    cli("score", EXAMPLE, "-f", "md")
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["event"], e.get("destination")) for e in events] == [
        ("consultation", None),
        ("disclosure", "stdout"),
    ]
    assert events[1]["format"] == "md" and events[1]["command"] == "score"


def test_change_table_corner_cell_has_text(cli: Cli) -> None:
    md = cli("compare", OLDER, EXAMPLE, "--force", "-f", "md").out
    assert "| Measure | Before | Now |" in md
    html = cli("compare", OLDER, EXAMPLE, "--force", "-f", "html").out
    assert '<th scope="col"></th>' not in html
    assert '<th scope="col">Measure</th><th scope="col">Before</th>' in html


@pytest.mark.slow
def test_compare_html_has_no_empty_table_header_in_axe(cli: Cli, tmp_path: Path) -> None:
    browser = chromium_path()
    require_tool(browser is not None, "Debian's chromium")
    assert browser is not None
    axe = axe_script()
    page = tmp_path / "compare.html"
    page.write_text(cli("compare", OLDER, EXAMPLE, "--force", "-f", "html").out)
    found = {v["id"] for v in axe_violations(browser, page, axe, tmp_path)}
    assert "empty-table-header" not in found
    control = tmp_path / "control.html"
    control.write_text(page.read_text().replace(">Measure</th>", "></th>"))
    assert "empty-table-header" in {
        v["id"] for v in axe_violations(browser, control, axe, tmp_path)
    }
