"""Who is on the other end of a request: the client's address, read the same way by every limit.

Behind a reverse proxy `REMOTE_ADDR` is the proxy, so every villager would share one lookup limit and one
login lock. With `JINCUN_TRUSTED_PROXIES=N` (N proxies of ours in front), the address is the N-th entry from
the right of `X-Forwarded-For`: the one our outermost proxy saw. Entries further left are whatever the client
wrote and are never trusted. With 0 (the default, nothing in front) the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

# A request with no usable REMOTE_ADDR (an in-process login such as the test client's `force_login`) still gets an
# address: django-axes stores it in an inet column, which PostgreSQL refuses to fill with a word.
NO_ADDRESS = "0.0.0.0"


def _valid(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return NO_ADDRESS


def client_address(request) -> str:
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.JINCUN.get("TRUSTED_PROXIES", 0)
    if not proxies:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < proxies:
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
