"""The counsellor's queue: which cases, which columns, sorting, filtering, and a number of
queries that does not grow with the number of cases."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from haertefall.accounts.models import User
from haertefall.cases.models import Case, CaseRevision, Status
from haertefall.review.models import CaseShare, Organisation, ShareBasis
from haertefall.review.queue import OUTCOME_LABELS, queue_rows
from haertefall.review.services import do_withdraw_consent
from tests.review.helpers import active_share, make_case, share

pytestmark = pytest.mark.django_db

CASES = Path(__file__).resolve().parents[1] / "cases"
CORPUS = sorted(path for path in CASES.glob("*.json") if not path.name.endswith(".expected.json"))


def corpus_documents() -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in CORPUS]


def bulk_shared_cases(owner: User, organisation: Organisation, count: int) -> None:
    """`count` cases of the corpus, shared with `organisation`, written in bulk: the queue's
    cost is what is measured here, not the cost of creating cases."""
    documents = corpus_documents()
    cases = Case.objects.bulk_create(
        [Case(owner=owner, target=documents[i % len(documents)]["target"]) for i in range(count)]
    )
    CaseRevision.objects.bulk_create(
        [
            CaseRevision(
                case=case,
                number=1,
                author=owner,
                step="import",
                document=documents[i % len(documents)],
            )
            for i, case in enumerate(cases)
        ]
    )
    CaseShare.objects.bulk_create(
        [
            CaseShare(
                case=case,
                organisation=organisation,
                basis=ShareBasis.CONSENT,
                consent_by=owner,
                consent_given=timezone.now(),
                consent_version="test",
            )
            for case in cases
        ]
    )


def queue_queries(client: Client, query: str = "") -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("review:queue") + query)
        assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_queue_of_500_cases_makes_as_many_queries_as_the_queue_of_5(
    owner: User,
    counsellor: User,
    centre: Organisation,
    client_for: Callable[[User | None], Client],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(counsellor)
    bulk_shared_cases(owner, centre, 5)
    few = queue_queries(client, "?sort=outcome")

    bulk_shared_cases(owner, centre, 495)
    with django_assert_max_num_queries(few):
        page = client.get(reverse("review:queue") + "?sort=outcome")

    assert few <= 8
    assert "500 applications are shared with your advice centre." in page.content.decode()


def test_the_queue_shows_only_cases_shared_with_the_counsellors_organisations(
    owner: User,
    counsellor: User,
    centre: Organisation,
    other_centre: Organisation,
) -> None:
    shared = make_case(owner)
    share(shared, owner, centre)
    elsewhere = make_case(owner)
    share(elsewhere, owner, other_centre)
    withdrawn = make_case(owner)
    share(withdrawn, owner, centre)
    do_withdraw_consent(active_share(withdrawn), owner)
    make_case(owner)  # not shared at all

    rows = queue_rows(counsellor, timezone.localdate())

    assert [row.case.pk for row in rows] == [shared.pk]


def test_a_counsellor_who_left_sees_an_empty_queue(
    owner: User, counsellor: User, centre: Organisation
) -> None:
    share(make_case(owner), owner, centre)
    counsellor.memberships.update(left=timezone.now())

    assert queue_rows(counsellor, timezone.localdate()) == []


def test_each_row_has_the_assessment_and_what_is_missing(
    owner: User, counsellor: User, centre: Organisation
) -> None:
    bulk_shared_cases(owner, centre, len(CORPUS))
    rows = {row.case.pk: row for row in queue_rows(counsellor, timezone.localdate())}

    outcomes = {row.summary.outcome for row in rows.values()}
    assert outcomes <= set(OUTCOME_LABELS)
    assert len(outcomes) >= 4
    incomplete = [row for row in rows.values() if row.summary.outcome == "incomplete"]
    assert incomplete and all(row.summary.missing for row in incomplete)


def test_the_queue_filters_by_status_target_and_outcome(
    owner: User, counsellor: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    bulk_shared_cases(owner, centre, len(CORPUS))
    first = Case.objects.order_by("created").first()
    assert first is not None
    Case.objects.filter(pk=first.pk).update(status=Status.IN_REVIEW)
    today = timezone.localdate()

    in_review = queue_rows(counsellor, today, status="in_review")
    hannover = queue_rows(counsellor, today, target="abh_hannover_25b")
    eligible = queue_rows(counsellor, today, outcome="eligible")

    assert [row.case.pk for row in in_review] == [first.pk]
    assert hannover and all(row.case.target == "abh_hannover_25b" for row in hannover)
    assert eligible and all(row.summary.outcome == "eligible" for row in eligible)
    page = client_for(counsellor).get(reverse("review:queue") + "?status=in_review")
    assert "1 application matches the filters." in page.content.decode()


def test_the_queue_sorts_by_status_outcome_and_name_both_ways(
    owner: User, counsellor: User, centre: Organisation
) -> None:
    bulk_shared_cases(owner, centre, len(CORPUS))
    Case.objects.filter(pk__in=Case.objects.values("pk")[:3]).update(status=Status.APPROVED)
    today = timezone.localdate()

    by_status = [row.case.status for row in queue_rows(counsellor, today, sort="status")]
    by_name = [row.name.casefold() for row in queue_rows(counsellor, today, sort="name")]
    by_name_down = [row.name.casefold() for row in queue_rows(counsellor, today, sort="-name")]

    assert by_status[0] == Status.DRAFT and by_status[-1] == Status.APPROVED
    assert by_name == sorted(by_name)
    assert by_name_down == sorted(by_name, reverse=True)


def test_a_column_header_sorts_and_says_how(
    owner: User, counsellor: User, centre: Organisation, client_for: Callable[[User | None], Client]
) -> None:
    bulk_shared_cases(owner, centre, 3)
    page = client_for(counsellor).get(reverse("review:queue") + "?sort=status").content.decode()

    assert 'aria-sort="ascending"' in page
    assert "?sort=-status" in page


def test_someone_who_is_no_counsellor_is_told_so(
    other_applicant: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(other_applicant).get(reverse("review:queue"))

    assert response.status_code == 200
    assert "You are not a member of an advice centre." in response.content.decode()


def test_a_new_change_is_flagged_until_the_counsellor_reviews_it(
    shared_case: Case, counsellor: User, client_for: Callable[[User | None], Client]
) -> None:
    today = timezone.localdate()
    assert queue_rows(counsellor, today)[0].unreviewed

    client_for(counsellor).post(reverse("review:changes", args=[shared_case.pk]), {"revision": "1"})

    assert not queue_rows(counsellor, today)[0].unreviewed
