"""Problems with reports, optional outputs and batch runs; and the bug report texts.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry


class Reports(Entry):
    """Report templates and the optional outputs (PDF, xlsx)."""

    NO_TEMPLATE_FOLDER = ("SS-E180", "no such template folder", "check the --template-dir path")
    BAD_MARKING = (
        "SS-E181",
        "--marking must be 1-{limit} printable characters on one line",
        "e.g. OFFICIAL-SENSITIVE",
    )
    TEMPLATE_SANDBOX = (
        "SS-E182",
        "stopped by the template sandbox: {detail}",
        "use only the fields of the report context (see the README)",
    )
    TEMPLATE_SYNTAX = ("SS-E183", "syntax error: {detail}", "fix the Jinja2 syntax")
    TEMPLATE_UNDEFINED = (
        "SS-E184",
        "undefined: {detail}",
        "use only the fields of the report context (see the README)",
    )
    NO_SUCH_TEMPLATE = ("SS-E185", "no such template", "check the name in extends/include")
    TEMPLATE_LOOP = (
        "SS-E186",
        "the template extends or includes itself",
        'extend the bundled one: {{% extends "{bundled}" %}}',
    )
    NO_WEASYPRINT = ("SS-E187", "WeasyPrint is not installed", "install it with: {install}")
    WEASYPRINT_BROKEN = (
        "SS-E188",
        "WeasyPrint cannot load its libraries",
        "install it with: {install} (and the Pango system library)",
    )
    UNKNOWN_REPORT_FORMAT = ("SS-E189", "unknown report format {name!r}", "choose one of {known}")
    DATA_FILE_NOT_FOUND = (
        "SS-E190",
        "not found on the template path",
        "restore the bundled reports/",
    )
    NO_XLSXWRITER = (
        "SS-E191",
        "xlsxwriter is not installed",
        "install it with: {install}, or choose csv, jsonl or sqlite",
    )
    OUTPUT_WRITE_FAILED = ("SS-E192", "could not be written ({reason})", "choose another")
    REPORTS_DIR_FAILED = (
        "SS-E193",
        "the folder cannot be created ({reason})",
        "free some space or choose another --reports-dir",
    )
    WORKER_LOST = (
        "SS-E194",
        "a batch worker process ended unexpectedly; nothing was written",
        "run again, with fewer --jobs if the machine is short of memory",
    )
    WORKER_FAILED = (
        "SS-E195",
        "internal error ({kind}) in a batch worker; nothing was written",
        "it is a bug in stalkscreen, please report it (without the input)",
    )
    SUMMARY_NOT_WRITTEN = (
        "SS-E196",
        "a summary cannot be written ({reason})",
        "free some space or choose another --reports-dir",
    )
    SUMMARIES_NOT_PUBLISHED = (
        "SS-E197",
        "the summaries cannot be published ({reason})",
        "free some space or choose another --reports-dir",
    )

    NOT_MARAC_PROBATION = (
        "SS-E239",
        "no MARAC referral form: a probation screening is of the person who stalks, and MARAC "
        "takes referrals about the victim of domestic abuse",
        "refer through the routes this screening calls for: {routes} (all of them, with "
        "contacts, in `stalkscreen report FILE`); if {place} is wrong, correct it and try again",
        "refer through the routes in the referral summary (all of them, with contacts, in "
        "`stalkscreen report FILE`); if {place} is wrong, correct it and try again",
    )
    NOT_MARAC_RELATIONSHIP = (
        "SS-E240",
        "no MARAC referral form: the relationship is {relationship}, and MARAC is for domestic "
        "abuse (a partner, ex-partner or family member)",
        "refer through the routes this screening calls for: {routes} (all of them, with "
        "contacts, in `stalkscreen report FILE`); if {place} is wrong, correct it and try again",
        "refer through the routes in the referral summary (all of them, with contacts, in "
        "`stalkscreen report FILE`); if {place} is wrong, correct it and try again",
    )
    MARAC_TEMPLATE_MISSING = (
        "SS-E241",
        "names {base!r}, but {name} is in none of the template folders ({folders})",
        "put the template in a folder given with --template-dir (or `template_dirs` in the "
        "config), or remove marac_template from the profile to use the bundled form",
    )


class Batch(Entry):
    """Batch runs: inputs, rows, lines, workers."""

    KEY_TOO_SHORT = (
        "SS-E198",
        "the key file holds fewer than 16 bytes",
        "put a long random secret in it (e.g. `openssl rand -hex 32 > key`)",
    )
    NO_GLOB_MATCH = ("SS-E199", "no file matches this pattern", "check the pattern")
    NOT_A_BATCH_INPUT = (
        "SS-E200",
        "not a batch input",
        "use .yaml, .yml, .json, .jsonl or .csv files",
    )
    LINE_TOO_LONG = ("SS-E201", "the line is longer than the 5 MiB limit", "split the line")
    LINE_NOT_UTF8 = ("SS-E202", "the line is not valid UTF-8", "save the file as UTF-8")
    CSV_EMPTY = ("SS-E203", "the CSV file is empty", "start with a header row")
    CSV_NOT_UTF8 = (
        "SS-E204",
        "the header is not valid UTF-8 (Excel's 'CSV' saves in its Windows encoding)",
        "save the file as 'CSV UTF-8', or run with --encoding cp1252",
    )
    CSV_CELL_NOT_UTF8 = (
        "SS-E211",
        "the cell is not valid UTF-8 (Excel's 'CSV' saves in its Windows encoding)",
        "save the file as 'CSV UTF-8', or run with --encoding cp1252",
    )
    CSV_NO_REFERENCE = ("SS-E205", "the header has no `reference` column", "add one")
    CSV_COLUMN_TWICE = ("SS-E206", "the column {name!r} appears twice", "keep one of them")
    CSV_UNKNOWN_COLUMN = (
        "SS-E207",
        "unknown column {name!r}",
        "did you mean {guess!r}?",
        "item columns are named instrument.item (e.g. dash.q1)",
    )
    CSV_ROW_TOO_LONG = (
        "SS-E208",
        "the row has more cells than the header",
        "quote cells that hold commas",
    )
    NOT_IN_ENCODING = (
        "SS-E209",
        "not valid {encoding} from here; the rest of the file is skipped",
        "check the --encoding",
    )
    CSV_BROKEN = ("SS-E210", "not valid CSV ({detail}); the rest is skipped", "check the quoting")
    SUMMARY_FAILED = (
        "SS-E212",
        "the referral summary could not be written: {detail}",
        "",
    )


class Internal(Entry):
    """A bug, not a problem with the input: the texts say how to report it."""

    INTERNAL_ERROR = (
        "SS-E213",
        "internal error ({kind})",
        "this is a bug in stalkscreen. Please report it to your system administrator with the "
        "command you ran (not the answer file: it holds sensitive data).",
    )
    INTERNAL_ERROR_IN_INPUT = (
        "SS-E214",
        "internal error ({kind}) while scoring this input",
        "it is a bug in stalkscreen, please report it (without the input)",
    )
    STOPPED = ("SS-E215", "interrupted", "")
