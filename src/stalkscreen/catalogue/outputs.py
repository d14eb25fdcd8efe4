"""Problems with reports, optional outputs and batch runs; and the bug report texts.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Reports(Entry):
    """Report templates and the optional outputs (PDF, xlsx)."""

    NO_TEMPLATE_FOLDER = (
        "SS-E180",
        N_("no such template folder"),
        N_("check the --template-dir path"),
    )
    BAD_MARKING = (
        "SS-E181",
        N_("--marking must be 1-{limit} printable characters on one line"),
        N_("e.g. OFFICIAL-SENSITIVE"),
    )
    TEMPLATE_SANDBOX = (
        "SS-E182",
        N_("stopped by the template sandbox: {detail}"),
        N_("use only the fields of the report context (see the README)"),
    )
    TEMPLATE_SYNTAX = ("SS-E183", N_("syntax error: {detail}"), N_("fix the Jinja2 syntax"))
    TEMPLATE_UNDEFINED = (
        "SS-E184",
        N_("undefined: {detail}"),
        N_("use only the fields of the report context (see the README)"),
    )
    TEMPLATE_FAILED = (
        "SS-E283",
        N_("the template stopped while rendering ({detail})"),
        N_("check the template's expressions against the report context (see the README)"),
    )
    NO_SUCH_TEMPLATE = ("SS-E185", N_("no such template"), N_("check the name in extends/include"))
    TEMPLATE_LOOP = (
        "SS-E186",
        N_("the template extends or includes itself"),
        N_('extend the bundled one: {{% extends "{bundled}" %}}'),
    )
    NO_WEASYPRINT = ("SS-E187", N_("WeasyPrint is not installed"), N_("install it with: {install}"))
    WEASYPRINT_BROKEN = (
        "SS-E188",
        N_("WeasyPrint cannot load its libraries"),
        N_("install it with: {install} (and the Pango system library)"),
    )
    UNKNOWN_REPORT_FORMAT = (
        "SS-E189",
        N_("unknown report format {name!r}"),
        N_("choose one of {known}"),
    )
    DATA_FILE_NOT_FOUND = (
        "SS-E190",
        N_("not found on the template path"),
        N_("restore the bundled reports/"),
    )
    NO_XLSXWRITER = (
        "SS-E191",
        N_("xlsxwriter is not installed"),
        N_("install it with: {install}, or choose csv, jsonl or sqlite"),
    )
    OUTPUT_WRITE_FAILED = ("SS-E192", N_("could not be written ({reason})"), N_("choose another"))
    REPORTS_DIR_FAILED = (
        "SS-E193",
        N_("the folder cannot be created ({reason})"),
        N_("free some space or choose another --reports-dir"),
    )
    WORKER_LOST = (
        "SS-E194",
        N_("a batch worker process ended unexpectedly; nothing was written"),
        N_("run again, with fewer --jobs if the machine is short of memory"),
    )
    WORKER_FAILED = (
        "SS-E195",
        N_("internal error ({kind}) in a batch worker; nothing was written"),
        N_("it is a bug in stalkscreen, please report it (without the input)"),
    )
    SUMMARY_NOT_WRITTEN = (
        "SS-E196",
        N_("a summary cannot be written ({reason})"),
        N_("free some space or choose another --reports-dir"),
    )
    SUMMARIES_NOT_PUBLISHED = (
        "SS-E197",
        N_("the summaries cannot be published ({reason})"),
        N_("free some space or choose another --reports-dir"),
    )

    NOT_MARAC_PROBATION = (
        "SS-E239",
        N_(
            "no MARAC referral form: a probation screening is of the person who stalks, and MARAC "
            "takes referrals about the victim of domestic abuse"
        ),
        N_(
            "refer through the routes this screening calls for: {routes} (all of them, with "
            "contacts, in `stalkscreen report FILE`); if {place} is wrong, correct it and try again"
        ),
        N_(
            "refer through the routes in the referral summary (all of them, with contacts, in "
            "`stalkscreen report FILE`); if {place} is wrong, correct it and try again"
        ),
    )
    NOT_MARAC_RELATIONSHIP = (
        "SS-E240",
        N_(
            "no MARAC referral form: the relationship is {relationship}, and MARAC is for domestic "
            "abuse (a partner, ex-partner or family member)"
        ),
        N_(
            "refer through the routes this screening calls for: {routes} (all of them, with "
            "contacts, in `stalkscreen report FILE`); if {place} is wrong, correct it and try again"
        ),
        N_(
            "refer through the routes in the referral summary (all of them, with contacts, in "
            "`stalkscreen report FILE`); if {place} is wrong, correct it and try again"
        ),
    )
    MARAC_TEMPLATE_MISSING = (
        "SS-E241",
        N_("names {base!r}, but {name} is in none of the template folders ({folders})"),
        N_(
            "put the template in a folder given with --template-dir (or `template_dirs` in the "
            "config), or remove marac_template from the profile to use the bundled form"
        ),
    )


class Batch(Entry):
    """Batch runs: inputs, rows, lines, workers."""

    KEY_TOO_SHORT = (
        "SS-E198",
        N_("the key file holds fewer than 16 bytes"),
        N_("put a long random secret in it (e.g. `openssl rand -hex 32 > key`)"),
    )
    NO_GLOB_MATCH = ("SS-E199", N_("no file matches this pattern"), N_("check the pattern"))
    NOT_A_BATCH_INPUT = (
        "SS-E200",
        N_("not a batch input"),
        N_("use .yaml, .yml, .json, .jsonl or .csv files"),
    )
    LINE_TOO_LONG = ("SS-E201", N_("the line is longer than the 5 MiB limit"), N_("split the line"))
    LINE_NOT_UTF8 = ("SS-E202", N_("the line is not valid UTF-8"), N_("save the file as UTF-8"))
    CSV_EMPTY = ("SS-E203", N_("the CSV file is empty"), N_("start with a header row"))
    CSV_NOT_UTF8 = (
        "SS-E204",
        N_("the header is not valid UTF-8 (Excel's 'CSV' saves in its Windows encoding)"),
        N_("save the file as 'CSV UTF-8', or run with --encoding cp1252"),
    )
    CSV_CELL_NOT_UTF8 = (
        "SS-E211",
        N_("the cell is not valid UTF-8 (Excel's 'CSV' saves in its Windows encoding)"),
        N_("save the file as 'CSV UTF-8', or run with --encoding cp1252"),
    )
    CSV_NO_REFERENCE = ("SS-E205", N_("the header has no `reference` column"), N_("add one"))
    CSV_COLUMN_TWICE = ("SS-E206", N_("the column {name!r} appears twice"), N_("keep one of them"))
    CSV_UNKNOWN_COLUMN = (
        "SS-E207",
        N_("unknown column {name!r}"),
        N_("did you mean {guess!r}?"),
        N_("item columns are named instrument.item (e.g. dash.q1)"),
    )
    CSV_ROW_TOO_LONG = (
        "SS-E208",
        N_("the row has more cells than the header"),
        N_("quote cells that hold commas"),
    )
    NOT_IN_ENCODING = (
        "SS-E209",
        N_("not valid {encoding} from here; the rest of the file is skipped"),
        N_("check the --encoding"),
    )
    CSV_BROKEN = (
        "SS-E210",
        N_("not valid CSV ({detail}); the rest is skipped"),
        N_("check the quoting"),
    )
    SUMMARY_FAILED = (
        "SS-E212",
        N_("the referral summary could not be written: {detail}"),
        "",
    )


class Internal(Entry):
    """A bug, not a problem with the input: the texts say how to report it."""

    INTERNAL_ERROR = (
        "SS-E213",
        N_("internal error ({kind})"),
        N_(
            "this is a bug in stalkscreen. Please report it to your system administrator with the "
            "command you ran (not the answer file: it holds sensitive data)."
        ),
    )
    INTERNAL_ERROR_IN_INPUT = (
        "SS-E214",
        N_("internal error ({kind}) while scoring this input"),
        N_("it is a bug in stalkscreen, please report it (without the input)"),
    )
    STOPPED = ("SS-E215", N_("interrupted"), "")
