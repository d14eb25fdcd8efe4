"""Problems with encrypted files and keys, and with writing files.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry
from stalkscreen.translation import N_


class Keys(Entry):
    """Encrypted files, identities and passphrases."""

    NOT_A_PUBLIC_KEY = (
        "SS-E140",
        N_("not a stalkscreen public key"),
        N_("give the {prefix}… line printed by `stalkscreen keys new`"),
    )
    IDENTITY_UNREADABLE = (
        "SS-E141",
        N_("the identity file cannot be read ({reason})"),
        N_("check it"),
    )
    NOT_AN_IDENTITY = (
        "SS-E142",
        N_("no stalkscreen secret key in this file"),
        N_("give the file written by `stalkscreen keys new`"),
    )
    PASSPHRASE_UNREADABLE = ("SS-E143", N_("cannot be read ({reason})"), N_("check the path"))
    PASSPHRASE_EMPTY = (
        "SS-E144",
        N_("the passphrase file is empty"),
        N_("put the passphrase in it"),
    )
    PASSPHRASE_NEEDED = (
        "SS-E145",
        N_("this file is encrypted with a passphrase and none was given"),
        N_("use --passphrase-file FILE or set STALKSCREEN_PASSPHRASE"),
    )
    KDF_UNUSABLE = (
        "SS-E146",
        N_("the encrypted file asks for key-derivation settings that cannot be used"),
        N_("re-encrypt it with stalkscreen"),
    )
    NO_KEY_TO_SEAL = ("SS-E147", N_("encryption is on but no key was given"), N_("see `keys new`"))
    SEALED_DAMAGED = ("SS-E148", N_("the encrypted file is damaged"), N_("restore it from a copy"))
    KDF_UNSAFE = (
        "SS-E149",
        N_("the encrypted file asks for unsafe key-derivation settings"),
        N_("re-encrypt it with stalkscreen"),
    )
    NEEDS_IDENTITY = (
        "SS-E150",
        N_("this file is encrypted and no key for it was given"),
        N_("give the identity file with --identity FILE (or STALKSCREEN_IDENTITY)"),
    )
    NEEDS_PASSPHRASE = (
        "SS-E151",
        N_("this file is encrypted and no key for it was given"),
        N_("use --passphrase-file FILE or set STALKSCREEN_PASSPHRASE"),
    )
    WRONG_KEY = (
        "SS-E152",
        N_("the key or passphrase given does not open this file"),
        N_("check you have the right identity file or passphrase"),
    )


class Files(Entry):
    """Writing files, the audit log, drafts, examples."""

    WRITE_TO_FOLDER = ("SS-E160", N_("this is a folder, not a file name"), N_("give a file name"))
    NO_SUCH_FOLDER = ("SS-E161", N_("the folder does not exist"), N_("create it or choose another"))
    WRITE_DENIED = ("SS-E162", N_("cannot write here (permission denied)"), N_("choose another"))
    WRITE_FAILED = (
        "SS-E163",
        N_("could not be written ({reason})"),
        N_("free some space or choose another place; the previous file is unchanged"),
    )
    DRAFT_IN_USE = (
        "SS-E164",
        N_("this draft is open in another interview (process {pid} of {user}, since {started})"),
        N_("finish or quit that interview first (q saves and quits), then resume it"),
    )
    NOT_A_FOLDER_TO_COPY = (
        "SS-E165",
        N_("this is a file, not a folder"),
        N_("give a folder to copy into"),
    )
    CANNOT_COPY = ("SS-E166", N_("cannot be written ({reason})"), N_("choose another folder"))
    INCIDENT_OUTSIDE_WINDOW = (
        "SS-E167",
        N_("{date} is more than {years} years before, or after, the assessment ({assessed})"),
        N_("check the year: incidents may be dated {first} to {last}"),
    )
    SCREENING_TOO_LARGE = (
        "SS-E168",
        N_(
            "with this incident log the screening would be {size:.1f} MiB, over the {limit} MiB "
            "every reader accepts; nothing was changed"
        ),
        N_("split the log, or shorten its entries"),
    )
    BAD_REASON = (
        "SS-E169",
        N_("--reason must be one line of at most {limit} printable characters"),
        "",
    )
    BAD_PRACTITIONER = (
        "SS-E170",
        N_("--practitioner must be one line of at most {limit} printable characters"),
        "",
    )
    AUDIT_UNWRITABLE = (
        "SS-E171",
        N_("the audit log cannot be written ({reason})"),
        N_("free some space or set STALKSCREEN_AUDIT_LOG to a writable file"),
    )
    AUDIT_UNREADABLE = ("SS-E172", N_("cannot be read ({reason})"), N_("check its mode"))
