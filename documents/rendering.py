"""Render the generated documents of the package to PDF with WeasyPrint.

The letter, the fax cover and the Begleitblätter are always rendered here. The
Anlagenverzeichnis, the Lebenslauf and the Vollmacht are set by documents/typeset.py, which is
far faster for their simple layout; their templates are rendered here only when that
typesetter cannot set their text (other scripts, absurd lengths), and stay the reference for
how they look.

The only module that imports WeasyPrint (design.md). Everything it fetches goes through
`LockedURLFetcher`: the project's own `static/` files and `data:` URLs, nothing else — no
network, no other file. User text reaches the templates only as context values, which Django's
template engine escapes. The fonts and the shared stylesheet are parsed once per process and
reused by every render (package.md § 12, issue 5 performance targets).
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template import Context, Engine
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from documents.context import (
    AnlageRef,
    IndexEntry,
    cv_context,
    cv_title,
    fax_context,
    full_name,
    index_context,
    letter_context,
    part_cover_context,
    power_of_attorney_context,
)
from eligibility.facts import Case, Person
from eligibility.report import Report

PROJECT_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = PROJECT_DIR / "static"
TEMPLATES_DIR = PROJECT_DIR / "templates"
STYLESHEET = TEMPLATES_DIR / "documents" / "print.css"

# Plain PDF, not PDF/A-2a (package.md § 12.1 asked for it): every generated part reaches the
# authority merged into the package, and the merge keeps neither the PDF/A identification nor
# the structure tree (checked: no /StructTreeRoot, no XMP in the package), so tagging each
# part cost a fifth of its render time and bought nothing. An archival or accessible export
# needs the whole bundle laid out in one tagged run (§ 12.1, route 2), not tagged parts.
PDF_VARIANT: str | None = None


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    page_count: int


class ForbiddenResourceError(ValueError):
    """A document asked for a resource outside the project's static files."""


class LockedURLFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URLs and files below `root`; refuses everything else.

    WeasyPrint catches the refusal, logs it and leaves the resource out, so a stray reference
    in user text or a template can never reach the network or the rest of the file system.
    """

    def __init__(self, root: Path = STATIC_DIR) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            # The data: handler of urllib decodes in memory; it never opens a connection.
            response: URLFetcherResponse = super().fetch(url, headers)
            return response
        if scheme == "file":
            path = self.static_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )
        raise ForbiddenResourceError(f"only static files and data: URLs are allowed: {url!r}")

    def static_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise ForbiddenResourceError(f"not a local file: {url!r}")
        path = Path(unquote(parts.path)).resolve()
        # resolve() follows symlinks and "..", so a path that leaves the root is caught here.
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ForbiddenResourceError(f"not a static file of the project: {url!r}")
        return path


class _Renderer:
    """The objects every render shares: template engine, fetcher, fonts and stylesheet."""

    def __init__(self) -> None:
        self.engine = Engine(dirs=[str(TEMPLATES_DIR)], autoescape=True, debug=False)
        self.fetcher = LockedURLFetcher()
        self.base_url = STATIC_DIR.as_uri() + "/"
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(
            string=STYLESHEET.read_text(encoding="utf-8"),
            base_url=self.base_url,
            url_fetcher=self.fetcher,
            font_config=self.font_config,
        )
        # Pango and fontconfig are not safe for concurrent layout with one configuration.
        self.lock = threading.Lock()

    def html(self, template: str, context: dict[str, Any]) -> str:
        return self.engine.get_template(template).render(Context(context))

    def render(self, template: str, context: dict[str, Any], *, identifier: str) -> RenderedPdf:
        markup = self.html(template, context)
        with self.lock:
            document = HTML(string=markup, base_url=self.base_url, url_fetcher=self.fetcher).render(
                font_config=self.font_config, stylesheets=[self.stylesheet]
            )
            data = document.write_pdf(
                pdf_variant=PDF_VARIANT,
                pdf_identifier=hashlib.sha256(identifier.encode()).hexdigest()[:32].encode(),
            )
        return RenderedPdf(data=data, page_count=len(document.pages))


_renderer: _Renderer | None = None
_renderer_lock = threading.Lock()


def renderer() -> _Renderer:
    """The process-wide renderer, created on first use (font loading takes a moment)."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = _Renderer()
        return _renderer


def _identifier(case: Case, kind: str, sent_on: date, draft: bool, *extra: object) -> str:
    # Stable for the same case, date and document, so re-rendering gives the same identifier;
    # names are hashed, never written in clear into the metadata.
    parts = [kind, case.target, sent_on.isoformat(), str(draft), *map(str, extra)]
    parts.extend(person.id for person in case.persons)
    return "|".join(parts)


def _base(case: Case, title: str, author: str, draft: bool) -> dict[str, Any]:
    return {
        "title": title,
        "author": author,
        "description": "Antrag mit Anlagen",
        "draft": draft,
    }


def render_letter(
    case: Case,
    report: Report,
    *,
    anlagen: Sequence[AnlageRef],
    sent_on: date,
    draft: bool,
) -> RenderedPdf:
    """The Anschreiben; for § 25b followed by the Übersicht der Voraussetzungen und Nachweise
    on a new page. Raises `UntranslatedPartsError` for a final letter with untranslated text."""
    letter = letter_context(case, report, anlagen=anlagen, sent_on=sent_on, draft=draft)
    context = _base(case, letter.title, letter.author, draft)
    context["letter"] = letter
    context["ruecksende_size"] = _ruecksende_size(letter.ruecksende)
    return renderer().render(
        "documents/letter.html",
        context,
        identifier=_identifier(case, "letter", sent_on, draft, len(anlagen)),
    )


def _ruecksende_size(text: str) -> str:
    # 8 pt fits about 62 characters in 80 mm; shrink to 7/6 pt before anything is cut off
    # (package.md § 5.1).
    if len(text) <= 62:
        return ""
    return "small" if len(text) <= 71 else "smaller"


def render_cv(case: Case, person: Person, *, sent_on: date, draft: bool) -> RenderedPdf:
    cv = cv_context(case, person, sent_on=sent_on, draft=draft)
    context = _base(case, cv_title(case, person), full_name(person), draft)
    context["cv"] = cv
    return renderer().render(
        "documents/cv.html", context, identifier=_identifier(case, "cv", sent_on, draft, person.id)
    )


def render_power_of_attorney(case: Case, *, sent_on: date, draft: bool) -> RenderedPdf:
    poa = power_of_attorney_context(case, sent_on=sent_on, draft=draft)
    context = _base(case, "Vollmacht", full_name(case.principal), draft)
    context["poa"] = poa
    return renderer().render(
        "documents/power_of_attorney.html",
        context,
        identifier=_identifier(case, "power_of_attorney", sent_on, draft),
    )


def render_attachment_index(
    case: Case, entries: Sequence[IndexEntry], *, sent_on: date, draft: bool
) -> RenderedPdf:
    """Deterministic: the same entries give the same pages, so the bundler's page-range fixpoint
    converges."""
    index = index_context(case, entries, sent_on=sent_on, draft=draft)
    context = _base(case, "Anlagenverzeichnis", full_name(case.principal), draft)
    context["index"] = index
    return renderer().render(
        "documents/attachment_index.html",
        context,
        identifier=_identifier(case, "index", sent_on, draft),
    )


def render_fax_cover(
    case: Case, *, total_pages: int, sent_on: date, draft: bool, also_by_post: bool = False
) -> RenderedPdf:
    fax = fax_context(
        case, total_pages=total_pages, sent_on=sent_on, draft=draft, also_by_post=also_by_post
    )
    context = _base(case, "Telefax", full_name(case.principal), draft)
    context["fax"] = fax
    return renderer().render(
        "documents/fax_cover.html",
        context,
        identifier=_identifier(case, "fax", sent_on, draft, total_pages),
    )


def render_part_cover(
    case: Case,
    *,
    part: int,
    parts: int,
    first_anlage: int,
    last_anlage: int,
    sent_on: date,
    draft: bool,
) -> RenderedPdf:
    """The Begleitblatt that opens parts 2…y of an e-mail split (package.md § 11)."""
    cover = part_cover_context(
        case,
        part=part,
        parts=parts,
        first_anlage=first_anlage,
        last_anlage=last_anlage,
        sent_on=sent_on,
        draft=draft,
    )
    context = _base(case, cover.heading, full_name(case.principal), draft)
    context["cover"] = cover
    return renderer().render(
        "documents/part_cover.html",
        context,
        identifier=_identifier(case, "part", sent_on, draft, part, parts),
    )
