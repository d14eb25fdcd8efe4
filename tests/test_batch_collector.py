"""The garbage collector in a batch (issue 18, fast summaries): what exists when the
batch starts (the library, the pipeline) is frozen out of the collector's passes for
the batch in one process, and given back to it afterwards."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from typing import Any

import pytest

from stalkscreen.batch import Settings
from stalkscreen.batch.pool import results
from stalkscreen.batch.task import JSON_LINE, Task

from .conftest import dash_answers, screening_data


class _SeesFrozen:
    """A renderer recording how many objects were frozen as each screening was rendered."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def render(self, index: int, outcome: Any, scored: Any) -> None:
        self.seen.append(gc.get_freeze_count())


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _tasks(count: int) -> list[Task]:
    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    return [Task(JSON_LINE, "in.jsonl", n, line) for n in range(1, count + 1)]


def test_a_batch_in_one_process_freezes_what_exists_then_unfreezes_it(
    nothing_frozen: None,
) -> None:
    renderer = _SeesFrozen()
    chunks = list(results(_tasks(100), Settings(), [renderer], jobs=1))
    assert sum(c.summary.scored for c in chunks) == 100
    assert len(renderer.seen) == 100 and min(renderer.seen) > 1000  # the library at least
    assert gc.get_freeze_count() == 0


def test_a_batch_stopped_early_unfreezes_too(nothing_frozen: None) -> None:
    stream = results(_tasks(200), Settings(), [_SeesFrozen()], jobs=1)
    next(stream)
    assert gc.get_freeze_count() > 0
    stream.close()  # type: ignore[attr-defined]
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_as_it_was(nothing_frozen: None) -> None:
    gc.freeze()
    before = gc.get_freeze_count()
    list(results(_tasks(10), Settings(), [_SeesFrozen()], jobs=1))
    assert gc.get_freeze_count() == before
