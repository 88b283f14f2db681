"""The start page: German by default, English on request, no JavaScript, nothing external."""

import re
from pathlib import Path

from django.test import Client

from haertefall.accounts.models import User

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_start_page_is_german_by_default(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="de">' in content
    assert "Bleiberecht-Assistent" in content
    assert "Zwei Anträge" in content
    assert "Two applications" not in content


def test_start_page_follows_the_browser_language(client: Client) -> None:
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<html lang="en">' in content
    assert "Two applications" in content
    assert "Zwei Anträge" not in content


def test_language_switch_is_a_form_that_sticks(client: Client) -> None:
    page = client.get("/").content.decode()
    assert 'action="/i18n/setlang/" method="post"' in page
    assert 'name="language" value="en"' in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Two applications" in client.get("/").content.decode()


def test_start_page_needs_no_script_and_loads_nothing_from_elsewhere(client: Client) -> None:
    content = client.get("/").content.decode()

    assert "<script" not in content
    external = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', content)
    assert external == []
    assert 'href="/static/css/site.css"' in content


def test_every_interface_text_has_a_german_translation() -> None:
    catalogue = (LOCALE / "de" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    # The first entry is the header, whose msgid is empty by definition.
    entries = catalogue.split("\n\n")[1:]
    untranslated = [
        entry for entry in entries if entry.rstrip().endswith('msgstr ""') or "#, fuzzy" in entry
    ]

    assert untranslated == []


def test_start_page_helps_to_choose_between_the_two_procedures(client: Client) -> None:
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'id="choose"' in content
    assert "Which application fits you?" in content
    assert content.count('class="choose__item"') == 3
    assert 'id="procedures"' in content


def test_start_page_leads_a_visitor_to_sign_up_or_log_in(client: Client) -> None:
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'href="/konto/registrieren/"' in content
    assert 'href="/konto/anmelden/"' in content
    assert 'href="/antraege/"' not in content


def test_start_page_leads_a_logged_in_user_to_their_applications(
    client: Client, owner: User
) -> None:
    client.force_login(owner)
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'href="/antraege/"' in content
    assert 'action="/konto/abmelden/" method="post"' in content
