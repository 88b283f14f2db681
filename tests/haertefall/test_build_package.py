"""manage.py build_package: a case file in, the PDF package out."""

import io
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

CASES = Path(__file__).resolve().parents[1] / "cases"
READY = CASES / "n01-eze-koeln-ready.json"
INCOMPLETE = CASES / "n11-diallo-gelsenkirchen-unterlagen-fehlen.json"


def run(*args: str, **options: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("build_package", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_a_ready_case_becomes_one_pdf_listing_its_anlagen(tmp_path: Path) -> None:
    target = tmp_path / "paket.pdf"

    out, _err = run(str(READY), "--out", str(target))

    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert f"{len(reader.pages)} pages" in out
    assert "Anlage 1: Vollmacht" in out
    assert "Anlage 15: Fachärztliches Attest Dr. Schneider (S. " in out
    assert reader.metadata is not None
    assert "Antrag auf Feststellung eines Härtefalls" in (reader.metadata.title or "")


def test_a_zipped_case_with_fax_cover_and_reference_date(tmp_path: Path) -> None:
    archive = tmp_path / "case.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(READY, "case.json")
        for path in sorted((CASES / "files").iterdir()):
            bundle.write(path, f"files/{path.name}")
    target = tmp_path / "fax.pdf"

    # A day later the medical report is older than three months: only a draft is built.
    run(
        str(archive),
        "--out",
        str(target),
        "--fax-cover",
        "--draft",
        "--reference-date",
        "2026-11-02",
    )

    first = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Telefax" in first
    assert "02.11.2026" in first


def test_the_final_build_of_an_incomplete_case_is_refused_with_the_missing_items(
    tmp_path: Path,
) -> None:
    target = tmp_path / "paket.pdf"

    with pytest.raises(CommandError) as refused:
        run(str(INCOMPLETE), "--out", str(target))

    assert refused.value.returncode == 2
    assert "Kindergartenbescheinigung" in str(refused.value)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_draft_of_an_incomplete_case_is_built(tmp_path: Path) -> None:
    target = tmp_path / "entwurf.pdf"

    out, _err = run(str(INCOMPLETE), "--out", str(target), "--draft")

    assert "nachzureichen" in out
    assert "ENTWURF" in PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()


def test_split_writes_the_parts_beside_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "paket.pdf"

    run(str(READY), "--out", str(target), "--split-mb", "5")

    # The corpus case is small: it fits one e-mail, so no parts are written.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["paket.pdf"]


def test_per_file_writes_the_upload_zip_beside_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "paket.pdf"

    out, _err = run(str(READY), "--out", str(target), "--per-file")

    upload = tmp_path / "paket_Upload.zip"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["paket.pdf", "paket_Upload.zip"]
    names = zipfile.ZipFile(upload).namelist()
    assert names[0] == "00_Antrag_Eze.pdf"
    assert names[1].startswith("Anlage-01_Vollmacht")
    assert all(name in out for name in names)
    assert str(upload) in out


def test_per_file_takes_the_zip_name(tmp_path: Path) -> None:
    target = tmp_path / "paket.pdf"

    run(str(READY), "--out", str(target), "--per-file", str(tmp_path / "hochladen.zip"))

    assert zipfile.ZipFile(tmp_path / "hochladen.zip").namelist()[0] == "00_Antrag_Eze.pdf"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["/no/such/case.json", "--out", "x.pdf"], "no such file or folder"),
        ([str(READY), "--out", "paket.txt"], "must end in .pdf"),
        ([str(READY), "--out", "x.pdf", "--per-file", "upload.txt"], "must end in .zip"),
    ],
    ids=["missing-case", "not-pdf", "per-file-not-zip"],
)
def test_bad_input_exits_2_with_one_clear_error(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    arguments = [str(tmp_path / a) if a.endswith((".pdf", ".txt")) else a for a in arguments]

    with pytest.raises(CommandError, match=message) as failed:
        run(*arguments)

    assert failed.value.returncode == 2


def test_an_unreadable_case_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "case.json"
    broken.write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError, match="invalid JSON") as failed:
        run(str(broken), "--out", str(tmp_path / "x.pdf"))

    assert failed.value.returncode == 2
