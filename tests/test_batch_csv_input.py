"""CSV input saved by Excel (issue 18): Windows encoding, references that look like numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HEADER = "reference,agency,relationship,dash.q1,dash.q1.comment,dash.q2\r\n"


def _excel_csv(tmp_path: Path) -> Path:
    """What Excel's plain 'CSV' writes on Windows: cp1252, CRLF, an accent in row 3."""
    path = tmp_path / "year.csv"
    text = (
        HEADER
        + "00123,Police,partner,yes,,no\r\n"
        + "R/2,Café Police,partner,yes,she said “enough”,no\r\n"
        + "R/3,Police,partner,no,,no\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    return path


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def test_a_windows_encoded_row_fails_alone_with_the_fix(cli: Any, tmp_path: Path) -> None:
    path = _excel_csv(tmp_path)
    r = cli("batch", path, "--format", "jsonl")
    assert r.code == 4
    records = _lines(r.out)
    assert [x["outcome"] for x in records] == ["ok", "invalid", "ok"]  # no valid row lost
    error = records[1]["error"]
    assert error.startswith(f"{path}:3: column agency:")
    assert "save the file as 'CSV UTF-8'" in error and "--encoding cp1252" in error


def test_encoding_cp1252_reads_every_row(cli: Any, tmp_path: Path) -> None:
    r = cli("batch", _excel_csv(tmp_path), "--format", "jsonl", "--encoding", "cp1252")
    assert r.code == 0, r.err
    records = _lines(r.out)
    assert [x["outcome"] for x in records] == ["ok", "ok", "ok"]
    assert records[1]["agency"] == "Café Police"


def test_a_header_that_is_not_utf8_names_the_fix(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes("reference,dash.q1,Catégorie\r\nR/1,yes,x\r\n".encode("cp1252"))
    r = cli("batch", path, "--format", "jsonl")
    assert r.code == 4
    (record,) = _lines(r.out)
    assert record["error"].startswith(f"{path}:1: the header is not valid UTF-8")


def test_an_unknown_encoding_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    r = cli("batch", _excel_csv(tmp_path), "--encoding", "klingon")
    assert r.code == 2 and "--encoding" in r.err


def test_references_that_look_like_numbers_stay_text(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("reference,dash.q1\n00123,yes\n1.50E+03,no\n0044,yes\n")
    r = cli("batch", path, "--format", "jsonl")
    assert r.code == 0, r.err
    assert [x["reference"] for x in _lines(r.out)] == ["00123", "1.50E+03", "0044"]
    out = tmp_path / "n-out.csv"
    assert cli("batch", path, "-o", out).code == 0
    assert ",00123," in out.read_text()
