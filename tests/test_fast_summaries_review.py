"""Review of issue 18's fast summaries: what a run remembers between summaries (the shared
views of ``report/shared.py``, the remembered words) never changes what a summary says,
whatever came before it in the process (other languages, other libraries, a normal batch
before a pseudonymised one), and the collector is given back its objects however a
one-process batch ends.

The oracle for "the same output" is the same render with nothing remembered: the shared
views' store made forgetful and every remembered-words cache emptied before each render.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import stalkscreen
from stalkscreen import about
from stalkscreen.batch import Settings
from stalkscreen.batch import reports as batch_reports
from stalkscreen.batch.pool import results
from stalkscreen.batch.task import JSON_LINE, Task
from stalkscreen.definitions.library import Library
from stalkscreen.errors import StalkscreenError
from stalkscreen.report import context as context_module
from stalkscreen.report import effects, outcome, shared
from stalkscreen.report.context import build_context
from stalkscreen.report.render import render_named
from tests.conftest import Result, dash_answers, screening_data
from tests.report_helpers import EXAMPLES, FIXED_TIME, GOLDEN
from tests.typed_inputs import SECRET, typed

ROOT = Path(__file__).resolve().parent.parent


class _Forgetful(dict[Any, Any]):
    """A store of shared views that keeps nothing: every view is built afresh."""

    def __setitem__(self, key: Any, value: Any) -> None:
        return None


def _forget_words() -> None:
    for remembered in (
        outcome._plurals,
        effects._effect_words,
        context_module._time_words,
        about._level_name,
    ):
        remembered.cache_clear()


def _examples() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for seed, path in enumerate(sorted(EXAMPLES)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(path.stem, data), (f"{path.stem}~typed", typed(data, seed))]
    return found


def _worded(tmp: Path) -> Path:
    """A wording overlay folder: an instrument's items, every profile's MARAC route, advice."""
    folder = tmp / "wording"
    folder.mkdir()
    overlays = {
        "dash": {"instrument": "dash", "texts": {"items": {"q1": {"prompt": "LOCAL q1 <em>"}}}},
        "routes": {"profile": "*", "texts": {"routes": {"marac": {"name": "MARAC (local)"}}}},
        "advice": {"file": "advice", "texts": {"give": {"keep-a-dated": {"title": "LOCAL log"}}}},
    }
    for name, overlay in overlays.items():
        body = {"overlay": "stalkscreen/wording@2", "name": "Local words", **overlay}
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")
    return folder


def _own_dash(tmp: Path) -> Path:
    """A questionnaires folder whose DASH differs from the bundled one in one prompt."""
    folder = tmp / "questionnaires"
    folder.mkdir()
    dash = yaml.safe_load((ROOT / "questionnaires" / "dash.yaml").read_text(encoding="utf-8"))
    for item in dash["items"]:
        if item.get("id") == "q1":
            item["prompt"] = "OWN q1 prompt"
    (folder / "dash.yaml").write_text(yaml.safe_dump(dash, sort_keys=False), encoding="utf-8")
    return folder


def _user_templates(tmp: Path) -> Path:
    """User templates extending the bundled ones, overriding blocks that print shared views."""
    folder = tmp / "templates"
    folder.mkdir()
    (folder / "summary.html.j2").write_text(
        '{% extends "default/summary.html.j2" %}\n'
        "{% block outcome %}<section id=mine>{% for i in instruments %}"
        "{% for v in i.yes_items %}[{{ v.prompt }}|{{ v.comment }}|{{ v.answer_text }}]"
        "{% endfor %}{% endfor %}</section>{{ super() }}{% endblock %}\n"
        "{% block routes %}{% for r in routes %}<p>{{ r.name }}: {{ r.because|join(', ') }}</p>"
        "{% endfor %}{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    (folder / "summary.md.j2").write_text(
        '{% extends "default/summary.md.j2" %}\n'
        "{% block outcome %}MINE {% for i in instruments %}{% for v in i.yes_items %}"
        "{{ v.prompt }} / {{ v.comment }}; {% endfor %}{% endfor %}\n{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    return folder


Job = tuple[str, str, str, str, str]


def _render_all(
    inputs: list[tuple[str, dict[str, Any]]],
    libraries: dict[tuple[str, str], Library],
    templates: Path,
    before_each: Callable[[], None] = lambda: None,
) -> dict[Job, str]:
    """Every input, in every language and library, as each output, in one process: the
    languages and libraries alternate, so each render follows others' remembered views."""
    out: dict[Job, str] = {}
    for language in ("en", "cy", "en"):
        for library in ("bundled", "worded", "own", "bundled"):
            lib = libraries[(library, language)]
            for name, data in inputs:
                for form, fmt, dirs in (
                    ("summary", "html", ()),
                    ("summary", "md", ()),
                    ("summary", "json", ()),
                    ("marac", "html", ()),
                    ("marac", "md", ()),
                    ("summary", "html", (templates,)),
                    ("summary", "md", (templates,)),
                ):
                    job = (name, language, library, f"{form}.{fmt}", "user" if dirs else "")
                    before_each()
                    try:
                        text = stalkscreen.render_report(
                            data, lib, format=fmt, form=form, language=language, template_dirs=dirs
                        )  # type: ignore[call-overload]
                    except StalkscreenError as exc:
                        text = f"refused: {exc}"
                    assert out.setdefault(job, text) == text, f"{job} changed on a second render"
    return out


@pytest.fixture(scope="module")
def fixed_time() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:

        class Fixed(context_module.datetime):  # type: ignore[misc,name-defined]
            @classmethod
            def now(cls, tz: Any = None) -> Any:
                return FIXED_TIME

        patch.setattr(context_module, "datetime", Fixed)
        yield


def test_what_a_run_remembers_never_changes_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_time: None
) -> None:
    """Every example, plain and with hostile free text, as summary (HTML, Markdown, JSON,
    with user templates) and MARAC form, in English and Welsh, with the bundled library, a
    worded one and one with its own DASH, all in one process: byte for byte what the same
    render gives with nothing remembered."""
    wording, own, templates = _worded(tmp_path), _own_dash(tmp_path), _user_templates(tmp_path)
    libraries = {
        (name, code): load(code)
        for name, load in {
            "bundled": lambda code: stalkscreen.load_library(language=code),
            "worded": lambda code: stalkscreen.load_library(wording=[wording], language=code),
            "own": lambda code: stalkscreen.load_library([own], language=code),
        }.items()
        for code in ("en", "cy")
    }
    inputs = _examples()
    remembered = _render_all(inputs, libraries, templates)
    monkeypatch.setattr(shared, "_views", _Forgetful())
    fresh = _render_all(inputs, libraries, templates, before_each=_forget_words)
    assert remembered.keys() == fresh.keys()
    differ = [job for job in fresh if remembered[job] != fresh[job]]
    assert differ == []
    # the set-up really varies what is printed
    texts = "\n".join(fresh.values())
    for needle in ("LOCAL q1 &lt;em&gt;", "MARAC (local)", "LOCAL log", "OWN q1 prompt"):
        assert needle in texts
    assert "<section id=mine>" in texts and "&lt;script&gt;" in texts and "\\u202e" in texts
    assert sum(t.startswith("refused") for t in fresh.values()) < len(fresh) // 4


TYPED_GOLDEN = [
    ("high-by-count", "en", "summary", "html"),
    ("high-by-count", "cy", "summary", "html"),
    ("high-by-count", "en", "summary", "md"),
    ("high-by-count", "en", "marac", "html"),
    ("probation", "en", "summary", "html"),
    ("stalking-behaviours", "cy", "summary", "html"),
]


@pytest.mark.parametrize(("name", "language", "form", "fmt"), TYPED_GOLDEN)
def test_hostile_free_text_prints_as_it_did_before_issue_18(
    name: str, language: str, form: str, fmt: str, fixed_time: None
) -> None:
    """Free text in every field, inert and visible: the golden files were written by main
    at 8cf01d1 (before this session's speed work), so each byte is as it was then;
    STALKSCREEN_UPDATE_GOLDEN=1 rewrites them after a deliberate change."""
    data = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    out = stalkscreen.render_report(typed(data, 1), format=fmt, form=form, language=language)  # type: ignore[call-overload]
    path = GOLDEN / "typed" / f"{form}-{name}.{language}.{fmt}"
    if os.environ.get("STALKSCREEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), f"{path.name} changed: review the diff"
    assert "\\u202e" in out and "\u202e" not in out and "\u200b" not in out
    if fmt == "html":  # every tag typed is shown as text
        assert "<script" not in out and "<img" not in out and "&lt;script&gt;" in out


# --------------------------------------------------------------------------- batch leaks


def _batch_inputs(folder: Path) -> Path:
    """Every example with free text (and the secret) in it; first, one whose every answer
    has a comment naming it (``ONLY-IN-A``), with the same answers as a later example."""
    folder.mkdir()
    first = yaml.safe_load((ROOT / "examples" / "high-by-count.yaml").read_text(encoding="utf-8"))
    for items in first["responses"].values():
        for item, response in list(items.items()):
            answer = response["answer"] if isinstance(response, dict) else response
            items[item] = {"answer": answer, "comment": f"ONLY-IN-A {SECRET}"}
    (folder / "a-every-answer-typed.yaml").write_text(yaml.safe_dump(first), encoding="utf-8")
    for seed, path in enumerate(sorted(EXAMPLES)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (folder / f"{path.stem}.yaml").write_text(
            yaml.safe_dump(typed(data, seed, plant=SECRET), allow_unicode=True), encoding="utf-8"
        )
    return folder


def _summaries(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_pseudonymised_batch_after_normal_ones_in_one_process_keeps_no_free_text(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(  # every summary of every run stamped with the same time
        batch_reports,
        "build_context",
        lambda *a, **k: build_context(*a, **{**k, "generated_at": FIXED_TIME}),
    )
    inputs = _batch_inputs(tmp_path / "in")
    key = tmp_path / "key"
    key.write_text("a long random secret for the review test\n")
    pseudonymise = ("--pseudonymise", "--key-file", key)

    def batch(name: str, *options: object, language: str = "en") -> dict[str, str]:
        out = tmp_path / name
        r = cli(
            "batch",
            inputs,
            "--language",
            language,
            "--jobs",
            "1",
            "--reports-dir",
            out,
            "-o",
            tmp_path / f"{name}.csv",
            *options,
        )
        assert r.code in (0, 4), r.err  # (the one invalid example is reported, exit 4)
        found = _summaries(out)
        assert len(found) >= 13 and "ONLY-IN-A" not in "".join(list(found.values())[1:])
        return found

    def fresh(name: str, *options: object, language: str = "en") -> dict[str, str]:
        shared._views.clear()  # the run alone in its process
        return batch(name, *options, language=language)

    alone = {
        (fmt, code): fresh(
            f"alone-{fmt}-{code}", *pseudonymise, "--report-format", fmt, language=code
        )
        for fmt in ("md", "html")
        for code in ("en", "cy")
    }
    shared._views.clear()
    runs = [(fmt, code) for fmt in ("html", "md") for code in ("en", "cy")]
    normal = {
        (fmt, code): batch(f"n-{fmt}-{code}", "--report-format", fmt, language=code)
        for fmt, code in runs
    }
    assert all(SECRET in text for n in normal.values() for text in n.values())
    assert all("ONLY-IN-A" in next(iter(n.values())) for n in normal.values())
    for fmt, code in reversed(runs):  # each after all the normal ones and the others
        after = batch(f"p-{fmt}-{code}", *pseudonymise, "--report-format", fmt, language=code)
        assert after == alone[(fmt, code)]
        assert not any(SECRET in text for text in after.values())
    # and normal ones after pseudonymised ones still say all that was typed
    for fmt, code in runs:
        again = batch(f"n-again-{fmt}-{code}", "--report-format", fmt, language=code)
        assert again == normal[(fmt, code)]
    shared._views.clear()
    assert batch("n-alone", "--report-format", "html") == normal[("html", "en")]


# --------------------------------------------------------------------------- the collector


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _tasks(count: int, bad_at: int | None = None) -> list[Task]:
    line = json.dumps(screening_data({"dash": dash_answers({1})}))
    return [
        Task(JSON_LINE, "in.jsonl", n, "{not json" if n == bad_at else line)
        for n in range(1, count + 1)
    ]


class _Fails:
    """A renderer that raises ``error`` at the ``at``-th screening."""

    def __init__(self, at: int, error: BaseException) -> None:
        self.at, self.error, self.seen = at, error, 0

    def render(self, index: int, outcome: Any, scored: Any) -> None:
        self.seen += 1
        if self.seen == self.at:
            raise self.error


@pytest.mark.parametrize("fail_fast", [False, True])
def test_a_render_failure_midway_gives_the_collector_back_its_objects(
    nothing_frozen: None, fail_fast: bool
) -> None:
    stream = results(
        _tasks(200), Settings(), [_Fails(100, RuntimeError("bug"))], jobs=1, fail_fast=fail_fast
    )
    chunks = [next(stream)]  # the first chunk of 64
    assert gc.get_freeze_count() > 0
    chunks += list(stream)
    assert sum(c.summary.errors for c in chunks) == 1  # one error outcome, not an exception
    assert chunks[-1].summary.stopped_early == fail_fast
    assert gc.get_freeze_count() == 0


def test_an_interrupt_while_rendering_gives_the_collector_back_its_objects(
    nothing_frozen: None,
) -> None:
    stream = results(_tasks(200), Settings(), [_Fails(100, KeyboardInterrupt())], jobs=1)
    next(stream)
    assert gc.get_freeze_count() > 0
    with pytest.raises(KeyboardInterrupt):
        list(stream)
    assert gc.get_freeze_count() == 0


def test_an_interrupt_between_chunks_gives_the_collector_back_its_objects(
    nothing_frozen: None,
) -> None:
    def interrupted() -> None:
        for _ in results(_tasks(200), Settings(), [], jobs=1):
            assert gc.get_freeze_count() > 0
            raise KeyboardInterrupt  # (the generator is closed as the frame goes)

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert gc.get_freeze_count() == 0


def test_a_fail_fast_batch_gives_the_collector_back_its_objects(nothing_frozen: None) -> None:
    chunks = list(results(_tasks(200, bad_at=70), Settings(), [], jobs=1, fail_fast=True))
    assert chunks[-1].summary.stopped_early and sum(c.summary.screenings for c in chunks) < 200
    assert gc.get_freeze_count() == 0


# --------------------------------------------------------------------------- user templates


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("name", ["translation", "message", "singular", "n", "context"])
def test_a_user_templates_translation_may_name_its_values_anything(
    tmp_path: Path, fmt: str, name: str
) -> None:
    """``_("… %(translation)s", translation=x)`` rendered at 8cf01d1; folding the call into
    the ``format_translation`` filter made a value named ``translation`` collide with the
    filter's own parameter (a TypeError: "internal error", exit 1). The translating
    callables take the text positionally only, so any value name is the template's."""
    (tmp_path / f"t.{fmt}.j2").write_text(
        f'{{{{ _("Hi %({name})s", {name}=v) }}}}|{{{{ gettext("Yo %({name})s", {name}=v) }}}}|'
        f"{{% trans {name}=v %}}Hey {{{{ {name} }}}}{{% endtrans %}}|"
        f'{{{{ ngettext("one %({name})s", "%(num)d %({name})s", 2, {name}=v) }}}}|'
        f'{{{{ pgettext("ctx", "Ho %({name})s", {name}=v) }}}}',
        encoding="utf-8",
    )
    out = render_named(f"t.{fmt}.j2", {"v": "<x>"}, fmt, [tmp_path])  # type: ignore[arg-type]
    shown = "&lt;x&gt;" if fmt == "html" else "\\<x>"
    assert out == f"Hi {shown}|Yo {shown}|Hey {shown}|2 {shown}|Ho {shown}"


@pytest.mark.parametrize("name", ["_", "gettext"])
def test_a_user_template_that_defines_its_own_translation_macro_calls_it(
    tmp_path: Path, name: str
) -> None:
    """A template's own ``{% macro _(…) %}`` gives ``_`` another meaning, as ``{% set _ %}``
    does: its calls stay calls of that macro, with values (folded into the translation
    filter since issue 18's speed work) or without (folded since the fixed texts)."""
    (tmp_path / "t.html.j2").write_text(
        f'{{% macro {name}(text, x="") %}}[{{{{ text }}}}:{{{{ x }}}}]{{% endmacro %}}'
        f'{{{{ {name}("Outcome") }}}}|{{{{ {name}("Hi %(x)s", x=v) }}}}',
        encoding="utf-8",
    )
    out = render_named("t.html.j2", {"v": "<x>"}, "html", [tmp_path])
    assert out == "[Outcome:]|[Hi %(x)s:&lt;x&gt;]"
