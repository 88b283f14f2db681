"""No template relies on what the Content-Security-Policy forbids: inline scripts, event
handler attributes, javascript: links or inline styles. The browser tests catch what a page
does; this scan also covers pages no browser test opens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from haertefall.settings import BASE_DIR

TEMPLATES = BASE_DIR / "templates"
# Rendered by WeasyPrint into the PDF package on the server (documents/rendering.py), never
# sent to a browser: their <style> elements are outside the policy's reach.
PDF_TEMPLATES = TEMPLATES / "documents"

TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def forbidden_markup(markup: str, *, pdf: bool = False) -> list[str]:
    problems = [f"inline script: {match}" for match in INLINE_SCRIPT.findall(markup)]
    problems += [f"javascript: URL in {markup!r:.60}" for _ in JAVASCRIPT_URL.findall(markup)]
    for tag in TAG.findall(markup):
        if EVENT_HANDLER.search(tag):
            problems.append(f"event handler attribute: {tag}")
        if STYLE_ATTRIBUTE.search(tag):
            problems.append(f"style attribute: {tag}")
    if not pdf:
        problems += [f"style element: {match}" for match in STYLE_ELEMENT.findall(markup)]
    return problems


def html_templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<script type="module">import "x"</script>',
        '<button type="button" onclick="go()">Go</button>',
        '<body\n  onload="start()">',
        '<a href="javascript:void(0)">x</a>',
        '<p class="x" style="color: red">x</p>',
        "<style>p { color: red }</style>",
    ],
)
def test_the_scan_finds_what_the_policy_blocks(markup: str) -> None:
    assert forbidden_markup(markup) != []


def test_the_scan_allows_external_scripts_and_ordinary_attributes() -> None:
    markup = (
        "{% block scripts %}<script src=\"{% static 'js/wizard.js' %}\" defer></script>"
        '{% endblock %}<input name="online" data-one="1"><p>Someone = you</p>'
    )
    assert forbidden_markup(markup) == []


def test_no_template_has_inline_script_handlers_or_inline_styles() -> None:
    templates = html_templates()
    # The scan must see the real templates, not an empty folder.
    assert len(templates) > 30

    problems = {
        str(path.relative_to(TEMPLATES)): found
        for path in templates
        if (
            found := forbidden_markup(
                path.read_text(encoding="utf-8"), pdf=path.is_relative_to(PDF_TEMPLATES)
            )
        )
    }

    assert problems == {}
