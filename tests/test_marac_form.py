"""Issue 19.1: the MARAC referral form (`stalkscreen report FILE --form marac`).

Goldens in md, html and pdf (the PDF's text, page by page) for every bundled example that
is a MARAC case, each PDF at most two pages; blanks for what the screening cannot supply;
the refusal outside domestic abuse; the area profile's own form; inert free text.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
import yaml
from cmarkgfm.cmark import Options

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.errors import InvalidInputError
from stalkscreen.reading import load_answers
from stalkscreen.report.marac import NotAMaracCase
from stalkscreen.report.marac_render import render_marac
from stalkscreen.resources import bundled_dir
from stalkscreen.scoring import score
from tests.conftest import Result, dash_answers, make_answers
from tests.report_helpers import (
    EXAMPLES,
    FIXED_TIME,
    GOLDEN,
    HOSTILE_COMMENT,
    HOSTILE_LINE,
    IMG,
    parse_html,
    require_tool,
)

Cli = Callable[..., Result]
BLANK_MD = "__________ *(to complete)*"
BLANK_HTML = '<span class="blank"><span class="to-complete">To complete</span></span>'


def _is_marac_case(lib: Library, path: Path) -> bool:
    answers = load_answers(path, lib.definitions)
    screening = score(answers, lib, lib.profile(answers.profile or "default").profile)
    return screening.marac_referral


def _marac_examples() -> list[str]:
    from stalkscreen.definitions.library import load_library

    lib = load_library()
    return [p.stem for p in EXAMPLES if _is_marac_case(lib, p)]


MARAC_EXAMPLES = _marac_examples()


def _example(lib: Library, name: str) -> AnswerSet:
    return load_answers(next(p for p in EXAMPLES if p.stem == name), lib.definitions)


def _form(lib: Library, answers: AnswerSet, fmt: str, **kw: Any) -> Any:
    profile = kw.pop("profile", None) or lib.profile(answers.profile or "default").profile
    screening = score(answers, lib, profile)
    return render_marac(answers, screening, lib, profile, fmt, generated_at=FIXED_TIME, **kw)  # type: ignore[arg-type]


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("STALKSCREEN_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with STALKSCREEN_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed: review the diff"


def _row(md: str, label: str) -> str:
    """The value cell of the Markdown table row labelled ``label``."""
    match = re.search(rf"^\| {re.escape(label)} \| (.*) \|$", md, flags=re.M)
    assert match, f"no row {label!r}"
    return match.group(1)


def _html_cell(html: str, label: str) -> str:
    """The cell after the row header ``label`` in the HTML form."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th><td[^>]*>(.*?)</td>', html)
    assert match, f"no row {label!r}"
    return match.group(1)


# --------------------------------------------------------------------------- goldens


def test_the_bundled_examples_include_marac_cases_of_every_criterion_kind() -> None:
    assert {"high-by-count", "marac-by-escalation", "repeat-marac", "s-dash-case"} <= set(
        MARAC_EXAMPLES
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", MARAC_EXAMPLES)
def test_golden_form(lib: Library, name: str, fmt: str) -> None:
    """The form of every MARAC example matches tests/golden (STALKSCREEN_UPDATE_GOLDEN=1)."""
    _golden(f"marac-{name}.{fmt}", _form(lib, _example(lib, name), fmt))


@pytest.fixture(scope="module")
def pdf_tools() -> None:
    for module in ("weasyprint", "pypdf"):
        require_tool(importlib.util.find_spec(module) is not None, f"the {module} package")


def _pdf_pages(data: bytes) -> list[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()).strip() for page in reader.pages]


@pytest.mark.parametrize("name", MARAC_EXAMPLES)
def test_golden_pdf_text_and_at_most_two_pages(pdf_tools: None, lib: Library, name: str) -> None:
    data = _form(lib, _example(lib, name), "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    pages = _pdf_pages(data)
    assert 1 <= len(pages) <= 2, f"{name}: the MARAC form takes {len(pages)} pages"
    for number, text in enumerate(pages, 1):
        assert text.count("OFFICIAL-SENSITIVE") >= 2, f"page {number} lacks the marking"
        assert f"Page {number} of {len(pages)}" in text
    text = "".join(f"--- page {n} ---\n{t}\n" for n, t in enumerate(pages, 1))
    _golden(f"marac-{name}.pdf.txt", text)


# --------------------------------------------------------------------------- content


def test_the_sections_in_the_order_a_referral_form_asks(lib: Library) -> None:
    md = _form(lib, _example(lib, "high-by-count"), "md")
    headings = re.findall(r"^## (.*)$", md, flags=re.M)
    assert headings == [
        "1. Referrer",
        "2. Victim and safe contact",
        "3. The person causing harm",
        "4. Children and other dependants",
        "5. The risk identified",
        "6. The practitioner's judgement",
        "7. Consent and information sharing",
        "8. The latest incident and the history",
        "9. What the referral asks for",
    ]
    assert md.startswith("**OFFICIAL-SENSITIVE**") and md.rstrip().endswith(
        "**OFFICIAL-SENSITIVE**"
    )
    assert "Risk identification, not prediction" in md


def test_evidence_in_words_item_number_question_answer_comment(lib: Library) -> None:
    md = _form(lib, _example(lib, "high-by-count"), "md")
    assert (
        "- DASH (police) no. 18: Have they ever tried to stop you breathing, for example by "
        "strangling, choking, smothering or drowning you? **Yes**: Held her by the throat last "
        "month. (source: victim)"
    ) in md
    assert "*What are you afraid they will do?* Kill me" in md  # details of q3, in words
    assert "dash.q18" not in md  # named by its number and text, not by id
    assert "**S-DASH: 5 of 11 answered yes**" in md
    assert "DASH (police) no. 21: Have they been violent to other people" in md  # don't know
    vhr = _row(md, "Visible high risk (SC-VHR)")
    assert vhr.startswith("**Yes** | 15 yes answers on DASH (police)")
    assert _row(md, "Potential escalation (SC-ESC)") == "No | Not met"


def test_criteria_met_by_case_fields_say_the_values_in_words(lib: Library) -> None:
    escalation = _form(lib, _example(lib, "marac-by-escalation"), "md")
    assert _row(escalation, "Potential escalation (SC-ESC)") == (
        "**Yes** | 4 police-reported incidents in the 12 months before the assessment "
        "(profile default refers at 3)."
    )
    repeat = _form(lib, _example(lib, "repeat-marac"), "md")
    cell = _row(repeat, "Repeat referral (SC-REPEAT)")
    assert cell.startswith("**Yes** | Assessed on 2026-11-20, within 12 months of the last MARAC")
    assert "2026-03-02" in cell
    judged = _form(lib, _example(lib, "s-dash-case"), "md")
    assert _row(judged, "Professional judgement (SC-PJ)") == (
        "**Yes** | The practitioner judged the risk high; the written rationale is recorded."
    )
    assert _row(judged, "Level judged") == "**high**"
    assert _row(judged, "Rationale").startswith("Ex-partner making threats of violence")


def test_a_profile_with_hbv_referral_lists_that_criterion(lib: Library) -> None:
    answers = make_answers(lib, {"dash": dash_answers({2, 4})}, case={"relationship": "partner"})
    profile = lib.profile("escalation-5-3-hbv").profile
    assert profile.marac.honour_based_violence
    md = _form(lib, answers, "md", profile=profile)
    assert _row(md, "Honour-based violence (SC-HBV)") == "No | Not met"
    assert "Honour-based violence" not in _form(lib, answers, "md")  # default: not a criterion


# --------------------------------------------------------------------------- blanks


def test_what_the_screening_cannot_supply_is_a_visible_blank(lib: Library) -> None:
    answers = make_answers(lib, {"dash": dash_answers(range(1, 16))}, context={})
    md = _form(lib, answers, "md")
    html = _form(lib, answers, "html")
    for label in (
        "Name",
        "Agency",
        "Phone",
        "Email",
        "Date of referral",
        "Safe way to make contact",
        "Safe to leave messages",
        "Safe to talk when screened",
        "Relationship to the victim",
        "Where they are now",
        "Police-reported incidents, 12 months",
        "Last MARAC referral",
    ):
        assert _row(md, label) == BLANK_MD, label
        assert _html_cell(html, label) == BLANK_HTML, label
    assert _row(md, "In the household") == BLANK_MD  # the children gate was not recorded
    # the answer file has no place for consent or the lawful basis: always to complete
    assert _row(md, "Consents to this referral") == "☐ yes ☐ no"
    assert _row(md, "Without consent: the lawful basis for sharing, and who decided") == (
        "__________ *(to complete: a few lines)*"
    )
    assert _row(md, "Level judged") == "☐ standard ☐ medium ☐ high"
    assert "Safe to leave messages" in html and 'role="alert"' not in html


def test_what_the_screening_records_fills_the_form_instead(lib: Library) -> None:
    context = {
        "children": "yes",
        "safe_to_talk": "yes",
        "safe_contact": "Mobile 07700 900123, after 6pm",
        "messages_safe": "no",
        "other_party_whereabouts": "Remanded in custody",
        "children_whereabouts": "With their grandmother",
    }
    answers = make_answers(
        lib,
        {"dash": dash_answers(range(1, 16))},
        case={
            "practitioner": "DC 99 B. Example",
            "agency": "Example Police",
            "relationship": "ex-partner",
            "incidents_last_12_months": 0,
            "last_marac_on": "2025-01-10",
        },
        context=context,
    )
    md = _form(lib, answers, "md")
    assert _row(md, "Name").startswith("DC 99 B. Example")
    assert _row(md, "Safe way to make contact") == "Mobile 07700 900123, after 6pm"
    assert _row(md, "Safe to leave messages") == "**No: do not leave voicemail or texts**"
    assert "> **Messages are NOT safe: do not leave voicemail or texts.**" in md
    assert _row(md, "Safe to talk when screened") == "yes"
    assert _row(md, "Relationship to the victim") == "ex-partner"
    assert _row(md, "Where they are now") in ("Remanded in custody", "With their grandmother")
    assert _row(md, "Police-reported incidents, 12 months") == "0"  # zero is a value
    assert _row(md, "Last MARAC referral") == "2025-01-10"
    html = _form(lib, answers, "html")
    assert 'role="alert"' in html and "With their grandmother" in html
    assert "Remanded in custody" in html


def test_no_children_in_the_household_drops_the_names_box(lib: Library) -> None:
    answers = make_answers(
        lib, {"dash": dash_answers(range(1, 15), n=27)}, context={"children": "no"}
    )
    md = _form(lib, answers, "md")
    assert _row(md, "In the household") == "no"
    assert "Names, ages, schools" not in md


def test_a_domestic_screening_meeting_no_criterion_says_so(lib: Library) -> None:
    md = _form(lib, _example(lib, "medium"), "md")
    assert "This screening meets none of the MARAC criteria" in md
    assert all(
        _row(md, f"{label}") == "No | Not met"
        for label in (
            "Visible high risk (SC-VHR)",
            "Potential escalation (SC-ESC)",
            "Repeat referral (SC-REPEAT)",
            "Professional judgement (SC-PJ)",
        )
    )
    assert "meets none of the MARAC criteria" not in _form(
        lib, _example(lib, "high-by-count"), "md"
    )


def test_an_unrecorded_relationship_still_gives_the_form_with_it_blank(lib: Library) -> None:
    answers = make_answers(lib, {"dash": dash_answers(range(1, 16))})
    md = _form(lib, answers, "md")
    assert _row(md, "Relationship to the victim") == BLANK_MD


def test_a_ric_screening_shows_its_pregnancy_item_among_the_childrens_answers(
    lib: Library,
) -> None:
    md = _form(lib, _example(lib, "ric"), "md")
    children = md.split("## 4.")[1].split("## 5.")[0]
    assert "- DASH RIC (SafeLives) no. 9: Are you pregnant" in children
    assert children.count("\n- ") == 1  # the RIC has no children items 10-12


def test_every_form_field_is_documented() -> None:
    from stalkscreen.report.marac import MaracForm
    from tests.test_report import _undocumented

    assert _undocumented(MaracForm, set()) == []


def test_json_is_the_forms_fields(cli: Cli) -> None:
    import json

    result = cli("report", "examples/high-by-count.yaml", "--form", "marac", "-f", "json")
    assert result.code == 0, result.err
    form = json.loads(result.out)
    assert form["risk"]["marac_referral"] is True
    assert [c["code"] for c in form["risk"]["criteria"] if c["met"]] == ["visible-high-risk"]
    assert form["victim"]["safe_contact"] is None  # not recorded: the template draws a blank


# --------------------------------------------------------------------------- refusal


@pytest.mark.parametrize("relationship", ["stranger", "acquaintance", "colleague", "professional"])
def test_not_domestic_abuse_is_refused_with_where_it_belongs(
    cli: Cli, write_answers: Callable[..., Path], tmp_path: Path, relationship: str
) -> None:
    path = write_answers(
        {"dash": dash_answers(range(1, 16)), "s-dash": {"q1": "yes"}},
        case={"relationship": relationship},
        professional_judgement={"level": "high", "rationale": "Escalating"},
    )
    out = tmp_path / "form.html"
    result = cli("report", path, "--form", "marac", "-f", "html", "-o", out)
    assert result.code == 3
    assert result.out == "" and not out.exists()
    assert "case.relationship" in result.err
    assert f"the relationship is {relationship}" in result.err
    assert "MARAC is for domestic abuse" in result.err
    assert "Police stalking lead" in result.err and "Paladin" in result.err
    assert "Traceback" not in result.err


def test_a_probation_screening_is_refused(cli: Cli) -> None:
    result = cli("report", "examples/probation.yaml", "--form", "marac")
    assert result.code == 3 and result.out == ""
    assert "examples/probation.yaml: purpose:" in result.err
    assert "person who stalks" in result.err and "MAPPA" in result.err


def test_the_refusal_is_a_located_error_in_the_library(lib: Library) -> None:
    answers = make_answers(
        lib, {"dash": dash_answers(range(1, 16))}, case={"relationship": "stranger"}
    )
    with pytest.raises(NotAMaracCase) as caught:
        _form(lib, answers, "md", source="case.yaml")
    assert isinstance(caught.value, InvalidInputError) and caught.value.exit_code == 3
    assert caught.value.problems[0].file == "case.yaml"


def test_previous_does_not_go_with_the_form(cli: Cli) -> None:
    result = cli(
        "report",
        "examples/high-by-count.yaml",
        "--form",
        "marac",
        "--previous",
        "examples/medium.yaml",
    )
    assert result.code == 2 and "--previous" in result.err


# --------------------------------------------------------------------------- the area's own form


def _local_profile(tmp_path: Path, **extra: Any) -> Path:
    data = yaml.safe_load((bundled_dir("questionnaires") / "profiles" / "default.yaml").read_text())
    data.update(id="local-area", name="Local area", **extra)
    folder = tmp_path / "defs"
    (folder / "profiles").mkdir(parents=True)
    (folder / "profiles" / "local-area.yaml").write_text(yaml.safe_dump(data))
    return folder


def test_the_profile_names_its_own_form_found_on_the_template_path(
    cli: Cli, tmp_path: Path
) -> None:
    defs = _local_profile(tmp_path, marac_template="local-marac")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "local-marac.md.j2").write_text(
        '{% extends "default/marac.md.j2" %}\n'
        "{% block request %}## 9. Local request\n\nSend to the local coordinator.\n\n"
        "{% endblock %}\n"
    )
    args = ("--questionnaires-dir", defs, "--profile", "local-area")
    result = cli("report", "examples/high-by-count.yaml", "--form", "marac", *args,
                 "--template-dir", templates)  # fmt: skip
    assert result.code == 0, result.err
    assert "## 9. Local request" in result.out and "## 5. The risk identified" in result.out
    assert "## 9. What the referral asks for" not in result.out
    # the summary is not affected by the profile's form
    summary = cli("report", "examples/high-by-count.yaml", *args, "--template-dir", templates)
    assert summary.code == 0 and "# Referral summary" in summary.out
    # html was not provided: a clear error naming the profile file and the field
    missing = cli("report", "examples/high-by-count.yaml", "--form", "marac", "-f", "html", *args,
                  "--template-dir", templates)  # fmt: skip
    assert missing.code == 3
    assert "local-area.yaml: marac_template:" in missing.err
    assert "local-marac.html.j2 is in none of the template folders" in missing.err
    assert "--template-dir" in missing.err and "Traceback" not in missing.err


def test_the_areas_own_form_runs_in_the_sandbox(cli: Cli, tmp_path: Path) -> None:
    defs = _local_profile(tmp_path, marac_template="local-marac")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "local-marac.md.j2").write_text("{{ risk.__class__.__mro__ }}\n")
    result = cli("report", "examples/high-by-count.yaml", "--form", "marac",
                 "--questionnaires-dir", defs, "--profile", "local-area",
                 "--template-dir", templates)  # fmt: skip
    assert result.code == 3 and "sandbox" in result.err and result.out == ""


def test_a_profile_form_name_that_is_not_a_name_is_refused(cli: Cli, tmp_path: Path) -> None:
    defs = _local_profile(tmp_path, marac_template="../../etc/form")
    result = cli("report", "examples/high-by-count.yaml", "--form", "marac",
                 "--questionnaires-dir", defs, "--profile", "local-area")  # fmt: skip
    assert result.code == 3
    assert "marac_template" in result.err and "lower-case letters" in result.err


def test_a_profile_naming_a_template_that_is_not_a_form_fails_cleanly(
    cli: Cli, tmp_path: Path
) -> None:
    defs = _local_profile(tmp_path, marac_template="compare")  # bundled, but not a form
    result = cli("report", "examples/high-by-count.yaml", "--form", "marac",
                 "--questionnaires-dir", defs, "--profile", "local-area")  # fmt: skip
    assert result.code == 3 and "Traceback" not in result.err
    assert "compare.md.j2" in result.err


# --------------------------------------------------------------------------- inert free text


def _hostile(lib: Library) -> AnswerSet:
    responses: dict[str, Any] = {"dash": dash_answers(set(range(1, 16)), unknown={21})}
    responses["dash"]["q18"] = {"answer": "yes", "comment": HOSTILE_COMMENT, "source": HOSTILE_LINE}
    return make_answers(
        lib,
        responses,
        reference="<b>R</b>|# [x](http://evil)",
        case={"practitioner": HOSTILE_LINE, "agency": IMG, "relationship": "partner"},
        context={"safe_contact": HOSTILE_LINE, "other_party_whereabouts": IMG},
        professional_judgement={"level": "high", "rationale": HOSTILE_COMMENT},
    )


def test_hostile_text_is_inert_in_the_markdown_form(lib: Library) -> None:
    html = cmarkgfm.github_flavored_markdown_to_html(
        _form(lib, _hostile(lib), "md"), options=Options.CMARK_OPT_UNSAFE
    )
    assert "<script" not in html and "<img" not in html
    assert "http://evil" not in re.findall(r'href="([^"]*)"', html)
    for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        assert len({len(re.findall(r"<t[hd][ >]", row)) for row in rows}) == 1
    assert "&lt;script&gt;" in html


def test_hostile_text_is_inert_in_the_html_form(lib: Library) -> None:
    html = _form(lib, _hostile(lib), "html")
    parsed = parse_html(html)
    assert not {tag for tag, _ in parsed.tags} & {"script", "img", "a", "iframe", "b"}
    assert not [n for _, attrs in parsed.tags for n, _ in attrs if n.startswith("on")]
    assert "<img src=x onerror=alert(1)>" in "".join(parsed.text)
    assert "default-src 'none'" in html


def test_the_public_api_renders_the_form_and_refuses_a_stranger_case() -> None:
    from stalkscreen import api

    data = yaml.safe_load(next(p for p in EXAMPLES if p.stem == "high-by-count").read_text())
    md = api.render_report(data, format="md", form="marac")
    assert md.startswith("**OFFICIAL-SENSITIVE**") and "## 7. Consent" in md
    data["case"]["relationship"] = "stranger"
    with pytest.raises(NotAMaracCase):
        api.render_report(data, format="html", form="marac")


@pytest.mark.parametrize("name", ["high-by-count"])
def test_the_form_pdf_is_tagged_for_screen_readers(
    pdf_tools: None, lib: Library, name: str
) -> None:
    """Issue 19.3 reaches the form: the PDF/UA printer tags its headings, tables and lists."""
    from tests.pdf_helpers import reader, struct_elements, tags

    pdf = reader(_form(lib, _example(lib, name), "pdf"))
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and root["/MarkInfo"]["/Marked"]
    elements = list(struct_elements(root["/StructTreeRoot"]))
    assert len(tags(elements, "/H1")) == 1
    assert len(tags(elements, "/H2")) == 9  # the nine sections
    assert tags(elements, "/TH") and tags(elements, "/L")


def test_a_draft_screening_gives_a_form_marked_draft(lib: Library) -> None:
    answers = make_answers(lib, {"dash": dash_answers(range(1, 16))}, status="in-progress")
    assert "**Draft: this screening is still in progress.**" in _form(lib, answers, "md")
    assert '<p class="draft">Draft: this screening' in _form(lib, answers, "html")
    done = make_answers(lib, {"dash": dash_answers(range(1, 16))})
    assert "Draft" not in _form(lib, done, "md")


def test_writing_the_form_is_a_disclosure_that_names_the_form(cli: Cli, tmp_path: Path) -> None:
    import json

    out = tmp_path / "marac.md"
    result = cli("report", "examples/high-by-count.yaml", "--form", "marac", "-o", out)
    assert result.code == 0 and "MARAC referral form written" in result.err
    assert out.stat().st_mode & 0o777 == 0o600
    log = Path(os.environ["STALKSCREEN_AUDIT_LOG"]).read_text().splitlines()
    events = [json.loads(line) for line in log]
    disclosure = [e for e in events if e["event"] == "disclosure"][-1]
    assert disclosure["form"] == "marac" and disclosure["destination"] == str(out)
    assert "Held her by the throat" not in "\n".join(log)  # no answer content in the log
