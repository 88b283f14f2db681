"""Every corpus case survives being saved page by page, as a browser submits it unchanged."""

from pathlib import Path

import pytest
from django.test import Client

from haertefall.accounts.models import User
from haertefall.wizard import steps
from tests.wizard.helpers import CORPUS, corpus_document, create_case, latest, step_url, submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_saving_every_step_unchanged_keeps_the_imported_case(
    logged_in: Client, owner: User, path: Path
) -> None:
    document = corpus_document(path)
    case = create_case(owner, document)

    for step in steps.step_names(document):
        if step == steps.DOCUMENTS:
            continue
        response = submit(logged_in, step_url(case, step))
        assert response.status_code == 302, (step, response.content.decode()[:2000])
        assert latest(case) == document, step

    assert case.revisions.count() == len(steps.step_names(document))
