"""Import followed by export gives back the same case.json and the same attachment bytes."""

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from haertefall.cases.models import Case
from tests.haertefall.builders import (
    DEMO_CASE,
    REPOSITORY,
    minimal_case,
    rich_hardship_case,
    rich_hardship_files,
    write_folder,
    write_zip,
)

CORPUS = sorted(
    path
    for path in (REPOSITORY / "tests" / "cases").glob("*.json")
    if not path.name.endswith(".expected.json")
)


def ordered(text: str) -> Any:
    """JSON as nested lists of (key, value) pairs: key order and null-versus-absent count."""
    return json.loads(text, object_pairs_hook=list)


def import_case(path: Path) -> Case:
    call_command("import_case", str(path), owner="amina@example.org")
    return Case.objects.order_by("created").last()  # type: ignore[return-value]


def export_case(case: Case, out: Path) -> None:
    call_command("export_case", str(case.pk), out=str(out))


def referenced_files(document_text: str) -> set[str]:
    document = json.loads(document_text)
    return {entry["file"] for entry in document.get("documents", []) if entry.get("file")}


def exported_members(out: Path) -> dict[str, bytes]:
    if out.suffix == ".zip":
        with zipfile.ZipFile(out) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in out.rglob("*")
        if path.is_file()
    }


def assert_lossless(source_json: Path, out: Path) -> None:
    original = source_json.read_text(encoding="utf-8")
    members = exported_members(out)
    assert ordered(members["case.json"].decode("utf-8")) == ordered(original)
    files = referenced_files(original)
    assert set(members) == {"case.json"} | files
    for name in files:
        assert members[name] == (source_json.parent / name).read_bytes(), name


@pytest.fixture
def own_cases(tmp_path: Path) -> dict[str, Path]:
    rich = write_folder(tmp_path / "rich", rich_hardship_case(), rich_hardship_files())
    minimal = tmp_path / "minimal.json"
    minimal.write_text(json.dumps(minimal_case(), indent=4), encoding="utf-8")
    return {"rich": rich / "case.json", "minimal": minimal, "demo": DEMO_CASE / "case.json"}


@pytest.mark.django_db
@pytest.mark.usefixtures("owner")
@pytest.mark.parametrize("name", ["rich", "minimal", "demo"])
@pytest.mark.parametrize("suffix", [".zip", ""])
def test_own_case_survives_import_and_export_unchanged(
    own_cases: dict[str, Path], tmp_path: Path, name: str, suffix: str
) -> None:
    source = own_cases[name]
    case = import_case(source)
    out = tmp_path / f"export{suffix}"
    export_case(case, out)
    assert_lossless(source, out)


@pytest.mark.django_db
@pytest.mark.usefixtures("owner")
@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_corpus_case_survives_import_and_export_unchanged(path: Path, tmp_path: Path) -> None:
    case = import_case(path)
    out = tmp_path / "export.zip"
    export_case(case, out)
    assert_lossless(path, out)


@pytest.mark.django_db
@pytest.mark.usefixtures("owner")
def test_exported_zip_imports_to_the_same_content(tmp_path: Path) -> None:
    source = write_folder(tmp_path / "rich", rich_hardship_case(), rich_hardship_files())
    first = import_case(source)
    export_case(first, tmp_path / "first.zip")
    second = import_case(tmp_path / "first.zip")
    export_case(second, tmp_path / "second")

    assert second.pk != first.pk
    assert list(second.document or {}) == list(first.document or {})
    assert second.document == first.document
    assert {(f.case_path, f.sha256) for f in second.files.all()} == {
        (f.case_path, f.sha256) for f in first.files.all()
    }
    assert_lossless(source / "case.json", tmp_path / "second")


@pytest.mark.django_db
@pytest.mark.usefixtures("owner")
def test_folder_zip_and_plain_file_give_the_same_stored_case(tmp_path: Path) -> None:
    document, files = rich_hardship_case(), rich_hardship_files()
    folder = write_folder(tmp_path / "folder", document, files)
    archive = write_zip(tmp_path / "case.zip", document, files)

    cases = [import_case(folder), import_case(archive), import_case(folder / "case.json")]

    assert all(case.document == document for case in cases)
    stored = [{(f.case_path, f.sha256, f.size) for f in case.files.all()} for case in cases]
    assert stored[0] == stored[1] == stored[2]
    assert len(stored[0]) == len(files)


@pytest.mark.django_db
@pytest.mark.usefixtures("owner")
def test_export_writes_pretty_utf8_json(tmp_path: Path) -> None:
    source = write_folder(tmp_path / "rich", rich_hardship_case(), rich_hardship_files())
    case = import_case(source)
    export_case(case, tmp_path / "out")

    text = (tmp_path / "out" / "case.json").read_text(encoding="utf-8")
    assert "Ausländerbehörde" in text and "\\u" not in text
    assert text.startswith('{\n  "schema": "haertefall-case/1",\n')
