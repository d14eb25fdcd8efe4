"""Issue 16: compare, history and batch (CSV input, pseudonymised reports) read probation
screenings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "probation.yaml"


def _later(tmp_path: Path, **domains: str) -> Path:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text())
    data["case"]["assessed_on"] = "2026-12-10"
    for domain, level in domains.items():
        data["srp_domains"][domain] = {"level": level, "rationale": "Reviewed at supervision"}
    path = tmp_path / "later.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_compare_shows_each_srp_domain_before_and_now(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    later = _later(tmp_path, violence="moderate")
    table = cli("compare", EXAMPLE, later)
    assert table.code == 0, table.err
    assert "SRP violence" in table.out and "moderate" in table.out
    md = cli("compare", EXAMPLE, later, "--format", "md")
    assert "| SRP violence | high | **moderate** |" in md.out
    assert "| SRP recurrence | moderate | **moderate** |" in md.out
    html = cli("compare", EXAMPLE, later, "--format", "html")
    assert "SRP psychosocial-damage" in html.out


def test_compare_notes_a_victim_and_a_probation_screening_of_one_case(
    cli: Callable[..., Result], tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    victim = write_answers({"dash": {"q1": "yes"}}, reference="PRB/2026/0231")
    md = cli("compare", victim, EXAMPLE, "--format", "md")
    assert md.code == 0, md.err
    assert "different-purposes" in md.out
    assert "| SRP violence | not rated | **high** |" in md.out


def test_history_adds_the_domains_of_probation_screenings(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.yaml").write_text(EXAMPLE.read_text())
    _later(folder, persistence="moderate")
    table = cli("history", folder, "--reference", "PRB/2026/0231")
    assert table.code == 0, table.err
    assert "SRP domains" in table.out and "persistence moderate" in table.out
    md = cli("history", folder, "--reference", "PRB/2026/0231", "--format", "md")
    assert "SRP violence high" in md.out


def test_batch_csv_takes_purpose_and_srp_domain_columns(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    csv = tmp_path / "in.csv"
    csv.write_text(
        "reference,purpose,srp-red-flags.suicidal-ideation,srp.violence,srp.violence.rationale,"
        "srp.persistence\n"
        "P1,probation,yes,high,Threats at supervision,low\n"
        "P2,probation,no,high,,low\n"
    )
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.txt"
    result = cli("batch", csv, "-o", out, "--errors", errors)
    assert result.code == 4  # P2: a domain judged high needs a rationale
    first, second = (json.loads(line) for line in out.read_text().splitlines())
    assert first["purpose"] == "probation" and first["srp_domains"] == {
        "violence": "high",
        "persistence": "low",
    }
    assert first["urgent"] is True and "Threats" not in out.read_text()
    assert second["outcome"] == "invalid" and "srp.violence" in second["error"]
    assert "Traceback" not in result.err


def test_pseudonymised_batch_report_of_a_probation_screening_keeps_no_free_text(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    reports = tmp_path / "reports"
    result = cli(
        "batch",
        EXAMPLE,
        "-o",
        tmp_path / "out.csv",
        "--pseudonymise",
        "--key-file",
        key,
        "--reports-dir",
        reports,
    )
    assert result.code == 0, result.err
    (report,) = reports.iterdir()
    text = report.read_text()
    assert "# Probation stalking screening: ps-" in text
    assert "Risk of violence: high." in text and "withheld" in text
    assert "hostel" not in text and "Two years fixed" not in text and "Wants" not in text
