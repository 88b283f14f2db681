"""Encryption at rest: what a copy of the upload folder or of the database reveals is nothing.

Two levels of keys (envelope encryption):

- Master keys come from the environment (settings.DATA_ENCRYPTION_KEYS, "id:key,id:key", the
  first one current). They never touch the database or the disk of the application.
- Every case has its own data key: 32 random bytes, stored in `Case.data_key` only wrapped
  (AES-256-GCM) by a master key, together with that master key's id. The data key seals the
  case's files, its revisions (all answers, including health and offence details), comments,
  file names and package details.

Rotating a master key means re-wrapping the small case keys (`manage.py rotate_data_keys`), not
re-encrypting every file. Deleting a case deletes its wrapped key, after which copies of its
files in old backups of the upload folder cannot be opened any more.

Sealed data starts with SEALED_MAGIC, then a 12-byte random nonce, then the AES-GCM ciphertext
and tag. The associated data names what kind of value the bytes are ("file", or a field such
as "cases.caserevision.document"), so a value cannot be passed off as one of another kind; it
does not name the row or the file, so within one case someone with write access to the
database or the disk could swap two values of the same kind (outside what this protects
against: copies, not tampering by an administrator).
"""

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SEALED_MAGIC = b"HFS1"
WRAPPED_MAGIC = b"HFK1"
KEY_BYTES = 32
NONCE_BYTES = 12
_KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,32}")


class SealBroken(OSError):
    """Sealed bytes that cannot be opened: altered, cut short, or sealed with another key.

    An OSError like a file that went missing: to the caller the stored value is unusable."""


@dataclass(frozen=True)
class MasterKeys:
    current_id: str
    keys: Mapping[str, bytes]


def parse_master_keys(value: str, variable: str = "DATA_ENCRYPTION_KEYS") -> MasterKeys:
    """Read "id:base64key,id:base64key" (the first is current); raise ImproperlyConfigured
    with a sentence naming the variable on anything else."""
    keys: dict[str, bytes] = {}
    current_id = ""
    for entry in (item.strip() for item in value.split(",")):
        if not entry:
            continue
        key_id, separator, encoded = entry.partition(":")
        if not separator or not _KEY_ID.fullmatch(key_id):
            raise ImproperlyConfigured(
                f"{variable}: every entry must look like 'id:key' with an id of letters, digits, "
                "'.', '_' or '-' (create one with `python -m haertefall.cases.crypto <id>`)."
            )
        try:
            key = base64.urlsafe_b64decode(encoded.strip().encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            key = b""
        if len(key) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"{variable}: the key with id {key_id!r} is not {KEY_BYTES} bytes in URL-safe "
                "base64 (create one with `python -m haertefall.cases.crypto <id>`)."
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"{variable}: the id {key_id!r} is used twice.")
        keys[key_id] = key
        current_id = current_id or key_id
    if not keys:
        raise ImproperlyConfigured(f"{variable} holds no key.")
    return MasterKeys(current_id=current_id, keys=keys)


def new_master_key_entry(key_id: str) -> str:
    """A fresh "id:key" entry for DATA_ENCRYPTION_KEYS."""
    if not _KEY_ID.fullmatch(key_id):
        raise ValueError("a key id consists of 1–32 letters, digits, '.', '_' or '-'")
    return f"{key_id}:{base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()}"


def development_master_keys(path: os.PathLike[str] | str) -> str:
    """The development key entry kept in `path`, created (owner-only) on first use."""
    try:
        with open(path, encoding="ascii") as existing:
            return existing.read().strip()
    except FileNotFoundError:
        pass
    entry = new_master_key_entry("dev")
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as created:
        created.write(entry + "\n")
    return entry


def master_keys() -> MasterKeys:
    return _parsed(settings.DATA_ENCRYPTION_KEYS)


@lru_cache(maxsize=8)
def _parsed(value: str) -> MasterKeys:
    return parse_master_keys(value)


# --------------------------------------------------------------------------------------------
# Case keys


def new_case_key() -> bytes:
    """A new data key, wrapped by the current master key: the value for Case.data_key."""
    return wrap_case_key(AESGCM.generate_key(bit_length=KEY_BYTES * 8))


def wrap_case_key(data_key: bytes, keys: MasterKeys | None = None) -> bytes:
    keys = keys or master_keys()
    key_id = keys.current_id.encode("ascii")
    header = WRAPPED_MAGIC + bytes([len(key_id)]) + key_id
    nonce = secrets.token_bytes(NONCE_BYTES)
    return header + nonce + AESGCM(keys.keys[keys.current_id]).encrypt(nonce, data_key, header)


def wrapping_key_id(wrapped: bytes) -> str:
    """The id of the master key that wrapped this case key."""
    header = _wrapped_header_length(wrapped)
    return wrapped[len(WRAPPED_MAGIC) + 1 : header].decode("ascii")


def rewrap_case_key(wrapped: bytes, keys: MasterKeys | None = None) -> bytes | None:
    """The case key wrapped by the current master key, or None if it already is."""
    keys = keys or master_keys()
    if wrapping_key_id(wrapped) == keys.current_id:
        return None
    return wrap_case_key(unwrap_case_key(wrapped, keys), keys)


def unwrap_case_key(wrapped: bytes, keys: MasterKeys | None = None) -> bytes:
    keys = keys or master_keys()
    return _unwrap(bytes(wrapped), tuple(sorted(keys.keys.items())))


@lru_cache(maxsize=4096)
def _unwrap(wrapped: bytes, keys: tuple[tuple[str, bytes], ...]) -> bytes:
    # Keyed by the wrapped bytes and the master keys themselves: a rotated or re-keyed case
    # has different wrapped bytes, so a cached data key can never be a stale one.
    header = _wrapped_header_length(wrapped)
    key_id = wrapping_key_id(wrapped)
    master = dict(keys).get(key_id)
    if master is None:
        raise SealBroken(
            f"the case key was wrapped with master key {key_id!r}, which is not configured"
        )
    nonce = wrapped[header : header + NONCE_BYTES]
    try:
        return AESGCM(master).decrypt(nonce, wrapped[header + NONCE_BYTES :], wrapped[:header])
    except InvalidTag:
        raise SealBroken("the case key does not open with its master key") from None


def _wrapped_header_length(wrapped: bytes) -> int:
    if not wrapped.startswith(WRAPPED_MAGIC) or len(wrapped) < len(WRAPPED_MAGIC) + 2:
        raise SealBroken("not a wrapped case key")
    return len(WRAPPED_MAGIC) + 1 + wrapped[len(WRAPPED_MAGIC)]


# --------------------------------------------------------------------------------------------
# Sealing with a case key


def seal(wrapped_case_key: bytes, plaintext: bytes, purpose: str) -> bytes:
    return seal_with(unwrap_case_key(wrapped_case_key), plaintext, purpose)


def unseal(wrapped_case_key: bytes, sealed: bytes, purpose: str) -> bytes:
    return unseal_with(unwrap_case_key(wrapped_case_key), sealed, purpose)


def seal_with(data_key: bytes, plaintext: bytes, purpose: str) -> bytes:
    """Seal with an unwrapped case key."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return SEALED_MAGIC + nonce + AESGCM(data_key).encrypt(nonce, plaintext, _associated(purpose))


def unseal_with(data_key: bytes, sealed: bytes, purpose: str) -> bytes:
    if not is_sealed(sealed):
        raise SealBroken("not sealed data")
    key = AESGCM(data_key)
    start = len(SEALED_MAGIC)
    nonce = sealed[start : start + NONCE_BYTES]
    try:
        return key.decrypt(nonce, sealed[start + NONCE_BYTES :], _associated(purpose))
    except InvalidTag:
        raise SealBroken(f"{purpose} does not open with its case key") from None


def keyed_digest(data_key: bytes, purpose: str, text: str) -> str:
    """An HMAC-SHA256 of `text` under a key derived from the case key: equal texts of one case
    give equal digests (so rows can be found by them), and without the key nothing can be
    learned from a digest, not even by trying likely names."""
    derived = hmac.new(data_key, b"digest:" + purpose.encode(), hashlib.sha256).digest()
    return hmac.new(derived, text.encode("utf-8"), hashlib.sha256).hexdigest()


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED_MAGIC) and len(data) >= len(SEALED_MAGIC) + NONCE_BYTES + 16


def _associated(purpose: str) -> bytes:
    return SEALED_MAGIC + purpose.encode("utf-8")


if __name__ == "__main__":
    # Runs without Django settings, which refuse to load in production until a key exists.
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m haertefall.cases.crypto <key id, e.g. 2026-11>")
    print(new_master_key_entry(sys.argv[1]))
