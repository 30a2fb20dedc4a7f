"""Sort targets at the hub: from the parcel's village and its brand's agreement (the addressing seam)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from jincun.core.bulk import share_related
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
    return _best(
        qs.filter(Q(village=village) | Q(town_id=village.parent_id)).select_related("station", "town_node")
    )


def _best(agreements):
    return min(agreements, key=lambda a: (a.village_id is None, -a.valid_from.toordinal()), default=None)


def _attach(agreements, name: str, queryset) -> None:
    """The agreements' `name` objects read once each and shared (a county's agreements go through a few
    hundred stations: building one per agreement took half the time of a county's targets)."""
    attname = Agreement._meta.get_field(name).attname
    share_related(agreements, name, queryset.in_bulk({getattr(a, attname) for a in agreements} - {None}))


class Targets:
    """Sort targets for a batch of (brand, village) pairs on one day, from three bulk reads; `target(p)`
    is the one spelling of the rule for a single parcel and for a batch."""

    def __init__(self, pairs, day):
        pairs = [(b, v) for b, v in pairs if v is not None]
        villages = {v.code: v for _, v in pairs}
        towns = {v.parent_id for v in villages.values()}
        self.by_pair: dict = defaultdict(list)
        qs = Agreement.objects.valid_on(day).filter(brand_id__in={b for b, _ in pairs})
        agreements = list(qs.filter(Q(village_id__in=villages) | Q(town_id__in=towns)))
        _attach(agreements, "station", Station.objects.select_related("town_node"))
        _attach(agreements, "town_node", TownNode.objects.all())
        for a in agreements:
            self.by_pair[(a.brand_id, a.village_id or a.town_id)].append(a)
        self.nodes: dict = {}
        for node in TownNode.objects.filter(town_id__in=towns).order_by("id"):
            self.nodes.setdefault(node.town_id, node)
        self.stations: dict = {}
        in_service = Station.objects.in_service_on(day).filter(village_id__in=villages)
        for station in in_service.select_related("town_node").order_by("id"):
            self.stations.setdefault(station.village_id, station)

    def agreement(self, brand_id, village):
        found = self.by_pair.get((brand_id, village.code), []) + self.by_pair.get(
            (brand_id, village.parent_id), []
        )
        return _best(found)

    def target(self, parcel) -> SortTarget:
        """Where the hub sends this parcel. Without an agreement, a station in service in the village still
        takes it through its town node (the joint network carries every brand). An outbound parcel goes to
        its brand's hand-over chute."""
        if parcel.direction == Direction.OUTBOUND:
            return outbound_target(parcel)
        village = parcel.village
        if village is None:
            return UNROUTED
        agreement = self.agreement(parcel.brand_id, village)
        if agreement is not None and agreement.mode == Mode.POSTAL:
            return SortTarget(RouteKind.POSTAL, POSTAL_CODE, f"邮政邮路（{village.name}）", agreement)
        if agreement is not None and agreement.mode == Mode.PROXY:
            node = agreement.town_node or self.nodes.get(village.parent_id)
            if node is not None:
                name = node.service_center_name or f"{node.name}便民服务中心"
                return SortTarget(
                    RouteKind.SERVICE_CENTER, SERVICE_CENTER_PREFIX + node.code, name, agreement, node
                )
        station = agreement.station if agreement is not None else None
        if station is None:
            station = self.stations.get(village.code)
        if station is None:
            return UNROUTED
        node = station.town_node
        return SortTarget(RouteKind.TOWN, node.code, node.name, agreement, node, station)


def compute_target(parcel, day=None) -> SortTarget:
    """Where the hub sends this parcel (see `Targets.target`)."""
    day = day or timezone.localdate()
    return Targets([(parcel.brand_id, parcel.village)], day).target(parcel)


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
