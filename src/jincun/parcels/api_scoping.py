"""What a caller may touch in the parcel endpoints.

A brand token (or brand user) acts for its brand only: it manifests its own parcels, pulls its own events,
and gets 404 — never 403 — for another brand's waybill, so the answer does not confirm the parcel exists.
A device token acts for the station it was issued for (or its user's assigned place) and pushes scans there.
"""

from __future__ import annotations

from jincun.core.api import ApiError, Caller
from jincun.core.choices import Role, TokenKind


def place_code_of(caller: Caller) -> str:
    """The hub / town node / station code the caller scans at ('' when none). A device token sits at its
    `station` (`jincun issue-token --device --station`)."""
    token = caller.token
    if token is not None and token.kind == TokenKind.DEVICE and token.station_id:
        return token.station.code
    assignment = getattr(caller.user, "assignment", None) if caller.user is not None else None
    if assignment is None:
        return ""
    where = assignment.station or assignment.town_node or assignment.hub
    return where.code if where else ""


def station_id_of(caller: Caller) -> int | None:
    """The station a device or station keeper works at: its scans touch only parcels of that station."""
    token = caller.token
    if token is not None and token.kind == TokenKind.DEVICE and token.station_id:
        return token.station_id
    assignment = getattr(caller.user, "assignment", None) if caller.user is not None else None
    if assignment is not None and getattr(caller.user, "role", None) == Role.STATION_KEEPER:
        return assignment.station_id
    return None


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
    place = place_code_of(caller)
    if not place and caller.token is not None and caller.token.kind == TokenKind.DEVICE:
        raise ApiError(403, "device_without_place", "该设备令牌未绑定站点，不能推送扫描")
    return place
