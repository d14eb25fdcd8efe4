"""Problems with flags, arguments and outputs.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry


class Commands(Entry):
    """Flags, arguments and where outputs go (most are usage errors, exit 2)."""

    UNKNOWN_SCHEMA = ("SS-E100", "unknown schema {name!r}", "choose one of {known}")
    JSON_OR_FORMAT = ("SS-E101", "--json and --format md|html are alternatives", "give one")
    INTERRUPTED = ("SS-E102", "interrupted; nothing more was done", "")
    NO_DRAFT = ("SS-E103", "there is no draft to resume", "see `stalkscreen drafts`")
    NO_SUCH_DRAFT = ("SS-E104", "no such draft", "see `stalkscreen drafts`")
    DRAFT_COMPLETED = (
        "SS-E105",
        "this is a completed screening",
        "to change it, start a new one with --answers FILE --out NEW",
    )
    RESUME_PURPOSE = ("SS-E106", "this is a {purpose} screening", "resume it without --for")
    DRAFT_EXISTS = (
        "SS-E107",
        "already exists",
        "continue it with --resume {path}, or choose another name",
    )
    PREFILL_PURPOSE = ("SS-E108", "this is a {purpose} screening", "use --for {purpose}")
    USE_RESUME = (
        "SS-E110",
        "a draft is continued with --resume",
        "use: stalkscreen screen --resume {path}",
    )
    BAD_PURPOSE = ("SS-E111", "--for takes victim or probation, not {value!r}", "")
    PDF_NEEDS_OUTPUT = (
        "SS-E112",
        "--format pdf needs --output FILE",
        "a PDF is not sent to stdout",
    )
    OUTPUT_IS_FOLDER = ("SS-E113", "{role} is a folder", "give a file name")
    NOT_A_FOLDER = ("SS-E114", "not a folder", "give the folder holding the screenings")
    OUTPUT_NEEDS_FORMAT = ("SS-E115", "--output needs --format md or html", "")
    FORMAT_NEEDS_OUTPUT = ("SS-E116", "--format {format} needs --output FILE", "")
    BAD_ENCODING = ("SS-E117", "--encoding {value!r} is not an encoding", "try utf-8 or cp1252")
    PSEUDONYMISE_NEEDS_KEY = ("SS-E118", "--pseudonymise and --key-file go together", "")
    REPORT_FORMAT_NEEDS_DIR = ("SS-E119", "--report-format needs --reports-dir DIR", "")
    REPORTS_DIR_IS_FILE = ("SS-E120", "--reports-dir is a file", "give a folder")
    LONG_IN_OUTPUT = (
        "SS-E121",
        "--long names the --output file",
        "that works only for SQLite and xlsx",
    )
    OUTPUT_NOT_PLAIN = ("SS-E122", "--output is not a plain file", "{format} needs one")
    KEY_EXISTS = (
        "SS-E123",
        "already exists",
        "choose another name (keys are never overwritten)",
    )
    OUTPUT_REFUSED = ("SS-E124", "{role} is {kind}", "give a file name")
    OUTPUT_IS_LINK = (
        "SS-E125",
        "{role} is a symbolic link (to {target})",
        "add --force to write the file it points to, or give another file name",
    )
    OUTPUT_IS_INPUT = (
        "SS-E126",
        "{role} is the same file as {other_role} {other} (the input): an output never "
        "replaces the input",
        "give another file name",
    )
    OUTPUT_IS_OUTPUT = (
        "SS-E127",
        "{role} is the same file as {other_role} {other} (another output): an output never "
        "replaces another output",
        "give another file name",
    )
    BAD_AGE = (
        "SS-E128",
        "--older-than {value!r} is not an age",
        "give a number and h, d or w (e.g. 30d, 12h, 2w)",
    )
    DIFFERENT_CASES = (
        "SS-E129",
        "the two screenings are of different cases ({old} and {new})",
        "check the files (`stalkscreen compare --force` compares them anyway)",
    )
    INTERRUPTED_COMPLETE = (
        "SS-E130",
        "interrupted as the run ended: its outputs were already complete and were kept",
        "",
    )
    INTERRUPTED_REMOVED = (
        "SS-E131",
        "interrupted: the run's unfinished output files and summaries were removed",
        "",
    )
    NO_MATCHING_SCREENING = (
        "SS-E132",
        "no answer file here has that case reference",
        "check the reference, or add --recursive for sub-folders",
    )
    NO_SUCH_INPUT = (
        "SS-E133",
        "no such file or folder",
        "check the path (a pattern must match at least one file)",
    )
    NO_SCREENINGS = ("SS-E134", "no screenings found in the inputs", "check the paths")
    FORM_HAS_NO_CHANGES = (
        "SS-E242",
        "--previous adds a change section to the summary; the MARAC form has none",
        "leave out --previous or --form marac",
    )
    UNKNOWN_LANGUAGE = (
        "SS-E280",
        "{where}: unknown language {value!r}",
        "choose one of {known}",
    )
    CATALOGUE_NOT_BUILT = (
        "SS-E281",
        "the {name} ({code}) message catalogue is not built: no {path}",
        "install stalkscreen again (pip install ., or pip install -e . in a checkout), "
        "which compiles it",
    )
    BILINGUAL_JSON = (
        "SS-E282",
        "--language {value} is for md, html and pdf: json is one language's context",
        "give --language cy or en",
    )
