"""Test helpers: read a rendered form like a browser does and submit it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.test import Client

from haertefall.accounts.models import User
from haertefall.cases.models import Case
from haertefall.cases.services import do_create_case

CASES = Path(__file__).resolve().parents[1] / "cases"
CORPUS = sorted(path for path in CASES.glob("*.json") if not path.name.endswith(".expected.json"))

FormData = dict[str, list[str]]


class _FormReader(HTMLParser):
    """The values a browser would send for the form that carries the case version."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[FormData] = []
        self._form: FormData | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []
        self._option_value: str | None = None

    def _add(self, name: str, value: str) -> None:
        assert self._form is not None
        self._form.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {}
        elif self._form is None:
            return
        elif tag == "input":
            kind = attributes.get("type", "text")
            name = attributes.get("name")
            if not name or kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self._add(name, attributes.get("value", "on"))
            else:
                self._add(name, attributes.get("value", ""))
        elif tag == "select":
            self._select = attributes.get("name")
            self._select_first = None
            self._select_chosen = False
        elif tag == "option" and self._select:
            value = attributes.get("value")
            self._option_value = value
            self._text = []
            if self._select_first is None:
                self._select_first = value
            if "selected" in attributes and value is not None:
                self._add(self._select, value)
                self._select_chosen = True
        elif tag == "textarea":
            self._textarea = attributes.get("name")
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            # A browser drops the one newline that follows <textarea>.
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_data(html: str) -> FormData:
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if "version" in form:
            return form
    raise AssertionError("the page has no form with a case version")


def with_changes(data: FormData, changes: Mapping[str, str | list[str] | None]) -> FormData:
    changed = {key: list(values) for key, values in data.items()}
    for key, value in changes.items():
        if value is None:
            changed.pop(key, None)
        else:
            changed[key] = [value] if isinstance(value, str) else list(value)
    return changed


def submit(
    client: Client,
    url: str,
    changes: Mapping[str, str | list[str] | None] | None = None,
    *,
    button: tuple[str, str] = ("action", "save"),
    **extra: Any,
) -> Any:
    """Load the page at `url`, change some fields, and press a button, like a browser."""
    page = client.get(url, **extra)
    assert page.status_code == 200, page.status_code
    data = with_changes(form_data(page.content.decode()), changes or {})
    data[button[0]] = [button[1]]
    return client.post(url, data, **extra)


def corpus_document(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def create_case(owner: User, document: dict[str, Any]) -> Case:
    return do_create_case(owner, document, {}, "import")


def step_url(case: Case, step: str) -> str:
    return f"/antraege/{case.pk}/schritt/{step}/"


def latest(case: Case) -> dict[str, Any]:
    case.refresh_from_db()
    document = case.document
    assert document is not None
    return document
