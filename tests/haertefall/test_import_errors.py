"""A case that cannot be read is refused with one message naming the place; nothing is stored."""

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from haertefall.cases.models import Case, CaseRevision, StoredFile
from tests.haertefall.builders import (
    PDF_BYTES,
    rich_hardship_case,
    rich_hardship_files,
    write_folder,
    write_zip,
)
from tests.hostile.make_corpus import SPECIMENS


def import_error(path: Path) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_case", str(path), owner="amina@example.org")
    assert raised.value.returncode == 2
    message = str(raised.value)
    assert "\n" not in message
    return message


@pytest.fixture(autouse=True)
def nothing_stored_afterwards(owner: object, upload_root: Path) -> Iterator[None]:
    yield
    assert Case.objects.count() == 0
    assert CaseRevision.objects.count() == 0
    assert StoredFile.objects.count() == 0
    assert not upload_root.exists() or not any(p.is_file() for p in upload_root.rglob("*"))


def test_unknown_key_is_named_with_its_place(tmp_path: Path) -> None:
    document = rich_hardship_case()
    document["persons"][0]["favourite_colour"] = "blau"
    folder = write_folder(tmp_path / "case", document, rich_hardship_files())

    assert "persons[0].favourite_colour" in import_error(folder)


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    document = rich_hardship_case()
    document["schema"] = "haertefall-case/2"
    folder = write_folder(tmp_path / "case", document, rich_hardship_files())

    message = import_error(folder)
    assert message.startswith("schema:")
    assert "haertefall-case/2" in message


def test_impossible_date_is_named_with_its_place(tmp_path: Path) -> None:
    document = rich_hardship_case()
    document["persons"][1]["residence_history"][0]["from"] = "2015-13-01"
    folder = write_folder(tmp_path / "case", document, rich_hardship_files())

    message = import_error(folder)
    assert message.startswith("persons[1].residence_history[0].from:")
    assert "2015-13-01" in message


def test_missing_attachment_is_named_with_its_place(tmp_path: Path) -> None:
    files = rich_hardship_files()
    del files["files/übersetzung/tazkira-de.bin"]
    folder = write_folder(tmp_path / "case", rich_hardship_case(), files)

    assert import_error(folder) == (
        'documents[2].file: "files/übersetzung/tazkira-de.bin" not found'
    )


@pytest.mark.parametrize("path", ["../secret.pdf", "/etc/passwd", "files/../../secret.pdf"])
def test_attachment_path_leaving_the_case_folder_is_refused(tmp_path: Path, path: str) -> None:
    (tmp_path / "secret.pdf").write_bytes(PDF_BYTES)
    document = rich_hardship_case()
    document["documents"][0]["file"] = path
    folder = write_folder(tmp_path / "case", document, rich_hardship_files())

    message = import_error(folder)
    assert message.startswith("documents[0].file:")
    assert json.dumps(path) in message


def test_symbolic_link_out_of_the_case_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "secret.pdf").write_bytes(PDF_BYTES)
    files = rich_hardship_files()
    del files["files/Attest Zahra Rahimi (Psychiatrie).pdf"]
    folder = write_folder(tmp_path / "case", rich_hardship_case(), files)
    os.symlink(tmp_path / "secret.pdf", folder / "files" / "Attest Zahra Rahimi (Psychiatrie).pdf")

    assert import_error(folder) == (
        'documents[0].file: "files/Attest Zahra Rahimi (Psychiatrie).pdf" not found'
    )


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "case", '{\n  "schema": "haertefall-case/1",\n  "target": \n}')

    message = import_error(folder)
    assert message.startswith("case.json: invalid JSON at line 4, column 1:")


def test_duplicate_key_is_named_with_its_place(tmp_path: Path) -> None:
    text = (
        '{"schema": "haertefall-case/1", "target": "hfk_nrw",'
        ' "persons": [{"id": "p1", "role": "applicant", "role": "spouse"}]}'
    )
    folder = write_folder(tmp_path / "case", text)

    assert import_error(folder) == 'persons[0]: key "role" appears more than once'


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.json").write_bytes('{"schema": "Härte"}'.encode("latin-1"))

    assert import_error(folder).startswith("case.json: not UTF-8 text")


def test_top_level_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "case", "[]")

    assert import_error(folder) == "case.json: the top level must be a JSON object"


@pytest.mark.parametrize("entry", ["../evil.pdf", "/evil.pdf", "files/../../evil.pdf"])
def test_zip_entry_leaving_the_case_folder_is_refused(tmp_path: Path, entry: str) -> None:
    archive = write_zip(tmp_path / "case.zip", rich_hardship_case(), rich_hardship_files())
    with zipfile.ZipFile(archive, "a") as handle:
        handle.writestr(entry, PDF_BYTES)

    message = import_error(archive)
    assert message.startswith("case.zip: entry")
    assert "points outside the case folder" in message


def test_zip_with_case_json_in_a_subfolder_explains_what_to_do(tmp_path: Path) -> None:
    archive = tmp_path / "case.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("familie/case.json", json.dumps(rich_hardship_case()))

    assert import_error(archive) == (
        "case.zip: no case.json at the top level "
        "(found familie/case.json: zip the folder's contents, not the folder)"
    )


def test_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "case.zip"
    archive.write_bytes(PDF_BYTES)

    assert import_error(archive).startswith(f"{archive}: not a readable zip file")


def test_missing_path_is_refused(tmp_path: Path) -> None:
    assert import_error(tmp_path / "nowhere") == f"{tmp_path / 'nowhere'}: no such file or folder"


def test_unknown_owner_is_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "case", rich_hardship_case(), rich_hardship_files())

    with pytest.raises(CommandError, match="--owner: no user") as raised:
        call_command("import_case", str(folder), owner="nobody@example.org")
    assert raised.value.returncode == 2


# Attachments get the checks of an upload ------------------------------------------------------


@pytest.mark.parametrize(
    ("hostile", "message"),
    [
        ("javascript-openaction.pdf", "JavaScript"),
        ("embedded-file.pdf", "other files hidden inside"),
        ("bomb.png", "megapixels"),
    ],
)
def test_a_dangerous_attachment_refuses_the_whole_import(
    tmp_path: Path, hostile: str, message: str
) -> None:
    files = {**rich_hardship_files(), "files/tazkira.png": SPECIMENS[hostile]().data}
    folder = write_folder(tmp_path / "case", rich_hardship_case(), files)

    with translation.override("en"):
        error = import_error(folder)

    assert error.startswith("“files/tazkira.png” ")
    assert message in error
