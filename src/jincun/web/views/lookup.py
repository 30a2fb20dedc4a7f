"""Villager lookup (no login): phone tail + pickup code or waybill → where the parcel is, what to do.

Nothing else is revealed: no name, no full phone, no other parcels. Every answer has the same shape whether
the parcel exists or not (a miss and a wrong tail read alike), and each address may ask only a few times a
minute, so the page cannot be used to guess pickup codes or test phone numbers.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from jincun.core.client import client_address

LIMIT_PER_WINDOW = 10
WINDOW_SECONDS = 600


def _client_key(request) -> str:
    """Counted in the shared cache (settings.CACHES), so every web worker sees the same count."""
    return "lookup:" + client_address(request)


def _over_limit(request) -> bool:
    key = _client_key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > LIMIT_PER_WINDOW


def _clean(request) -> tuple[str, str]:
    tail = re.sub(r"\D", "", request.POST.get("phone_tail", ""))[:4]
    code = "".join(ch for ch in request.POST.get("code", "") if ch.isprintable() and not ch.isspace())
    code = code.upper()[:40]
    return tail, code


@never_cache
def lookup(request):
    answer = None
    if request.method == "POST":
        tail, code = _clean(request)
        if _over_limit(request):
            answer = {
                "tone": "warn",
                "headline": _("查询太频繁"),
                "text": _("请十分钟后再试，或直接联系站点。"),
            }
        elif len(tail) != 4 or not code:
            answer = {
                "tone": "warn",
                "headline": _("请填写完整"),
                "text": _("手机尾号 4 位，以及取件码或运单号。"),
            }
        else:
            from jincun.web.villager import describe_for_villager

            answer = describe_for_villager(tail, code)
    return render(request, "web/lookup.html", {"answer": answer})
