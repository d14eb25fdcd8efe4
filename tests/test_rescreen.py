"""Issue 7: compare, history (SVG level chart), incident logs (import, SC-LOG, weekly chart)."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.incidents import load_incident_log, per_week
from stalkscreen.reading import load_answers
from stalkscreen.report.charts import level_chart, weekly_chart
from stalkscreen.scoring import score
from tests.conftest import Result, dash_answers, make_answers, screening_data
from tests.report_helpers import (
    chromium_path,
    page_requests,
    parse_html,
    recording_proxy,
    require_tool,
    run_chromium,
)

Cli = Callable[..., Result]
SVG = "{http://www.w3.org/2000/svg}"
REF = "CR/7/0042"


def _write(path: Path, responses: dict[str, Any], **kw: Any) -> Path:
    path.write_text(yaml.safe_dump(screening_data(responses, reference=REF, **kw), sort_keys=False))
    return path


@pytest.fixture
def series(tmp_path: Path) -> Path:
    """Three screenings of one case: standard, then high (escalation), then medium."""
    folder = tmp_path / "case"
    folder.mkdir()
    _write(
        folder / "a-first.yaml",
        {"dash": dash_answers({2, 6})},
        case={"assessed_on": "2026-03-01", "incidents_last_12_months": 1},
    )
    high = dash_answers(set(range(1, 16)))
    _write(
        folder / "b-second.yaml",
        {"dash": high, "srp-red-flags": {"victim-fear": "yes"}},
        case={"assessed_on": "2026-06-01", "incidents_last_12_months": 4},
    )
    _write(
        folder / "c-third.yaml",
        {"dash": dash_answers(set(range(1, 11)))},
        case={"assessed_on": "2026-10-01", "incidents_last_12_months": 0},
    )
    (folder / "other-case.yaml").write_text(
        yaml.safe_dump(screening_data({"dash": dash_answers(set())}, reference="OTHER"))
    )
    (folder / "broken.yaml").write_text("format: [not, valid")
    return folder


def _svg(html: str) -> ET.Element:
    start = html.index("<svg")
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])


# compare -----------------------------------------------------------------------


def test_compare_escalation_lists_new_yes_items_flags_and_escalation(
    cli: Cli, series: Path
) -> None:
    result = cli("compare", series / "a-first.yaml", series / "b-second.yaml", "--format", "md")
    assert result.code == 0, result.err
    out = result.out
    # SC-JUDGE: the first is graded by its count alone; the second is raised by a red flag
    assert (
        "| Risk level | by count: STANDARD (not yet judged) | **High · incomplete** (escalated) |"
        in out
    )
    assert "**New potential escalation:**" in out
    assert "New red flags: victim-fear" in out
    assert "### Became yes" in out and "`dash.q15`" in out
    assert "| MARAC referral | no | **yes** |" in out


def test_compare_de_escalation(cli: Cli, series: Path) -> None:
    result = cli("compare", series / "b-second.yaml", series / "c-third.yaml")
    assert result.code == 0, result.err
    assert "High" in result.out
    assert "by count: MEDIUM (not yet judged) (de-escalated)" in result.out
    assert "Red flags cleared: victim-fear" in result.out
    assert "Became no" in result.out
    md = cli("compare", series / "b-second.yaml", series / "c-third.yaml", "-f", "md").out
    assert "Reasons no longer present: visible-high-risk, potential-escalation, srp-red-flag" in md


def test_compare_refuses_different_cases_unless_forced(cli: Cli, series: Path) -> None:
    refused = cli("compare", series / "a-first.yaml", series / "other-case.yaml")
    assert refused.code == 2
    assert "different cases" in refused.err and "--force" in refused.err
    forced = cli("compare", series / "a-first.yaml", series / "other-case.yaml", "--force")
    assert forced.code == 0 and "different-references" in forced.out


def test_compare_html_is_self_contained_and_inert(cli: Cli, tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    old = _write(tmp_path / "old.yaml", {"dash": dash_answers({1})})
    new_answers = dash_answers({1, 2})
    new_answers["q2"] = {"answer": "yes", "comment": hostile}
    new = _write(tmp_path / "new.yaml", {"dash": new_answers})
    out_file = tmp_path / "cmp.html"
    result = cli("compare", old, new, "-f", "html", "-o", out_file)
    assert result.code == 0, result.err
    assert stat.S_IMODE(os.stat(out_file).st_mode) == 0o600
    html = out_file.read_text()
    tags = {t for t, _ in parse_html(html).tags}
    assert not tags & {"script", "img", "a", "link", "iframe"}
    assert "default-src 'none'" in html


def test_report_previous_adds_the_change_section(cli: Cli, series: Path) -> None:
    plain = cli("report", series / "c-third.yaml")
    assert "Change since the last screening" not in plain.out
    result = cli("report", series / "c-third.yaml", "--previous", series / "b-second.yaml")
    assert result.code == 0, result.err
    assert "## Change since the last screening" in result.out
    assert "(de-escalated)" in result.out
    html = cli(
        "report", series / "c-third.yaml", "--previous", series / "b-second.yaml", "-f", "html"
    )
    assert 'id="h-change"' in html.out


# history -----------------------------------------------------------------------


def test_history_table_md_and_skips(cli: Cli, series: Path) -> None:
    result = cli("history", series, "--reference", REF)
    assert result.code == 0, result.err
    assert "1 file(s) could not be read" in result.err
    md = cli("history", series, "--reference", REF, "-f", "md").out
    rows = [line for line in md.splitlines() if line.startswith("| 2026-")]
    assert [r.split(" | ")[2] for r in rows] == [
        "**by count: STANDARD (not yet judged)**",
        "**High · incomplete**",  # five red flags were not asked
        "**by count: MEDIUM (not yet judged)**",
    ]
    assert [r.split(" | ")[3] for r in rows] == ["first", "escalated", "de-escalated"]
    assert "OTHER" not in md


def test_history_unknown_reference_is_invalid_input(cli: Cli, series: Path) -> None:
    result = cli("history", series, "--reference", "NOPE")
    assert result.code == 3 and "no answer file here has that case reference" in result.err


def test_history_html_embeds_an_accessible_svg_chart(cli: Cli, series: Path) -> None:
    html = cli("history", series, "--reference", REF, "-f", "html").out
    svg = _svg(html)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    points = svg.findall(f".//{SVG}circle[@class='point']")
    assert len(points) == 3
    ys = [float(p.get("cy", "0")) for p in points]
    assert ys[1] < ys[2] < ys[0]  # high is drawn highest, standard lowest
    labels = {t.text for t in svg.iter(f"{SVG}text")}
    assert {"standard", "medium", "high", "2026-03-01", "2026-06-01", "2026-10-01"} <= labels
    assert "<script" not in html


def test_level_chart_escapes_labels() -> None:
    svg = ET.fromstring(str(level_chart([("<b>x</b>", "high")])))
    assert "<b>x</b>" in {t.text for t in svg.iter(f"{SVG}text")}


# incident logs -----------------------------------------------------------------

CSV_LOG = """Date,Time,What happened,Where,Who saw it,How it felt,Evidence kept,Reported to police
01/11/2026,21:40,"Waited outside, then followed me",Home,Neighbour,Terrified,Doorbell video,yes
2026-11-03,,Twelve messages overnight,Phone,,Sick,Screenshots,no
2026-11-10,08:05,Left flowers at work,Work,Receptionist,Scared,Card kept,yes
2025-01-10,12:00,Old incident outside the window,Town,,,,yes
"""


def _log_file(tmp_path: Path, text: str = CSV_LOG, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_log_import_csv_attaches_and_keeps_file_private(
    cli: Cli, lib: Library, tmp_path: Path
) -> None:
    screening = _write(tmp_path / "s.yaml", {"dash": dash_answers({1})})
    result = cli("log", "import", _log_file(tmp_path), "--into", screening)
    assert result.code == 0, result.err
    assert "4 incident(s) attached" in result.err
    assert stat.S_IMODE(os.stat(screening).st_mode) == 0o600
    answers = load_answers(screening, lib.definitions)
    assert answers.incident_log is not None
    entries = answers.incident_log.entries
    assert entries[0].date == date(2025, 1, 10)  # sorted by date
    assert entries[1].time == "21:40" and entries[1].reported_to_police == "yes"
    again = cli("log", "import", _log_file(tmp_path), "--into", screening, "--reason", "update")
    assert "replaced the log" in again.err
    import json

    log = Path(os.environ["STALKSCREEN_AUDIT_LOG"]).read_text().splitlines()
    events = [json.loads(line) for line in log]
    assert [(e["event"], e["replaced"], e.get("reason")) for e in events] == [
        ("alteration", False, None),
        ("alteration", True, "update"),
    ]
    assert events[0]["file"] == str(screening.absolute()) and events[0]["incidents"] == 4
    assert "Twelve messages" not in "\n".join(log)  # no incident text in the log


def test_log_import_yaml(lib: Library, tmp_path: Path) -> None:
    text = (
        "format: stalkscreen/incident-log@1\nkept_by: victim\nentries:\n"
        "  - {date: 2026-11-01, time: '21:40', what: Followed me home, reported_to_police: yes}\n"
        "  - date: 2026-11-02\n    time: 9:30\n    what: Phoned my mother\n"
    )
    log = load_incident_log(_log_file(tmp_path, text, "log.yaml"))
    assert log.kept_by == "victim"
    assert [e.time for e in log.entries] == ["21:40", "09:30"]
    assert log.entries[0].reported_to_police == "yes"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "bad.csv",
            "date,what,colour\n2026-11-01,x,red\n",
            ["bad.csv:1: header, column 3: unknown column 'colour'"],
        ),
        (
            "bad.csv",
            "date,what\n2026-11-01,fine\n31/02/2026,bad day\n",
            ["bad.csv:3: row 3, date:", "not a real date"],
        ),
        ("bad.csv", "date,what,time\n2026-11-01,x,25:99\n", ["bad.csv:2: row 2, time:", "HH:MM"]),
        ("bad.csv", "date,time\n2026-11-01,10:00\n", ["bad.csv:1: header: no 'what' column"]),
        (
            "bad.csv",
            'date,what,reported\n2026-11-01,"multi\nline",maybe\n2026-11-02,x,perhaps\n',
            ["bad.csv:2: row 2, reported_to_police:", "bad.csv:4: row 3, reported_to_police:"],
        ),
        (
            "bad.yaml",
            "entries:\n  - date: 2026-11-01\n    what: x\n  - date: nope\n    wat: y\n",
            [
                "bad.yaml:4: entries[1].date",
                "bad.yaml:5: entries[1].wat: unknown key 'wat' — did you mean 'what'?",
            ],
        ),
        ("bad.yaml", "kept_by: me\n", ["bad.yaml:1: entries: expected a list of incidents"]),
    ],
)
def test_log_import_errors_are_located(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    with pytest.raises(InvalidInputError) as info:
        load_incident_log(_log_file(tmp_path, text, name))
    lines = "\n".join(info.value.lines())
    for part in expected:
        assert part in lines, lines


def test_log_import_error_exit_code_and_file_untouched(cli: Cli, tmp_path: Path) -> None:
    screening = _write(tmp_path / "s.yaml", {"dash": dash_answers({1})})
    before = screening.read_text()
    result = cli(
        "log", "import", _log_file(tmp_path, "date,what\nnot-a-date,x\n"), "--into", screening
    )
    assert result.code == 3 and "row 2, date" in result.err
    assert screening.read_text() == before


# SC-LOG ------------------------------------------------------------------------


def _with_log(lib: Library, tmp_path: Path, **case: Any) -> Any:
    log = load_incident_log(_log_file(tmp_path))
    answers = make_answers(lib, {"dash": dash_answers({1})}, case=case)
    return answers.model_copy(update={"incident_log": log})


def test_sc_log_only_police_reported_entries_fill_the_count(lib: Library, tmp_path: Path) -> None:
    answers = _with_log(lib, tmp_path)
    result = score(answers, lib, lib.profile("default").profile)
    assert result.incident_log is not None
    assert (result.incident_log.in_window, result.incident_log.reported_in_window) == (3, 2)
    assert result.incident_log.filled_incidents is True
    log_ev = [e for e in result.evidence if e.rule == "SC-LOG"]
    assert log_ev and "derived from the log" in log_ev[0].effect
    assert "potential-escalation" not in result.reasons  # 2 reported < 3
    assert "incident-log-pattern" in result.judgement_prompts  # 3 logged >= 3


def test_sc_log_reported_entries_can_trigger_sc_esc(lib: Library, tmp_path: Path) -> None:
    extra = CSV_LOG + "2026-11-12,09:00,Outside the school,School,Teacher,Afraid,,yes\n"
    log = load_incident_log(_log_file(tmp_path, extra))
    answers = make_answers(lib, {"dash": dash_answers({1})}).model_copy(
        update={"incident_log": log}
    )
    result = score(answers, lib, lib.profile("default").profile)
    assert "potential-escalation" in result.reasons
    rules = [e.rule for e in result.evidence]
    assert rules.index("SC-LOG") < rules.index("SC-ESC")


def test_sc_log_never_overrides_a_recorded_count(lib: Library, tmp_path: Path) -> None:
    answers = _with_log(lib, tmp_path, incidents_last_12_months=0)
    result = score(answers, lib, lib.profile("default").profile)
    assert result.incident_log is not None and result.incident_log.filled_incidents is False
    assert any(w.startswith("log-count-differs") for w in result.warnings)


def test_sc_log_unreported_log_leaves_the_count_unknown(lib: Library, tmp_path: Path) -> None:
    log = load_incident_log(
        _log_file(tmp_path, "date,what\n2026-11-01,a\n2026-11-02,b\n2026-11-03,c\n")
    )
    answers = make_answers(lib, {"dash": dash_answers({1})}).model_copy(
        update={"incident_log": log}
    )
    result = score(answers, lib, lib.profile("default").profile)
    assert result.incident_log is not None and result.incident_log.filled_incidents is False
    assert "potential-escalation" not in result.reasons
    assert "incident-log-pattern" in result.judgement_prompts


def test_weekly_chart_has_one_bar_per_week_including_gaps(lib: Library, tmp_path: Path) -> None:
    log = load_incident_log(
        _log_file(tmp_path, "date,what\n2026-11-02,a\n2026-11-04,b\n2026-11-18,c\n")
    )
    weeks = per_week(log.entries)
    assert [c for _, c in weeks] == [2, 0, 1]
    svg = ET.fromstring(str(weekly_chart(weeks)))
    bars = svg.findall(f".//{SVG}rect[@class='bar']")
    assert len(bars) == 3
    assert [float(b.get("height", "0")) for b in bars][1] == 0
    assert "week of 2026-11-02: 2 incidents" in {t.text for t in svg.iter(f"{SVG}title")}


def test_report_shows_the_log_as_a_timeline_with_a_chart(cli: Cli, tmp_path: Path) -> None:
    screening = _write(tmp_path / "s.yaml", {"dash": dash_answers({1})})
    cli("log", "import", _log_file(tmp_path), "--into", screening)
    md = cli("report", screening).out
    assert "## Incident log" in md and "| 2026-11-10 | 08:05 | Left flowers at work |" in md
    html = cli("report", screening, "-f", "html").out
    svg = _svg(html)
    assert len(svg.findall(f".//{SVG}rect[@class='bar']")) > 1


# Chromium ----------------------------------------------------------------------


@pytest.mark.slow
def test_history_and_log_charts_render_in_chromium(cli: Cli, series: Path, tmp_path: Path) -> None:
    browser = chromium_path()
    require_tool(browser is not None, "Debian's chromium")
    assert browser is not None
    screening = series / "c-third.yaml"  # assessed 2026-10-01: incidents before it (21.6)
    september = CSV_LOG.replace("/11/2026", "/09/2026").replace("2026-11-", "2026-09-")
    assert cli("log", "import", _log_file(tmp_path, september), "--into", screening).code == 0
    pages = {
        "history.html": cli("history", series, "--reference", REF, "-f", "html").out,
        "report.html": cli("report", screening, "-f", "html").out,
    }
    for name, html in pages.items():
        page = tmp_path / name
        page.write_text(html, encoding="utf-8")
        with recording_proxy() as (port, seen):
            result = run_chromium(browser, page, tmp_path, port, "--dump-dom")
        assert result.returncode == 0, result.stderr[-2000:]
        dom = result.stdout
        assert "<svg" in dom and 'role="img"' in dom, name
        assert page_requests(seen) == [], seen
        shot = tmp_path / f"{name}.png"
        with recording_proxy() as (port, _):
            run_chromium(
                browser, page, tmp_path, port, f"--screenshot={shot}", "--window-size=1000,1400"
            )
        assert shot.read_bytes().startswith(b"\x89PNG")


def test_compare_and_history_are_in_the_audit_log(cli: Cli, series: Path, tmp_path: Path) -> None:
    """Reading screenings is a consultation; writing the view out is a disclosure."""
    import json

    log = Path(os.environ["STALKSCREEN_AUDIT_LOG"])
    out = tmp_path / "change.md"
    first, second = series / "a-first.yaml", series / "b-second.yaml"
    assert cli("compare", first, second, "-f", "md", "-o", out, "--reason", "review").code == 0
    assert cli("history", series, "--reference", REF).code == 0  # a table: no disclosure
    assert cli("history", series, "--reference", REF, "-f", "md").code == 0
    events = [json.loads(line) for line in log.read_text().splitlines()]
    kinds = [(e["event"], e["command"]) for e in events]
    assert kinds == [
        ("consultation", "compare"),
        ("consultation", "compare"),
        ("disclosure", "compare"),
        ("consultation", "history"),
        ("consultation", "history"),
        ("disclosure", "history"),
    ]
    assert [e["file"] for e in events[:2]] == [str(first.absolute()), str(second.absolute())]
    assert events[2]["destination"] == str(out.absolute()) and events[2]["reason"] == "review"
    assert events[0]["reference"] == REF and events[0]["instruments"]
    assert events[3]["screenings"] >= 2 and events[5]["destination"] == "stdout"
    assert cli("compare", first, second, "--reason", "bad\x1b[31m").code == 2
