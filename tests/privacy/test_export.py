import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.test import Client
from django.urls import reverse

from haertefall.accounts.models import User
from haertefall.cases.casefiles import load_case
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case
from haertefall.review.models import Organisation
from haertefall.review.services import do_add_comment
from tests.haertefall.builders import minimal_case
from tests.privacy.helpers import UNNAMED_UPLOAD, case_with_files
from tests.review.helpers import make_case, share

ClientFor = Callable[[User | None], Client]


def download(client: Client) -> zipfile.ZipFile:
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return zipfile.ZipFile(io.BytesIO(data))


def extract_case(archive: zipfile.ZipFile, case: Case, into: Path) -> Path:
    prefix = f"cases/{case.pk}/"
    for name in archive.namelist():
        if name.startswith(prefix):
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    return into / "cases" / str(case.pk)


def test_export_contains_every_case_and_round_trips(
    owner: User, client_for: ClientFor, tmp_path: Path
) -> None:
    first = case_with_files(owner)
    second = do_create_case(owner, minimal_case(), {}, "import")
    archive = download(client_for(owner))

    account = json.loads(archive.read("account.json"))
    assert account["email"] == owner.email
    assert {entry["id"] for entry in account["cases"]} == {str(first.pk), str(second.pk)}
    assert [entry["problem"] for entry in account["cases"]] == [None, None]
    for case in (first, second):
        loaded = load_case(extract_case(archive, case, tmp_path / "out"))
        assert loaded.document == case.document
        stored = {stored.case_path: stored for stored in case.files.all()}
        for value, data in loaded.files.items():
            with stored[value].file.open("rb") as handle:
                assert handle.read() == data
        named = {entry.get("file") for entry in loaded.document.get("documents") or []}
        assert set(loaded.files) == named - {None}
    # The upload no document names yet is in the copy too, outside the case folder.
    assert archive.read(f"other-files/{first.pk}/{UNNAMED_UPLOAD}").startswith(b"%PDF-")
    assert len(first.files.all()) == 4


def test_case_with_a_missing_attachment_still_gives_answers_and_files(
    owner: User, client_for: ClientFor
) -> None:
    # Its documents name files that were never stored: the case cannot be exported whole.
    case = make_case(owner)
    archive = download(client_for(owner))
    (entry,) = json.loads(archive.read("account.json"))["cases"]
    assert "files/tazkira.png" in entry["problem"]
    assert json.loads(archive.read(f"cases/{case.pk}/case.json")) == case.document
    stored_paths = {stored.case_path for stored in case.files.all()}
    assert {f"other-files/{case.pk}/{path}" for path in stored_paths} <= set(archive.namelist())


def test_export_holds_audit_events_and_comments_of_my_cases(
    owner: User, counsellor: User, centre: Organisation, client_for: ClientFor
) -> None:
    case = case_with_files(owner)
    share(case, owner, centre)
    do_add_comment(
        case,
        counsellor,
        step="antrag",
        person_id="",
        field="",
        text="Bitte Mietvertrag nachreichen.",
        organisation=centre,
    )
    archive = download(client_for(owner))
    review = json.loads(archive.read(f"review/{case.pk}.json"))
    assert [comment["text"] for comment in review["comments"]] == ["Bitte Mietvertrag nachreichen."]
    actions = [event["action"] for event in review["audit_events"]]
    assert "shared" in actions and "commented" in actions
    # Counsellors appear by role, their own address is not in the person's copy.
    assert counsellor.email not in archive.read(f"review/{case.pk}.json").decode()


def test_another_user_gets_only_their_own_export(
    owner: User, other_applicant: User, client_for: ClientFor
) -> None:
    case = make_case(owner)
    archive = download(client_for(other_applicant))
    assert json.loads(archive.read("account.json"))["cases"] == []
    assert not any(str(case.pk) in name for name in archive.namelist())
    assert owner.email.encode() not in archive.read("account.json")


def test_anonymous_visitor_is_sent_to_login(client_for: ClientFor, db: None) -> None:
    for name in ("privacy:overview", "privacy:export", "privacy:delete_account"):
        response = client_for(None).get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_overview_page_links_to_download_and_deletion(owner: User, client_for: ClientFor) -> None:
    response = client_for(owner).get(reverse("privacy:overview"))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("privacy:export") in page
    assert reverse("privacy:delete_account") in page
    # The account navigation leads here from every page.
    home = client_for(owner).get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy:overview")}"' in home
