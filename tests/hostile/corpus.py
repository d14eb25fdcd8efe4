"""The hostile-input corpus: generated, so nothing large or binary is committed.

Each case is (name, file name, bytes). ``SECRET`` is planted in free text
(comments, sources, rationale, references, YAML comments) so tests can prove
it never reaches an error message.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

PROBATION = Path(__file__).parent.parent.parent / "examples" / "probation.yaml"
SECRET = "QZ-HOSTILE-SECRET-5519"
TOKEN = "x" * 45 + SECRET
"""In places where an error may quote a short token (40 characters), the secret comes later."""

BASE: dict[str, object] = {
    "format": "stalkscreen/answers@1",
    "case": {"reference": "T/H/1", "assessed_on": "2026-11-20"},
    "context": {"children": "no"},
    "responses": {"dash": {f"q{i}": "no" for i in range(1, 28)}},
    "status": "completed",
}

INJECTIONS = [
    "<script>alert('SECRET')</script>",
    "<img src=x onerror=alert(1)> SECRET",
    "[click](javascript:alert('SECRET'))",
    "# SECRET heading\n| a | b |\n|---|---|\n| x | y |",
    "![img](http://example.invalid/SECRET.png)",
    "{{ 7*7 }} {% raw %}SECRET{% endraw %}",
    '=HYPERLINK("http://example.invalid","SECRET")',
    "+SUM(1+1) SECRET",
    "-2+3 SECRET",
    "@cmd SECRET",
    "SECRET`code` **bold** _em_ <!-- -->",
    "\x1b[2J\x1b[31mSECRET\x1b]0;title\x07",
    "SECRET\x1b[?1049h",
    "SECRET\u202e\u200b",
    # every kind of invisible format character (issue 21.7): shown escaped, never as is
    "\u2066SECRET\u2069 \u2067\u2068\u202a\u202b\u202c\u202d\u200e\u200f\u061c "
    "\u200c\u200d\u2060\ufeff\u00ad\U000e0001",
]
UNSEEN = "\u202e\u2066\u200b\ufeff"
"""Invisible format characters a report or terminal must show escaped (issue 21.7)."""


def _with(**changes: object) -> dict[str, object]:
    data: dict[str, object] = json.loads(json.dumps(BASE))
    for path, value in changes.items():
        node: dict[str, Any] = data
        keys = path.split("__")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
    return data


def _yaml(data: object) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def cases() -> Iterator[tuple[str, str, bytes]]:
    """Every hostile answer file (the 100 MB file is made by the test itself)."""
    s = SECRET
    yield "python-object-tag", "a.yaml", f"x: !!python/object/apply:os.system ['{s}']\n".encode()
    yield "python-name-tag", "a.yaml", f"format: !!python/name:os.system\nr: {s}\n".encode()
    yield "custom-tag", "a.yaml", f"case: !Secret {{reference: {s}}}\n".encode()
    bomb = "a: &a [" + ",".join(["x"] * 10) + "]\n"
    for i in range(1, 10):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    yield "alias-bomb", "a.yaml", bomb.encode()
    yield "alias-bomb-json-suffix", "a.json", bomb.encode()
    yield "deep-yaml", "a.yaml", ("[" * 5000 + "]" * 5000).encode()
    yield "deep-yaml-map", "a.yaml", ("{a: " * 3000 + "1" + "}" * 3000).encode()
    yield "deep-json", "a.json", ("[" * 100_000 + "]" * 100_000).encode()
    nested: object = 1
    for _ in range(40):
        nested = [nested]
    yield "deep-40-levels", "a.yaml", _yaml(_with(meta={"x": nested}))
    yield "binary", "a.yaml", bytes(range(256)) * 64
    yield "png-header", "a.yaml", b"\x89PNG\r\n\x1a\n" + s.encode() + b"\x00" * 100
    yield "invalid-utf8", "a.yaml", _yaml(_with(case__practitioner=s)) + b"\xff\xfe\xc3\x28"
    yield "utf16", "a.yaml", _yaml(BASE).decode().encode("utf-16")
    yield (
        "latin1-comment",
        "a.yaml",
        _yaml(_with(case__agency="x")).replace(b"x", "caf\xe9".encode("latin-1")),
    )
    yield "huge-comment-1mb", "a.yaml", b"# " + (s * 60_000).encode() + b"\n" + _yaml(BASE)
    yield (
        "huge-comment-field",
        "a.yaml",
        _yaml(_with(responses__dash__q1={"answer": "yes", "comment": s * 2000})),
    )
    yield "just-over-limit", "a.yaml", b"#" + b"x" * (5 * 1024 * 1024) + b"\n"
    yield "empty", "a.yaml", b""
    yield "only-comment", "a.yaml", f"# {s}\n".encode()
    yield "top-level-list", "a.yaml", f"- {s}\n".encode()
    yield "top-level-scalar", "a.json", json.dumps(s).encode()
    yield (
        "nul-in-text",
        "a.yaml",
        _yaml(_with(case__reference="T/1")).replace(b"T/1", b"T\x00" + s.encode()),
    )
    yield "bad-answer-secret", "a.yaml", _yaml(_with(responses__dash__q3=TOKEN))
    yield "bad-item-secret", "a.yaml", _yaml(_with(**{f"responses__dash__{TOKEN}": "yes"}))
    yield "bad-instrument-secret", "a.yaml", _yaml(_with(**{f"responses__{TOKEN}": {"q1": "yes"}}))
    yield "bad-date-secret", "a.yaml", _yaml(_with(case__assessed_on=TOKEN))
    yield "bad-relationship", "a.yaml", _yaml(_with(case__relationship=TOKEN))
    yield (
        "bad-level",
        "a.yaml",
        _yaml(_with(professional_judgement={"level": TOKEN, "rationale": s})),
    )
    yield "bad-count", "a.yaml", _yaml(_with(case__incidents_last_12_months=TOKEN))
    yield "negative-count", "a.yaml", _yaml(_with(case__incidents_last_12_months=-5))
    yield (
        "huge-int",
        "a.yaml",
        b"case: {reference: x, incidents_last_12_months: " + b"9" * 5000 + b"}\n",
    )
    yield "traversal-ref", "a.yaml", _yaml(_with(case__reference="../../../etc/passwd"))
    yield "traversal-ref-abs", "a.yaml", _yaml(_with(case__reference="/tmp/" + TOKEN))
    yield "ref-too-long", "a.yaml", _yaml(_with(case__reference=TOKEN * 3))
    yield "ref-control", "a.yaml", _yaml(_with(case__reference="T\x1b[31m" + TOKEN))
    yield "ref-newline", "a.yaml", _yaml(_with(case__reference="T\n" + TOKEN))
    yield "extra-key", "a.yaml", _yaml(_with(**{TOKEN: 1}))
    yield "unknown-format", "a.yaml", _yaml(_with(format=TOKEN))
    yield "duplicate-keys", "a.yaml", b"format: stalkscreen/answers@1\nformat: x\n" + _yaml(BASE)
    yield "yaml-merge-key", "a.yaml", b"<<: {a: 1}\n" + _yaml(BASE)
    yield "float-nan", "a.yaml", _yaml(_with(case__crimes_last_12_months=float("nan")))
    yield "json-nan", "a.json", json.dumps(_with()).replace('"no"', "NaN", 1).encode()
    yield "json-bad", "a.json", b'{"format": "stalkscreen/answers@1", ' + s.encode()
    yield "yaml-bad", "a.yaml", f"case: [{s}\n  : : :\n".encode()
    yield "bom-then-garbage", "a.yaml", b"\xef\xbb\xbf\xef\xbb\xbf" + _yaml(BASE)
    yield from _issue_21_cases()
    for index, text in enumerate(INJECTIONS):
        t = text.replace("SECRET", s)
        pj = {"level": "high", "rationale": t}
        resp = {"answer": "yes", "comment": t, "source": t.replace("\n", " ")}
        yield (
            f"inject-{index}-comment",
            "a.yaml",
            _yaml(_with(responses__dash__q1=resp, professional_judgement=pj)),
        )
        yield (
            f"inject-{index}-names",
            "a.yaml",
            _yaml(_with(case__practitioner=t, case__agency=t, case__reference=t[:64])),
        )
        yield (
            f"inject-{index}-context",
            "a.json",
            json.dumps(_with(context={"safe_contact": t})).encode(),
        )


def _issue_21_cases() -> Iterator[tuple[str, str, bytes]]:
    """Issue 21: tags on values that do not fit, extreme dates, text YAML reads as numbers,
    damaged sealed files (each once was an internal error or altered text)."""
    s = SECRET
    base = _yaml(_with(responses__dash__q2={"answer": "yes", "comment": s}))
    yield "tag-bool-maybe", "a.yaml", base.replace(b"q1: 'no'", b"q1: !!bool maybe")
    yield "tag-timestamp-junk", "a.yaml", base.replace(b"'2026-11-20'", b"!!timestamp x")
    for tag in ("int", "float"):
        yield f"tag-{tag}-empty", "a.yaml", base + f"profile: !!{tag}\n".encode()
    for day in ("0001-01-01", "9999-12-31"):
        yield f"date-{day}-assessed", "a.yaml", _yaml(_with(case__assessed_on=day))
        yield f"date-{day}-marac", "a.yaml", _yaml(_with(case__last_marac_on=day))
        yield f"date-{day}-meta", "a.yaml", _yaml(_with(meta={"updated_at": day + "T00:00:00"}))
        log: dict[str, object] = {
            "entries": [{"date": day, "what": s, "reported_to_police": "yes"}]
        }
        yield f"date-{day}-incident", "a.yaml", _yaml(_with(incident_log=log))
    for written in ("01234567", "12:30:45", "0x1F"):
        yield f"ref-{written}", "a.yaml", base.replace(b"T/H/1", written.encode())
    count = _yaml(_with(case__incidents_last_12_months=5)).replace(b": 5", b": yes")
    yield "count-yes", "a.yaml", count
    yield "ref-bidi-zero-width", "a.yaml", _yaml(_with(case__reference="T/1\u202e\u200b2"))
    yield "names-bidi", "a.yaml", _yaml(_with(case__practitioner="A\u2066" + s))
    text = f"{s} {UNSEEN}\nsecond line{UNSEEN}"
    line = f"{s} {UNSEEN}"
    entry = {"date": "2026-11-01", "what": text, "where": line, "how_it_felt": text}
    log = {"kept_by": s + UNSEEN, "entries": [entry]}
    yield "incident-text-bidi", "a.yaml", _yaml(_with(incident_log=log))
    probation = yaml.safe_load(PROBATION.read_text())
    probation["srp_domains"]["violence"] = {"level": "high", "rationale": text}
    yield "srp-rationale-bidi", "a.yaml", _yaml(probation)
    for gate in ("safe_contact", "safe_to_talk"):
        yield f"safety-bidi-{gate}", "a.yaml", _yaml(_with(context={gate: "yes" + UNSEEN}))
    magic = b"STALKSCREEN-SEALED-1\n"
    yield "sealed-bracket-header", "a.yaml", magic + b"[" * 60_000 + b"\nAAAA\n"
    stanza = {"type": "scrypt", "salt": "A" * 22, "nonce": "A" * 16, "key": "AAAA"}
    for name, n, r, p in (("openssl-refuses", 2**16, 1, 1), ("too-much-work", 2**20, 1, 4)):
        header = json.dumps({"stanzas": [{**stanza, "n": n, "r": r, "p": p}] * 3}).encode()
        yield f"sealed-scrypt-{name}", "a.yaml", magic + header + b"\n" + b"A" * 76 + b"\n"
    header = json.dumps({"stanzas": [{**stanza, "n": 2**17, "r": 8, "p": 1}]}).encode()
    yield (
        "sealed-junk-after-body",
        "a.yaml",
        magic + header + b"\n" + b"A" * 76 + b"\n# " + s.encode() + b"\n",
    )


def jsonl_cases() -> Iterator[tuple[str, str, bytes]]:
    """JSON Lines and CSV files for batch (formula injection, broken rows)."""
    s = SECRET
    line = json.dumps(BASE)
    yield (
        "jsonl-mixed",
        "a.jsonl",
        "\n".join([line, "{not json " + s, "[]", "\x00" + s, line]).encode(),
    )
    yield "jsonl-invalid-utf8", "a.jsonl", line.encode() + b"\n\xff\xfe" + s.encode() + b"\n"
    header = "reference,assessed_on,dash.q1,dash.q1.comment,pj.level,pj.rationale\n"
    rows = [
        f'=HYPERLINK("http://x";"{s}"),2026-01-01,yes,=1+1 {s},high,+{s}',
        f"@SUM(A1),2026-01-01,yes,-{s},,",
        f"\t{s},2026-01-01,maybe {TOKEN},x,,",
        f'"unterminated {s}',
    ]
    yield "csv-formula", "a.csv", (header + "\n".join(rows) + "\n").encode()
    yield "csv-binary", "a.csv", b"reference\n\x00\x01" + s.encode()
    yield "csv-huge-field", "a.csv", (header + "x," * 2 + s * 100_000 + "\n").encode()
