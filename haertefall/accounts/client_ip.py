"""The address a log-in attempt came from, for django-axes' lock-out per address and IP."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it received
    the request from to X-Forwarded-For, the client's address is that many entries from the
    right. Entries further left were written by the client and are not believed; without
    trusted proxies the header is ignored altogether."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count: int = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if address.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
