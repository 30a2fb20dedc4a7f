"""Sort targets at the hub: from the parcel's village and its brand's agreement (the addressing seam)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from jincun.network.choices import Mode
from jincun.network.models import Agreement, Station, TownNode
from jincun.parcels.choices import Direction, RouteKind
from jincun.parcels.services.places import BRAND_PREFIX, POSTAL_CODE, SERVICE_CENTER_PREFIX


@dataclass(frozen=True)
class SortTarget:
    """kind: town / postal / service_center / unrouted; code: town node code, `POST`, or `SC:`node code."""

    kind: str
    code: str
    name: str
    agreement: object = None
    town_node: object = None
    station: object = None


UNROUTED = SortTarget(RouteKind.UNROUTED, "", "未定位到村（异常格口）")
BRAND_CHUTE = "brand"  # an outbound parcel's target kind at the hub (not stored: outbound is never sorted)


def outbound_target(parcel) -> SortTarget:
    """An outbound parcel at the hub goes to its brand's hand-over chute, never back toward its village."""
    brand = parcel.brand
    return SortTarget(BRAND_CHUTE, BRAND_PREFIX + brand.code, f"{brand.name}（上行交件）")


def sort_warnings(parcel) -> list[str]:
    """What the sorter must check by hand: a waybill flagged at import as failing its brand's number rule."""
    if parcel.brand_mismatch:
        return [f"单号不符合{parcel.brand.name}的单号规则：核对面单品牌"]
    return []


def agreement_for(brand_id, village, day):
    """The brand's agreement for the village on `day`; a village agreement wins over a town-wide one."""
    qs = Agreement.objects.valid_on(day).filter(brand_id=brand_id)
    qs = qs.filter(Q(village=village) | Q(town_id=village.parent_id)).select_related("station", "town_node")
    return min(qs, key=lambda a: (a.village_id is None, -a.valid_from.toordinal()), default=None)


def compute_target(parcel, day=None) -> SortTarget:
    """Where the hub sends this parcel. Without an agreement, a station in service in the village still
    takes it through its town node (the joint network carries every brand)."""
    if parcel.direction == Direction.OUTBOUND:
        return outbound_target(parcel)
    village = parcel.village
    if village is None:
        return UNROUTED
    day = day or timezone.localdate()
    agreement = agreement_for(parcel.brand_id, village, day)
    if agreement is not None and agreement.mode == Mode.POSTAL:
        return SortTarget(RouteKind.POSTAL, POSTAL_CODE, f"邮政邮路（{village.name}）", agreement)
    if agreement is not None and agreement.mode == Mode.PROXY:
        node = agreement.town_node or TownNode.objects.filter(town_id=village.parent_id).first()
        if node is not None:
            name = node.service_center_name or f"{node.name}便民服务中心"
            return SortTarget(
                RouteKind.SERVICE_CENTER, SERVICE_CENTER_PREFIX + node.code, name, agreement, node
            )
    station = agreement.station if agreement is not None else None
    if station is None:
        station = (
            Station.objects.in_service_on(day).filter(village=village).select_related("town_node").first()
        )
    if station is None:
        return UNROUTED
    node = station.town_node
    return SortTarget(RouteKind.TOWN, node.code, node.name, agreement, node, station)


def sort_target(parcel) -> SortTarget:
    """The target stored on the parcel when it was sorted, else computed now (nothing is written)."""
    if parcel.direction == Direction.OUTBOUND:
        return outbound_target(parcel)
    if parcel.route_kind == RouteKind.UNROUTED or (not parcel.route_kind and parcel.village_id is None):
        return UNROUTED
    if parcel.route_kind == RouteKind.POSTAL:
        return SortTarget(RouteKind.POSTAL, POSTAL_CODE, f"邮政邮路（{getattr(parcel.village, 'name', '')}）")
    if parcel.route_kind == RouteKind.SERVICE_CENTER and parcel.town_node is not None:
        node = parcel.town_node
        name = node.service_center_name or f"{node.name}便民服务中心"
        return SortTarget(RouteKind.SERVICE_CENTER, parcel.route_code, name, town_node=node)
    if parcel.route_kind == RouteKind.TOWN and parcel.town_node is not None:
        return SortTarget(
            RouteKind.TOWN, parcel.route_code, parcel.town_node.name, None, parcel.town_node, parcel.station
        )
    return compute_target(parcel)
