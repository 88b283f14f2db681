"""Where to send someone back to: only ever a page of this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_own_url(request: HttpRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def local_next(request: HttpRequest, default: str) -> str:
    """The page a form or link asked to return to ("next"), if it is one of ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    return candidate if is_own_url(request, candidate) else default
