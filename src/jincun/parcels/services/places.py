"""Where a scan happens: a hub, a town node (or its service center), a station, China Post, a brand."""

from __future__ import annotations

from dataclasses import dataclass

from jincun.network.models import Hub, Station, TownNode
from jincun.parcels.choices import PlaceKind

POSTAL_CODE = "POST"
SERVICE_CENTER_PREFIX = "SC:"
# A brand's outbound hand-over as a destination code: China Post's brand code is also POSTAL_CODE, so the
# upward hand-over to China Post and the 邮快合作 list must not share a value.
BRAND_PREFIX = "BRAND:"


@dataclass(frozen=True)
class Place:
    kind: str
    code: str
    name: str
    obj: object = None


def place_of(obj, *, service_center: bool = False) -> Place:
    """A Place from a model instance, a Place, or a code string (hub, town node, `SC:`node, station)."""
    if obj is None:
        return Place(PlaceKind.OTHER, "", "")
    if isinstance(obj, Place):
        return obj
    if isinstance(obj, Hub):
        return Place(PlaceKind.HUB, obj.code, obj.name, obj)
    if isinstance(obj, TownNode):
        if service_center:
            name = obj.service_center_name or f"{obj.name}便民服务中心"
            return Place(PlaceKind.SERVICE_CENTER, SERVICE_CENTER_PREFIX + obj.code, name, obj)
        return Place(PlaceKind.TOWN_NODE, obj.code, obj.name, obj)
    if isinstance(obj, Station):
        return Place(PlaceKind.STATION, obj.code, obj.name, obj)
    return resolve_codes([str(obj)]).get(str(obj)) or Place(PlaceKind.OTHER, str(obj)[:40], str(obj)[:64])


def resolve_codes(codes) -> dict[str, Place]:
    """Place per code for a batch, three queries at most."""
    codes = {c for c in codes if c}
    found: dict[str, Place] = {}
    if not codes:
        return found
    for hub in Hub.objects.filter(code__in=codes):
        found[hub.code] = place_of(hub)
    plain = {c.removeprefix(SERVICE_CENTER_PREFIX) for c in codes - set(found)}
    for node in TownNode.objects.filter(code__in=plain):
        if node.code in codes:
            found[node.code] = place_of(node)
        if SERVICE_CENTER_PREFIX + node.code in codes:
            found[SERVICE_CENTER_PREFIX + node.code] = place_of(node, service_center=True)
    for station in Station.objects.filter(code__in=codes - set(found)):
        found[station.code] = place_of(station)
    if POSTAL_CODE in codes:
        found[POSTAL_CODE] = Place(PlaceKind.POSTAL, POSTAL_CODE, "中国邮政")
    return found
