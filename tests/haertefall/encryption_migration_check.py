"""Run by test_encryption_migration.py in a process of its own, on a database of its own:
an installation at the migrations before encryption at rest, holding plaintext, migrated on.

Usage: python -m tests.haertefall.encryption_migration_check <empty folder>
"""

import errno
import os
import sys
from pathlib import Path

import django

FOLDER = Path(sys.argv[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "haertefall.settings_test"
os.environ["DATABASE_URL"] = f"sqlite:///{FOLDER / 'db.sqlite3'}"
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

from haertefall.cases import crypto, migration_sealing, storage  # noqa: E402
from haertefall.cases.models import Case, StoredFile  # noqa: E402
from haertefall.packages.models import BuiltPackage  # noqa: E402
from haertefall.review.models import Comment  # noqa: E402

settings.UPLOAD_ROOT = FOLDER / "uploads"

BEFORE = [("cases", "0001_initial"), ("packages", "0001_initial"), ("review", "0001_initial")]
AFTER = [
    ("cases", "0003_encryption_at_rest"),
    ("packages", "0002_encryption_at_rest"),
    ("review", "0002_encryption_at_rest"),
]
DOCUMENT = {
    "schema": "haertefall-case/1",
    "target": "hfk_nrw",
    "persons": [{"given_names": "Ngozi"}],
}
PDF = b"%PDF-1.4\nein Attest ueber eine Traumafolgestoerung\n%%EOF\n"


def main() -> None:
    upload_root = Path(settings.UPLOAD_ROOT)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    owner = old.get_model("accounts", "User").objects.create(email="alt@example.org")
    case = old.get_model("cases", "Case").objects.create(owner_id=owner.pk, target="hfk_nrw")
    old.get_model("cases", "CaseRevision").objects.create(
        case_id=case.pk, number=1, step="import", document=DOCUMENT
    )
    (upload_root / str(case.pk)).mkdir(parents=True)
    (upload_root / f"{case.pk}/f1").write_bytes(PDF)
    old.get_model("cases", "StoredFile").objects.create(
        case_id=case.pk,
        case_path="files/Attest Ngozi.pdf",
        file=f"{case.pk}/f1",
        sha256="0" * 64,
        content_type="application/pdf",
        size=len(PDF),
        original_name="Attest Ngozi.pdf",
    )
    (upload_root / f"{case.pk}/f2").write_bytes(PDF + b"%second\n")
    old.get_model("cases", "StoredFile").objects.create(
        case_id=case.pk,
        case_path="files/zweites.pdf",
        file=f"{case.pk}/f2",
        sha256="0" * 64,
        content_type="application/pdf",
        size=len(PDF) + 8,
        original_name="zweites.pdf",
    )
    # The web server's user may differ from the one running migrate: mode (and, as root,
    # owner) of a sealed file stay what they were.
    os.chmod(upload_root / f"{case.pk}/f1", 0o640)
    (upload_root / "packages" / str(case.pk)).mkdir(parents=True)
    (upload_root / f"packages/{case.pk}/p1.pdf").write_bytes(PDF)
    old.get_model("packages", "BuiltPackage").objects.create(
        case_id=case.pk,
        revision_number=1,
        draft=True,
        options={},
        page_count=1,
        size=len(PDF),
        sha256="0" * 64,
        file=f"packages/{case.pk}/p1.pdf",
        download_name="Haertefallantrag_Ngozi.pdf",
        parts=[{"title": "Attest Ngozi"}],
        notices=[],
    )
    old.get_model("review", "Comment").objects.create(
        case_id=case.pk, step="gesundheit", text="Attest von Ngozi fehlt", revision=1
    )

    # The first run stops on the second file (disk full). Its transaction rolls back; the
    # first file is sealed already and must still open after the second run.
    real_seal = storage.seal_file_in_place
    calls = []

    def disk_full_on_the_second_file(path: Path, data_key: bytes) -> bool:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_seal(path, data_key)

    # migration_sealing holds its own reference to the function: replace that one.
    setattr(migration_sealing, "seal_file_in_place", disk_full_on_the_second_file)  # noqa: B010
    try:
        MigrationExecutor(connection).migrate(AFTER)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    else:
        raise AssertionError("the first run should have stopped")
    finally:
        setattr(migration_sealing, "seal_file_in_place", real_seal)  # noqa: B010
    assert (upload_root / f"{case.pk}/f1").read_bytes().startswith(crypto.SEALED_MAGIC)
    assert (upload_root / f"{case.pk}/f2").read_bytes() == PDF + b"%second\n"

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    migrated = Case.objects.get()
    assert migrated.latest_revision().document == DOCUMENT  # type: ignore[union-attr]
    stored = StoredFile.objects.at_path(migrated, "files/Attest Ngozi.pdf").get()
    second = StoredFile.objects.at_path(migrated, "files/zweites.pdf").get()
    assert second.file.open("rb").read() == PDF + b"%second\n"
    assert (upload_root / f"{case.pk}/f1").stat().st_mode & 0o777 == 0o640
    assert stored.original_name == "Attest Ngozi.pdf"
    assert stored.case_path == "files/Attest Ngozi.pdf"
    assert stored.file.open("rb").read() == PDF
    package = BuiltPackage.objects.get()
    assert package.download_name == "Haertefallantrag_Ngozi.pdf"
    assert package.parts == [{"title": "Attest Ngozi"}]
    assert package.file.open("rb").read() == PDF
    assert Comment.objects.get().text == "Attest von Ngozi fehlt"
    for path in (upload_root / f"{case.pk}/f1", upload_root / f"packages/{case.pk}/p1.pdf"):
        assert path.read_bytes().startswith(crypto.SEALED_MAGIC)
    with connection.cursor() as cursor:
        for table in ("cases_caserevision", "cases_storedfile", "packages_builtpackage"):
            cursor.execute(f'SELECT * FROM "{table}"')
            assert "Ngozi" not in repr(cursor.fetchall())
    print("sealed and readable")


if __name__ == "__main__":
    main()
