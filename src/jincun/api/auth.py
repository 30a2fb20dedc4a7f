"""Who is calling the API: a bearer token (brand, device, user) or a logged-in page session."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from jincun.api.models import ApiToken
from jincun.core.api.caller import Caller

# Recording each use would make every API read a write (SQLite's one writer lock): once a minute is enough to
# tell a live token from a forgotten one.
USE_RECORD_INTERVAL = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("brand", "user", "user__assignment", "station")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= USE_RECORD_INTERVAL:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        caller = Caller(token=found, user=found.user)
        request.caller = caller
        return caller


class PageSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        caller = Caller(user=user)
        request.caller = caller
        return caller
