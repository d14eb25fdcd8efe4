"""Writing a screening: its plain-data form, YAML or JSON text, and the file itself."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stalkscreen.answers import AnswerSet, Meta
from stalkscreen.catalogue import Files
from stalkscreen.errors import InvalidInputError
from stalkscreen.sealing import seal_for_storage
from stalkscreen.source import MAX_FILE_BYTES
from stalkscreen.storage import write_atomic


def answers_to_data(answers: AnswerSet) -> dict[str, Any]:
    """The plain-data form written to disk: bare answers where nothing else is recorded."""
    data = answers.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    compact: dict[str, Any] = {}
    for inst_id, items in data.get("responses", {}).items():
        compact[inst_id] = {
            item_id: (value["answer"] if set(value) == {"answer"} else value)
            for item_id, value in items.items()
        }
    data["responses"] = compact
    if data.get("purpose") == "victim":  # the default: files stay as they were before it
        del data["purpose"]
    if not data.get("context"):
        data.pop("context", None)
    return data


def dump_answers(answers: AnswerSet, *, fmt: str = "yaml") -> str:
    """Serialise a screening as YAML (the default) or JSON."""
    data = answers_to_data(answers)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def save_answers(answers: AnswerSet, path: Path) -> None:
    """Write a screening atomically, mode 0600, as YAML or JSON by the file's suffix.

    When this process seals files (see :mod:`stalkscreen.sealing`) the text is
    encrypted in memory first: no plaintext reaches the disk.
    """
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    data = dump_answers(answers, fmt=fmt).encode("utf-8")
    write_atomic(path, seal_for_storage(data, str(path)))


def stamp_meta(
    answers: AnswerSet, instruments: dict[str, str], wording: dict[str, str], *, tool: str
) -> AnswerSet:
    """A copy of ``answers`` with ``meta`` recording definitions used and the time."""
    now = datetime.now(UTC).replace(microsecond=0)
    old = answers.meta or Meta()
    meta = Meta(
        instruments={k: v for k, v in instruments.items() if k in answers.responses},
        wording={k: v for k, v in wording.items() if k in answers.responses},
        created_at=old.created_at or now,
        updated_at=now,
        cursor=old.cursor,
        tool=tool,
    )
    return answers.model_copy(update={"meta": meta})


def check_size(answers: AnswerSet, into: Path) -> None:
    """Refuse (exit 3) to write a screening larger than every reader accepts (5 MiB), so a
    log import never makes a file that no command can read back."""
    fmt = "json" if into.suffix.lower() == ".json" else "yaml"
    # sealed, as it will be written (base64 adds a third)
    size = len(seal_for_storage(dump_answers(answers, fmt=fmt).encode("utf-8"), str(into)))
    if size > MAX_FILE_BYTES:
        raise InvalidInputError.of(
            Files.SCREENING_TOO_LARGE, into, size=size / 2**20, limit=MAX_FILE_BYTES // 2**20
        )
