"""Reading and writing a case as it travels: `case.json` plus its attachments.

A case comes as a `case.json` file (attachments relative to its folder), as a folder holding
`case.json`, or as a `.zip` with `case.json` at its root. The document is kept exactly as
written (key order, null versus absent) so that import followed by export gives back the same
JSON and the same attachment bytes.
"""

import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Protocol

from eligibility.facts import Case as CaseFacts
from eligibility.facts import CaseFormatError, parse_case
from haertefall.cases.models import Case

CASE_JSON = "case.json"
# A case.json is a few hundred KiB at most; anything far larger is not a case.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Attachments are held in memory while a case is imported. Scans of a whole family's papers
# stay well below this; the cap stops a zip bomb before it fills the memory.
MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024


class CaseFileError(Exception):
    """A case could not be read or written. The message names the place, in one line."""


@dataclass(frozen=True)
class LoadedCase:
    document: dict[str, Any]
    facts: CaseFacts
    # Keyed by the exact value of documents[].file; empty when read without files.
    files: dict[str, bytes]


class _Source(Protocol):
    label: str

    def read_document(self) -> bytes: ...

    def size(self, member: PurePosixPath) -> int | None:
        """Size of the attachment, or None if it is not there."""

    def read(self, member: PurePosixPath) -> bytes: ...


def load_case(path: Path, *, with_files: bool = True) -> LoadedCase:
    """Read and validate a case. Raises CaseFileError with one message naming the place.

    Attachments are always checked to exist; their bytes are read only `with_files`.
    """
    with _open_source(path) as source:
        document = parse_document(source.read_document(), source.label)
        try:
            facts = parse_case(document)
        except CaseFormatError as error:
            raise CaseFileError(str(error)) from error
        attachments = _attachments(document)
        total = 0
        for where, value, member in attachments:
            size = source.size(member)
            if size is None:
                raise CaseFileError(f"{where}: {json.dumps(value, ensure_ascii=False)} not found")
            total += size
        if total > MAX_ATTACHMENT_BYTES:
            raise CaseFileError(
                f"{source.label}: the attachments add up to {total} bytes, "
                f"more than the {MAX_ATTACHMENT_BYTES} bytes a case may have"
            )
        files = (
            {value: source.read(member) for _, value, member in attachments} if with_files else {}
        )
    return LoadedCase(document=document, facts=facts, files=files)


def parse_document(data: bytes, label: str) -> dict[str, Any]:
    """The JSON object in `data`, with key order kept; duplicate keys and NaN are refused."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise CaseFileError(f"{label}: larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        # utf-8-sig: editors on Windows put a byte order mark in front; it carries no content.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseFileError(
            f"{label}: not UTF-8 text (byte {error.start}: {data[error.start]:#04x})"
        ) from error
    duplicates: list[tuple[dict[str, Any], str]] = []

    def build_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append((result, key))
            result[key] = value
        return result

    def refuse_constant(name: str) -> Any:
        raise CaseFileError(f"{label}: {name} is not a JSON number")

    try:
        document = json.loads(text, object_pairs_hook=build_object, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        raise CaseFileError(
            f"{label}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    if not isinstance(document, dict):
        raise CaseFileError(f"{label}: the top level must be a JSON object")
    if duplicates:
        container, key = duplicates[0]
        where = _path_of(document, container) or label
        raise CaseFileError(f"{where}: key {json.dumps(key)} appears more than once")
    return document


def dump_document(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_case(out: Path, document: Mapping[str, Any], files: Mapping[str, bytes]) -> None:
    """Write a case as a folder, or as a zip when `out` ends in .zip.

    `files` maps the values of documents[].file to their bytes. Refuses to overwrite.
    """
    members = case_members(document, files)
    if out.suffix.lower() == ".zip":
        _write_zip(out, members)
    else:
        _write_folder(out, members)


def export_case(case: Case, out: Path) -> None:
    """Write the case's newest revision and the bytes of its attachments to `out`."""
    document, files = case_contents(case)
    write_case(out, document, files)


def case_members(document: Mapping[str, Any], files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The members of the case's folder (case.json and the attachments) by their path."""
    members: dict[str, bytes] = {CASE_JSON: dump_document(document)}
    for value, data in files.items():
        members[str(_member(value, "file"))] = data
    return members


def case_contents(case: Case) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The case's newest revision and the checked bytes of its attachments, in memory.

    Raises CaseFileError naming the place of a missing or damaged attachment."""
    revision = case.latest_revision()
    if revision is None:
        raise CaseFileError(f"case {case.pk} has no content yet")
    document = revision.document
    stored = {stored.case_path: stored for stored in case.files.all()}
    files: dict[str, bytes] = {}
    for where, value, _member_path in _attachments(document):
        if value in files:
            continue
        stored_file = stored.get(value)
        if stored_file is None:
            raise CaseFileError(f"{where}: no stored file for {json.dumps(value)}")
        data = stored_file.read_verified()
        # Changed on disk under us: exporting it would pass on bad evidence.
        if data is None:
            raise CaseFileError(f"{where}: the stored bytes of {json.dumps(value)} are damaged")
        files[value] = data
    return document, files


def _attachments(document: Mapping[str, Any]) -> list[tuple[str, str, PurePosixPath]]:
    """(place, documents[].file value, normalised member path) for every entry with a file."""
    result = []
    for index, entry in enumerate(document.get("documents") or []):
        value = entry.get("file") if isinstance(entry, dict) else None
        if value is None:
            continue
        where = f"documents[{index}].file"
        if not isinstance(value, str):
            raise CaseFileError(f"{where}: {json.dumps(value)} is not a path")
        result.append((where, value, _member(value, where)))
    return result


def _member(value: str, where: str) -> PurePosixPath:
    """The path inside the case folder that `value` names; refuses anything that leaves it.

    parse_case refuses such paths already; this is checked again here because this is the
    place where a path turns into a file that is read or written.
    """
    shown = json.dumps(value, ensure_ascii=False)
    if "\\" in value:
        raise CaseFileError(f'{where}: {shown} must use "/" between folder names')
    member = PurePosixPath(value)
    if (
        not value
        or member.is_absolute()
        or PureWindowsPath(value).drive
        or ".." in member.parts
        or member.parts in ((), (".",))
    ):
        raise CaseFileError(f"{where}: {shown} is not a relative path inside the case folder")
    return member


def _path_of(node: Any, target: dict[str, Any], prefix: str = "") -> str | None:
    """The JSON path of the object `target` (by identity) inside `node`."""
    if node is target:
        return prefix
    children: Iterator[tuple[str, Any]]
    if isinstance(node, dict):
        children = ((f"{prefix}.{key}" if prefix else key, value) for key, value in node.items())
    elif isinstance(node, list):
        children = ((f"{prefix}[{index}]", value) for index, value in enumerate(node))
    else:
        return None
    for child_prefix, child in children:
        found = _path_of(child, target, child_prefix)
        if found is not None:
            return found
    return None


@contextmanager
def _open_source(path: Path) -> Iterator[_Source]:
    if path.is_dir():
        yield _FolderSource(path, path / CASE_JSON)
    elif path.is_file() and path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise CaseFileError(f"{path}: not a readable zip file ({error})") from error
        with archive:
            yield _ZipSource(path, archive)
    elif path.is_file():
        yield _FolderSource(path.parent, path)
    else:
        raise CaseFileError(f"{path}: no such file or folder")


class _FolderSource:
    def __init__(self, root: Path, document_path: Path) -> None:
        self.root = root.resolve()
        self.document_path = document_path
        self.label = document_path.name

    def read_document(self) -> bytes:
        try:
            return self.document_path.read_bytes()
        except FileNotFoundError as error:
            raise CaseFileError(f"{self.document_path}: not found") from error
        except OSError as error:
            raise CaseFileError(f"{self.document_path}: cannot be read ({error})") from error

    def _resolve(self, member: PurePosixPath) -> Path | None:
        path = (self.root / member).resolve()
        # A symbolic link may lead out of the folder although the name itself stays inside.
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def size(self, member: PurePosixPath) -> int | None:
        path = self._resolve(member)
        return None if path is None else path.stat().st_size

    def read(self, member: PurePosixPath) -> bytes:
        path = self._resolve(member)
        if path is None:
            raise CaseFileError(f"{member}: not found")
        return path.read_bytes()


class _ZipSource:
    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.label = f"{path.name}:{CASE_JSON}"
        self.archive_name = path.name
        self.archive = archive
        self.entries: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or PureWindowsPath(name).drive or ".." in parts:
                raise CaseFileError(
                    f"{path.name}: entry {json.dumps(name, ensure_ascii=False)} "
                    "points outside the case folder"
                )
            if info.flag_bits & 0x1:
                raise CaseFileError(f"{path.name}: entry {json.dumps(name)} is encrypted")
            if not info.is_dir():
                self.entries[str(PurePosixPath(name))] = info

    def read_document(self) -> bytes:
        info = self.entries.get(CASE_JSON)
        if info is None:
            nested = sorted(name for name in self.entries if name.endswith("/" + CASE_JSON))
            hint = (
                f" (found {nested[0]}: zip the folder's contents, not the folder)" if nested else ""
            )
            raise CaseFileError(f"{self.archive_name}: no {CASE_JSON} at the top level{hint}")
        if info.file_size > MAX_DOCUMENT_BYTES:
            raise CaseFileError(f"{self.label}: larger than {MAX_DOCUMENT_BYTES} bytes")
        return self._read(info)

    def size(self, member: PurePosixPath) -> int | None:
        info = self.entries.get(str(member))
        return None if info is None else info.file_size

    def read(self, member: PurePosixPath) -> bytes:
        info = self.entries.get(str(member))
        if info is None:
            raise CaseFileError(f"{self.archive_name}: {member} not found")
        return self._read(info)

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        # zipfile stops at the declared size and checks the CRC, so the size checked before
        # reading bounds what is read.
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, OSError, NotImplementedError) as error:
            raise CaseFileError(
                f"{self.archive_name}: {info.filename} is damaged ({error})"
            ) from error


def _write_zip(out: Path, members: Mapping[str, bytes]) -> None:
    if out.exists():
        raise CaseFileError(f"{out}: already exists; choose another name")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a failed export leaves no half-written zip.
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".export-", suffix=".zip")
    try:
        with (
            os.fdopen(handle, "wb") as raw,
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, data in members.items():
                archive.writestr(name, data)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_folder(out: Path, members: Mapping[str, bytes]) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CaseFileError(f"{out}: already exists and is not an empty folder; choose another")
    for name, data in members.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
