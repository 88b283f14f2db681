"""Turns cases.access.LoginNeeded into the log-in page that leads back to the page asked for."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from haertefall.accounts.redirects import is_own_url
from haertefall.cases.access import LoginNeeded


class LoginNeededMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, LoginNeeded):
            return None
        return redirect_to_login(_way_back(request), resolve_url("accounts:login"))


def _way_back(request: HttpRequest) -> str:
    """The page to return to after logging in. After a form was sent, that is the page the
    form was on (its own URL may only take POST); without one, the list of applications."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if is_own_url(request, referer):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return reverse("wizard:case_list")
