"""Crash reports and logs never repeat what people typed into a form."""

import io
import logging
import sys

from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from haertefall.reporting import NoRequestDataFilter

SECRET = "Diagnose: Posttraumatische Belastungsstörung"


def test_error_report_names_form_fields_but_hides_their_values(rf: RequestFactory) -> None:
    request = rf.post("/antraege/", {"health_condition": SECRET, "step": "health"})
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        text = reporter.get_traceback_text()
        html = reporter.get_traceback_html()

    assert "health_condition" in text
    assert SECRET not in text
    assert SECRET not in html
    assert NoRequestDataFilter().get_post_parameters(request) == {
        "health_condition": "********************",
        "step": "********************",
    }


def test_log_lines_never_contain_the_request_body(client: Client) -> None:
    handler = logging.getLogger("django").handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    captured = io.StringIO()
    previous = handler.setStream(captured)
    try:
        client.post("/nicht-vorhanden/", {"life_story": SECRET})
    finally:
        handler.setStream(previous)

    assert "Not Found: /nicht-vorhanden/" in captured.getvalue()
    assert SECRET not in captured.getvalue()
