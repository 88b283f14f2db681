"""Every URL of the app that takes a case id, for the five people who may knock on it.

The rule (haertefall.cases.access):

- the owner and a counsellor of the organisation the case is shared with are participants:
  what their role allows answers 200 (a page) or 302 (a form that did its work); what it
  does not allow answers 403;
- a counsellor of another organisation and another applicant are strangers: 404, always;
- a visitor who is not logged in is sent to the login page by the wizard's and the review's
  pages (302), and gets 404 from the documents and package pages, which answer like
  `case_for` without asking anybody to log in.

The expected status is derived from the action each view asks `case_for` for, so this table
is also the permission matrix of the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from documents.package import Package, PackageOptions, build_package
from eligibility.engine import assess
from haertefall.accounts.models import User
from haertefall.cases.access import COUNSELLOR_ACTIONS, OWNER_ACTIONS, Action
from haertefall.cases.casefiles import load_case
from haertefall.cases.models import Case, StoredFile
from haertefall.cases.storage import sha256_hex
from haertefall.evidence.services import entry_key
from haertefall.packages.models import BuiltPackage, EmailPart
from haertefall.packages.services import store_package
from haertefall.review.models import CaseShare, Comment, Organisation
from haertefall.review.services import do_add_comment
from haertefall.wizard import steps
from tests.review.helpers import active_share
from tests.wizard.helpers import form_data

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
OTHER_APPLICANT = "other applicant"
OTHER_COUNSELLOR = "counsellor of another organisation"
COUNSELLOR = "counsellor of the sharing organisation"
OWNER = "owner"
# Strangers first, the owner last: the owner's allowed POSTs (withdraw consent, remove a
# document) would change what the others may do.
ROLES = (ANONYMOUS, OTHER_APPLICANT, OTHER_COUNSELLOR, COUNSELLOR, OWNER)

CASES = Path(__file__).resolve().parents[1] / "cases"
TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def package() -> Package:
    """A draft package, stored for the case of each test."""
    loaded = load_case(CASES / "n01-eze-koeln-ready.json")
    options = PackageOptions(draft=True, sent_on=TODAY)
    return build_package(loaded.facts, assess(loaded.facts, TODAY), loaded.files, options)


@dataclass
class World:
    case: Case
    comment: Comment
    share: CaseShare
    unsaved_file: StoredFile
    saved_file: StoredFile
    package: BuiltPackage
    clients: dict[str, Client]
    other_centre: Organisation
    # Form data a browser of the owner would send, read before anybody posts.
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)


@pytest.fixture
def world(
    shared_case: Case,
    owner: User,
    counsellor: User,
    other_counsellor: User,
    other_applicant: User,
    other_centre: Organisation,
    package: Package,
    client_for: Callable[[User | None], Client],
) -> World:
    comment = do_add_comment(
        shared_case,
        counsellor,
        step="haushalt",
        person_id="",
        field="",
        text="Bitte Mietvertrag nachreichen",
        organisation=active_share(shared_case).organisation,
    )
    options = PackageOptions(draft=True, sent_on=TODAY)
    built = store_package(shared_case, owner, 1, options, package)
    if not built.email_parts.exists():
        # The draft was not split; one part is enough to knock on the part's URL.
        part = EmailPart(
            package=built,
            number=1,
            total=1,
            size=len(package.pdf),
            sha256=sha256_hex(package.pdf),
            download_name="teil-1.pdf",
            subject="Teil 1 von 1",
            body="",
        )
        part.file.save("", ContentFile(package.pdf), save=False)
        part.save()
    files = {stored.case_path: stored for stored in StoredFile.objects.filter(case=shared_case)}
    return World(
        case=shared_case,
        comment=comment,
        share=active_share(shared_case),
        unsaved_file=files["files/noch-nicht-gespeichert.pdf"],
        saved_file=files["files/nachweis.pdf"],
        package=built,
        clients={
            ANONYMOUS: client_for(None),
            OTHER_APPLICANT: client_for(other_applicant),
            OTHER_COUNSELLOR: client_for(other_counsellor),
            COUNSELLOR: client_for(counsellor),
            OWNER: client_for(owner),
        },
        other_centre=other_centre,
    )


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    url: Callable[[World], str]
    action: Action
    # What a participant whose role allows `action` gets.
    ok: int = 200
    data: Callable[[World], dict[str, Any]] = lambda world: {}

    def expected(self, role: str) -> int:
        if role == ANONYMOUS:
            # The log-in page, leading back here (cases.access.LoginNeeded).
            return 302
        if role in (OTHER_APPLICANT, OTHER_COUNSELLOR):
            return 404
        allowed = OWNER_ACTIONS if role == OWNER else COUNSELLOR_ACTIONS
        return self.ok if self.action in allowed else 403


def _case(name: str, *suffix: object) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.case.pk, *suffix])


STEPS = (
    "personen",
    "lebenslauf-1",
    "lebenslauf-2",
    "schule",
    "integration",
    "verfahren",
    "gesundheit",
    "geschichte",
    "vertretung",
    "haushalt",
)


def _form_of(world: World, url: str) -> dict[str, Any]:
    page = world.clients[OWNER].get(url)
    assert page.status_code == 200, url
    return form_data(page.content.decode())


def _wizard_step_post(step: str) -> Endpoint:
    url = _case("wizard:step", step)
    return Endpoint(
        f"wizard step {step} (save)",
        "post",
        url,
        Action.EDIT,
        302,
        lambda world: _form_of(world, url(world)) | {"action": ["save"]},
    )


def _evidence(world: World, name: str) -> str:
    return reverse(name, args=[world.case.pk, entry_key(world.case, "d1")])


def _package(name: str, *suffix: object) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.case.pk, world.package.pk, *suffix])


GET_ENDPOINTS = (
    # The wizard
    Endpoint("resume", "get", _case("wizard:resume"), Action.VIEW, 302),
    Endpoint("check answers", "get", _case("wizard:check"), Action.VIEW),
    Endpoint("assessment", "get", _case("wizard:assessment"), Action.VIEW),
    *(
        Endpoint(f"wizard step {step}", "get", _case("wizard:step", step), Action.EDIT)
        for step in STEPS
    ),
    # The wizard's documents step only forwards to the documents page.
    Endpoint("wizard step unterlagen", "get", _case("wizard:step", "unterlagen"), Action.EDIT, 302),
    # Documents and files
    Endpoint("documents", "get", _case("evidence:list"), Action.VIEW),
    Endpoint("upload page", "get", _case("evidence:upload"), Action.VIEW),
    Endpoint(
        "document edit page",
        "get",
        lambda world: _evidence(world, "evidence:edit"),
        Action.VIEW,
    ),
    Endpoint(
        "document remove page",
        "get",
        lambda world: _evidence(world, "evidence:remove"),
        Action.VIEW,
    ),
    Endpoint(
        "file download",
        "get",
        lambda world: reverse("evidence:download", args=[world.case.pk, world.saved_file.pk]),
        Action.VIEW,
    ),
    Endpoint(
        "file thumbnail",
        "get",
        lambda world: reverse("evidence:thumbnail", args=[world.case.pk, world.saved_file.pk]),
        Action.VIEW,
    ),
    # Packages
    Endpoint("package page", "get", _case("packages:overview"), Action.VIEW),
    Endpoint("package result", "get", _package("packages:result"), Action.VIEW),
    Endpoint("package download", "get", _package("packages:download"), Action.VIEW),
    Endpoint("package e-mail part", "get", _package("packages:email_part", 1), Action.VIEW),
    Endpoint("package page view", "get", _package("packages:page", 1), Action.VIEW),
    Endpoint("package thumbnail", "get", _package("packages:thumbnail", 1), Action.VIEW),
    Endpoint("package page image", "get", _package("packages:page_image", 1), Action.VIEW),
    # Review: the counsellor's pages
    Endpoint("review", "get", _case("review:case"), Action.REVIEW),
    *(
        Endpoint(f"review step {step}", "get", _case("review:step", step), Action.REVIEW)
        for step in (*STEPS, "unterlagen")
    ),
    Endpoint("changes since review", "get", _case("review:changes"), Action.REVIEW),
    # Review: the applicant's pages
    Endpoint("review and sharing", "get", _case("review:applicant"), Action.SHARE),
    Endpoint("share page", "get", _case("review:share"), Action.SHARE),
    # Both
    Endpoint("audit log", "get", _case("review:audit"), Action.AUDIT),
    Endpoint("versions", "get", _case("review:revisions"), Action.VIEW),
    Endpoint("version 1", "get", _case("review:revision", 1), Action.VIEW),
)

POST_ENDPOINTS = (
    *(_wizard_step_post(step) for step in STEPS),
    Endpoint("upload (no file)", "post", _case("evidence:upload"), Action.EDIT, 200),
    Endpoint(
        "document edit",
        "post",
        lambda world: _evidence(world, "evidence:edit"),
        Action.EDIT,
        302,
        lambda world: _form_of(world, _evidence(world, "evidence:edit")),
    ),
    Endpoint(
        "document remove",
        "post",
        lambda world: _evidence(world, "evidence:remove"),
        Action.EDIT,
        302,
        lambda world: {"version": str(world.case.version)},
    ),
    Endpoint(
        "discard an unsaved file",
        "post",
        lambda world: reverse("evidence:discard", args=[world.case.pk, world.unsaved_file.pk]),
        Action.EDIT,
        302,
    ),
    # Building a package needs the right to export it (haertefall/packages/views.py): the owner
    # and the counsellors of the sharing organisation, with or without edit consent.
    Endpoint("package build (empty form)", "post", _case("packages:overview"), Action.EXPORT),
    Endpoint(
        "comment",
        "post",
        _case("review:step", "haushalt"),
        Action.COMMENT,
        302,
        lambda world: {"field": "", "text": "Bitte die Miete prüfen"},
    ),
    Endpoint("mark reviewed", "post", _case("review:changes"), Action.REVIEW, 302),
    Endpoint("request changes", "post", _case("review:request_changes"), Action.REVIEW, 302),
    Endpoint(
        "approve",
        "post",
        _case("review:approve"),
        Action.REVIEW,
        302,
        lambda world: {"version": str(world.case.version)},
    ),
    Endpoint("submit for review", "post", _case("review:submit"), Action.SUBMIT, 302),
    Endpoint(
        "share",
        "post",
        _case("review:share"),
        Action.SHARE,
        302,
        lambda world: {"organisation": str(world.other_centre.pk), "consent": "on"},
    ),
    Endpoint(
        "allow changes",
        "post",
        lambda world: reverse("review:edit_consent", args=[world.case.pk, world.share.pk]),
        Action.SHARE,
        302,
        lambda world: {"allow": "1"},
    ),
    Endpoint(
        "withdraw consent",
        "post",
        lambda world: reverse("review:withdraw", args=[world.case.pk, world.share.pk]),
        Action.SHARE,
        302,
    ),
    Endpoint(
        "resolve a comment",
        "post",
        lambda world: reverse("review:resolve_comment", args=[world.case.pk, world.comment.pk]),
        Action.RESOLVE,
        302,
    ),
)


def _knock(world: World, endpoint: Endpoint) -> Iterator[tuple[str, int, int, str]]:
    data = endpoint.data(world)
    url = endpoint.url(world)
    for role in ROLES:
        client = world.clients[role]
        response = client.get(url) if endpoint.method == "get" else client.post(url, data)
        location = response.get("Location", "") if response.status_code == 302 else ""
        yield role, response.status_code, endpoint.expected(role), location


def test_every_page_answers_each_person_with_exactly_the_right_status(world: World) -> None:
    wrong = []
    for endpoint in GET_ENDPOINTS:
        for role, got, expected, location in _knock(world, endpoint):
            if got != expected:
                wrong.append(f"{endpoint.name}, {role}: {got} instead of {expected}")
            elif role == ANONYMOUS and got == 302:
                assert location.startswith("/konto/anmelden/?next="), endpoint.name
    assert wrong == []


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_every_form_answers_each_person_with_exactly_the_right_status(
    world: World, endpoint: Endpoint
) -> None:
    wrong = [
        f"{role}: {got} instead of {expected}"
        for role, got, expected, _location in _knock(world, endpoint)
        if got != expected
    ]
    assert wrong == []


def test_nobody_but_the_owner_changed_anything_on_the_way(world: World) -> None:
    before = world.case.revisions.count()
    for endpoint in POST_ENDPOINTS:
        if endpoint.action is not Action.EDIT:
            continue
        url = endpoint.url(world)
        for role in (ANONYMOUS, OTHER_APPLICANT, OTHER_COUNSELLOR, COUNSELLOR):
            world.clients[role].post(url, {"version": str(world.case.version), "action": "save"})
    assert world.case.revisions.count() == before
    assert StoredFile.objects.filter(pk=world.unsaved_file.pk).exists()


def test_a_counsellor_with_consent_to_edit_saves_a_step_through_the_wizard(
    world: World, counsellor: User
) -> None:
    world.share.can_edit = True
    world.share.save()
    url = reverse("wizard:step", args=[world.case.pk, "haushalt"])
    client = world.clients[COUNSELLOR]
    data = form_data(client.get(url).content.decode())
    data["rent-rent_monthly"] = ["812.00"]
    data["action"] = ["save"]

    response = client.post(url, data)

    assert response.status_code == 302
    world.case.refresh_from_db()
    latest = world.case.latest_revision()
    assert latest is not None and latest.author == counsellor
    assert latest.document["household"]["rent_monthly"] == "812.00"


def test_the_documents_page_is_open_to_a_counsellor_but_not_the_upload(world: World) -> None:
    client = world.clients[COUNSELLOR]

    assert client.get(reverse("evidence:list", args=[world.case.pk])).status_code == 200
    assert client.post(reverse("evidence:upload", args=[world.case.pk])).status_code == 403


def test_a_case_that_is_not_shared_is_hidden_from_every_counsellor(
    case: Case, counsellor: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(counsellor)
    for name in ("review:case", "wizard:check", "review:audit", "evidence:list"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 404, name


def test_every_wizard_step_of_the_case_is_in_the_table(world: World) -> None:
    """If the case gets a step the table does not know, this test says so."""
    document = world.case.document
    assert document is not None
    names = [name for name in steps.step_names(document) if name != steps.DOCUMENTS]
    assert tuple(names) == STEPS
