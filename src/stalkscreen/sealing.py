"""Encryption at rest for answer files and drafts ("sealed" files).

A sealed file is text, so it survives e-mail and copy-paste::

    STALKSCREEN-SEALED-1
    {"stanzas": [...]}              one JSON line: who can open the file
    <base64 of nonce + ciphertext>  the screening, ChaCha20-Poly1305

Each write draws a fresh random 32-byte file key and nonce. The file key is
wrapped once per *stanza*:

- ``x25519``: to a recipient's public key with HPKE (RFC 9180: DHKEM-X25519,
  HKDF-SHA256, ChaCha20-Poly1305), so a laptop can write screenings that only
  the holder of the identity file can read;
- ``scrypt``: with a key derived from a passphrase by scrypt (memory-hard;
  n=2^17, r=8, p=1 → 128 MiB and a few tenths of a second). The derived key is
  cached per salt for the life of the process, and one salt is used for every
  file a process writes, so the interview's autosave after every answer costs
  microseconds, not a key derivation.

The header line is bound to the ciphertext as associated data: changing a
stanza, the magic line or the body is detected. Decryption happens in
:func:`stalkscreen.source.read_bytes` (so every loader reads sealed files) and
encryption in :func:`stalkscreen.answers.save_answers` before
:func:`stalkscreen.storage.write_atomic` is called, so no plaintext of a sealed
screening is ever written, not even to a temporary file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stalkscreen.catalogue import Keys
from stalkscreen.errors import InvalidInputError

MAGIC = b"STALKSCREEN-SEALED-1\n"
SECRET_PREFIX = "STALKSCREEN-SECRET-KEY-1-"  # noqa: S105 - a label, not a secret
PUBLIC_PREFIX = "stalkscreen-public-key-1-"
HPKE_INFO = b"stalkscreen sealed file v1"
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
MAX_SCRYPT_WORK = 2**20
"""Largest n*r accepted when reading (128 MiB of memory): a hostile file cannot ask for more."""
MAX_TOTAL_SCRYPT_WORK = 2 * MAX_SCRYPT_WORK
"""Largest sum of n*r*p over a file's passphrase stanzas: a hostile file cannot ask for 32
derivations (one genuine stanza is 2^20; the second allows a file re-sealed by hand)."""
MAX_HEADER = 64 * 1024
MAX_STANZAS = 32


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str) or len(text) > 4096:
        raise ValueError("bad base64")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _suite() -> Any:
    from cryptography.hazmat.primitives import hpke

    return hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)


# --------------------------------------------------------------------------- keys


def new_identity() -> tuple[str, str]:
    """A new key pair as text: (secret identity, public recipient)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    key = X25519PrivateKey.generate()
    return SECRET_PREFIX + _b64(key.private_bytes_raw()), public_text(key)


def public_text(key: Any) -> str:
    """The recipient text of a private key."""
    return PUBLIC_PREFIX + _b64(key.public_key().public_bytes_raw())


def parse_recipient(text: str, label: str = "--encrypt-to") -> Any:
    """A recipient public key from its text form, or a clear error."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    text = text.strip()
    try:
        if not text.startswith(PUBLIC_PREFIX):
            raise ValueError
        return X25519PublicKey.from_public_bytes(_unb64(text[len(PUBLIC_PREFIX) :]))
    except (ValueError, binascii.Error):
        raise InvalidInputError.of(Keys.NOT_A_PUBLIC_KEY, label, prefix=PUBLIC_PREFIX) from None


def load_identity(path: Path) -> Any:
    """The private key in an identity file (lines starting with # are notes)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    label = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(64 * 1024)
    except OSError as exc:
        raise InvalidInputError.of(Keys.IDENTITY_UNREADABLE, label, reason=exc.strerror) from None
    for line in raw.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line.startswith(SECRET_PREFIX):
            try:
                return X25519PrivateKey.from_private_bytes(_unb64(line[len(SECRET_PREFIX) :]))
            except (ValueError, binascii.Error):
                break
    raise InvalidInputError.of(Keys.NOT_AN_IDENTITY, label)


def read_passphrase_file(path: Path) -> str:
    """The passphrase on the first line of a file."""
    try:
        with path.open("rb") as handle:
            first = handle.read(4096).decode("utf-8", "replace").splitlines()
    except OSError as exc:
        raise InvalidInputError.of(Keys.PASSPHRASE_UNREADABLE, path, reason=exc.strerror) from None
    if not first or not first[0].strip():
        raise InvalidInputError.of(Keys.PASSPHRASE_EMPTY, path)
    return first[0].rstrip("\r\n")


# --------------------------------------------------------------------------- keyring


@dataclass
class Keyring:
    """The keys this process may use: to open sealed files and to seal new ones.

    ``ask`` is a callback (set by the command line when stdin is a terminal) that
    asks for the passphrase the first time one is needed; the core never prompts.
    """

    identities: list[Any] = field(default_factory=list)
    passphrase: str | None = None
    ask: Callable[[], str] | None = None
    recipients: list[Any] = field(default_factory=list)
    seal_with_passphrase: bool = False
    reseal_recipients: list[Any] = field(default_factory=list)
    reseal_passphrase: bool = False
    _keks: dict[tuple[bytes, int, int, int], bytes] = field(default_factory=dict, repr=False)
    _salt: bytes = field(default_factory=lambda: secrets.token_bytes(16), repr=False)

    def get_passphrase(self, label: str) -> str:
        if self.passphrase is None and self.ask is not None:
            self.passphrase = self.ask()
        if not self.passphrase:
            raise InvalidInputError.of(Keys.PASSPHRASE_NEEDED, label)
        return self.passphrase

    def kek(self, salt: bytes, n: int, r: int, p: int, label: str) -> bytes:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        passphrase = self.get_passphrase(label)
        key = (hashlib.sha256(passphrase.encode()).digest() + salt, n, r, p)
        if key not in self._keks:
            try:
                self._keks[key] = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(
                    passphrase.encode("utf-8")
                )
            except (MemoryError, ValueError):  # settings OpenSSL refuses
                raise InvalidInputError.of(Keys.KDF_UNUSABLE, label) from None
        return self._keks[key]

    @property
    def sealing(self) -> bool:
        """True when files written now must be sealed."""
        return bool(
            self.recipients
            or self.seal_with_passphrase
            or self.reseal_recipients
            or self.reseal_passphrase
        )


_KEYRING = Keyring()


def use_keys(keyring: Keyring) -> None:
    """Install the keys for this process (the command line does it once per command)."""
    global _KEYRING
    _KEYRING = keyring


def keyring() -> Keyring:
    return _KEYRING


# --------------------------------------------------------------------------- sealing


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def seal(data: bytes, ring: Keyring | None = None, label: str = "") -> bytes:
    """Encrypt ``data`` for the keyring's recipients and/or passphrase."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    ring = ring or _KEYRING
    recipients = ring.recipients or ring.reseal_recipients
    use_passphrase = ring.seal_with_passphrase or (not ring.recipients and ring.reseal_passphrase)
    file_key = secrets.token_bytes(32)
    stanzas: list[dict[str, Any]] = []
    seen: set[bytes] = set()
    for recipient in recipients:
        raw_pub = recipient.public_bytes_raw()
        if raw_pub in seen:
            continue
        seen.add(raw_pub)
        stanzas.append(
            {
                "type": "x25519",
                "to": hashlib.sha256(raw_pub).hexdigest()[:16],
                "key": _b64(_suite().encrypt(file_key, recipient, HPKE_INFO)),
            }
        )
    if use_passphrase:
        salt = ring._salt
        kek = ring.kek(salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, label)
        nonce = secrets.token_bytes(12)
        stanzas.append(
            {
                "type": "scrypt",
                "salt": _b64(salt),
                "n": SCRYPT_N,
                "r": SCRYPT_R,
                "p": SCRYPT_P,
                "nonce": _b64(nonce),
                "key": _b64(ChaCha20Poly1305(kek).encrypt(nonce, file_key, b"scrypt")),
            }
        )
    if not stanzas:
        raise InvalidInputError.of(Keys.NO_KEY_TO_SEAL, label)
    header = json.dumps({"stanzas": stanzas}, separators=(",", ":")).encode("ascii") + b"\n"
    nonce = secrets.token_bytes(12)
    body = nonce + ChaCha20Poly1305(file_key).encrypt(nonce, data, MAGIC + header)
    encoded = base64.encodebytes(body)
    return MAGIC + header + encoded


def seal_for_storage(data: bytes, label: str = "") -> bytes:
    """``data`` sealed when this process writes sealed files, else unchanged."""
    return seal(data, _KEYRING, label) if _KEYRING.sealing else data


def unseal(raw: bytes, label: str, ring: Keyring | None = None) -> bytes:
    """The plaintext of a sealed file; a missing or wrong key is a clear error (exit 3)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    ring = ring or _KEYRING
    rest = raw[len(MAGIC) :]
    end = rest.find(b"\n", 0, MAX_HEADER)
    damaged = InvalidInputError.of(Keys.SEALED_DAMAGED, label)
    if end < 0:
        raise damaged
    header = rest[: end + 1]
    try:
        stanzas = json.loads(header)["stanzas"]
        # line breaks (either kind) may be rewritten by mail or an editor; anything else
        # outside the base64 alphabet is junk, not silently skipped
        body = base64.b64decode(b"".join(rest[end + 1 :].split()), validate=True)
        if not isinstance(stanzas, list) or not 0 < len(stanzas) <= MAX_STANZAS:
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError):
        raise damaged from None
    file_key = _file_key(stanzas, ring, label)
    try:
        return ChaCha20Poly1305(file_key).decrypt(body[:12], body[12:], MAGIC + header)
    except (InvalidTag, ValueError):
        raise damaged from None


def _file_key(stanzas: list[Any], ring: Keyring, label: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    kinds = {s.get("type") for s in stanzas if isinstance(s, dict)}
    tried = False
    work = 0
    for stanza in stanzas:
        if not isinstance(stanza, dict):
            continue
        try:
            if stanza.get("type") == "x25519":
                wrapped = _unb64(stanza.get("key"))
                for identity in ring.identities:
                    tried = True
                    try:
                        file_key = bytes(_suite().decrypt(wrapped, identity, HPKE_INFO))
                    except (InvalidTag, ValueError):
                        continue
                    _remember(ring, recipient=identity.public_key())
                    return file_key
            elif stanza.get("type") == "scrypt" and (
                ring.passphrase is not None or ring.ask is not None or not ring.identities
            ):
                n, r, p = (stanza.get(k) for k in ("n", "r", "p"))
                if not (isinstance(n, int) and isinstance(r, int) and isinstance(p, int)):
                    raise ValueError
                if min(n, r, p) <= 0:
                    raise ValueError
                work += n * r * p
                if (
                    n & (n - 1)
                    or n < 2**10
                    or n >= 2 ** (16 * r)  # OpenSSL refuses these (RFC 7914: n < 2^(128r/8))
                    or n * r > MAX_SCRYPT_WORK
                    or p > 4
                    or work > MAX_TOTAL_SCRYPT_WORK
                ):
                    raise InvalidInputError.of(Keys.KDF_UNSAFE, label)
                tried = True
                kek = ring.kek(_unb64(stanza.get("salt")), n, r, p, label)
                try:
                    file_key = ChaCha20Poly1305(kek).decrypt(
                        _unb64(stanza.get("nonce")), _unb64(stanza.get("key")), b"scrypt"
                    )
                except (InvalidTag, ValueError):
                    continue
                _remember(ring, passphrase=True)
                return file_key
        except (ValueError, binascii.Error):
            raise InvalidInputError.of(Keys.SEALED_DAMAGED, label) from None
    if not tried:
        needs = Keys.NEEDS_IDENTITY if "x25519" in kinds else Keys.NEEDS_PASSPHRASE
        raise InvalidInputError.of(needs, label)
    raise InvalidInputError.of(Keys.WRONG_KEY, label)


def _remember(ring: Keyring, *, recipient: Any = None, passphrase: bool = False) -> None:
    """Files rewritten after reading a sealed one stay sealed to the same key."""
    if recipient is not None:
        raw = recipient.public_bytes_raw()
        if all(r.public_bytes_raw() != raw for r in ring.reseal_recipients):
            ring.reseal_recipients.append(recipient)
    if passphrase:
        ring.reseal_passphrase = True


def env_passphrase() -> str | None:
    return os.environ.get("STALKSCREEN_PASSPHRASE") or None
