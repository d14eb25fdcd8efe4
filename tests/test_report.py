"""Referral summaries (issue 4): content, inert free text, templates, goldens, CLI."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from pydantic import BaseModel

from stalkscreen.answers import AnswerSet
from stalkscreen.definitions.library import Library
from stalkscreen.reading import load_answers
from stalkscreen.report import ReportContext, render_report, report_context, report_filename
from stalkscreen.report.escape import css_string, md_block, md_escape
from stalkscreen.report.outcome import plural_words
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
)

Cli = Callable[..., Result]
GOLDEN_EXAMPLES = [
    "high-by-count",
    "red-flag",
    "s-dash-case",
    "ric",
    "incomplete",
    "repeat-marac",
    "probation",
    "stalking-behaviours",
]


def _render(lib: Library, answers: AnswerSet, fmt: str, **kw: object) -> str:
    profile = lib.profile(answers.profile or "default").profile
    screening = score(answers, lib, profile)
    out = render_report(answers, screening, lib, profile, fmt, generated_at=FIXED_TIME, **kw)  # type: ignore[arg-type]
    assert isinstance(out, str)
    return out


def _example(lib: Library, name: str) -> AnswerSet:
    return load_answers(
        Path(__file__).resolve().parent.parent / "examples" / f"{name}.yaml", lib.definitions
    )


def _gfm(markdown: str) -> str:
    """GitHub's own renderer, with raw HTML allowed so unescaped input would show."""
    html: str = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=Options.CMARK_OPT_UNSAFE
    )
    return html


def _hostile(lib: Library) -> AnswerSet:
    responses = {"dash": dash_answers({1, 2, 3, 8, 18}, unknown={21})}
    responses["dash"]["q18"] = {"answer": "yes", "comment": HOSTILE_COMMENT, "source": HOSTILE_LINE}
    responses["dash"]["q21"] = {"answer": "unknown", "comment": HOSTILE_COMMENT}
    return make_answers(
        lib,
        responses,
        reference="<b>R</b>|# [x](http://evil)",
        case={"practitioner": HOSTILE_LINE, "agency": IMG},
        professional_judgement={"level": "high", "rationale": HOSTILE_COMMENT},
    )


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("name", GOLDEN_EXAMPLES)
def test_golden(lib: Library, name: str, fmt: str) -> None:
    """Rendered summaries match tests/golden; STALKSCREEN_UPDATE_GOLDEN=1 rewrites them."""
    out = _render(lib, _example(lib, name), fmt)
    path = GOLDEN / f"{name}.{fmt}"
    if os.environ.get("STALKSCREEN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with STALKSCREEN_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8"), f"{path.name} changed: review the diff"


# --------------------------------------------------------------------------- content (§7)


def test_content_of_a_marac_summary(lib: Library) -> None:
    md = _render(lib, _example(lib, "high-by-count"), "md")
    assert md.startswith("**OFFICIAL-SENSITIVE**")
    assert md.rstrip().endswith("**OFFICIAL-SENSITIVE**")
    assert md.index("## Outcome") < md.index("## Case") < md.index("## Answers")
    assert "| MARAC referral | **Yes** |" in md
    assert "Visible high risk** (SC-VHR)" in md
    assert "sha256" in md and "bundled" in md
    assert "Held her by the throat last month." in md
    assert "5 of 11 answered yes" in md
    assert "dash.q21" in md  # unknown item listed for follow-up
    assert "National Stalking Helpline" in md
    # SC-ROUTE: children live in the household (context.children yes), so children's services
    assert "### Children's services" in md
    assert "Mute rather than block" in md and "Do not advise changing number" in md
    assert "## MARAC referral checklist" in md and "Still needed" in md
    assert "Risk identification, not prediction" in md
    assert "this summary structures" not in md
    assert "Generated 21 November 2026, 09\\:30 UTC" not in md  # colons before a space stay plain
    assert "21 November 2026, 09:30 UTC" in md


def test_routes_follow_the_screening(lib: Library) -> None:
    md = _render(lib, _example(lib, "standard"), "md")
    assert "### Police" in md
    assert "### MARAC referral" not in md and "National Stalking Helpline" not in md
    children = make_answers(lib, {"dash": dash_answers({9, 10})})
    assert "### Children's services" in _render(lib, children, "md")


def test_marking_override_and_bad_marking(lib: Library, cli: Cli, tmp_path: Path) -> None:
    md = _render(lib, _example(lib, "medium"), "md", marking="OFFICIAL")
    assert md.startswith("**OFFICIAL**") and "OFFICIAL-SENSITIVE" not in md
    result = cli("report", Path("examples/medium.yaml").resolve(), "--marking", "A\nB")
    assert result.code == 2


def test_every_example_renders_in_every_text_format(lib: Library) -> None:
    for path in EXAMPLES:
        answers = load_answers(path, lib.definitions)
        for fmt in ("md", "html", "json"):
            assert _render(lib, answers, fmt), (path.name, fmt)


def test_json_is_the_context(lib: Library) -> None:
    data = json.loads(_render(lib, _example(lib, "red-flag"), "json"))
    ReportContext.model_validate(data)
    assert data["outcome"]["urgent"] is True
    assert data["red_flags"][0]["item"] == "last-resort-thinking"


# --------------------------------------------------------------------------- inert free text


def test_md_escape_is_inert_in_githubs_renderer() -> None:
    html = _gfm("| a | b |\n| --- | --- |\n| " + md_escape(HOSTILE_COMMENT) + " | x |\n")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<h1" not in html and "<em>" not in html and "<code>" not in html
    assert "<li>" not in html and "<del>" not in html and "<pre>" not in html
    assert html.count("<td>") == 2  # the pipes did not add cells


def test_hostile_markdown_report(lib: Library) -> None:
    html = _gfm(_render(lib, _hostile(lib), "md"))
    assert "<script" not in html and "<img" not in html
    assert "http://evil" not in re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith("mailto:") for h in re.findall(r'href="([^"]*)"', html))
    headings = re.findall(r"<h[1-6]>(.*?)</h[1-6]>", html)
    assert not [h for h in headings if h == "heading" or h.startswith("heading")]
    for table in re.findall(r"<table>.*?</table>", html, flags=re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
        assert len(widths) == 1, "a free-text value broke a table row"
    assert "&lt;script&gt;" in html


def test_hostile_html_report(lib: Library) -> None:
    html = _render(lib, _hostile(lib), "html")
    parsed = parse_html(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "img", "a", "iframe", "object", "link", "b"}
    assert not [n for _, attrs in parsed.tags for n, _ in attrs if n.startswith("on")]
    assert "<img src=x onerror=alert(1)>" in "".join(parsed.text)
    url_attrs = {"src", "href", "action", "srcset", "poster", "data", "formaction"}
    assert not [n for _, attrs in parsed.tags for n, _ in attrs if n in url_attrs]
    assert "url(" not in html and "@import" not in html
    text = html.replace("<wbr>", "")  # the break points long runs get (escape.breakable)
    assert "http://" not in text.replace("http://evil", "").replace("http://example.invalid", "")
    assert "default-src 'none'" in html


def test_css_string_cannot_break_out() -> None:
    value = css_string('x"; } </style><script>alert(1)</script>\n')
    assert value.startswith('"') and value.endswith('"')
    assert '"' not in value[1:-1] and "<" not in value and "}" not in value


def test_report_filename_is_sanitised() -> None:
    for reference in ("../../etc/passwd", "CR/2026/004512", ".hidden", "CON", "a\\b"):
        name = report_filename(reference, "pdf")
        assert re.fullmatch(r"summary-[A-Za-z0-9_-]+\.pdf", name), name
    assert report_filename("a/b", "md") != report_filename("a-b", "md")


# --------------------------------------------------------------------------- templates


def _undocumented(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[str]:
    missing = []
    seen.add(model)
    for name, field in model.model_fields.items():
        if not (field.description and field.description.strip()):
            missing.append(f"{model.__name__}.{name}")
        for arg in _model_args(field.annotation):
            if arg not in seen:
                missing.extend(_undocumented(arg, seen))
    return missing


def _model_args(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in getattr(annotation, "__args__", ()) for m in _model_args(a)]


def test_every_context_field_is_documented() -> None:
    assert _undocumented(ReportContext, set()) == []


def test_user_template_extends_the_default_and_replaces_one_block(
    lib: Library, tmp_path: Path
) -> None:
    (tmp_path / "summary.md.j2").write_text(
        '{% extends "default/summary.md.j2" %}\n'
        "{% block advice %}\n## Local advice\n\nCall the duty desk.\n\n{% endblock %}\n"
    )
    (tmp_path / "summary.html.j2").write_text(
        '{% extends "default/summary.html.j2" %}'
        "{% block advice %}<section><h2>Local advice</h2><p>{{ case.reference }}</p></section>"
        "{% endblock %}"
    )
    answers = _example(lib, "high-by-count")
    md = _render(lib, answers, "md", template_dirs=(tmp_path,))
    assert "## Local advice" in md and "Mute rather than block" not in md
    assert "## Outcome" in md and "## MARAC referral checklist" in md
    html = _render(lib, answers, "html", template_dirs=(tmp_path,))
    assert "<h2>Local advice</h2><p>EX/0003</p>" in html and "Mute rather than block" not in html


def test_user_advice_file_replaces_the_bundled_one(lib: Library, tmp_path: Path) -> None:
    (tmp_path / "advice.yaml").write_text(
        "format: stalkscreen/advice@1\ngive: [{title: Local step, text: Do the local thing.}]\n"
        "avoid: [{title: Local no, text: Not this.}]\nmarac_needs: []\n"
    )
    md = _render(lib, _example(lib, "medium"), "md", template_dirs=(tmp_path,))
    assert "Local step" in md and "Keep a dated log" not in md


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ case.__class__.__init__.__globals__ }}",
        "{{ outcome.model_config.__class__ }}",
    ],
)
def test_sandbox_stops_python_internals(cli: Cli, tmp_path: Path, body: str) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "summary.md.j2").write_text(body)
    out = tmp_path / "out.md"
    result = cli(
        "report", Path("examples/medium.yaml").resolve(), "--template-dir", templates, "-o", out
    )
    assert result.code == 3, result.err
    assert "sandbox" in result.err
    assert not out.exists()


def test_broken_user_templates_are_invalid_input(cli: Cli, tmp_path: Path) -> None:
    example = Path("examples/medium.yaml").resolve()
    for body in (
        "{% if %}",
        "{{ no_such_field }}",
        '{% extends "missing.j2" %}',
        '{% extends "summary.md.j2" %}',
    ):
        (tmp_path / "summary.md.j2").write_text(body)
        result = cli("report", example, "--template-dir", tmp_path)
        assert result.code == 3, (body, result.err)
        assert "Traceback" not in result.err
    assert cli("report", example, "--template-dir", tmp_path / "nope").code == 3


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{{ case.reference + 1 }}", "TypeError"),
        ('{{ "%d"|format("x") }}', "TypeError"),
    ],
)
def test_a_user_templates_failing_expression_is_invalid_input(
    cli: Cli, tmp_path: Path, body: str, kind: str
) -> None:
    """SS-E283: the template's own mistake (exit 3, named), not an internal error (exit 1)."""
    example = Path("examples/medium.yaml").resolve()
    (tmp_path / "summary.html.j2").write_text(
        '{% extends "default/summary.html.j2" %}{% block outcome %}' + body + "{% endblock %}"
    )
    result = cli("report", example, "-f", "html", "--template-dir", tmp_path)
    assert result.code == 3, result.err
    assert "summary.html.j2" in result.err and kind in result.err and "[SS-E283]" in result.err
    assert "Traceback" not in result.err and "SS-E213" not in result.err


# --------------------------------------------------------------------------- command


def test_report_to_stdout_and_to_a_private_file(cli: Cli, tmp_path: Path) -> None:
    example = Path("examples/high-by-count.yaml").resolve()
    result = cli("report", example)
    assert result.code == 0 and result.out.startswith("**OFFICIAL-SENSITIVE**")
    out = tmp_path / "summary.html"
    result = cli("report", example, "--format", "html", "--output", out)
    assert result.code == 0 and result.out == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(cli("report", example, "-f", "json").out)["case"]["reference"] == "EX/0003"


def test_pdf_needs_output(cli: Cli) -> None:
    result = cli("report", Path("examples/medium.yaml").resolve(), "--format", "pdf")
    assert result.code == 2 and "--output" in result.err


def test_missing_weasyprint_is_a_clear_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "s.pdf"
    result = cli("report", Path("examples/medium.yaml").resolve(), "-f", "pdf", "-o", out)
    assert result.code == 3
    assert "pip install 'stalkscreen[pdf]'" in result.err
    assert not out.exists()


def test_invalid_answer_file_is_exit_3(cli: Cli) -> None:
    assert cli("report", Path("examples/invalid.yaml").resolve()).code == 3


def test_context_for_other_commands(lib: Library) -> None:
    answers = _example(lib, "s-dash-case")
    profile = lib.profile("default").profile
    ctx = report_context(
        answers, score(answers, lib, profile), lib, profile, generated_at=FIXED_TIME
    )
    assert ctx.generated_at == "2026-11-21T09:30:00Z"
    assert ctx.judgement is not None and ctx.judgement.level == "high"
    assert ctx.s_dash is not None and ctx.s_dash.yes == 7


# --------------------------------------------------------------------------- reviewer fixes


def _context(lib: Library, answers: AnswerSet) -> ReportContext:
    profile = lib.profile(answers.profile or "default").profile
    return report_context(
        answers, score(answers, lib, profile), lib, profile, generated_at=FIXED_TIME
    )


def test_route_notes_are_written_for_practitioners(lib: Library) -> None:
    for name in ("default", "cambridgeshire", "escalation-5-3-hbv"):
        for route in lib.profile(name).profile.routes:
            note = route.verify or ""
            assert "seed" not in note.lower() and not note.startswith("Add "), (name, route.id)
            assert "adding it here" not in note, (name, route.id)
    md = _render(lib, _example(lib, "high-by-count"), "md")
    html = _render(lib, _example(lib, "high-by-count"), "html")
    assert "- To confirm locally: Confirm the telephone number on the service's website" in md
    assert "<dt>To confirm locally</dt>" in html
    for out in (md, html):
        assert "Check locally" not in out
        assert "0207 840 8960" not in out and "0203 866 4107" not in out


def test_not_a_prediction_note_is_at_the_top(lib: Library) -> None:
    md = _render(lib, _example(lib, "medium"), "md")
    assert md.index("Risk identification, not prediction") < md.index("## Outcome")
    assert md.index("not the official form") < md.index("## Outcome")
    html = _render(lib, _example(lib, "medium"), "html")
    assert html.index("Risk identification, not prediction") < html.index('id="h-outcome"')
    from stalkscreen.report.escape import css_string

    # the page-margin text is translated, so it is a CSS string like any other value
    assert f"@top-left {{ content: {css_string('Not the official form; not a prediction')}" in html


def test_high_without_marac_says_why_and_prompts_judgement(lib: Library) -> None:
    flagged = _context(lib, _example(lib, "red-flag")).outcome
    assert flagged.risk_level == "high" and not flagged.marac_referral
    assert flagged.marac_gap is not None
    assert "a red flag was answered yes" in flagged.marac_gap.level_reason
    assert any("refers at 14 or more yes answers" in c for c in flagged.marac_gap.criteria)
    assert "professional judgement of high is itself a MARAC referral criterion" in (
        flagged.marac_gap.prompt
    )
    counted = _context(
        lib,
        make_answers(lib, {"dash": dash_answers(set(range(1, 16)))}, profile="cambridgeshire"),
    ).outcome
    assert counted.risk_level == "high" and not counted.marac_referral
    assert counted.marac_gap is not None
    assert "below the 17 this profile needs" in counted.marac_gap.level_reason
    assert any(
        "refers at 17 or more yes answers" in c and "has 15 yes answers" in c
        for c in counted.marac_gap.criteria
    )
    md = _render(lib, _example(lib, "red-flag"), "md")
    assert "### High risk without a MARAC referral" in md
    assert "| MARAC referral | **No**: no MARAC criterion is met (see below) |" in md
    assert _context(lib, _example(lib, "high-by-count")).outcome.marac_gap is None
    assert _context(lib, _example(lib, "medium")).outcome.marac_gap is None


def test_summary_wording_is_plain(lib: Library) -> None:
    ctx = _context(lib, _example(lib, "high-by-count"))
    assert ctx.case.relationship == "ex-partner"
    assert ctx.outcome.level_basis == "the count of yes answers (high band)"
    feared = next(c for c in ctx.marac_checklist if c.label.startswith("Who the victim fears"))
    assert feared.value is not None
    assert "Kill me" in feared.value and "being-killed" not in feared.value
    assert "(s)" not in json.dumps(ctx.model_dump(mode="json"))
    flagged = _context(lib, _example(lib, "red-flag"))
    assert flagged.outcome.level_basis == "a red flag"
    assert "1 red flag present" in flagged.outcome.reasons[0].summary
    assert plural_words("1 yes answer(s) on DASH (police) item(s)") == (
        "1 yes answer on DASH (police) items"
    )
    assert plural_words("3 DASH (police) item(s) not asked") == "3 DASH (police) items not asked"


LIGHT_CASES = [
    "DASH (police) & S-DASH: see www.stalkinghelpline.org or http://example.org/a_b",
    "snake_case_name a < b 5 > 3 C:\\Users\\x 50% done; 9:30 to 16:00",
    "\\*not emphasis\\* \\[x](y) \\",
    "<1@x.example> <!-- c --> <?php ?> &amp; &#60;b&#62; _a_ __b__ ~c~ a*b*c",
    "- item",
    "1) first",
    "> quoted",
    "### heading",
    "=====",
    "--- | ---",
]


@pytest.mark.parametrize("text", LIGHT_CASES)
def test_light_md_escape_is_inert_and_shows_the_same_text(text: str) -> None:
    import html as html_lib

    cell = _gfm("| a | b |\n| --- | --- |\n| " + md_escape(text) + " | x |\n")
    block = _gfm("Before\n" + md_block(text + "\n" + text) + "\n")
    for out in (cell, block):
        for tag in ("<em>", "<strong>", "<code>", "<del>", "<li>", "<h", "<blockquote"):
            assert tag not in out, (tag, out)
        # only a bare e-mail address may become a link (documented in the README)
        assert all(h.startswith("mailto:") for h in re.findall(r'href="([^"]*)"', out))
        assert "<img" not in out
        assert "<hr" not in out and "<!--" not in out and "<?php" not in out
    assert cell.count("<td>") == 2
    assert block.count("<table") == 0
    paragraph = html_lib.unescape(re.sub(r"<[^>]+>", "", _gfm(str(md_escape(text)))))
    assert paragraph.strip() == text.strip()


def test_md_escape_leaves_plain_text_plain() -> None:
    assert (
        md_escape("DASH (police) & Roberts, 9:30, a < b") == "DASH (police) & Roberts, 9:30, a < b"
    )
    assert md_escape("snake_case") == "snake_case"
    assert md_escape("www.example.org") == "www\\.example.org"
    assert md_escape("http://example.org") == "http\\://example.org"


def test_advice_to_give_is_apart_from_practitioner_tasks(lib: Library) -> None:
    md = _render(lib, _example(lib, "high-by-count"), "md")
    give = md[md.index("## Advice to give the victim") : md.index("### What not to advise")]
    avoid = md[md.index("### What not to advise") : md.index("## For you (the practitioner)")]
    tasks = md[md.index("## For you (the practitioner)") : md.index("## MARAC referral checklist")]
    assert "Mute rather than block" in give and "Keep a dated log" in give
    assert "Record the victim's own view" not in give and "Refer before you part" not in give
    assert "Record the victim's own view" in tasks and "Refer before you part" in tasks
    assert "Do not advise changing number, blocking or closing accounts" in avoid
    assert "Never suggest meeting the person" in avoid
    html = _render(lib, _example(lib, "high-by-count"), "html")
    assert '<div class="avoid">\n<h3>What not to advise</h3>' in html
    assert '<h2 id="h-practitioner">For you (the practitioner)</h2>' in html
