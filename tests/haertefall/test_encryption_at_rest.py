"""Encryption at rest (issue 7): what a copy of the upload folder or the database reveals.

Every test here looks at the bytes an attacker with a copy would see — the files under
UPLOAD_ROOT and every column of every table — not at what the application shows.
"""

import base64
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases import crypto
from haertefall.cases.models import Case, CaseRevision, StoredFile
from haertefall.cases.services import do_create_case
from haertefall.cases.storage import upload_storage
from haertefall.packages.models import BuiltPackage, EmailPart
from haertefall.review.models import Comment
from tests.packages.helpers import build, create, load_corpus, noise_jpeg, store, with_scans

pytestmark = pytest.mark.django_db

# Long enough that random ciphertext never contains one by chance.
MARKERS = (
    "Precious",  # given names
    "Haertefallantrag_Eze",  # the package's download name
    "Menschenhandel",  # a health condition
    "Kleiderkammer",  # the life story
    "Arztbrief-Psychiatrie",  # an uploaded file's own name
    "attest-2026-08-01",  # a name inside an imported case file (StoredFile.case_path)
    "Therapiebericht-Kommentar",  # a counsellor's comment
)

OTHER_KEY = "other:" + base64.urlsafe_b64encode(b"k" * 32).decode()


@pytest.fixture
def full_case(owner: User) -> Case:
    """A § 23a case with health details, files, a comment and a package split into e-mails."""
    scans = {f"files/scan-{seed}.jpg": noise_jpeg(seed, side=900) for seed in (1, 2, 3)}
    loaded = with_scans(load_corpus("n01-eze-koeln-ready"), scans)
    case = create(owner, loaded)
    built = store(case, build(loaded, split_mb=1), split_mb=1)
    assert built.email_parts.count() > 1
    # The name a phone gives an upload is the person's own (the wizard's uploads are stored as
    # files/<uuid>.<ext>; only the display name keeps what the person called it).
    upload = StoredFile.objects.at_path(case, "files/attest-2026-08-01.pdf").get()
    upload.original_name = "Arztbrief-Psychiatrie-Eze.pdf"
    upload.save()
    Comment.objects.create(
        case=case,
        step="gesundheit",
        text="Bitte den Therapiebericht-Kommentar ergänzen.",
        revision=1,
    )
    return case


def files_on_disk(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def every_stored_value() -> Iterator[tuple[str, bytes]]:
    """(table, value) for every non-empty value in every table of the database."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        yield table, bytes(value)
                    elif value is not None:
                        yield table, str(value).encode()


def test_no_file_in_the_upload_folder_shows_any_of_its_content(
    full_case: Case, upload_root: Path
) -> None:
    on_disk = files_on_disk(upload_root)
    plaintexts = [stored.file.open("rb").read() for stored in full_case.files.all()]
    plaintexts += [full_case.packages.get().file.open("rb").read()]

    assert len(on_disk) == full_case.files.count() + 1 + EmailPart.objects.count()
    for path in on_disk:
        data = path.read_bytes()
        assert data.startswith(crypto.SEALED_MAGIC)
        assert b"%PDF" not in data and b"JFIF" not in data
        for marker in MARKERS:
            assert marker.encode() not in data
        for plaintext in plaintexts:
            assert plaintext[64:128] not in data


def test_no_column_of_any_table_shows_the_answers_comments_or_file_names(
    full_case: Case,
) -> None:
    # The application itself still reads everything back.
    document = full_case.latest_revision().document  # type: ignore[union-attr]
    assert document["persons"][0]["given_names"] == "Precious"
    assert "Haertefallantrag_Eze" in full_case.packages.get().download_name
    assert Comment.objects.get().text.startswith("Bitte den Therapiebericht")
    assert any(
        stored.original_name.startswith("Arztbrief-Psychiatrie") for stored in full_case.files.all()
    )

    leaks = [
        (table, marker)
        for table, value in every_stored_value()
        for marker in MARKERS
        if marker.encode() in value or marker.encode("utf-16-le") in value
    ]

    assert leaks == []


def test_with_another_master_key_nothing_opens(full_case: Case, settings: Settings) -> None:
    settings.DATA_ENCRYPTION_KEYS = OTHER_KEY
    revision = CaseRevision.objects.get(case=full_case)
    stored = StoredFile.objects.filter(case=full_case).first()
    assert stored is not None

    with pytest.raises(crypto.SealBroken, match="not configured"):
        _ = revision.document
    with pytest.raises(crypto.SealBroken):
        upload_storage.open(str(stored.file.name)).read()


def test_a_changed_byte_on_disk_is_detected_not_served(full_case: Case) -> None:
    stored = full_case.files.first()
    assert stored is not None
    path = Path(stored.file.path)
    data = bytearray(path.read_bytes())
    data[40] ^= 0x01
    path.write_bytes(bytes(data))

    with pytest.raises(crypto.SealBroken):
        upload_storage.open(str(stored.file.name))


def test_a_file_of_one_case_does_not_open_as_a_file_of_another(
    full_case: Case, owner: User
) -> None:
    other = do_create_case(
        owner, load_corpus("n01-eze-koeln-ready").document, {"files/x.pdf": b"%PDF-1.4\n"}, "import"
    )
    theirs = other.files.get()
    ours = full_case.files.first()
    assert ours is not None
    shutil.copyfile(ours.file.path, theirs.file.path)

    with pytest.raises(crypto.SealBroken):
        upload_storage.open(str(theirs.file.name))


def test_a_sealed_value_moved_into_another_field_does_not_open(full_case: Case) -> None:
    package = BuiltPackage.objects.get()
    BuiltPackage.objects.filter(pk=package.pk).update(
        # Raw column copy, as someone with write access to the database could do.
        notices=BuiltPackage.objects.filter(pk=package.pk).values("download_name")[:1]
    )

    with pytest.raises(crypto.SealBroken):
        _ = BuiltPackage.objects.get().notices


def test_deleting_a_case_makes_kept_copies_of_its_files_unreadable(
    full_case: Case, tmp_path: Path
) -> None:
    stored = full_case.files.first()
    assert stored is not None
    backup = tmp_path / "backup-copy"
    shutil.copyfile(stored.file.path, backup)
    wrapped = bytes(full_case.data_key)
    Case.objects.filter(pk=full_case.pk).update(data_key=crypto.new_case_key())

    # With the case's row (and so its key) gone, the copy is noise; only the old wrapped key
    # — which lived in that row — would open it.
    with pytest.raises(crypto.SealBroken):
        crypto.unseal(bytes(Case.objects.get().data_key), backup.read_bytes(), "file")
    assert crypto.unseal(wrapped, backup.read_bytes(), "file").startswith(b"%PDF")


def test_rotating_the_master_key_rewraps_every_case_key_and_keeps_everything_readable(
    full_case: Case, settings: Settings
) -> None:
    old = settings.DATA_ENCRYPTION_KEYS
    before = full_case.latest_revision().document  # type: ignore[union-attr]
    updated = Case.objects.get().updated
    new = crypto.new_master_key_entry("2027-01")
    settings.DATA_ENCRYPTION_KEYS = f"{new},{old}"

    with pytest.raises(CommandError, match="not wrapped with the current key"):
        call_command("rotate_data_keys", "--check", stdout=StringIO())
    out = StringIO()
    call_command("rotate_data_keys", stdout=out)
    again = StringIO()
    call_command("rotate_data_keys", stdout=again)

    assert "re-wrapped 1 case key(s) with '2027-01'" in out.getvalue()
    assert "re-wrapped 0 case key(s)" in again.getvalue()
    # Rotation is no activity of the person: it must not postpone the deletion of a draft.
    assert Case.objects.get().updated == updated
    # The old master key can go now.
    settings.DATA_ENCRYPTION_KEYS = new
    call_command("rotate_data_keys", "--check", stdout=StringIO())
    case = Case.objects.get()
    assert crypto.wrapping_key_id(bytes(case.data_key)) == "2027-01"
    assert case.latest_revision().document == before  # type: ignore[union-attr]
    for stored in case.files.all():
        assert stored.file.open("rb").read()[:4] in (b"%PDF", b"\xff\xd8\xff\xe0", b"\x89PNG")
    assert EmailPart.objects.first().body  # type: ignore[union-attr]


def test_rotation_without_the_old_master_key_stops_and_says_what_to_do(
    full_case: Case, settings: Settings
) -> None:
    settings.DATA_ENCRYPTION_KEYS = OTHER_KEY

    with pytest.raises(CommandError, match="Add the master key it names"):
        call_command("rotate_data_keys", stdout=StringIO())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "holds no key"),
        ("nokey", "must look like 'id:key'"),
        ("a:short", "not 32 bytes"),
        ("a:" + "!" * 44, "not 32 bytes"),
        ("ü:" + base64.urlsafe_b64encode(b"k" * 32).decode(), "must look like 'id:key'"),
        ("a:{k},a:{k}", "used twice"),
    ],
)
def test_malformed_master_keys_are_refused_with_a_sentence(value: str, message: str) -> None:
    key = base64.urlsafe_b64encode(b"k" * 32).decode()
    with pytest.raises(ImproperlyConfigured, match=message):
        crypto.parse_master_keys(value.format(k=key))


def test_the_first_master_key_is_current_and_all_of_them_open(settings: Settings) -> None:
    first, second = crypto.new_master_key_entry("b"), crypto.new_master_key_entry("a")
    keys = crypto.parse_master_keys(f"{first}, {second}")
    wrapped_by_second = crypto.wrap_case_key(b"d" * 32, crypto.parse_master_keys(second))

    assert keys.current_id == "b"
    assert crypto.unwrap_case_key(wrapped_by_second, keys) == b"d" * 32
    assert crypto.wrapping_key_id(crypto.wrap_case_key(b"d" * 32, keys)) == "b"


def test_the_development_key_file_is_created_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "development"

    first = crypto.development_master_keys(path)
    second = crypto.development_master_keys(path)

    assert first == second
    assert path.stat().st_mode & 0o777 == 0o600
    assert crypto.parse_master_keys(first).current_id == "dev"


def test_the_admin_site_shows_no_answers_or_file_names(full_case: Case, client: Client) -> None:
    admin = User.objects.create_superuser("admin@example.org", "an admin password 123")
    client.force_login(admin)
    revision = CaseRevision.objects.get(case=full_case)

    pages = [
        client.get(reverse("admin:cases_case_change", args=[full_case.pk])),
        client.get(reverse("admin:cases_caserevision_change", args=[revision.pk])),
        client.get(reverse("admin:cases_caserevision_changelist")),
    ]

    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        for marker in MARKERS:
            assert marker not in html


def test_dumpdata_carries_the_sealed_values_and_loaddata_reads_them_back(
    full_case: Case, tmp_path: Path
) -> None:
    revision = CaseRevision.objects.get(case=full_case)
    before = revision.document
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "cases", "review", "packages", output=str(dump), verbosity=0)
    text = dump.read_text()
    for marker in MARKERS:
        assert marker not in text

    CaseRevision.objects.filter(pk=revision.pk).delete()
    call_command("loaddata", str(dump), verbosity=0)

    assert CaseRevision.objects.get(pk=revision.pk).document == before
    assert Comment.objects.get().text.startswith("Bitte den Therapiebericht")
