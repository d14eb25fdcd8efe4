"""Languages (issue 20): the gettext machinery, the catalogues, choosing the language,
``lang``/``/Lang``, the draft status, and bilingual summaries."""

from __future__ import annotations

import gettext
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import hatch_build
import pytest
from babel.messages.pofile import read_po

from stalkscreen import i18n, translation
from stalkscreen.errors import UsageError

from .conftest import Result

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
POT = LOCALE / "stalkscreen.pot"
EXAMPLE = ROOT / "examples" / "high-by-count.yaml"


def _keys(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalogue if m.id}


def _extract(tmp_path: Path) -> Path:
    """The template babel.cfg gives today (the command in babel.cfg, run in-process)."""
    from babel.messages.frontend import CommandLineInterface

    out = tmp_path / "fresh.pot"
    args = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(out), "."]
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(args)
    finally:
        os.chdir(here)
    return out


def test_the_committed_template_is_what_the_code_marks(tmp_path: Path) -> None:
    """Every marked message is in locale/stalkscreen.pot, and nothing else: run the
    pybabel extract command in babel.cfg when this fails."""
    fresh = _keys(_extract(tmp_path))
    committed = _keys(POT)
    assert fresh - committed == set(), "marked but not in the .pot: run pybabel extract"
    assert committed - fresh == set(), "in the .pot but no longer marked: run pybabel extract"


@pytest.mark.parametrize("code", [c for c in i18n.LANGUAGES if c != i18n.SOURCE_LANGUAGE])
def test_every_message_has_a_translation(code: str) -> None:
    """Catalogue completeness: every message of the template is translated, none fuzzy."""
    po = LOCALE / code / "LC_MESSAGES" / "stalkscreen.po"
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    assert _keys(po) == _keys(POT), "run pybabel update (babel.cfg)"
    untranslated = [
        m.id
        for m in catalogue
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert untranslated == []
    assert list(catalogue.check()) == [] or all(not errors for _, errors in catalogue.check())


def test_the_installed_catalogue_is_the_current_one(tmp_path: Path) -> None:
    """The .mo the package reads was compiled from today's .po (an editable install
    compiles it; after editing a .po, install again: pip install -e .)."""
    built = dict(hatch_build.build_catalogues(ROOT, tmp_path))
    assert built, "no catalogue was compiled"
    for path, relative in built.items():
        installed = i18n.locale_dir() / relative
        assert installed.is_file(), f"{installed} is missing: pip install -e ."
        fresh = gettext.GNUTranslations(io.BytesIO(Path(path).read_bytes()))
        current = gettext.GNUTranslations(io.BytesIO(installed.read_bytes()))
        assert fresh._catalog == current._catalog, f"{installed} is stale: pip install -e ."  # type: ignore[attr-defined]


def test_a_broken_placeholder_fails_the_build(tmp_path: Path) -> None:
    po = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "stalkscreen.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "%(count)s items"\nmsgstr "%(cyfrif)s eitem"\n',
        encoding="utf-8",
    )
    with pytest.raises(RuntimeError, match=r"stalkscreen\.po:\d+: '%\(count\)s items'"):
        hatch_build.build_catalogues(tmp_path, tmp_path / "out")


def test_the_hook_puts_catalogues_in_every_wheel_and_in_the_checkout_when_editable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from types import SimpleNamespace

    monkeypatch.delenv("HATCH_BUILD_HOOKS_ENABLE", raising=False)
    source = tmp_path / "checkout"
    shutil_po = LOCALE / "cy" / "LC_MESSAGES" / "stalkscreen.po"
    (source / "locale" / "cy" / "LC_MESSAGES").mkdir(parents=True)
    (source / "locale" / "cy" / "LC_MESSAGES" / "stalkscreen.po").write_bytes(
        shutil_po.read_bytes()
    )
    given: dict[str, object] = {
        "root": str(source),
        "target_name": "wheel",
        "metadata": SimpleNamespace(),
    }
    for name, value in given.items():
        monkeypatch.setattr(
            hatch_build.CompiledCore,
            name,
            property(lambda self, v=value: v),  # type: ignore[misc]
            raising=False,
        )
    hook = object.__new__(hatch_build.CompiledCore)
    data: dict[str, object] = {"force_include": {}}
    hook.initialize("standard", data)
    (built, target), *_ = data["force_include"].items()  # type: ignore[attr-defined]
    assert target == "stalkscreen/_data/locale/cy/LC_MESSAGES/stalkscreen.mo"
    assert Path(built).is_file() and not Path(built).is_relative_to(source)
    assert "pure_python" not in data  # not asked for the compiled core
    hook.finalize("standard", data, str(tmp_path / "x.whl"))
    assert not Path(built).exists()
    data = {"force_include": {}}
    hook.initialize("editable", data)
    assert data == {"force_include": {}}
    assert (source / "locale" / "cy" / "LC_MESSAGES" / "stalkscreen.mo").is_file()


def test_the_language_in_force_is_scoped() -> None:
    assert i18n.current() == "en"
    assert i18n.gettext("Languages") == "Languages"
    with i18n.using("cy"):
        assert i18n.current() == "cy"
        assert i18n.gettext("Languages") == "Ieithoedd"
        with i18n.using("en"):
            assert i18n.gettext("Languages") == "Languages"
        assert i18n.gettext("Languages") == "Ieithoedd"
    assert i18n.current() == "en"


def test_language_codes() -> None:
    assert [i18n.check_language(v) for v in ("cy", "CY", "cy_GB", "welsh", "en-GB")] == [
        "cy",
        "cy",
        "cy",
        "cy",
        "en",
    ]
    assert i18n.check_language("cy+en", bilingual=True) == "cy+en"
    with pytest.raises(UsageError) as refused:
        i18n.check_language("fr")
    assert "--language: unknown language 'fr' — choose one of en, cy [SS-E280]" in str(
        refused.value.lines()
    )
    with pytest.raises(UsageError) as refused:
        i18n.check_language("cy+en")
    assert "choose one of en, cy [SS-E280]" in str(refused.value.lines())
    assert i18n.languages_of("cy+en") == ("cy", "en")
    assert i18n.html_lang("cy") == "cy" and i18n.html_lang("en") == "en-GB"


def test_dates_in_each_language() -> None:
    moment = datetime(2026, 12, 3, 5, 24, tzinfo=UTC)
    assert i18n.time_text(moment) == "3 December 2026, 05:24 UTC"
    assert i18n.short_date_text(date(2026, 3, 2)) == "02 Mar 26"
    with i18n.using("cy"):
        assert i18n.time_text(moment) == "3 Rhagfyr 2026, 05:24 UTC"
        assert i18n.short_date_text(date(2026, 3, 2)) == "02 Maw 26"
        assert [i18n.month_name(m) for m in (1, 2, 7)] == ["Ionawr", "Chwefror", "Gorffennaf"]
    assert i18n.number_text(1234567) == "1,234,567"


def test_welsh_plurals_have_six_forms() -> None:
    with i18n.using("cy"):
        forms = i18n.translations("cy").plural  # type: ignore[attr-defined]
        assert [forms(n) for n in (0, 1, 2, 3, 4, 6, 11)] == [0, 1, 2, 3, 5, 4, 5]


def test_the_translation_status_is_the_language_files() -> None:
    """One place: questionnaires/overlays/cy/language.yaml (shared with the overlays)."""
    from stalkscreen.definitions.languages import is_draft, translation_status

    assert translation_status("en") is None and not is_draft("en")
    assert translation_status("cy") == "draft - needs review by a qualified Welsh translator"
    assert is_draft("cy")


def test_a_missing_catalogue_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    i18n.translations.cache_clear()
    translation.compiled.cache_clear()
    monkeypatch.setattr(translation, "locale_dir", lambda: tmp_path)
    try:
        with pytest.raises(
            UsageError, match=r"Cymraeg \(cy\) message catalogue is not built.*pip install"
        ):
            i18n.set_language("cy")
        assert i18n.current() == "en"
    finally:
        i18n.translations.cache_clear()
        translation.compiled.cache_clear()


# ----------------------------------------------------------------------- the command line


def test_language_flag_env_and_config(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--language wins over STALKSCREEN_LANGUAGE, which wins over the config's language."""
    welsh = "Ieithoedd"
    assert welsh not in cli("about").out
    assert welsh in cli("--language", "cy", "about").out
    assert welsh in cli("about", "--language", "cy").out
    monkeypatch.setenv("STALKSCREEN_LANGUAGE", "cy")
    assert welsh in cli("about").out
    assert welsh not in cli("--language", "en", "about").out
    monkeypatch.delenv("STALKSCREEN_LANGUAGE")
    config = tmp_path / "config.yaml"
    config.write_text("language: cy\n", encoding="utf-8")
    monkeypatch.setenv("STALKSCREEN_CONFIG", str(config))
    assert welsh in cli("about").out
    monkeypatch.setenv("STALKSCREEN_LANGUAGE", "en")
    assert welsh not in cli("about").out
    assert i18n.current() == "en"  # a run's language does not outlast it


def test_an_unknown_language_is_a_usage_error(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    done = cli("--language", "fr", "about")
    assert done.code == 2 and "unknown language 'fr'" in done.err and "Traceback" not in done.err
    monkeypatch.setenv("STALKSCREEN_LANGUAGE", "klingon")
    done = cli("about")
    assert done.code == 2 and "STALKSCREEN_LANGUAGE: unknown language 'klingon'" in done.err
    monkeypatch.delenv("STALKSCREEN_LANGUAGE")
    config = tmp_path / "config.yaml"
    config.write_text("language: fr\n", encoding="utf-8")
    monkeypatch.setenv("STALKSCREEN_CONFIG", str(config))
    done = cli("about")  # a user config that cannot be read is reported and left out
    assert done.code == 0 and "language" in done.err and "Ieithoedd" not in done.out


def test_about_shows_the_translation_status(cli: Callable[..., Result]) -> None:
    out = cli("about").out
    assert (
        "Cymraeg (cy): translation_status: draft - needs review by a qualified Welsh translator"
        in out
    )


def _python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "stalkscreen", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=ROOT,
    )


def test_help_is_in_the_language_chosen(tmp_path: Path) -> None:
    """Typer builds the help before options are parsed: the choice is read first."""
    env = {"STALKSCREEN_CONFIG": str(tmp_path / "none.yaml")}
    english = _python("score", "--help", env=env)
    welsh = _python("--language", "cy", "score", "--help", env=env)
    from_env = _python("score", "--help", env={**env, "STALKSCREEN_LANGUAGE": "cy"})
    assert "Score a saved screening" in english.stdout
    for done in (welsh, from_env):
        assert done.returncode == 0, done.stderr
        assert "Sgorio sgrinio a gadwyd" in done.stdout
        assert "Score a saved screening" not in done.stdout
    root = _python("--language=cy", "--help", env=env)
    assert "Sgrinio strwythuredig" in root.stdout
    for command, words in (
        ("report", "Ysgrifennu crynodeb atgyfeirio"),
        ("compare", "Beth newidiodd rhwng dau sgrinio"),
        ("history", "Llinell amser sgriniadau un achos"),
    ):
        helped = _python(command, "--help", "--language", "cy", env=env)
        assert words in helped.stdout, (command, helped.stdout, helped.stderr)


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ------------------------------------------------------------------ lang, /Lang, the footer

_LANG = re.compile(r'<html lang="([^"]+)"')
DRAFT = "translation_status: draft - needs review by a qualified Welsh translator"


def _outputs(cli: Callable[..., Result], tmp_path: Path, *language: str) -> dict[str, str]:
    """Every HTML and Markdown output of a command, in ``language`` (none: the default)."""
    flags = ["--language", language[0]] if language else []
    case = tmp_path / "case"
    case.mkdir(exist_ok=True)
    for name in ("high-by-count", "medium"):
        text = (ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8")
        (case / f"{name}.yaml").write_text(text.replace("EX/0004", "EX/0003"), encoding="utf-8")
    first, second = case / "medium.yaml", case / "high-by-count.yaml"
    out: dict[str, str] = {}
    for fmt in ("md", "html"):
        for example in ("high-by-count", "probation"):
            done = cli("report", ROOT / "examples" / f"{example}.yaml", "-f", fmt, *flags)
            assert done.code == 0, done.err
            out[f"report {example} {fmt}"] = done.out
        done = cli("compare", first, second, "-f", fmt, "--force", *flags)
        assert done.code == 0, done.err
        out[f"compare {fmt}"] = done.out
        done = cli("history", case, "--reference", "EX/0003", "-f", fmt, *flags)
        assert done.code == 0, done.err
        out[f"history {fmt}"] = done.out
    board = tmp_path / f"board-{'-'.join(language) or 'default'}.html"
    done = cli(*flags, "batch", case, "--dashboard", board, "-o", tmp_path / "x.csv")
    assert done.code == 0, done.err
    out["dashboard html"] = board.read_text(encoding="utf-8")
    return out


def test_lang_attributes_follow_the_language(cli: Callable[..., Result], tmp_path: Path) -> None:
    english = _outputs(cli, tmp_path)
    welsh = _outputs(cli, tmp_path, "cy")
    for name, text in english.items():
        if name.endswith("html"):
            assert _LANG.findall(text) == ["en-GB"], name
        assert DRAFT not in text, name
    for name, text in welsh.items():
        if name.endswith("html"):
            assert _LANG.findall(text) == ["cy"], name
        assert DRAFT in text, f"{name}: the footer must say the translation is a draft"
        assert "Drafft yw’r cyfieithiad hwn" in text, name


def test_the_marac_form_follows_the_language(cli: Callable[..., Result]) -> None:
    """The MARAC form (issue 19.1) too: lang and the draft footer (its words: the golden
    Welsh form and the completeness check in tests/test_i18n_outputs.py)."""
    for code, tag in (("en", "en-GB"), ("cy", "cy")):
        html = cli("report", EXAMPLE, "--form", "marac", "-f", "html", "--language", code)
        md = cli("report", EXAMPLE, "--form", "marac", "--language", code)
        assert html.code == md.code == 0, html.err + md.err
        assert _LANG.findall(html.out) == [tag]
        assert (DRAFT in html.out, DRAFT in md.out) == (code == "cy", code == "cy")


def test_the_pdf_lang_follows_the_language(tmp_path: Path) -> None:
    import importlib.util

    from .report_helpers import require_tool

    require_tool(importlib.util.find_spec("weasyprint") is not None, "the weasyprint package")
    import pypdf

    from stalkscreen.api import render_report

    for code, tag in (("en", "en-GB"), ("cy", "cy")):
        data = render_report(EXAMPLE, format="pdf", language=code)
        reader = pypdf.PdfReader(io.BytesIO(data))
        root: Any = reader.trailer["/Root"]
        assert root["/Lang"] == tag


# ---------------------------------------------------------------------------- bilingual


def test_bilingual_markdown_is_welsh_first_then_english(cli: Callable[..., Result]) -> None:
    done = cli("report", EXAMPLE, "--language", "cy+en")
    assert done.code == 0, done.err
    welsh_note = done.out.index("Mae’r crynodeb hwn yn Gymraeg yn gyntaf, yna yn Saesneg.")
    english_note = done.out.index("This summary is in Welsh first, then in English.")
    draft = done.out.index(DRAFT)
    english_footer = done.out.rindex("Generated ")
    assert welsh_note < english_note < draft < english_footer
    assert done.out.count("# ") >= 2 and "\n---\n" in done.out
    assert done.out.count(DRAFT) == 1  # the Welsh part's footer only


def test_bilingual_html_is_one_page_with_a_part_per_language(
    cli: Callable[..., Result],
) -> None:
    from .report_helpers import parse_html

    done = cli("report", EXAMPLE, "--language", "cy+en", "-f", "html")
    assert done.code == 0, done.err
    html = done.out
    assert _LANG.findall(html) == ["cy"]
    assert html.count("<main>") == 1 and html.count("<body") == 1 and html.count("<html") == 1
    parts = re.findall(r'<div class="language-part" id="(\w+)" lang="([^"]+)">', html)
    assert parts == [("cy", "cy"), ("en", "en-GB")]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an id is used twice"
    for ref in re.findall(r'aria-labelledby="([^"]+)"', html):
        assert all(name in ids for name in ref.split()), ref
    assert html.index('id="cy"') < html.index('id="en"')
    assert parse_html(html).tags  # it parses


def test_bilingual_pdf_is_welsh_first_with_the_welsh_lang(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    import importlib.util

    from .report_helpers import require_tool

    require_tool(importlib.util.find_spec("weasyprint") is not None, "the weasyprint package")
    import pypdf

    out = tmp_path / "both.pdf"
    done = cli("report", EXAMPLE, "--language", "cy+en", "-f", "pdf", "-o", out)
    assert done.code == 0, done.err
    reader = pypdf.PdfReader(out)
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "cy"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.index("Crynodeb atgyfeirio") < text.index("Referral summary")


def test_bilingual_is_refused_for_json_and_outside_report(cli: Callable[..., Result]) -> None:
    done = cli("report", EXAMPLE, "--language", "cy+en", "-f", "json")
    # the run is in Welsh (the first language asked for), so is the error; the code is not
    assert done.code == 2 and "[SS-E282]" in done.err and "ar gyfer md, html a pdf" in done.err
    done = cli("score", EXAMPLE, "--language", "cy+en")
    assert done.code == 2 and "unknown language 'cy+en'" in done.err


@pytest.mark.timeout(180)
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_batch_workers_render_in_the_language_of_the_batch(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """Forked workers inherit the language; spawned ones (Windows, macOS) are told it."""
    from stalkscreen.batch import pool

    monkeypatch.setattr(pool, "start_method", lambda: method)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("high-by-count", "medium", "standard"):
        (folder / f"{name}.yaml").write_bytes((ROOT / "examples" / f"{name}.yaml").read_bytes())
    reports = tmp_path / "reports"
    done = cli(
        "--language", "cy", "batch", folder, "--jobs", "2", "--reports-dir", reports,
        "-o", tmp_path / "scores.csv",
    )  # fmt: skip
    assert done.code == 0, done.err
    written = sorted(reports.iterdir())
    assert len(written) == 3
    for path in written:
        assert DRAFT in path.read_text(encoding="utf-8"), path.name


# ------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("language", ["cy", "cy+en"])
def test_golden_welsh_and_bilingual(language: str, fmt: str) -> None:
    """A Welsh and a bilingual summary match tests/golden/languages/;
    STALKSCREEN_UPDATE_GOLDEN=1 rewrites them."""
    from stalkscreen.definitions.languages import load_library_in
    from stalkscreen.reading import load_answers
    from stalkscreen.report import render_report
    from stalkscreen.report.bilingual import Format, render_languages
    from stalkscreen.scoring import score

    from .report_helpers import FIXED_TIME

    def render(code: str, each: Format) -> str | bytes:
        lib = load_library_in((), (), code)
        answers = load_answers(EXAMPLE, lib.definitions)
        profile = lib.profile(answers.profile or "default").profile
        screening = score(answers, lib, profile)
        return render_report(answers, screening, lib, profile, each, generated_at=FIXED_TIME)

    out = render_languages(i18n.languages_of(language), fmt, render)  # type: ignore[arg-type]
    assert isinstance(out, str)
    path = ROOT / "tests" / "golden" / "languages" / f"high-by-count.{language}.{fmt}"
    if os.environ.get("STALKSCREEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with STALKSCREEN_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8"), f"{path.name} changed: review the diff"


# ------------------------------------------------------------ no English left in Welsh


def _english_phrases() -> list[str]:
    """The English wording of every translated message, as phrases a Welsh output must not
    contain: the literal parts of each msgid (placeholders and tags cut out) of two words
    or more, where the translation differs."""
    with (LOCALE / "cy" / "LC_MESSAGES" / "stalkscreen.po").open("rb") as handle:
        catalogue = read_po(handle)
    phrases = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or message.context == "metadata" or set(ids) & set(strings):
            continue
        for text in ids:
            for chunk in re.split(r"%\(\w+\)s|%%|<code>.*?</code>|<[^>]+>|\*\*", str(text)):
                chunk = chunk.strip(' .,:;()·—"“”')
                if len(chunk) >= 10 and " " in chunk:
                    phrases.add(chunk)
    return sorted(phrases)


def _visible(text: str) -> str:
    """What a reader sees: no style sheet, tags or Markdown escapes, one space between words."""
    import html

    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", re.sub(r"\\(.)", r"\1", text))


def _content() -> list[str]:
    """The English of the content the overlays translate (issue 20.2: every text of the
    questionnaires, profiles, rule prompts and advice, and `about`), and of the prompts'
    texts the engine fills in: cut out of an output before it is searched, so that only
    stalkscreen's marked wording is checked here (the engine's sentences are marked)."""
    import yaml

    from stalkscreen import about

    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(line.strip() for line in value.splitlines() if line.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for folder in (ROOT / "questionnaires", ROOT / "reports"):
        for path in folder.rglob("*.yaml"):
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    walk([about.NOT_PREDICTION, about.NOT_OFFICIAL, about.EVIDENCE_CAVEATS, about.ATTRIBUTION])
    from stalkscreen.definitions.library import load_library
    from stalkscreen.reading import load_answers as read
    from stalkscreen.scoring import score

    for lib in (load_library(), load_library(language="cy")):  # summaries name instruments
        for example in (ROOT / "examples").glob("*.yaml"):
            if example.stem == "invalid":
                continue
            answers = read(example, lib.definitions)
            result = score(answers, lib, lib.profile(answers.profile or "default").profile)
            walk([p.text for p in result.prompts])
    return sorted(found, key=len, reverse=True)


def test_welsh_outputs_leave_no_marked_english(cli: Callable[..., Result], tmp_path: Path) -> None:
    """Every template and command output in cy mode, for every bundled example: none of
    the catalogue's English phrases is left (a string marked but not translated, or
    rendered outside the language)."""
    phrases = _english_phrases()
    assert len(phrases) > 100
    outputs = _outputs(cli, tmp_path, "cy")
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        if example.stem == "invalid":
            continue
        for fmt in ("md", "html"):
            done = cli("report", example, "-f", fmt, "--language", "cy")
            assert done.code == 0, (example.name, done.err)
            outputs[f"report {example.stem} {fmt}"] = done.out
        done = cli("score", example, "--language", "cy")
        assert done.code == 0, (example.name, done.err)
        outputs[f"score {example.stem}"] = done.out
    content = [c for c in _content() if len(c) >= 10]
    left = {}
    for name, text in outputs.items():
        seen = _visible(text)
        for chunk in content:
            seen = seen.replace(chunk, " ")
        left[name] = [p for p in phrases if p in seen]
    assert {name: found for name, found in left.items() if found} == {}
