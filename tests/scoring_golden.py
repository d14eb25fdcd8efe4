"""Varied screenings for the scoring equivalence golden (``tests/golden/scoring-equivalence``).

Run ``python -m tests.scoring_golden`` to rewrite the golden. It was written from
the scoring code *before* the compiled scoring plan, so the test in
``test_scoring_equivalence.py`` proves the optimised code gives the very same
results. Rewrite it only for a deliberate change of results, and review the diff.

The screenings are random with a fixed seed and cover every instrument (FOUR and
the SRP context included), partial and not-applicable answers, details
(``hbv_concern``, the type of stalking), case fields for SC-ESC and SC-REPEAT,
professional judgement, contexts, drafts, incident logs and all three bundled
profiles. Only inputs that the full validation path accepts are kept.
"""

from __future__ import annotations

import gzip
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent / "golden" / "scoring-equivalence.jsonl.gz"
PROFILES = ("default", "cambridgeshire", "escalation-5-3-hbv")
SEED = 20261121
COUNT = 3000

TYPES = ["rejected", "resentful", "intimacy-seeker", "incompetent-suitor", "predatory"]
HRF = [
    "threats",
    "approach",
    "history",
    "mental-health",
    "substance-use",
    "unavoidable-contact",
    "home-entry",
    "mounting-losses",
]
FLAGS = [
    "suicidal-ideation",
    "homicidal-ideation",
    "last-resort-thinking",
    "psychotic-symptoms",
    "psychopathy",
    "victim-fear",
]
FOUR = ["fixated", "obsessive", "unwanted", "repeated"]


def _answer(rng: random.Random, rate: float) -> Any:
    value = rng.choices(["yes", "no", "unknown"], [rate, 1 - rate, 0.08])[0]
    roll = rng.random()
    if roll < 0.04:
        return {"answer": value, "comment": "Said it happened again last week."}
    if roll < 0.06:
        return {"answer": value, "source": "police record"}
    if roll < 0.08:
        return {"Yes": "yes", "No": "no", "unknown": "dk"}.get(value.title(), value)
    return value


def _checklist(rng: random.Random, items: list[str], coverage: float) -> dict[str, Any]:
    rate = rng.choice([0.05, 0.2, 0.4, 0.6, 0.85, 1.0])
    return {i: _answer(rng, rate) for i in items if rng.random() < coverage}


def _with_detail(value: Any, details: dict[str, Any]) -> dict[str, Any]:
    base = value if isinstance(value, dict) else {"answer": value}
    return {**base, "details": details}


def _dash(rng: random.Random, n: int, coverage: float) -> dict[str, Any]:
    items = _checklist(rng, [f"q{i}" for i in range(1, n + 1)], coverage)
    if "q4" in items and rng.random() < 0.5:
        items["q4"] = _with_detail(
            "yes", {"hbv_concern": rng.choice(["yes", "no", "unknown", True])}
        )
    if "q1" in items and rng.random() < 0.2:
        items["q1"] = _with_detail("yes", {"first_injury": rng.choice(["yes", "no"])})
    if "q3" in items and rng.random() < 0.2:
        items["q3"] = _with_detail(
            "yes", {"feared_harm": ["being-killed"], "at_risk": ["self", "children"]}
        )
    return items


def _srp_context(rng: random.Random, coverage: float) -> dict[str, Any]:
    items = _checklist(rng, HRF, coverage)
    roll = rng.random()
    if roll < 0.55:
        items["stalking-type"] = _with_detail("yes", {"type": rng.choice(TYPES)})
    elif roll < 0.65:
        items["stalking-type"] = _with_detail("yes", {"type": [rng.choice(TYPES)]})
    elif roll < 0.75:
        items["stalking-type"] = "yes"
    elif roll < 0.9:
        items["stalking-type"] = rng.choice(["no", "unknown"])
    return items


def _log(rng: random.Random, assessed: date) -> dict[str, Any]:
    entries = []
    for _ in range(rng.randint(0, 9)):
        # at most a day after the assessment (issue 21.6); the same draws as before
        day = assessed - timedelta(days=max(rng.randint(-20, 500), -1))
        entry: dict[str, Any] = {"date": day.isoformat(), "what": "Waited outside the flat."}
        reported = rng.choice(["yes", "no", "unknown", None])
        if reported is not None:
            entry["reported_to_police"] = reported
        entries.append(entry)
    return {"format": "stalkscreen/incident-log@1", "entries": entries}


def screening(i: int, rng: random.Random) -> dict[str, Any]:
    """One varied screening as plain data (what an answer file holds)."""
    coverage = rng.choice([1.0, 1.0, 1.0, 0.9, 0.6, 0.2])
    responses: dict[str, Any] = {}
    kind = rng.random()
    if kind < 0.6:
        responses["dash"] = _dash(rng, 27, coverage)
    elif kind < 0.8:
        responses["dash-ric"] = _dash(rng, 24, coverage)
    elif kind < 0.85:
        responses["dash"] = _dash(rng, 27, coverage)
        responses["dash-ric"] = _dash(rng, 24, coverage)
    if rng.random() < 0.35:
        responses["s-dash"] = _checklist(rng, [f"q{n}" for n in range(1, 12)], coverage)
    if rng.random() < 0.35:
        responses["four"] = _checklist(rng, FOUR, coverage)
    if rng.random() < 0.3:
        responses["srp-context"] = _srp_context(rng, coverage)
    if rng.random() < 0.6:
        rate = rng.choice([0.0, 0.05, 0.3])
        responses["srp-red-flags"] = {
            f: rng.choices(["yes", "no", "unknown"], [rate, 1, 0.05])[0]
            for f in FLAGS
            if rng.random() < coverage + 0.1
        }
    if rng.random() < 0.03:
        responses[rng.choice(["dash", "four", "srp-context"])] = {}
    assessed = date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))
    case: dict[str, Any] = {"reference": f"GOLD/{i:05d}"}
    roll = rng.random()
    if roll < 0.8:
        case["assessed_on"] = assessed.isoformat()
    elif roll < 0.9:
        case["assessed_on"] = f"{assessed.isoformat()}T{rng.randint(0, 23):02d}:15:00"
    if rng.random() < 0.7:
        case["incidents_last_12_months"] = rng.choice([0, 1, 2, 3, 4, 5, 6, 9])
    if rng.random() < 0.4:
        case["crimes_last_12_months"] = rng.choice([0, 1, 2, 3, 4])
    if rng.random() < 0.3:
        case["last_marac_on"] = (assessed - timedelta(days=rng.randint(-40, 800))).isoformat()
    if rng.random() < 0.8:
        case["relationship"] = rng.choice(["partner", "ex-partner", "family", "stranger"])
    if rng.random() < 0.3:
        case["practitioner"] = "PC 4521 A. Example"
    data: dict[str, Any] = {"format": "stalkscreen/answers@1", "case": case}
    context: dict[str, Any] = {}
    if rng.random() < 0.8:
        context["children"] = rng.choice(["yes", "no", "no", True, False])
    if rng.random() < 0.2:
        context["s_dash"] = rng.choice(["declined", "accepted"])
    if rng.random() < 0.2:
        context["safe_to_talk"] = "yes"
    if context or rng.random() < 0.5:
        data["context"] = context
    data["responses"] = responses
    roll = rng.random()
    if roll < 0.2:
        level = rng.choice(["standard", "medium", "high", "high"])
        data["professional_judgement"] = {"level": level, "rationale": "Escalating threats."}
    elif roll < 0.25:
        data["professional_judgement"] = {"rationale": "Nothing to add."}
    if rng.random() < 0.15:
        data["status"] = "in-progress"
    elif rng.random() < 0.8:
        data["status"] = "completed"
    if rng.random() < 0.15:
        data["incident_log"] = _log(rng, assessed)
    if rng.random() < 0.3:
        data["profile"] = rng.choice(PROFILES)
    return data


def cases(count: int = COUNT) -> list[dict[str, Any]]:
    """The inputs with the profile each is scored under, valid by the full path."""
    from stalkscreen.definitions.library import load_library
    from stalkscreen.errors import InvalidInputError
    from stalkscreen.reading import answers_from_data
    from stalkscreen.source import Document

    lib = load_library()
    rng = random.Random(SEED)
    out: list[dict[str, Any]] = []
    i = 0
    while len(out) < count:
        data = screening(i, rng)
        i += 1
        doc = Document(path="<golden>", text="", data=data)
        try:
            answers_from_data(data, doc, lib.definitions, fast=False)
        except InvalidInputError:
            continue
        out.append({"profile": PROFILES[len(out) % len(PROFILES)], "input": data})
    return out


def record(case: dict[str, Any]) -> dict[str, Any]:
    """What the golden stores for one case: the contract and the full model dumps."""
    from stalkscreen.definitions.library import load_library
    from stalkscreen.reading import answers_from_data
    from stalkscreen.scoring import score
    from stalkscreen.source import Document

    lib = _LIB.get("lib") or _LIB.setdefault("lib", load_library())
    data = case["input"]
    doc = Document(path="<golden>", text="", data=data)
    answers = answers_from_data(data, doc, lib.definitions, fast=False)
    result = score(answers, lib, lib.profile(case["profile"]).profile)
    dump = result.model_dump(mode="json")
    unset = result.model_dump(mode="json", exclude_unset=True)
    out = {**case, "contract": result.contract(), "dump": dump}
    if unset != dump:
        out["dump_unset"] = unset
    return out


_LIB: dict[str, Any] = {}


def main() -> None:
    records = [record(c) for c in cases()]
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    GOLDEN.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(records)} screenings, {GOLDEN.stat().st_size / 1e6:.2f} MB -> {GOLDEN}")


if __name__ == "__main__":
    main()
