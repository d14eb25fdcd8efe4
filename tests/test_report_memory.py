"""A summary's objects are freed when its render returns (issue 18, fast summaries).

A template's macro closes over the render's context, which holds it: a reference cycle
that kept every summary's views alive until the garbage collector's next full pass.
``render_freeing`` empties the context after each render; these tests fail if a render
leaves anything only the collector could free.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from stalkscreen.report import render_report
from stalkscreen.scoring import score
from tests.report_helpers import EXAMPLES, FIXED_TIME


@pytest.fixture
def collector_saving_garbage() -> Iterator[list[object]]:
    """The collector off, with what it finds kept in ``gc.garbage`` instead of freed."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.garbage.clear()
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def render_each(library: Library, fmt: str, template_dirs: tuple[Path, ...] = ()) -> int:
    rendered = 0
    for path in EXAMPLES:
        answers = load_answers(path, library.definitions)
        profile = library.profile(answers.profile or "default").profile
        screening = score(answers, library, profile)
        text = render_report(
            answers,
            screening,
            library,
            profile,
            fmt,  # type: ignore[arg-type]
            generated_at=FIXED_TIME,
            template_dirs=template_dirs,
        )
        rendered += bool(text)
    return rendered


def free_garbage_so_far(saved: list[object]) -> None:
    """Free what is garbage now (a first render compiles templates and may push an older
    environment out of the cache) instead of keeping it for the check that follows."""
    gc.set_debug(0)
    saved.clear()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)


CALLING = (
    "{% macro local(label) %}{% call region(label) %}<table></table>{% endcall %}{% endmacro %}"
    '{% block case %}{{ local("Local") }}{% endblock %}'
)
"""A macro of the user's that calls another: it closes over the render's context, which
holds it. (The bundled templates' macros no longer call any: they make no such cycle.)"""


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_render_leaves_no_reference_cycle(
    lib: Library, fmt: str, collector_saving_garbage: list[object]
) -> None:
    render_each(lib, fmt)  # the first render of each template compiles it
    free_garbage_so_far(collector_saving_garbage)
    assert render_each(lib, fmt) == len(EXAMPLES)  # victim and probation summaries
    gc.collect()
    left = sorted({type(o).__name__ for o in collector_saving_garbage})
    assert collector_saving_garbage == [], f"a render left a cycle of: {left}"


def _calling_templates(folder: Path) -> tuple[Path, ...]:
    for name in ("summary", "probation"):
        extends = f'{{% extends "default/{name}.html.j2" %}}'
        (folder / f"{name}.html.j2").write_text(extends + CALLING, encoding="utf-8")
    return (folder,)


def test_a_user_template_calling_a_macro_leaves_no_reference_cycle(
    lib: Library, tmp_path: Path, collector_saving_garbage: list[object]
) -> None:
    dirs = _calling_templates(tmp_path)
    render_each(lib, "html", dirs)
    free_garbage_so_far(collector_saving_garbage)
    assert render_each(lib, "html", dirs) == len(EXAMPLES)
    gc.collect()
    assert collector_saving_garbage == []


def test_the_cycle_is_real_without_emptying_the_context(
    lib: Library,
    tmp_path: Path,
    collector_saving_garbage: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tests above can fail: a plain ``Template.render`` leaves the cycle."""
    from stalkscreen.report import render as render_module

    def plain(template: object, variables: dict[str, object]) -> str:
        return template.render(variables)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(render_module, "render_freeing", plain)
    dirs = _calling_templates(tmp_path)
    render_each(lib, "html", dirs)
    free_garbage_so_far(collector_saving_garbage)
    render_each(lib, "html", dirs)
    gc.collect()
    assert any(type(o).__name__ == "Macro" for o in collector_saving_garbage)


def test_the_examples_hold_a_probation_screening() -> None:
    """The probation summary's templates are rendered above too."""
    assert any("purpose: probation" in Path(p).read_text() for p in EXAMPLES)
