from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A participant of a case asked for something their role does not allow."""
    return render(request, "review/403.html", status=403)
