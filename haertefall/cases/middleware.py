"""Turns cases.access.LoginNeeded into the log-in page that leads back to the page asked for."""

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

from haertefall.cases.access import LoginNeeded


class LoginNeededMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, LoginNeeded):
            return None
        return redirect_to_login(request.get_full_path(), resolve_url("accounts:login"))
