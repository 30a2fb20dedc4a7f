"""Issuing API tokens: one per brand, per scanning device, or per user."""

from __future__ import annotations

from jincun.api.models import ApiToken, TokenKind
from jincun.core.models import User
from jincun.network.models import Brand, Station


class TokenRefused(ValueError):
    pass


def issue_token(
    *,
    brand: str | None = None,
    device: str | None = None,
    station: str | None = None,
    username: str | None = None,
    name: str | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for exactly one scope; returns (token, plain key). The key is not stored."""
    if sum(bool(x) for x in (brand, device, username)) != 1:
        raise TokenRefused("give exactly one of brand, device or user")
    if brand:
        found = Brand.objects.filter(code=brand.upper()).first()
        if found is None:
            raise TokenRefused(f"no brand {brand!r}")
        return ApiToken.issue(name or f"{found.name} 接口令牌", TokenKind.BRAND, brand=found)
    if device:
        if not station:
            raise TokenRefused("a device token needs --station CODE (where the device sits)")
        if not Station.objects.filter(code=station).exists():
            raise TokenRefused(f"no station {station!r}")
        device_id = f"{station}/{device}"
        return ApiToken.issue(name or f"扫描设备 {device_id}", TokenKind.DEVICE, device_id=device_id[:64])
    user = User.objects.filter(username=username).first()
    if user is None:
        raise TokenRefused(f"no user {username!r}")
    if not name:
        raise TokenRefused("a user token needs --name TEXT (what it is for)")
    return ApiToken.issue(name, TokenKind.USER, user=user)


def issue_demo_tokens(sender=None, **kwargs) -> dict[str, str]:
    """One API token per active brand for the demo (receiver of `simulation.signals.demo_built`); returns
    {brand code: plain key} for the command to print once."""
    keys = {}
    for brand in Brand.objects.filter(active=True).order_by("code"):
        _, keys[brand.code] = ApiToken.issue(name=f"{brand.name} 演示令牌", kind=TokenKind.BRAND, brand=brand)
    return keys
