"""Answer files with hostile free text in every field that takes it (issue 18's review):
plain data, so the same inputs can be rendered by any version of stalkscreen."""

from __future__ import annotations

import copy
from typing import Any

SECRET = "QZ-TYPED-7731"
"""Planted in every free-text field of the leak tests."""
TYPED = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "bidi \u202eevil\u202c \u2066iso\u2069 zero\u200bwidth \ufeffbom \u00adsoft",
    "{{ 7*7 }} {% if true %}JINJA{% endif %} ${7*7} %(x)s {0}",
    "&amp; &lt; &#60; </td></tr></table> <!-- c --> ]]>",
    "W" * 200 + " http://example.invalid/" + "a/" * 40,
    "tab\there <b>bold</b> \u2028ls \u00a0nbsp \U0001f600",
    "line1\nline2\r\n  # heading\n| a | b |\n- [x](javascript:alert(1))",
]
"""Hostile free text (what the answer files accept of it)."""


def typed(data: dict[str, Any], seed: int, plant: str = "") -> dict[str, Any]:
    """``data`` with free text in every field that takes it: on every other answer (the
    rest keep none, so they take the shared views), the case, the judgements."""
    d = copy.deepcopy(data)
    case = d.setdefault("case", {})
    case["practitioner"] = f"<b>PC</b> \"' & {{{{ 7*7 }}}} {plant}"
    case["agency"] = f"Agency <i>{plant}</i>"
    k = 0
    for items in (d.get("responses") or {}).values():
        for item, response in list(items.items()):
            k += 1
            given = response if isinstance(response, dict) else {"answer": response}
            if k % 2 == seed % 2:
                given["comment"] = TYPED[(k + seed) % len(TYPED)] + plant
                if k % 3 == 0:
                    given["source"] = f"<u>source</u> {plant}"
            elif "comment" in given:
                given["comment"] = TYPED[(k + seed + 1) % len(TYPED)] + plant
            for key, value in (given.get("details") or {}).items():
                text = isinstance(value, str) and value not in ("yes", "no", "unknown")
                if text and key != "type":  # (``type`` is a choice)
                    given["details"][key] = TYPED[k % len(TYPED)][:150] + plant
            items[item] = given
    judgement = d.get("professional_judgement")
    if judgement and judgement.get("rationale"):
        judgement["rationale"] = TYPED[seed % len(TYPED)] + plant
    for domain in (d.get("srp_domains") or {}).values():
        if isinstance(domain, dict) and domain.get("rationale"):
            domain["rationale"] = TYPED[(seed + 3) % len(TYPED)] + plant
    return d
