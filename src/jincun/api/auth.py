"""Who is calling the API: a bearer token (brand, device, user) or a logged-in page session."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from jincun.api.models import ApiToken


@dataclass
class Caller:
    """What an endpoint needs to scope its answer: brand code for brand tokens, the user otherwise."""

    token: ApiToken | None = None
    user: object | None = None

    @property
    def brand_id(self) -> int | None:
        if self.token and self.token.brand_id:
            return self.token.brand_id
        assignment = getattr(self.user, "assignment", None) if self.user else None
        if self.user is not None and getattr(self.user, "role", None) == "brand_user" and assignment:
            return assignment.brand_id
        return None

    @property
    def is_brand(self) -> bool:
        if self.token is not None:
            return self.token.kind == "brand"
        return getattr(self.user, "role", None) == "brand_user"

    @property
    def role(self) -> str | None:
        if self.user is not None:
            return "admin" if getattr(self.user, "is_superuser", False) else self.user.role
        if self.token is not None and self.token.kind == "brand":
            return "brand_user"
        if self.token is not None and self.token.kind == "device":
            return "device"
        return None

    def has_role(self, *roles: str) -> bool:
        return self.role == "admin" or self.role in roles


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = (
            ApiToken.objects.select_related("brand", "user", "user__assignment")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
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


def caller(request) -> Caller:
    return request.auth if isinstance(request.auth, Caller) else request.caller
