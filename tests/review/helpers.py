"""Helpers the review tests share: cases, sharing, and reading a step's form."""

from __future__ import annotations

import copy
from typing import Any

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case, do_save_revision
from haertefall.review.models import CaseShare, Organisation
from haertefall.review.services import do_share_case
from tests.evidence import samples
from tests.haertefall.builders import rich_hardship_case


def make_case(owner: User) -> Case:
    """A § 23a case with two persons, a stored file for its first document, and one file that
    no document names yet (an unsaved upload)."""
    document = rich_hardship_case()
    first = document["documents"][0]
    first["file"] = "files/nachweis.pdf"
    files = {"files/nachweis.pdf": samples.pdf(), "files/noch-nicht-gespeichert.pdf": samples.pdf()}
    return do_create_case(owner, document, files, "import")


def share(case: Case, owner: User, organisation: Organisation, *, can_edit: bool = False) -> None:
    do_share_case(case, owner, organisation, can_edit=can_edit)


def active_share(case: Case) -> CaseShare:
    found = CaseShare.objects.active().filter(case=case).first()
    assert found is not None
    return found


def change(case: Case, author: User | None, **changes: Any) -> None:
    """Save a new revision of `case` with the applicant's fields in `changes` set."""
    case.refresh_from_db()
    document = copy.deepcopy(case.document)
    assert document is not None
    document["persons"][0].update(changes)
    do_save_revision(case, document, author, "lebenslauf-1", case.version)
