"""Where uploaded and imported evidence is kept on disk.

Files live under settings.UPLOAD_ROOT, a directory no web server serves, under names made only
of UUIDs: a person's name or a document title never becomes part of a path on disk.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


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
