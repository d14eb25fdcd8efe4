"""Issue 20 (tests): no English left in any Welsh output, and golden Welsh MARAC forms.

The completeness check renders every output a reader sees — the summary of every bundled
example (one with the change section, one with an incident log), the MARAC form of every
MARAC case, `score`, `compare`, `history` (each format) and the batch dashboard and its
terminal summary — in English and in Welsh, cuts each into phrases (text nodes and
labelled attributes of the HTML; cells, lines and clauses of Markdown and terminal text),
and fails on any Welsh phrase that is also an English one and holds a word: wording left
in English, whatever it came from (a template, the engine, a view, an overlay). What may
be the same in both languages is listed: the answer files' own text (names, comments),
ids and codes, numbers and dates, and the short list of words that are the same in Welsh.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from stalkscreen import i18n
from stalkscreen.vocabulary import SRP_DOMAINS

from .conftest import Result
from .report_helpers import EXAMPLES, FIXED_TIME, ROOT

Cli = Callable[..., Result]
EX = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden" / "languages"

SAME_IN_WELSH = frozenset(
    {
        # names of services, organisations and products, said as they are in Welsh text
        "Paladin",
        "Suzy Lamplugh Trust",
        "stalkscreen",
        "Stalking Risk Profile",
        "Unwanted Prisoner Contact",
        "National Stalking Helpline",
        "Live Fear Free",
        "National Domestic Abuse Helpline",
        "Men's Advice Line",
        "Galop",
        "SafeLives",
        "Silent Solution",
        # authors cited
        "MacKenzie et al",
        "Mullen, Pathé & Purcell",
        # words Welsh uses as they are
        "partner",
        "band",
        "Band",
        "Cymraeg",
        "English",
        "UTC",
    }
)
"""Words and names that are the same in a Welsh output (beside ids, codes and numbers)."""

_ID = re.compile(
    r"`[^`]*`"  # code
    r"|https?://\S+"  # addresses
    r"|\b[\w]+(?:[.:/_@-][\w]+)+\b"  # ids, codes, addresses: dash.q4, SC-VHR, EX/0003
    r"|\b[A-Z][A-Z0-9]+\b"  # acronyms: MARAC, DASH, IDVA
    r"|\d[\d,.:+–-]*"  # numbers, dates, times, ranges
)
_SPLIT = re.compile(r"[|•·—→☐\n]|[.;:!?()\[\]“”\"‘’*#>]\s|\s[(\[]|^\s*[-*>#]+\s")


class _Text(HTMLParser):
    """The text nodes of an HTML page and its attributes a reader hears (aria-label,
    title, alt), each as its own piece; style sheets, scripts and code (commands, ids) left
    out."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "code"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "aria-description") and value:
                self.pieces.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "code"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append(data)


def _pieces(text: str) -> list[str]:
    if text.lstrip().startswith("<!DOCTYPE") or "<html" in text[:200]:
        parser = _Text()
        parser.feed(text)
        return parser.pieces
    # Markdown: its escapes undone, its emphasis and code marks gone
    return [re.sub(r"\*+|_{2,}", " ", re.sub(r"\\(.)", r"\1", line)) for line in text.splitlines()]


def _user_text() -> list[str]:
    """Every string of the bundled answer files and incident log: the case's own words."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update(s.strip() for s in value.splitlines() if len(s.strip()) > 2)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in EX.glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    for line in (EX / "logs" / "incident-log.csv").read_text(encoding="utf-8").splitlines():
        walk(line.split(","))
    return sorted(found, key=len, reverse=True)


USER_TEXT = [t for t in _user_text() if " " in t]
"""The case's own sentences and names, cut out of every output before it is read."""
USER_WORDS = frozenset(t for t in _user_text() if " " not in t)
"""The case's own single words (a source, ``victim``): a phrase that is one of them is the
case's, not stalkscreen's wording."""


def _known_ids() -> re.Pattern[str]:
    """Every id the definitions, profiles and advice give (items, prompts, routes, red
    flags, behaviours, instruments, profiles), and the SRP domains: codes outputs print as
    they are in every language."""
    ids: set[str] = set(SRP_DOMAINS)
    for path in [*(ROOT / "questionnaires").rglob("*.yaml"), *(ROOT / "reports").glob("*.yaml")]:
        if "overlays" in path.parts:
            continue
        ids.add(path.stem)
        ids.update(re.findall(r"^\s*-?\s*id:\s*([\w-]+)", path.read_text(encoding="utf-8"), re.M))
    ids.discard("")
    words = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")


KNOWN_IDS = _known_ids()


def phrases(text: str) -> Iterator[str]:
    """The phrases of an output that hold a word: what a reader reads, in clauses."""
    for piece in _pieces(text):
        piece = " ".join(html.unescape(piece).split())
        for own in USER_TEXT:
            if own in piece:
                piece = piece.replace(own, " | ")
        for part in _SPLIT.split(piece):
            part = " ".join(part.split()).strip(" ,'’()[].:;")
            words = KNOWN_IDS.sub(" ", _ID.sub(" ", part))
            for same in SAME_IN_WELSH:
                words = words.replace(same, " ")
            if re.search(r"[A-Za-z]{3}", words) and part not in USER_WORDS:
                yield part


def _outputs(cli: Cli, tmp_path: Path, language: str) -> dict[str, str]:
    """Every output a reader sees, in ``language``."""
    flags = ("--language", language)
    out: dict[str, str] = {}

    def run(name: str, *args: object, code: int = 0) -> None:
        done = cli(*flags, *args)
        assert done.code == code, (name, done.err)
        out[name] = done.out + done.err

    case = tmp_path / f"case-{language}"
    case.mkdir()
    for name in ("medium", "high-by-count"):
        data = yaml.safe_load((EX / f"{name}.yaml").read_text(encoding="utf-8"))
        data["case"]["reference"] = "EX/0003"
        (case / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / language).mkdir()
    with_log = tmp_path / language / "with-log.yaml"
    with_log.write_text((EX / "stalking-triage.yaml").read_text(encoding="utf-8"))
    assert cli("log", "import", EX / "logs" / "incident-log.csv", "--into", with_log).code == 0
    marac = {"high-by-count", "marac-by-escalation", "repeat-marac", "s-dash-case"}
    marac.add("stalking-triage")
    for path in [*EXAMPLES, with_log]:
        name = path.stem
        run(f"score {name}", "score", path)
        for fmt in ("md", "html"):
            run(f"report {name} {fmt}", "report", path, "-f", fmt)
            if name in marac:
                run(f"marac {name} {fmt}", "report", path, "--form", "marac", "-f", fmt)
    for profile in ("wales", "cambridgeshire", "escalation-5-3-hbv"):  # their routes, criteria
        for name in ("high-by-count", "marac-by-escalation"):
            path = EX / f"{name}.yaml"
            run(f"score {name} {profile}", "score", path, "--profile", profile)
            for fmt in ("md", "html"):
                run(f"report {name} {profile} {fmt}", "report", path, "--profile", profile,
                    "-f", fmt)  # fmt: skip
                run(f"marac {name} {profile} {fmt}", "report", path, "--form", "marac",
                    "--profile", profile, "-f", fmt)  # fmt: skip
    first, second = case / "medium.yaml", case / "high-by-count.yaml"
    for fmt in ("md", "html"):
        run(f"report with change {fmt}", "report", second, "--previous", first, "-f", fmt)
    for fmt in ("table", "md", "html"):
        run(f"compare {fmt}", "compare", first, second, "-f", fmt, "--force")
        run(f"compare probation {fmt}", "compare", EX / "probation.yaml", EX / "probation.yaml",
            "-f", fmt, "--force")  # fmt: skip
        run(f"history {fmt}", "history", case, "--reference", "EX/0003", "-f", fmt)
    board = tmp_path / f"board-{language}.html"
    run("batch", "batch", EX, "--dashboard", board, "-o", tmp_path / f"b-{language}.csv", code=4)
    out["dashboard"] = board.read_text(encoding="utf-8")
    for fmt in ("md", "html"):  # summaries a batch writes: worded as `report` words them
        folder = tmp_path / f"summaries-{language}-{fmt}"
        records = tmp_path / f"s-{language}-{fmt}.csv"
        run(f"batch summaries {fmt}", "batch", *EXAMPLES, "-o", records, "--reports-dir",
            folder, "--report-format", fmt)  # fmt: skip
        for summary in sorted(folder.iterdir()):
            out[f"batch {fmt} {summary.name}"] = summary.read_text(encoding="utf-8")
    return out


@pytest.mark.slow
def test_no_english_is_left_in_any_welsh_output(cli: Cli, tmp_path: Path) -> None:
    english_outputs = _outputs(cli, tmp_path, "en")
    english = {p for text in english_outputs.values() for p in phrases(text)}
    assert len(english) > 500  # the check reads the outputs (a dead parser finds nothing)
    assert (
        "dash.q4 is yes but whether there is an honour-based-violence concern is not recorded"
        in english
    )
    welsh = _outputs(cli, tmp_path, "cy")
    assert welsh.keys() == english_outputs.keys()
    left = {
        name: sorted({p for p in phrases(text) if p in english}) for name, text in welsh.items()
    }
    assert {name: found for name, found in left.items() if found} == {}


def test_the_check_finds_english_left_in_a_welsh_output() -> None:
    """Control: a Welsh line with an English clause is caught; names, ids and the case's
    own words are not."""
    english = set(phrases("- Warning: hbv-concern-unrecorded: dash.q4 is yes but not asked\n"))
    assert "dash.q4 is yes but not asked" in english
    welsh = "- Rhybudd: hbv-concern-unrecorded: dash.q4 is yes but not asked\n"
    assert [p for p in phrases(welsh) if p in english] == ["dash.q4 is yes but not asked"]
    page = '<html lang="cy"><p aria-label="Case (table)">Paladin, MARAC SC-VHR 14+</p></html>'
    assert set(phrases(page)) == {"Case", "table"}
    assert list(phrases("<html><p>Paladin, MARAC SC-VHR 14+ EX/0003</p></html>")) == []
    assert list(phrases("| Held her by the throat last month. |")) == []


# ------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_welsh_marac_form(fmt: str) -> None:
    """The Welsh MARAC referral form matches tests/golden/languages/ (beside the Welsh and
    bilingual summaries); STALKSCREEN_UPDATE_GOLDEN=1 rewrites it."""
    from stalkscreen.definitions.languages import load_library_in
    from stalkscreen.reading import load_answers
    from stalkscreen.report.marac_render import render_marac
    from stalkscreen.scoring import score

    with i18n.using("cy"):
        lib = load_library_in()
        answers = load_answers(EX / "high-by-count.yaml", lib.definitions)
        profile = lib.profile(answers.profile or "default").profile
        screening = score(answers, lib, profile)
        out = render_marac(answers, screening, lib, profile, fmt, generated_at=FIXED_TIME)  # type: ignore[arg-type]
    assert isinstance(out, str)
    path = GOLDEN / f"marac-high-by-count.cy.{fmt}"
    if os.environ.get("STALKSCREEN_UPDATE_GOLDEN") == "1":
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with STALKSCREEN_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8"), f"{path.name} changed: review the diff"


@pytest.mark.parametrize("name", ["high-by-count", "marac-by-escalation", "repeat-marac",
                                  "s-dash-case", "stalking-triage"])  # fmt: skip
def test_the_welsh_marac_form_prints_on_at_most_two_pages(name: str) -> None:
    """Issue 19.1's one to two printed pages hold in Welsh too, which runs longer than the
    English (the form prints a little smaller in Welsh for that)."""
    import importlib.util
    import io

    from .report_helpers import require_tool

    for module in ("weasyprint", "pypdf"):
        require_tool(importlib.util.find_spec(module) is not None, f"the {module} package")
    import pypdf

    from stalkscreen.api import render_report

    data = render_report(EX / f"{name}.yaml", format="pdf", form="marac", language="cy")
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    assert 1 <= len(pages) <= 2, f"{name}: the Welsh MARAC form takes {len(pages)} pages"
    assert all(f"Tudalen {n} o {len(pages)}" in text for n, text in enumerate(pages, 1))
