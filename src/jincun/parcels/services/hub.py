"""Page scans and the hub's scan-in + sort."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jincun.network.models import Hub
from jincun.parcels.choices import Direction, RouteKind, State
from jincun.parcels.models import Parcel
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.routing import compute_target
from jincun.parcels.services.scans import apply_event


def find_parcel(waybill: str, brand=None):
    """The parcel with this waybill (scoped to `brand` if given); None when unknown or ambiguous."""
    qs = Parcel.objects.filter(waybill=(waybill or "").strip().upper()[:40]).select_related(
        "brand", "village"
    )
    if brand is not None:
        qs = qs.filter(brand=brand)
    found = list(qs[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def record_scan(
    waybill, event_type, *, place=None, operator=None, brand=None, at=None, note=""
) -> ScanOutcome:
    """A scan typed on a page. At a hub, an inbound scan-in (`at_hub`) also sorts the parcel."""
    parcel = find_parcel(waybill, brand)
    if parcel is None:
        return refused("unknown_waybill", "未找到该运单")
    outcome = apply_event(parcel, event_type, place=place, operator=operator, at=at, note=note)
    at_hub = event_type == State.AT_HUB and parcel.state == State.AT_HUB and outcome.status == "accepted"
    if at_hub and parcel.direction == Direction.INBOUND and isinstance(place, Hub):
        sort_parcel(parcel, place=place, operator=operator, at=at)
    return outcome


def sort_parcel(parcel, *, place=None, operator=None, at=None) -> ScanOutcome:
    """Store the sort target on the parcel and record `sorted`; an unrouted parcel stays at the hub."""
    target = compute_target(parcel, timezone.localdate(at) if at else None)
    parcel.route_kind, parcel.route_code = target.kind, target.code
    if target.town_node is not None:
        parcel.town_node = target.town_node
    if target.station is not None:
        parcel.station = target.station
    Parcel.objects.filter(pk=parcel.pk).update(
        route_kind=parcel.route_kind,
        route_code=parcel.route_code,
        town_node=parcel.town_node,
        station=parcel.station,
    )
    if target.kind == RouteKind.UNROUTED:
        return refused("unrouted", "地址未能定位到村：放入异常格口", parcel)
    return apply_event(parcel, State.SORTED, place=place, operator=operator, at=at)


@transaction.atomic
def hub_scan_in(hub, waybill, operator=None, *, at=None) -> ScanOutcome:
    """到件 at the hub, inbound or outbound; inbound parcels are sorted at once."""
    return record_scan(waybill, State.AT_HUB, place=hub, operator=operator, at=at)
