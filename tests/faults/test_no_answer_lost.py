"""No answer lost (issue 7): one test per fault, each proving that what was saved survives.

Every test starts from a case with saved answers and two stored files (a PDF and a JPEG),
causes one fault, and then reads everything back: the case content from the database, and
each file's bytes through the real download view, compared by SHA-256 (`assert_nothing_lost`).

Fault → expected result
1. Browser back after saving (the older page's form is posted again) → 409 "This page was
   changed in the meantime"; the newer saved answer stays; the typed input is in the form and
   what is saved now is shown beside it.
2. Session expiry between GET and POST of a step → redirect to the log-in page with
   ?next=<the step>; after log-in the person is back on the step; nothing saved before is
   lost and nothing of the interrupted POST is half-saved. The input typed into that one POST
   is NOT kept: the log-in redirect drops POST data (the log-in page says so). The documents
   step behaves the same: log-in page, back to the upload page; the chosen file is not stored
   at all and has to be chosen again.
3. Two tabs editing the same case → the second save is refused with 409; the second tab's
   input is kept in the form, what the first tab saved stays saved and is shown; saving again
   from the conflict page then puts the second input on top, on purpose.
4. Double submit (the same POST twice) → one revision, not two; no duplicate persons,
   residence periods or documents, and no second stored copy of an uploaded file.
5. Server restart between steps (fresh client, database connections closed, module-level
   caches cleared) → "continue" leads to the step after the last saved one, and the next save
   builds on the saved state.
6. An upload that fails half-way: (a) the multipart body ends early → the cut-off file is not
   stored (no row, no bytes, no spooled temporary file), the page asks for the file again;
   (b) the storage write fails with "disk full" after half the bytes → the upload page names
   the file and asks to try again (no 500), no StoredFile row, no half file under UPLOAD_ROOT.
   Earlier answers and files are intact in both.
7. A validation error beside an upload → the other input is kept and the page says the file
   is uploaded and kept (it travels with the form as a pending file), so the corrected retry
   saves it without choosing it again.
8. The package build fails on a damaged stored attachment → the error names the document by
   its title (never a path), no package row or package file is left, the case content and
   every file are as they were.
"""

from __future__ import annotations

import copy
import errno
import functools
import hashlib
import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.db import connections
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from pytest_django import Settings

from haertefall.accounts.models import User
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.services import do_create_case
from haertefall.cases.storage import upload_storage
from haertefall.packages.models import BuiltPackage
from tests.evidence import samples
from tests.evidence.helpers import (
    details,
    edit_url,
    files_on_disk,
    remove_url,
    upload_file,
    upload_url,
)
from tests.packages.helpers import TODAY, load_corpus, overview_url
from tests.wizard.helpers import form_data, step_url, submit, with_changes

pytestmark = pytest.mark.django_db

LIFE_STORY = "Ich bin in Herat aufgewachsen.\nSeit 2015 lebe ich in Hannover – mit Omid und Karim."
OTHER_LIFE_STORY = "Ich kam 2015 über die Balkanroute.\nمن در هرات بزرگ شدم."


# --------------------------------------------------------------------------------------------
# Reading back what is saved


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def downloaded(client: Client, case: Case, stored: StoredFile) -> bytes:
    """The bytes the owner gets through the real download view."""
    response = client.get(reverse("evidence:download", args=[case.pk, stored.pk]))
    assert response.status_code == 200, response.status_code
    assert isinstance(response, StreamingHttpResponse)
    # Read, but not closed: closing sends request_finished, which on PostgreSQL closes the
    # test's database connection in the middle of its transaction.
    return b"".join(response.streaming_content)


@dataclass(frozen=True)
class Saved:
    document: dict[str, Any]
    revisions: int
    # case_path → SHA-256 of the bytes as the storage gives them back.
    files: dict[str, str]


def saved(case: Case, *, damaged: str | None = None) -> Saved:
    """The case's content and files as stored now; `damaged` names a file a test broke on
    purpose, left out of the comparison (its row must still be there)."""
    case.refresh_from_db()
    document = case.document
    assert document is not None
    files: dict[str, str] = {}
    for stored in StoredFile.objects.filter(case=case):
        if stored.case_path == damaged:
            continue
        with stored.file.open("rb") as handle:
            digest = sha256(handle.read())
        assert digest == stored.sha256
        files[stored.case_path] = digest
    assert damaged is None or StoredFile.objects.at_path(case, damaged).exists()
    return Saved(copy.deepcopy(document), case.revisions.count(), files)


def assert_nothing_lost(
    client: Client, case: Case, before: Saved, *, content: dict[str, Any] | None = None
) -> None:
    """Everything saved before the fault is still saved.

    The content is `before`'s (and no revision was added), unless the test names the `content`
    a deliberate save produced since; every file of `before` comes back through the download
    view with its SHA-256; and no StoredFile row points at bytes that are not there.
    """
    case.refresh_from_db()
    if content is None:
        assert case.document == before.document
        assert case.revisions.count() == before.revisions
    else:
        assert case.document == content
    for case_path, digest in before.files.items():
        stored = StoredFile.objects.at_path(case, case_path).get()
        assert stored.sha256 == digest
        assert sha256(downloaded(client, case, stored)) == digest
    for stored in StoredFile.objects.filter(case=case):
        assert stored.file.name and upload_storage.exists(stored.file.name), stored.case_path


def saved_now(html: str) -> str:
    """The part of a 409 step page that shows what is saved now."""
    match = re.search(r'<details class="conflict__saved".*?</details>', html, re.S)
    assert match, "the conflict page shows no saved answers"
    return match.group(0)


def expire_session(client: Client) -> None:
    """What a session timeout does on the server: the session is gone, the cookie stays."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value).delete()


def applicant(case: Case) -> dict[str, Any]:
    case.refresh_from_db()
    document = case.document
    assert document is not None
    person: dict[str, Any] = document["persons"][0]
    return person


# --------------------------------------------------------------------------------------------
# 1. Browser back after saving


def test_browser_back_after_saving_is_detected_and_overwrites_nothing(
    owner_client: Client, case: Case
) -> None:
    url = step_url(case, "personen")
    older_page = form_data(owner_client.get(url).content.decode())
    assert submit(owner_client, url, {"persons-0-given_names": "Amina Sara"}).status_code == 302
    before = saved(case)

    # "Back" shows the page as it was before that save; the person changes the city there.
    response = owner_client.post(
        url, with_changes(older_page, {"address-city": "Hannover-Linden", "action": "save"})
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "This page was changed in the meantime" in html
    assert form_data(html)["address-city"] == ["Hannover-Linden"]
    assert "Amina Sara" in saved_now(html)
    assert_nothing_lost(owner_client, case, before)
    assert applicant(case)["given_names"] == "Amina Sara"


# --------------------------------------------------------------------------------------------
# 2. Session expiry mid-step


def test_session_expiry_mid_step_leads_through_log_in_back_to_the_step(
    client_for: Callable[[User | None], Client], owner: User, password: str, case: Case
) -> None:
    client = client_for(owner)
    url = step_url(case, "geschichte")
    first = submit(client, url, {"life_story-language": "de", "life_story-text": LIFE_STORY})
    assert first.status_code == 302
    page = form_data(client.get(url).content.decode())
    before = saved(case)

    expire_session(client)
    response = client.post(
        url,
        with_changes(
            page,
            {
                "current_situation-language": "de",
                "current_situation-text": "Wir wohnen in Linden.",
                "action": "save",
            },
        ),
    )

    assert response.status_code == 302
    login = urlsplit(response["Location"])
    assert login.path == reverse("accounts:login")
    assert parse_qs(login.query)["next"] == [url]
    login_page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert login_page.status_code == 200
    # The one thing that is lost is said, not left to be discovered.
    assert "what you entered on that page was not saved" in login_page.content.decode()
    logged_in = client.post(
        response["Location"], {"email": owner.email, "password": password, "next": url}
    )
    assert logged_in.status_code == 302
    assert logged_in["Location"] == url
    back = form_data(client.get(url).content.decode())
    assert back["life_story-text"] == [LIFE_STORY]
    # What was typed into the one POST that met the expired session is not kept anywhere.
    assert back["current_situation-text"] == [""]
    assert_nothing_lost(client, case, before)


def test_session_expiry_on_the_documents_step_stores_nothing_half(
    client_for: Callable[[User | None], Client], owner: User, case: Case, upload_root: Path
) -> None:
    client = client_for(owner)
    assert client.get(upload_url(case)).status_code == 200
    before = saved(case)
    on_disk = files_on_disk(upload_root)

    expire_session(client)
    response = client.post(
        upload_url(case),
        {**details(case), "files": [upload_file("neu.pdf", samples.pdf())]},
        # As a browser sends it: the page the form was on.
        HTTP_REFERER=f"http://testserver{upload_url(case)}",
    )

    # The log-in page, leading back to the upload page; the file chosen for this one post has
    # to be chosen again, and nothing of it stays behind.
    assert response.status_code == 302
    assert response["Location"] == f"/konto/anmelden/?next={upload_url(case)}"
    assert files_on_disk(upload_root) == on_disk
    client.force_login(owner)
    assert client.get(upload_url(case)).status_code == 200
    assert_nothing_lost(client, case, before)


# --------------------------------------------------------------------------------------------
# 3. Two tabs editing the same case


def test_two_tabs_the_second_save_is_a_conflict_not_an_overwrite(
    owner_client: Client, case: Case
) -> None:
    url = step_url(case, "geschichte")
    first_tab = form_data(owner_client.get(url).content.decode())
    second_tab = form_data(owner_client.get(url).content.decode())
    typed = {"life_story-language": "de", "action": "save"}
    saved_first = owner_client.post(
        url, with_changes(first_tab, {**typed, "life_story-text": LIFE_STORY})
    )
    assert saved_first.status_code == 302
    before = saved(case)

    conflict = owner_client.post(
        url, with_changes(second_tab, {**typed, "life_story-text": OTHER_LIFE_STORY})
    )

    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert form_data(html)["life_story-text"] == [OTHER_LIFE_STORY]
    assert "Ich bin in Herat aufgewachsen." in saved_now(html)
    assert_nothing_lost(owner_client, case, before)

    # Having seen both, the person saves again: now the second input replaces the first.
    again = owner_client.post(url, with_changes(form_data(html), {"action": "save"}))

    assert again.status_code == 302
    expected = copy.deepcopy(before.document)
    expected["narrative"]["life_story"]["text"] = OTHER_LIFE_STORY
    assert_nothing_lost(owner_client, case, before, content=expected)


def test_two_tabs_changing_one_document_the_second_save_is_a_conflict(
    owner_client: Client, case: Case
) -> None:
    url = edit_url(case, "d1")
    first_tab = form_data(owner_client.get(url).content.decode())
    second_tab = form_data(owner_client.get(url).content.decode())
    first = owner_client.post(url, with_changes(first_tab, {"title": "Lohn Oktober"}))
    assert first.status_code == 302
    before = saved(case)
    assert before.document["documents"][0]["title"] == "Lohn Oktober"

    conflict = owner_client.post(url, with_changes(second_tab, {"title": "Lohnzettel Okt."}))

    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "changed in another window" in html
    assert form_data(html)["title"] == ["Lohnzettel Okt."]
    # What the first tab saved is shown beside it, to compare before saving again.
    saved_now = html.split('id="conflict"', 1)[1].split("</details>", 1)[0]
    assert "What is saved now" in saved_now and "Lohn Oktober" in saved_now
    assert_nothing_lost(owner_client, case, before)


def test_two_tabs_one_removing_the_document_the_other_is_told(
    owner_client: Client, case: Case
) -> None:
    url = edit_url(case, "d1")
    edit_tab = form_data(owner_client.get(url).content.decode())
    removed = owner_client.post(
        remove_url(case, "d1"), {"version": str(Case.objects.get(pk=case.pk).version)}
    )
    assert removed.status_code == 302
    before = saved(case)

    late = owner_client.post(url, with_changes(edit_tab, {"title": "Lohnzettel Okt."}))

    assert late.status_code == 302
    shown = owner_client.get(late["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This document was removed in the meantime" in shown
    assert_nothing_lost(owner_client, case, before)


# --------------------------------------------------------------------------------------------
# 4. Double submit


@pytest.mark.parametrize(
    ("step", "add", "changes", "rows"),
    [
        pytest.param(
            "personen",
            "persons",
            {"persons-3-role": "child", "persons-3-given_names": "Lina"},
            lambda document: document["persons"],
            id="persons",
        ),
        pytest.param(
            "lebenslauf-1",
            "residence_history",
            {
                "residence_history-1-status": "abroad",
                "residence_history-1-start_month": "6",
                "residence_history-1-start_year": "2015",
                "residence_history-1-end_month": "9",
                "residence_history-1-end_year": "2015",
            },
            lambda document: document["persons"][0]["residence_history"],
            id="residence periods",
        ),
    ],
)
def test_double_submit_of_a_step_saves_one_revision_without_duplicate_rows(
    owner_client: Client,
    case: Case,
    step: str,
    add: str,
    changes: dict[str, str],
    rows: Callable[[dict[str, Any]], list[Any]],
) -> None:
    url = step_url(case, step)
    page = form_data(owner_client.get(f"{url}?add={add}").content.decode())
    data = with_changes(page, {**changes, "action": "save"})
    before = saved(case)

    first = owner_client.post(url, data)
    second = owner_client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    after = saved(case)
    assert after.revisions == before.revisions + 1
    assert len(rows(after.document)) == len(rows(before.document)) + 1
    assert_nothing_lost(owner_client, case, before, content=after.document)


def test_double_submit_of_an_upload_adds_one_document_and_one_stored_file(
    owner_client: Client, case: Case, upload_root: Path
) -> None:
    before = saved(case)
    september = samples.pdf(text="Lohnabrechnung September")
    fields = details(case, title="Lohnabrechnung September 2026", issued_month="9")

    first = owner_client.post(
        upload_url(case), {**fields, "files": [upload_file("l.pdf", september)]}
    )
    second = owner_client.post(
        upload_url(case), {**fields, "files": [upload_file("l.pdf", september)]}
    )

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    after = saved(case)
    assert after.revisions == before.revisions + 1
    assert len(after.document["documents"]) == len(before.document["documents"]) + 1
    assert sorted(after.files.values()) == sorted([*before.files.values(), sha256(september)])
    assert len(files_on_disk(upload_root)) == len(after.files)
    assert_nothing_lost(owner_client, case, before, content=after.document)


# --------------------------------------------------------------------------------------------
# 5. Server restart between steps


def restart_server() -> list[str]:
    """What a new server process starts without: open connections and anything memoised.
    Returns the names of the module-level caches it emptied."""
    connections.close_all()
    cleared: list[str] = []
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("haertefall", "eligibility", "documents"):
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()
                cleared.append(f"{name}.{attribute}")
    # The storage remembers its root (a cached_property); a new process reads the setting.
    for attribute in ("base_location", "location"):
        upload_storage.__dict__.pop(attribute, None)
    return cleared


@pytest.mark.django_db(transaction=True)
def test_server_restart_between_steps_continues_from_the_saved_state(
    client_for: Callable[[User | None], Client], owner: User, case: Case
) -> None:
    before_restart = client_for(owner)
    saved_step = submit(
        before_restart, step_url(case, "personen"), {"persons-0-given_names": "Amina Sara"}
    )
    assert saved_step.status_code == 302
    before = saved(case)

    assert "haertefall.wizard.choices._sorted_countries" in restart_server()
    # The same browser (its session cookie) talks to the new process.
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    browser.cookies = before_restart.cookies

    resumed = browser.get(reverse("wizard:resume", args=[case.pk]))
    assert resumed.status_code == 302
    assert resumed["Location"] == saved_step["Location"] == step_url(case, "lebenslauf-1")
    following = submit(browser, resumed["Location"], {"residence_history-0-basis": "60b"})

    assert following.status_code == 302
    assert following["Location"] == step_url(case, "lebenslauf-2")
    expected = copy.deepcopy(before.document)
    expected["persons"][0]["residence_history"][0]["basis"] = "60b"
    assert_nothing_lost(browser, case, before, content=expected)
    assert case.revisions.count() == before.revisions + 1


# --------------------------------------------------------------------------------------------
# 6. An upload that fails half-way


def test_an_upload_whose_body_ends_early_stores_nothing_and_asks_for_the_file_again(
    owner_client: Client, case: Case, upload_root: Path, settings: Settings, tmp_path: Path
) -> None:
    # Spool every upload to a folder of this test, so a left-over temporary file shows.
    spool = tmp_path / "spool"
    spool.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    before = saved(case)
    on_disk = files_on_disk(upload_root)
    body = encode_multipart(
        BOUNDARY,
        {
            **details(case, title="Lohn September"),
            "files": [upload_file("lang.pdf", samples.pdf(pages=5))],
        },
    )
    cut = body[: len(body) * 3 // 4]
    assert b'name="files"' in cut  # the file had started to arrive

    # The connection drops: the server was told the full length, the stream ends early.
    dropped: dict[str, Any] = {"CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(cut)}
    response = owner_client.generic(
        "POST", upload_url(case), cut, content_type=MULTIPART_CONTENT, **dropped
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "Please choose at least one file." in html
    assert 'value="Lohn September"' in html
    assert files_on_disk(upload_root) == on_disk
    assert list(spool.iterdir()) == []
    assert_nothing_lost(owner_client, case, before)


@pytest.fixture
def disk_full_half_way(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every write to a file system storage fails like a full disk: the first half of the bytes
    (sealed, if the upload storage seals) lands under the final name, then OSError.

    Patched where the bytes meet the disk, below whatever the upload storage does first.
    Returns the names whose write failed."""
    failed: list[str] = []
    real_save: Callable[..., str] = FileSystemStorage._save  # type: ignore[attr-defined]

    def write_half_then_fail(self: FileSystemStorage, name: str, content: File[Any]) -> str:
        content.seek(0)
        data = content.read()
        real_save(self, name, ContentFile(data[: len(data) // 2]))
        failed.append(name)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", write_half_then_fail)
    return failed


def post_upload_during_disk_full(
    client: Client, case: Case, monkeypatch: pytest.MonkeyPatch, failed: list[str]
) -> Any:
    response = client.post(
        upload_url(case),
        {**details(case), "files": [upload_file("lohn-sept.pdf", samples.pdf(pages=3))]},
    )
    assert failed, "the storage was never asked to write"
    monkeypatch.undo()
    return response


def test_a_storage_write_failing_half_way_is_an_error_message_not_a_server_error(
    owner_client: Client,
    case: Case,
    monkeypatch: pytest.MonkeyPatch,
    disk_full_half_way: list[str],
) -> None:
    before = saved(case)

    response = post_upload_during_disk_full(owner_client, case, monkeypatch, disk_full_half_way)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "“lohn-sept.pdf” could not be stored because of a problem on our side." in html
    assert form_data(html)["title"] == ["Lohnabrechnung August 2026"]
    assert StoredFile.objects.filter(case=case).count() == len(before.files)
    assert_nothing_lost(owner_client, case, before)


def test_a_storage_write_failing_half_way_leaves_no_half_file_on_disk(
    owner_client: Client,
    case: Case,
    upload_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    disk_full_half_way: list[str],
) -> None:
    on_disk = files_on_disk(upload_root)

    post_upload_during_disk_full(owner_client, case, monkeypatch, disk_full_half_way)

    assert files_on_disk(upload_root) == on_disk


# --------------------------------------------------------------------------------------------
# 7. A validation error on a page with an upload


def test_a_validation_error_beside_an_upload_keeps_the_input_and_says_the_file_is_kept(
    owner_client: Client, case: Case
) -> None:
    before = saved(case)
    scan = samples.pdf(text="Arbeitsvertrag")
    fields = details(case, category="employment_contract", title="Arbeitsvertrag Bäckerei")

    response = owner_client.post(
        upload_url(case),
        {**fields, "issued_day": "31", "issued_month": "2", "files": [upload_file("av.pdf", scan)]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "This date does not exist" in html
    kept = form_data(html)
    assert kept["title"] == ["Arbeitsvertrag Bäckerei"]
    assert kept["category"] == ["employment_contract"]
    assert "This file is uploaded and kept. Press “Save” to add it." in html
    assert "av.pdf" in html
    assert_nothing_lost(owner_client, case, before)
    # The kept file is the one chosen, byte for byte, before anything is saved.
    (pending,) = StoredFile.objects.filter(case=case, pk__in=kept["pending"])
    assert sha256(downloaded(owner_client, case, pending)) == sha256(scan)

    retry = owner_client.post(upload_url(case), with_changes(kept, {"issued_day": "28"}))

    assert retry.status_code == 302
    after = saved(case)
    added = after.document["documents"][-1]
    assert (added["title"], added["issued"]) == ("Arbeitsvertrag Bäckerei", "2026-02-28")
    assert after.files[added["file"]] == sha256(scan)
    assert_nothing_lost(owner_client, case, before, content=after.document)


# --------------------------------------------------------------------------------------------
# 8. The package build failing on one bad attachment


def test_a_package_build_failing_on_a_damaged_attachment_names_it_and_keeps_everything(
    client_for: Callable[[User | None], Client],
    owner: User,
    upload_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)
    eze = load_corpus("n01-eze-koeln-ready")
    case = do_create_case(owner, copy.deepcopy(eze.document), dict(eze.files), "import")
    client = client_for(owner)
    stored = StoredFile.objects.at_path(case, "files/arbeitsvertrag.pdf").get()
    title = next(d["title"] for d in eze.document["documents"] if d["file"] == stored.case_path)
    # The disk damaged the file: rewritten through the storage, so any encryption still wraps it.
    name = stored.file.name
    assert name
    upload_storage.delete(name)
    assert upload_storage.save(name, ContentFile(b"%PDF-1.4 nur noch Rauschen")) == name
    before = saved(case, damaged=stored.case_path)
    on_disk = files_on_disk(upload_root)

    response = client.post(overview_url(case), {"kind": "draft"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert f"The document “{title}” cannot go into the package" in html
    assert "its stored file is damaged" in html
    for path in (stored.case_path, name, str(upload_root)):
        assert path not in html
    assert not BuiltPackage.objects.filter(case=case).exists()
    assert files_on_disk(upload_root) == on_disk
    assert_nothing_lost(client, case, before)
