"""Problems with encrypted files and keys, and with writing files.

Part of the catalogue of problems (:mod:`stalkscreen.catalogue`).
"""

from __future__ import annotations

from stalkscreen.catalogue.entry import Entry


class Keys(Entry):
    """Encrypted files, identities and passphrases."""

    NOT_A_PUBLIC_KEY = (
        "SS-E140",
        "not a stalkscreen public key",
        "give the {prefix}… line printed by `stalkscreen keys new`",
    )
    IDENTITY_UNREADABLE = ("SS-E141", "the identity file cannot be read ({reason})", "check it")
    NOT_AN_IDENTITY = (
        "SS-E142",
        "no stalkscreen secret key in this file",
        "give the file written by `stalkscreen keys new`",
    )
    PASSPHRASE_UNREADABLE = ("SS-E143", "cannot be read ({reason})", "check the path")
    PASSPHRASE_EMPTY = ("SS-E144", "the passphrase file is empty", "put the passphrase in it")
    PASSPHRASE_NEEDED = (
        "SS-E145",
        "this file is encrypted with a passphrase and none was given",
        "use --passphrase-file FILE or set STALKSCREEN_PASSPHRASE",
    )
    KDF_UNUSABLE = (
        "SS-E146",
        "the encrypted file asks for key-derivation settings that cannot be used",
        "re-encrypt it with stalkscreen",
    )
    NO_KEY_TO_SEAL = ("SS-E147", "encryption is on but no key was given", "see `keys new`")
    SEALED_DAMAGED = ("SS-E148", "the encrypted file is damaged", "restore it from a copy")
    KDF_UNSAFE = (
        "SS-E149",
        "the encrypted file asks for unsafe key-derivation settings",
        "re-encrypt it with stalkscreen",
    )
    NEEDS_IDENTITY = (
        "SS-E150",
        "this file is encrypted and no key for it was given",
        "give the identity file with --identity FILE (or STALKSCREEN_IDENTITY)",
    )
    NEEDS_PASSPHRASE = (
        "SS-E151",
        "this file is encrypted and no key for it was given",
        "use --passphrase-file FILE or set STALKSCREEN_PASSPHRASE",
    )
    WRONG_KEY = (
        "SS-E152",
        "the key or passphrase given does not open this file",
        "check you have the right identity file or passphrase",
    )


class Files(Entry):
    """Writing files, the audit log, drafts, examples."""

    WRITE_TO_FOLDER = ("SS-E160", "this is a folder, not a file name", "give a file name")
    NO_SUCH_FOLDER = ("SS-E161", "the folder does not exist", "create it or choose another")
    WRITE_DENIED = ("SS-E162", "cannot write here (permission denied)", "choose another")
    WRITE_FAILED = (
        "SS-E163",
        "could not be written ({reason})",
        "free some space or choose another place; the previous file is unchanged",
    )
    DRAFT_IN_USE = (
        "SS-E164",
        "this draft is open in another interview (process {pid} of {user}, since {started})",
        "finish or quit that interview first (q saves and quits), then resume it",
    )
    NOT_A_FOLDER_TO_COPY = ("SS-E165", "this is a file, not a folder", "give a folder to copy into")
    CANNOT_COPY = ("SS-E166", "cannot be written ({reason})", "choose another folder")
    INCIDENT_OUTSIDE_WINDOW = (
        "SS-E167",
        "{date} is more than {years} years before, or after, the assessment ({assessed})",
        "check the year: incidents may be dated {first} to {last}",
    )
    SCREENING_TOO_LARGE = (
        "SS-E168",
        "with this incident log the screening would be {size:.1f} MiB, over the {limit} MiB "
        "every reader accepts; nothing was changed",
        "split the log, or shorten its entries",
    )
    BAD_REASON = (
        "SS-E169",
        "--reason must be one line of at most {limit} printable characters",
        "",
    )
    BAD_PRACTITIONER = (
        "SS-E170",
        "--practitioner must be one line of at most {limit} printable characters",
        "",
    )
    AUDIT_UNWRITABLE = (
        "SS-E171",
        "the audit log cannot be written ({reason})",
        "free some space or set STALKSCREEN_AUDIT_LOG to a writable file",
    )
    AUDIT_UNREADABLE = ("SS-E172", "cannot be read ({reason})", "check its mode")
