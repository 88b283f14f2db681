"""Where uploaded and imported evidence and built packages are kept on disk.

Files live under settings.UPLOAD_ROOT, a directory no web server serves, under names made only
of UUIDs: a person's name or a document title never becomes part of a path on disk. Every name
starts with (or, for packages, continues with) the id of the case the file belongs to, and
the bytes on disk are sealed with that case's data key (haertefall/cases/crypto.py); opening a
file through the storage returns the plaintext, in memory only.
"""

import contextlib
import hashlib
import io
import os
import uuid
from functools import lru_cache
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from haertefall.cases.crypto import (
    NONCE_BYTES,
    SEALED_MAGIC,
    is_sealed,
    seal,
    seal_with,
    unseal_with,
    unwrap_case_key,
)

# Magic, nonce and the 16-byte GCM tag.
SEALED_OVERHEAD = len(SEALED_MAGIC) + NONCE_BYTES + 16


@deconstructible(path="haertefall.cases.storage.UploadStorage")
class UploadStorage(FileSystemStorage):
    """A file system storage rooted at settings.UPLOAD_ROOT that has no URLs."""

    def __init__(self) -> None:
        super().__init__()
        setting_changed.connect(self._forget_upload_root)

    @cached_property
    def base_location(self) -> str:
        return str(settings.UPLOAD_ROOT)

    def _forget_upload_root(self, *, setting: str, **kwargs: Any) -> None:
        # Tests move UPLOAD_ROOT per test; without this the storage would keep the first root.
        if setting == "UPLOAD_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Uploaded files have no URL; serve them through a view.")

    def _save(self, name: str, content: File[Any]) -> str:
        content.seek(0)
        sealed = seal_with(data_key_for_case(case_id_in(name)), content.read(), FILE_PURPOSE)
        target = self.path(name)
        existed = os.path.lexists(target)
        try:
            saved: str = super()._save(name, ContentFile(sealed))  # type: ignore[misc]
        except BaseException:
            # A write that fails half-way (disk full) must not leave half a file behind.
            if not existed and os.path.lexists(target):
                os.remove(target)
            raise
        return saved

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if "b" not in mode or any(flag in mode for flag in "wa+"):
            raise ValueError("stored files are opened for reading bytes only")
        with super()._open(name, "rb") as stored:  # type: ignore[misc]
            sealed = stored.read()
        plaintext = unseal_with(data_key_for_case(case_id_in(name)), sealed, FILE_PURPOSE)
        return File(io.BytesIO(plaintext), name=name)

    def size(self, name: str) -> int:
        return max(super().size(name) - SEALED_OVERHEAD, 0)


FILE_PURPOSE = "file"


@lru_cache(maxsize=1024)
def data_key_for_case(case_id: uuid.UUID) -> bytes:
    """The unwrapped data key of a case.

    Cached by case id: a case keeps its data key for life (rotation re-wraps it under a new
    master key, the key itself stays), so the cache can never hand out a wrong key, and after
    a rotation this process still opens everything even once the old master key is gone."""
    case_model = apps.get_model("cases", "Case")
    wrapped = case_model.objects.filter(pk=case_id).values_list("data_key", flat=True).first()
    if wrapped is None:
        raise FileNotFoundError(f"no case {case_id}")
    return unwrap_case_key(bytes(wrapped))


def _forget_case_keys(*, setting: str, **kwargs: Any) -> None:
    # Tests switch master keys within one process; a deployment restarts instead.
    if setting == "DATA_ENCRYPTION_KEYS":
        data_key_for_case.cache_clear()


setting_changed.connect(_forget_case_keys)


def case_id_in(name: str) -> uuid.UUID:
    for part in name.replace(os.sep, "/").split("/")[:2]:
        try:
            return uuid.UUID(part)
        except ValueError:
            continue
    raise ValueError(f"stored file name {name!r} names no case")


def seal_file_in_place(path: os.PathLike[str] | str, data_key: bytes) -> bool:
    """Seal a plaintext file written before encryption at rest existed (migrations only).
    Returns False if it already is sealed. Replaces the file atomically."""
    with open(path, "rb") as existing:
        data = existing.read()
    if is_sealed(data):
        return False
    before = os.stat(path)
    temporary = f"{path}.sealing"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as sealed:
            handle: IO[bytes] = sealed
            handle.write(seal(data_key, data, FILE_PURPOSE))
            handle.flush()
            os.fsync(handle.fileno())
        # migrate often runs as another user than the web server: the file must stay theirs.
        os.chmod(temporary, before.st_mode & 0o777)
        with contextlib.suppress(PermissionError):
            os.chown(temporary, before.st_uid, before.st_gid)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
        raise
    return True


upload_storage = UploadStorage()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# documents/uploads.py will decide types (and refuse the rest) for the wizard's uploads; an
# imported case only needs the type recorded so it can be shown and handed on to that code.
_IMAGE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def detect_content_type(data: bytes) -> str:
    """The MIME type the bytes show, never the one a file name or an upload claims."""
    # PDF readers accept the header anywhere in the first KiB, and scanners do put junk first.
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    for signature, content_type in _IMAGE_SIGNATURES:
        if data.startswith(signature):
            return content_type
    return "application/octet-stream"
