"""The published JSON Schemas (`stalkscreen schema NAME`, committed under `schemas/`)."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_NAMES = ("answers", "questionnaire", "profile", "overlay", "incident-log", "batch-record")


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (one of :data:`SCHEMA_NAMES`)."""
    from pydantic import BaseModel

    if name == "batch-record":
        from stalkscreen.batch.dictionary import record_schema

        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"stalkscreen/{name}.schema.json",
            **record_schema(),
        }

    from stalkscreen.answers import AnswerSet
    from stalkscreen.definitions.models import Questionnaire
    from stalkscreen.definitions.profiles import Profile
    from stalkscreen.incidents import IncidentLog

    if name == "overlay":  # wording@1, wording@2 and a language's language.yaml
        from pydantic import TypeAdapter

        from stalkscreen.definitions.overlays import Overlay

        body = TypeAdapter(Overlay).json_schema()
        body["description"] = (
            "A wording overlay: new words for an instrument, area profile, the rule prompts, "
            "an advice file or `about`, by id (stalkscreen/wording@1 or @2), or a language's "
            "metadata (stalkscreen/language@1). Scoring is never changed."
        )
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"stalkscreen/{name}.schema.json",
            **body,
        }

    models: dict[str, type[BaseModel]] = {
        "answers": AnswerSet,
        "questionnaire": Questionnaire,
        "profile": Profile,
        "incident-log": IncidentLog,
    }
    body = models[name].model_json_schema()
    if name == "answers":
        _accept_bare_answers(body)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"stalkscreen/{name}.schema.json",
        **body,
    }


def schema_text(name: str) -> str:
    """The schema as the JSON text committed under ``schemas/``."""
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _accept_bare_answers(body: dict[str, Any]) -> None:
    """Answer files may give an item as a bare value (`q1: yes`) or a mapping."""
    from stalkscreen.vocabulary import ANSWER_SPELLINGS

    defs = body.setdefault("$defs", {})
    defs["AnswerValue"] = {
        "description": "yes, no or unknown; also YAML booleans and these spellings, "
        "matched case-insensitively.",
        "anyOf": [{"type": "boolean"}, {"type": "string", "enum": sorted(ANSWER_SPELLINGS)}],
    }
    response = defs["Response"]
    response["properties"]["answer"] = {"$ref": "#/$defs/AnswerValue"}
    body["properties"]["responses"]["additionalProperties"]["additionalProperties"] = {
        "anyOf": [{"$ref": "#/$defs/AnswerValue"}, {"$ref": "#/$defs/Response"}]
    }
