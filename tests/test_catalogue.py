"""Issue 15.6: every problem has a stable code from one catalogue, its message and fix as fields.

The catalogue (:mod:`stalkscreen.catalogue`) is checked against the README table, against
the frozen list below (a code is never renumbered or reused), and against every place in
``src/`` that raises a problem (no free-text problem is left).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from stalkscreen.catalogue import AREAS, Answers, Entry, Reading, entries, markdown_table
from stalkscreen.errors import Invalid, InvalidInputError, Problem, UsageError

from .conftest import Result

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "stalkscreen"
Cli = Callable[..., Result]

FROZEN = {
    "SS-E001": "Reading.NO_SUCH_FILE",
    "SS-E002": "Reading.IS_A_FOLDER",
    "SS-E003": "Reading.UNREADABLE",
    "SS-E004": "Reading.FILE_TOO_LARGE",
    "SS-E005": "Reading.BINARY_FILE",
    "SS-E006": "Reading.NOT_UTF8",
    "SS-E007": "Reading.NOT_YAML",
    "SS-E008": "Reading.NOT_JSON",
    "SS-E009": "Reading.YAML_OBJECT_TAG",
    "SS-E010": "Reading.YAML_BAD_TAG",
    "SS-E011": "Reading.YAML_ALIAS",
    "SS-E012": "Reading.DUPLICATE_KEY",
    "SS-E013": "Reading.VALUE_TOO_BIG",
    "SS-E014": "Reading.TOO_DEEP",
    "SS-E015": "Reading.NOT_A_MAPPING",
    "SS-E016": "Reading.MORE_PROBLEMS",
    "SS-E020": "Model.UNKNOWN_KEY",
    "SS-E021": "Model.MISSING_KEY",
    "SS-E022": "Model.WRONG_TYPE",
    "SS-E023": "Model.NOT_ALLOWED",
    "SS-E024": "Model.TOO_SMALL",
    "SS-E025": "Model.TOO_LARGE",
    "SS-E026": "Model.TEXT_TOO_LONG",
    "SS-E027": "Model.TEXT_EMPTY",
    "SS-E028": "Model.BAD_NAME",
    "SS-E029": "Model.BAD_DATE",
    "SS-E030": "Model.BAD_DATETIME",
    "SS-E031": "Model.NOT_WHOLE_NUMBER",
    "SS-E032": "Model.LIST_EMPTY",
    "SS-E033": "Model.VALUE_REJECTED",
    "SS-E034": "Answers.MISSING_COLUMN",
    "SS-E035": "Answers.ROW_LENGTH",
    "SS-E036": "Answers.LOG_UNKNOWN_KEY",
    "SS-E037": "Answers.NOT_A_LIST_OF_INCIDENTS",
    "SS-E038": "Answers.LOG_TOO_LONG",
    "SS-E040": "Definitions.INVISIBLE_TEXT",
    "SS-E041": "Definitions.BAD_CONDITION",
    "SS-E042": "Definitions.CHOICES_MISSING",
    "SS-E043": "Definitions.CHOICES_NOT_ALLOWED",
    "SS-E044": "Definitions.SINGLE_NOT_ALLOWED",
    "SS-E045": "Definitions.GATE_PAIR",
    "SS-E046": "Definitions.BAD_VERSION",
    "SS-E047": "Definitions.DUPLICATE_ID",
    "SS-E048": "Definitions.UNKNOWN_SECTION",
    "SS-E049": "Definitions.ROUTE_NEVER_APPLIES",
    "SS-E050": "Definitions.BANDS_EMPTY",
    "SS-E051": "Definitions.BAND_GAP",
    "SS-E052": "Definitions.BAND_OVERLAP",
    "SS-E053": "Definitions.BAND_ORDER",
    "SS-E054": "Definitions.BAND_OPEN_NOT_LAST",
    "SS-E055": "Definitions.BAND_MAX_BELOW_MIN",
    "SS-E056": "Definitions.BANDS_CLOSED",
    "SS-E057": "Definitions.RULE_PROMPTS_KEYS",
    "SS-E058": "Definitions.RULE_PROMPT_FIELDS",
    "SS-E059": "Definitions.NO_SUCH_OVERLAY",
    "SS-E060": "Definitions.UNKNOWN_INSTRUMENT",
    "SS-E061": "Definitions.UNKNOWN_PROFILE",
    "SS-E062": "Definitions.OVERLAY_UNKNOWN_ITEM",
    "SS-E063": "Definitions.NO_SUCH_QUESTIONNAIRES_DIR",
    "SS-E064": "Definitions.SECOND_DEFINITION",
    "SS-E065": "Definitions.REF_NOT_CASE_FIELD",
    "SS-E066": "Definitions.REF_NOT_CONTEXT_KEY",
    "SS-E067": "Definitions.REF_UNKNOWN_INSTRUMENT",
    "SS-E068": "Definitions.REF_TOO_MANY_PARTS",
    "SS-E069": "Definitions.REF_UNKNOWN_ITEM",
    "SS-E070": "Definitions.REF_UNKNOWN_DETAIL",
    "SS-E071": "Definitions.EQUIVALENT_MISSING",
    "SS-E072": "Definitions.NOT_A_DEFINITION",
    "SS-E073": "Definitions.NO_YAML_FILES",
    "SS-E074": "Definitions.NO_SUCH_PATH",
    "SS-E075": "Definitions.INSTRUMENT_DEFINED_TWICE",
    "SS-E076": "Answers.NOT_A_TIME",
    "SS-E077": "Answers.LOG_EMPTY",
    "SS-E078": "Answers.NOT_CSV",
    "SS-E079": "Answers.UNKNOWN_COLUMN",
    "SS-E080": "Answers.INVISIBLE_CHARACTERS",
    "SS-E081": "Answers.CONTROL_CHARACTERS",
    "SS-E082": "Answers.REFERENCE_BLANK",
    "SS-E083": "Answers.BOOLEAN_COUNT",
    "SS-E084": "Answers.JUDGEMENT_NEEDS_RATIONALE",
    "SS-E085": "Answers.DOMAIN_NEEDS_RATIONALE",
    "SS-E086": "Answers.PROBATION_CONTEXT_VALUE",
    "SS-E087": "Answers.DOMAINS_NOT_PROBATION",
    "SS-E088": "Answers.UNKNOWN_FORMAT",
    "SS-E089": "Answers.ANSWER_EMPTY",
    "SS-E090": "Answers.NOT_AN_ANSWER",
    "SS-E091": "Answers.UNKNOWN_ANSWERED_INSTRUMENT",
    "SS-E092": "Answers.UNKNOWN_ITEM",
    "SS-E093": "Answers.UNKNOWN_DETAIL",
    "SS-E094": "Answers.ONE_CHOICE_ONLY",
    "SS-E095": "Answers.NOT_A_CHOICE",
    "SS-E096": "Answers.NOT_A_SCREENING",
    "SS-E097": "Answers.ITEM_HAS_NO_DETAILS",
    "SS-E098": "Answers.IMPLAUSIBLE_DATE",
    "SS-E099": "Answers.NOT_A_REAL_DATE",
    "SS-E100": "Commands.UNKNOWN_SCHEMA",
    "SS-E101": "Commands.JSON_OR_FORMAT",
    "SS-E102": "Commands.INTERRUPTED",
    "SS-E103": "Commands.NO_DRAFT",
    "SS-E104": "Commands.NO_SUCH_DRAFT",
    "SS-E105": "Commands.DRAFT_COMPLETED",
    "SS-E106": "Commands.RESUME_PURPOSE",
    "SS-E107": "Commands.DRAFT_EXISTS",
    "SS-E108": "Commands.PREFILL_PURPOSE",
    "SS-E109": "Commands.INTERVIEW_CANNOT_START",
    "SS-E110": "Commands.USE_RESUME",
    "SS-E111": "Commands.BAD_PURPOSE",
    "SS-E112": "Commands.PDF_NEEDS_OUTPUT",
    "SS-E113": "Commands.OUTPUT_IS_FOLDER",
    "SS-E114": "Commands.NOT_A_FOLDER",
    "SS-E115": "Commands.OUTPUT_NEEDS_FORMAT",
    "SS-E116": "Commands.FORMAT_NEEDS_OUTPUT",
    "SS-E117": "Commands.BAD_ENCODING",
    "SS-E118": "Commands.PSEUDONYMISE_NEEDS_KEY",
    "SS-E119": "Commands.REPORT_FORMAT_NEEDS_DIR",
    "SS-E120": "Commands.REPORTS_DIR_IS_FILE",
    "SS-E121": "Commands.LONG_IN_OUTPUT",
    "SS-E122": "Commands.OUTPUT_NOT_PLAIN",
    "SS-E123": "Commands.KEY_EXISTS",
    "SS-E124": "Commands.OUTPUT_REFUSED",
    "SS-E125": "Commands.OUTPUT_IS_LINK",
    "SS-E126": "Commands.OUTPUT_IS_INPUT",
    "SS-E127": "Commands.OUTPUT_IS_OUTPUT",
    "SS-E128": "Commands.BAD_AGE",
    "SS-E129": "Commands.DIFFERENT_CASES",
    "SS-E130": "Commands.INTERRUPTED_COMPLETE",
    "SS-E131": "Commands.INTERRUPTED_REMOVED",
    "SS-E132": "Commands.NO_MATCHING_SCREENING",
    "SS-E133": "Commands.NO_SUCH_INPUT",
    "SS-E134": "Commands.NO_SCREENINGS",
    "SS-E140": "Keys.NOT_A_PUBLIC_KEY",
    "SS-E141": "Keys.IDENTITY_UNREADABLE",
    "SS-E142": "Keys.NOT_AN_IDENTITY",
    "SS-E143": "Keys.PASSPHRASE_UNREADABLE",
    "SS-E144": "Keys.PASSPHRASE_EMPTY",
    "SS-E145": "Keys.PASSPHRASE_NEEDED",
    "SS-E146": "Keys.KDF_UNUSABLE",
    "SS-E147": "Keys.NO_KEY_TO_SEAL",
    "SS-E148": "Keys.SEALED_DAMAGED",
    "SS-E149": "Keys.KDF_UNSAFE",
    "SS-E150": "Keys.NEEDS_IDENTITY",
    "SS-E151": "Keys.NEEDS_PASSPHRASE",
    "SS-E152": "Keys.WRONG_KEY",
    "SS-E160": "Files.WRITE_TO_FOLDER",
    "SS-E161": "Files.NO_SUCH_FOLDER",
    "SS-E162": "Files.WRITE_DENIED",
    "SS-E163": "Files.WRITE_FAILED",
    "SS-E164": "Files.DRAFT_IN_USE",
    "SS-E165": "Files.NOT_A_FOLDER_TO_COPY",
    "SS-E166": "Files.CANNOT_COPY",
    "SS-E167": "Files.INCIDENT_OUTSIDE_WINDOW",
    "SS-E168": "Files.SCREENING_TOO_LARGE",
    "SS-E169": "Files.BAD_REASON",
    "SS-E170": "Files.BAD_PRACTITIONER",
    "SS-E171": "Files.AUDIT_UNWRITABLE",
    "SS-E172": "Files.AUDIT_UNREADABLE",
    "SS-E180": "Reports.NO_TEMPLATE_FOLDER",
    "SS-E181": "Reports.BAD_MARKING",
    "SS-E182": "Reports.TEMPLATE_SANDBOX",
    "SS-E183": "Reports.TEMPLATE_SYNTAX",
    "SS-E184": "Reports.TEMPLATE_UNDEFINED",
    "SS-E185": "Reports.NO_SUCH_TEMPLATE",
    "SS-E186": "Reports.TEMPLATE_LOOP",
    "SS-E187": "Reports.NO_WEASYPRINT",
    "SS-E188": "Reports.WEASYPRINT_BROKEN",
    "SS-E189": "Reports.UNKNOWN_REPORT_FORMAT",
    "SS-E190": "Reports.DATA_FILE_NOT_FOUND",
    "SS-E191": "Reports.NO_XLSXWRITER",
    "SS-E192": "Reports.OUTPUT_WRITE_FAILED",
    "SS-E193": "Reports.REPORTS_DIR_FAILED",
    "SS-E194": "Reports.WORKER_LOST",
    "SS-E195": "Reports.WORKER_FAILED",
    "SS-E196": "Reports.SUMMARY_NOT_WRITTEN",
    "SS-E197": "Reports.SUMMARIES_NOT_PUBLISHED",
    "SS-E198": "Batch.KEY_TOO_SHORT",
    "SS-E199": "Batch.NO_GLOB_MATCH",
    "SS-E200": "Batch.NOT_A_BATCH_INPUT",
    "SS-E201": "Batch.LINE_TOO_LONG",
    "SS-E202": "Batch.LINE_NOT_UTF8",
    "SS-E203": "Batch.CSV_EMPTY",
    "SS-E204": "Batch.CSV_NOT_UTF8",
    "SS-E205": "Batch.CSV_NO_REFERENCE",
    "SS-E206": "Batch.CSV_COLUMN_TWICE",
    "SS-E207": "Batch.CSV_UNKNOWN_COLUMN",
    "SS-E208": "Batch.CSV_ROW_TOO_LONG",
    "SS-E209": "Batch.NOT_IN_ENCODING",
    "SS-E210": "Batch.CSV_BROKEN",
    "SS-E211": "Batch.CSV_CELL_NOT_UTF8",
    "SS-E212": "Batch.SUMMARY_FAILED",
    "SS-E213": "Internal.INTERNAL_ERROR",
    "SS-E214": "Internal.INTERNAL_ERROR_IN_INPUT",
    "SS-E215": "Internal.STOPPED",
    "SS-E216": "Definitions.OVERLAY_TEXT_EMPTY",
    "SS-E217": "Definitions.OVERLAY_NOT_TEXT",
    "SS-E218": "Definitions.OVERLAY_KEY_NOT_NAME",
    "SS-E219": "Definitions.OVERLAY_BAD_SHAPE",
    "SS-E220": "Definitions.OVERLAY_ONE_TARGET",
    "SS-E221": "Definitions.OVERLAY_TEXT_AT",
    "SS-E222": "Definitions.OVERLAY_STAR_ROUTES",
    "SS-E223": "Definitions.OVERLAY_EXPECTED_MAPPING",
    "SS-E224": "Definitions.OVERLAY_NO_FIELD",
    "SS-E225": "Definitions.OVERLAY_DATA_NOT_WORDS",
    "SS-E226": "Definitions.OVERLAY_NO_ORIGINAL",
    "SS-E227": "Definitions.OVERLAY_LIST_LENGTH",
    "SS-E228": "Definitions.OVERLAY_CANNOT_REWORD",
    "SS-E229": "Definitions.OVERLAY_EXPECTED_TEXT",
    "SS-E230": "Definitions.OVERLAY_BRACES",
    "SS-E231": "Definitions.OVERLAY_EXPECTED_BY_ID",
    "SS-E232": "Definitions.OVERLAY_NO_ENTRY",
    "SS-E233": "Definitions.OVERLAY_FIELDS_BY_NAME",
    "SS-E234": "Definitions.OVERLAY_UNKNOWN_FORMAT",
    "SS-E235": "Definitions.OVERLAY_UNKNOWN_ROUTE",
    "SS-E236": "Definitions.UNKNOWN_LANGUAGE",
    "SS-E237": "Definitions.NO_SUCH_LANGUAGE",
    "SS-E238": "Definitions.NOT_A_LANGUAGE_FILE",
    "SS-E239": "Reports.NOT_MARAC_PROBATION",
    "SS-E240": "Reports.NOT_MARAC_RELATIONSHIP",
    "SS-E241": "Reports.MARAC_TEMPLATE_MISSING",
    "SS-E242": "Commands.FORM_HAS_NO_CHANGES",
    "SS-E243": "Interviewing.DOMAIN_AT_ITS_STEP",
    "SS-E244": "Interviewing.DOMAIN_HIGH_NEEDS_RATIONALE",
    "SS-E245": "Interviewing.NOT_A_PROBATION_QUESTION",
    "SS-E246": "Interviewing.ANSWER_YES_NO",
    "SS-E247": "Interviewing.CHOOSE_A_NUMBER",
    "SS-E248": "Interviewing.CHOOSE_A_LEVEL",
    "SS-E249": "Interviewing.ANSWER_THE_OFFER",
    "SS-E250": "Interviewing.NOT_ANSWERED_THAT_WAY",
    "SS-E251": "Interviewing.NEEDS_AN_ANSWER",
    "SS-E252": "Interviewing.REFERENCE_REQUIRED",
    "SS-E253": "Interviewing.ONLY_OPTIONAL_CLEARED",
    "SS-E254": "Interviewing.DETAILS_BELONG_TO_ITEM",
    "SS-E255": "Interviewing.DETAIL_DOES_NOT_APPLY",
    "SS-E256": "Interviewing.NOT_A_VALUE_FOR",
    "SS-E257": "Interviewing.UNKNOWN_DETAIL",
    "SS-E258": "Interviewing.ITEM_BEFORE_DETAILS",
    "SS-E259": "Interviewing.ONE_NUMBER_ONLY",
    "SS-E260": "Interviewing.COMMENTS_BELONG_TO_ITEM",
    "SS-E261": "Interviewing.CHOOSE_NUMBERS",
    "SS-E262": "Interviewing.CHOOSE_A_ROW",
    "SS-E263": "Interviewing.NO_SUCH_STEP",
    "SS-E264": "Interviewing.NOT_ASKED",
    "SS-E265": "Interviewing.JUDGEMENT_AT_ITS_STEP",
    "SS-E266": "Interviewing.JUDGEMENT_NOT_LOWER",
    "SS-E267": "Interviewing.LEVEL_NEEDS_RATIONALE",
    "SS-E268": "Interviewing.NOT_FINISHED",
    "SS-E269": "Interviewing.DASH_OR_RIC",
    "SS-E270": "Interviewing.NO_INSTRUMENT",
    "SS-E271": "Interviewing.UNKNOWN_POSITION",
    "SS-E272": "Interviewing.NOT_A_DATE",
    "SS-E273": "Interviewing.NOT_A_COUNT",
    "SS-E274": "Interviewing.CHOOSE_A_RELATIONSHIP",
    "SS-E275": "Interviewing.TEXT_CONTROL_CHARACTERS",
    "SS-E276": "Interviewing.TEXT_TOO_LONG",
    "SS-E277": "Interviewing.REFERENCE_FIRST",
    "SS-E278": "Interviewing.UNKNOWN_SECTION",
    "SS-E279": "Interviewing.UNKNOWN_ITEM",
    "SS-E280": "Commands.UNKNOWN_LANGUAGE",
    "SS-E281": "Commands.CATALOGUE_NOT_BUILT",
    "SS-E282": "Commands.BILINGUAL_JSON",
    "SS-E283": "Reports.TEMPLATE_FAILED",
}
"""Every code ever given, with the entry it names. Add new codes at the end; never change
or remove a line (a retired entry keeps its code out of use: see RETIRED)."""

RETIRED = {
    "SS-E062": "an overlay's unknown item id: wording@2 overlays report SS-E232 for any target",
    "SS-E109": "an interview that cannot start: the interview's own problem is shown (SS-E243…)",
}
"""Codes no longer raised, and why; they are never given to another problem."""

ERRORS = {"StalkscreenError", "InvalidInputError", "UsageError", "Interrupted"}
ERRORS |= {"MissingDependencyError", "WorkerLost"}
"""The error classes: built only from catalogue problems (``.of(...)`` or a list of them)."""


def _name(entry: Entry) -> str:
    return f"{type(entry).__name__}.{entry.name}"


def test_codes_are_unique_and_well_formed() -> None:
    codes = [e.code for e in entries()]
    assert len(codes) == len(set(codes)), "two entries share a code"
    assert all(re.fullmatch(r"SS-E\d{3}", c) for c in codes)
    assert all(e.message_template for e in entries())


def test_codes_are_stable() -> None:
    """The frozen list and the catalogue agree: no code renumbered, reused or dropped."""
    current = {code: name for code, name in FROZEN.items() if code not in RETIRED}
    assert {e.code: _name(e) for e in entries()} == current
    assert set(RETIRED) <= set(FROZEN)


def test_readme_lists_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "paste stalkscreen.catalogue.markdown_table() in README"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.code)
def test_every_entry_fills_its_texts(entry: Entry) -> None:
    """Each template formats with the values it names (no stray brace, no unknown field)."""
    values = dict.fromkeys(entry.fields(), 1)
    problem = Problem.of(entry, "f.yaml", "", None, **values)
    assert problem.message and "{" not in problem.message.replace("{%", "")
    assert problem.render().endswith(f"[{entry.code}]")


def test_a_problem_is_its_entry_and_values() -> None:
    problem = Problem.of(Reading.UNREADABLE, "a.yaml", "", 3, reason="permission denied")
    assert problem.message == "the file cannot be read (permission denied)"
    assert problem.fix == "check the path and its mode"
    assert problem.render() == (
        "a.yaml:3: the file cannot be read (permission denied) — check the path and its mode"
        " [SS-E003]"
    )


def test_a_near_name_or_the_otherwise_fix() -> None:
    near = Problem.of(Answers.UNKNOWN_ITEM, "a.yaml", instrument="dash", value="'q99'", guess="q9")
    far = Problem.of(Answers.UNKNOWN_ITEM, "a.yaml", instrument="dash", value="'zz'", guess=None)
    assert near.fix == "did you mean 'q9'?"
    assert far.fix == "check the item ids in the instrument"


def test_free_text_problems_are_refused_at_run_time() -> None:
    with pytest.raises(TypeError):
        Problem("the file is bad", "a.yaml")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        InvalidInputError("the file is bad")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        UsageError([])


def test_an_error_carries_its_codes() -> None:
    exc = InvalidInputError(
        [Problem.of(Reading.NO_SUCH_FILE, "a"), Problem.of(Reading.NO_SUCH_FILE, "b")]
    )
    assert exc.codes == ["SS-E001"]
    assert exc.lines() == [
        "a: no such file — check the path [SS-E001]",
        "b: no such file — check the path [SS-E001]",
    ]


def test_a_validator_problem_keeps_its_code(tmp_path: Path) -> None:
    """A pydantic validator raises :class:`Invalid`; the problem read back has its code."""
    from stalkscreen.answers import ProfessionalJudgement
    from stalkscreen.problems import collect
    from stalkscreen.source import Document

    doc = Document(path="a.yaml", text="level: high\n", data={"level": "high"})
    model, problems = collect(ProfessionalJudgement, {"level": "high"}, doc)
    assert model is None
    assert [p.code for p in problems] == [Answers.JUDGEMENT_NEEDS_RATIONALE]
    assert isinstance(Invalid(Answers.JUDGEMENT_NEEDS_RATIONALE), ValueError)


# --------------------------------------------------------------------------- every raise site


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SRC.rglob("*.py"))]


def _entry_of(node: ast.expr) -> Entry | None:
    """``Area.NAME`` as the catalogue entry it names."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        for area in AREAS:
            if node.value.id == area.__name__ and node.attr in area.__members__:
                return area[node.attr]
    return None


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        base = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{base}.{func.attr}"
    return func.id if isinstance(func, ast.Name) else ""


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _makes_problem(called: str) -> bool:
    base, _, method = called.rpartition(".")
    made = method == "of" and (base == "Problem" or base in ERRORS)
    return made or called in {"Invalid", "InterviewError"}


def _entries_in(node: ast.expr) -> list[Entry] | None:
    """The entries an argument names (both sides of ``A if c else B``), or ``None`` when it
    is worked out at run time (a variable: the run-time check and mypy hold it)."""
    if isinstance(node, ast.IfExp):
        sides = [_entries_in(node.body), _entries_in(node.orelse)]
        return None if None in sides else [e for side in sides for e in side or []]
    entry = _entry_of(node)
    return None if entry is None else [entry]


def test_every_raise_site_uses_a_catalogue_entry() -> None:
    """No free text: problems are made with ``Problem.of``/``Error.of``/``Invalid`` from an
    entry, errors from problems; a ``"message|fix"`` string is never raised again."""
    found: list[str] = []
    for path, tree in _modules():
        if path.parent.name == "catalogue":
            continue
        where = path.relative_to(SRC)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = _called(node)
            line = f"{where}:{node.lineno}: {called}"
            if called == "Problem" and path.name != "errors.py":
                found.append(f"{line}: build problems with Problem.of(Entry, …)")
            if called in ERRORS and any(_is_text(a) for a in node.args):
                found.append(f"{line}: an error from free text")
            if _makes_problem(called) and (not node.args or _is_text(node.args[0])):
                found.append(f"{line}: the first argument is not a catalogue entry")
            if called.endswith("ValueError") and any(
                isinstance(a, ast.Constant) and "|" in str(a.value) for a in ast.walk(node)
            ):
                found.append(f"{line}: a 'message|fix' string")
    assert found == []


def test_every_raise_site_gives_the_values_its_entry_names() -> None:
    """Where an entry is named at the raise site, the keyword values given are exactly its
    templates' fields; and every entry is raised somewhere."""
    found: list[str] = []
    used: set[Entry] = set()
    for path, tree in _modules():
        if path.parent.name == "catalogue":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and (entry := _entry_of(node)) is not None:
                used.add(entry)
            if not isinstance(node, ast.Call) or not _makes_problem(_called(node)):
                continue
            named = _entries_in(node.args[0]) if node.args else None
            if named is None or any(k.arg is None for k in node.keywords):  # **values
                continue
            given = {k.arg for k in node.keywords if k.arg is not None}
            for entry in named:
                if given != entry.fields():
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}: {entry.code} {given}")
    assert found == []
    assert set(entries()) - used == set(), "an entry no code raises: retire it (keep its code)"


# --------------------------------------------------------------------------- where codes show


def test_the_terminal_shows_the_code(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: stalkscreen/answers@1\ncase: {reference: A/1}\nresponses:\n  dash: {q1: maybe}\n"
    )
    result = cli("score", bad)
    assert result.code == 3
    assert "responses.dash.q1: 'maybe' is not an answer" in result.err
    assert "[SS-E090]" in result.err


def test_validate_lines_show_the_code(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "q.yaml"
    broken.write_text("id: x\nversion: one\n")
    result = cli("questionnaires", "validate", broken)
    assert result.code == 3
    assert "[SS-E046]" in result.err  # 'one' is not a semantic version


def test_batch_records_carry_the_codes(cli: Cli, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bad.yaml").write_text(
        "format: stalkscreen/answers@1\ncase: {reference: A/1}\nresponses:\n  dash: {q1: maybe}\n"
    )
    notes = tmp_path / "notes.txt"
    notes.write_text("not an input\n")
    out = tmp_path / "out.jsonl"
    errors = tmp_path / "errors.txt"
    result = cli("batch", inputs, notes, "-f", "jsonl", "--output", out, "--errors", errors)
    assert result.code == 4
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["error_code"] for r in records] == [["SS-E090"], ["SS-E200"]]
    assert "[SS-E090]" in records[0]["error"]
    lines = errors.read_text().splitlines()
    assert lines[0].endswith("[SS-E090]") and lines[1].endswith("[SS-E200]")
    csv_out = tmp_path / "out.csv"
    assert cli("batch", inputs, notes, "--output", csv_out).code == 4
    header, first, second = csv_out.read_text().splitlines()
    assert header.split(",")[-1] == "error_code"
    assert first.endswith(",SS-E090") and second.endswith(",SS-E200")
