"""Who is calling the API: the token (brand, device, user) or the page session's user, as one object.

The `api` app's authenticators build it; domain routers read it through `caller(request)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jincun.core.choices import Role, TokenKind


@dataclass
class Caller:
    """What an endpoint needs to scope its answer: brand code for brand tokens, the user otherwise."""

    token: Any = None
    user: object | None = None

    @property
    def brand_id(self) -> int | None:
        if self.token and self.token.brand_id:
            return self.token.brand_id
        assignment = getattr(self.user, "assignment", None) if self.user else None
        if self.user is not None and getattr(self.user, "role", None) == Role.BRAND_USER and assignment:
            return assignment.brand_id
        return None

    @property
    def is_brand(self) -> bool:
        if self.token is not None:
            return self.token.kind == TokenKind.BRAND
        return getattr(self.user, "role", None) == Role.BRAND_USER

    @property
    def role(self) -> str | None:
        if self.user is not None:
            return Role.ADMIN if getattr(self.user, "is_superuser", False) else self.user.role
        if self.token is not None and self.token.kind == TokenKind.BRAND:
            return Role.BRAND_USER
        if self.token is not None and self.token.kind == TokenKind.DEVICE:
            return TokenKind.DEVICE
        return None

    def has_role(self, *roles: str) -> bool:
        return self.role == Role.ADMIN or self.role in roles

    @property
    def policy(self):
        """The access and masking policy (`jincun.core.policy`) pages use too: same role, same scope."""
        from jincun.core.policy import Policy

        return Policy.of_caller(self)


def caller(request) -> Caller:
    return request.auth if isinstance(request.auth, Caller) else request.caller
