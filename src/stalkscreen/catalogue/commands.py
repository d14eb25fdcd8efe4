"""Problems with flags, arguments and outputs.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Commands(Entry):
    """Flags, arguments and where outputs go (most are usage errors, exit 2)."""

    UNKNOWN_SCHEMA = ("SS-E100", N_("unknown schema {name!r}"), N_("choose one of {known}"))
    JSON_OR_FORMAT = ("SS-E101", N_("--json and --format md|html are alternatives"), N_("give one"))
    INTERRUPTED = ("SS-E102", N_("interrupted; nothing more was done"), "")
    NO_DRAFT = ("SS-E103", N_("there is no draft to resume"), N_("see `stalkscreen drafts`"))
    NO_SUCH_DRAFT = ("SS-E104", N_("no such draft"), N_("see `stalkscreen drafts`"))
    DRAFT_COMPLETED = (
        "SS-E105",
        N_("this is a completed screening"),
        N_("to change it, start a new one with --answers FILE --out NEW"),
    )
    RESUME_PURPOSE = ("SS-E106", N_("this is a {purpose} screening"), N_("resume it without --for"))
    DRAFT_EXISTS = (
        "SS-E107",
        N_("already exists"),
        N_("continue it with --resume {path}, or choose another name"),
    )
    PREFILL_PURPOSE = ("SS-E108", N_("this is a {purpose} screening"), N_("use --for {purpose}"))
    USE_RESUME = (
        "SS-E110",
        N_("a draft is continued with --resume"),
        N_("use: stalkscreen screen --resume {path}"),
    )
    BAD_PURPOSE = ("SS-E111", N_("--for takes victim or probation, not {value!r}"), "")
    PDF_NEEDS_OUTPUT = (
        "SS-E112",
        N_("--format pdf needs --output FILE"),
        N_("a PDF is not sent to stdout"),
    )
    OUTPUT_IS_FOLDER = ("SS-E113", N_("{role} is a folder"), N_("give a file name"))
    NOT_A_FOLDER = ("SS-E114", N_("not a folder"), N_("give the folder holding the screenings"))
    OUTPUT_NEEDS_FORMAT = ("SS-E115", N_("--output needs --format md or html"), "")
    FORMAT_NEEDS_OUTPUT = ("SS-E116", N_("--format {format} needs --output FILE"), "")
    BAD_ENCODING = (
        "SS-E117",
        N_("--encoding {value!r} is not an encoding"),
        N_("try utf-8 or cp1252"),
    )
    PSEUDONYMISE_NEEDS_KEY = ("SS-E118", N_("--pseudonymise and --key-file go together"), "")
    REPORT_FORMAT_NEEDS_DIR = ("SS-E119", N_("--report-format needs --reports-dir DIR"), "")
    REPORTS_DIR_IS_FILE = ("SS-E120", N_("--reports-dir is a file"), N_("give a folder"))
    LONG_IN_OUTPUT = (
        "SS-E121",
        N_("--long names the --output file"),
        N_("that works only for SQLite and xlsx"),
    )
    OUTPUT_NOT_PLAIN = ("SS-E122", N_("--output is not a plain file"), N_("{format} needs one"))
    KEY_EXISTS = (
        "SS-E123",
        N_("already exists"),
        N_("choose another name (keys are never overwritten)"),
    )
    OUTPUT_REFUSED = ("SS-E124", N_("{role} is {kind}"), N_("give a file name"))
    OUTPUT_IS_LINK = (
        "SS-E125",
        N_("{role} is a symbolic link (to {target})"),
        N_("add --force to write the file it points to, or give another file name"),
    )
    OUTPUT_IS_INPUT = (
        "SS-E126",
        N_(
            "{role} is the same file as {other_role} {other} (the input): an output never "
            "replaces the input"
        ),
        N_("give another file name"),
    )
    OUTPUT_IS_OUTPUT = (
        "SS-E127",
        N_(
            "{role} is the same file as {other_role} {other} (another output): an output never "
            "replaces another output"
        ),
        N_("give another file name"),
    )
    BAD_AGE = (
        "SS-E128",
        N_("--older-than {value!r} is not an age"),
        N_("give a number and h, d or w (e.g. 30d, 12h, 2w)"),
    )
    DIFFERENT_CASES = (
        "SS-E129",
        N_("the two screenings are of different cases ({old} and {new})"),
        N_("check the files (`stalkscreen compare --force` compares them anyway)"),
    )
    INTERRUPTED_COMPLETE = (
        "SS-E130",
        N_("interrupted as the run ended: its outputs were already complete and were kept"),
        "",
    )
    INTERRUPTED_REMOVED = (
        "SS-E131",
        N_("interrupted: the run's unfinished output files and summaries were removed"),
        "",
    )
    NO_MATCHING_SCREENING = (
        "SS-E132",
        N_("no answer file here has that case reference"),
        N_("check the reference, or add --recursive for sub-folders"),
    )
    NO_SUCH_INPUT = (
        "SS-E133",
        N_("no such file or folder"),
        N_("check the path (a pattern must match at least one file)"),
    )
    NO_SCREENINGS = ("SS-E134", N_("no screenings found in the inputs"), N_("check the paths"))
    FORM_HAS_NO_CHANGES = (
        "SS-E242",
        N_("--previous adds a change section to the summary; the MARAC form has none"),
        N_("leave out --previous or --form marac"),
    )
    UNKNOWN_LANGUAGE = (
        "SS-E280",
        N_("{where}: unknown language {value!r}"),
        N_("choose one of {known}"),
    )
    CATALOGUE_NOT_BUILT = (
        "SS-E281",
        N_("the {name} ({code}) message catalogue is not built: no {path}"),
        N_(
            "install stalkscreen again (pip install ., or pip install -e . in a checkout), "
            "which compiles it"
        ),
    )
    BILINGUAL_JSON = (
        "SS-E282",
        N_("--language {value} is for md, html and pdf: json is one language's context"),
        N_("give --language cy or en"),
    )
