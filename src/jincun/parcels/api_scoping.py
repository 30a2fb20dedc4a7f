"""What a caller may touch in the parcel endpoints.

A brand token (or brand user) acts for its brand only: it manifests its own parcels, pulls its own events,
and gets 404 — never 403 — for another brand's waybill, so the answer does not confirm the parcel exists.
A device token acts for the station it was issued for (or its user's assigned place) and pushes scans there.
"""

from __future__ import annotations

from jincun.core.api import ApiError, Caller
from jincun.core.choices import Role, TokenKind


def place_code_of(caller: Caller) -> str:
    """The hub / town node / station code the caller scans at ('' when none). A device token names its
    station in its device id (`<station code>/<device>`, see `jincun issue-token --device --station`)."""
    token = caller.token
    if token is not None and token.kind == TokenKind.DEVICE and "/" in token.device_id:
        return token.device_id.split("/", 1)[0]
    assignment = getattr(caller.user, "assignment", None) if caller.user is not None else None
    if assignment is None:
        return ""
    where = assignment.station or assignment.town_node or assignment.hub
    return where.code if where else ""


def require_brand(caller: Caller) -> int:
    if not caller.is_brand or caller.brand_id is None:
        raise ApiError(403, "brand_only", "仅快递品牌令牌可调用")
    return caller.brand_id


def require_scanner(caller: Caller) -> str:
    """Scans come from devices and operators at a place; brands push scans only through their own
    events (they have no place in the county)."""
    if caller.is_brand:
        return ""
    if not (
        caller.has_role(
            TokenKind.DEVICE, Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER, Role.VILLAGE_PROXY
        )
    ):
        raise ApiError(403, "forbidden", "无权推送扫描")
    return place_code_of(caller)
