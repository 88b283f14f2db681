"""Run by test_encryption_migration.py in a process of its own, on a database of its own:
an installation at the migrations before encryption at rest, holding plaintext, migrated on.

Usage: python -m tests.haertefall.encryption_migration_check <empty folder>
"""

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

from haertefall.cases import crypto  # noqa: E402
from haertefall.cases.models import Case, StoredFile  # noqa: E402
from haertefall.packages.models import BuiltPackage  # noqa: E402
from haertefall.review.models import Comment  # noqa: E402

settings.UPLOAD_ROOT = FOLDER / "uploads"

BEFORE = [("cases", "0001_initial"), ("packages", "0001_initial"), ("review", "0001_initial")]
AFTER = [
    ("cases", "0002_encryption_at_rest"),
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

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    migrated = Case.objects.get()
    assert migrated.latest_revision().document == DOCUMENT  # type: ignore[union-attr]
    stored = migrated.files.get()
    assert stored.original_name == "Attest Ngozi.pdf"
    assert stored.case_path == "files/Attest Ngozi.pdf"
    assert StoredFile.objects.at_path(migrated, "files/Attest Ngozi.pdf").get() == stored
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
