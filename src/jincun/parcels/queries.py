"""Read-only queries and scoping: per brand, per station, per town node, per proxy's villages.

Every function returns a queryset or plain data; nothing here writes.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.core.masking import phone_tail
from jincun.network.models import Hub, Station, TownNode
from jincun.parcels.choices import Direction, HandoverStatus, Resolution, State
from jincun.parcels.models import HandoverList, Parcel, Problem, ScanEvent
from jincun.parcels.services.claims import AMBIGUOUS, owner_of
from jincun.parcels.services.places import BRAND_PREFIX, POSTAL_CODE, SERVICE_CENTER_PREFIX, place_of


def for_brand(brand_id):
    return Parcel.objects.filter(brand_id=brand_id)


def parcel_for(waybill: str, brand_id=None, *, within=None) -> Parcel | None:
    """The parcel with this waybill; scoped to a brand when `brand_id` is given and to the queryset `within`
    (a caller's scope); None when unknown or when several brands hold the number and none of their
    parcels is the owner (`claims.owner_of`)."""
    qs = (within if within is not None else Parcel.objects.all()).filter(
        waybill=(waybill or "").strip().upper()
    )
    if brand_id is not None:
        qs = qs.filter(brand_id=brand_id)
    found = owner_of(qs.select_related("brand", "village", "station")[:10])
    return None if found == AMBIGUOUS else found


def events_of(parcel):
    return ScanEvent.objects.filter(parcel=parcel).order_by("id")


def events_since(brand_id, cursor: int, limit: int):
    """A brand's events with id > cursor, oldest first (the pull API pages with the last id)."""
    return (
        ScanEvent.objects.filter(parcel__brand_id=brand_id, id__gt=cursor)
        .select_related("parcel")
        .order_by("id")[:limit]
    )


def at_station(station, query: str = ""):
    """Parcels on this station's shelves (and overdue ones still there), found by pickup code, phone tail
    (4 digits) or waybill; an empty query lists them all."""
    qs = Parcel.objects.filter(station=station, state__in=[State.AT_STATION, State.OVERDUE]).select_related(
        "brand", "village"
    )
    query = (query or "").strip().upper()
    if not query:
        return qs.order_by("pickup_code")
    if query.isdigit() and len(query) == 4:
        return qs.filter(recipient_phone__endswith=query)
    return qs.filter(Q(pickup_code=query) | Q(waybill=query))


# An inbound parcel routed to a station (its station is set at the hub sort) and not there yet, nearest first.
ON_THE_WAY = (State.TO_VILLAGE, State.AT_TOWN, State.TO_TOWN, State.SORTED)


def on_the_way_to(station, limit: int = 30) -> dict:
    """What is coming to this station: the count at each stage (`ON_THE_WAY`), and the parcels of the two
    nearest stages (on the village run, at the town node), oldest first, at most `limit` of them (a station's
    day at county scale is ~25 parcels; the card reloads after every scan)."""
    qs = Parcel.objects.filter(station=station, direction=Direction.INBOUND, state__in=ON_THE_WAY)
    counts = dict(qs.values_list("state").annotate(n=Count("id")).order_by())
    near = qs.filter(state__in=ON_THE_WAY[:2]).select_related("brand", "village")
    return {
        "stages": [{"state": s, "label": State(s).label, "count": counts.get(s, 0)} for s in ON_THE_WAY],
        "total": sum(counts.values()),
        "parcels": list(near.order_by("state_at", "id")[:limit]),
        "near": counts.get(State.TO_VILLAGE, 0) + counts.get(State.AT_TOWN, 0),
    }


def door_deliveries(station):
    return Parcel.objects.filter(station=station, state=State.TO_VILLAGE, deliver_to_door=True)


def waiting_at_service_center(node, village_codes=None):
    qs = Parcel.objects.filter(state=State.AT_SERVICE_CENTER).select_related("brand", "village")
    if node is not None:
        qs = qs.filter(town_node=node)
    if village_codes is not None:
        qs = qs.filter(village_id__in=list(village_codes))
    return qs.order_by("village_id", "pickup_code")


def service_center_counts(node) -> list[dict]:
    rows = (
        waiting_at_service_center(node)
        .values("village__name", "village_id")
        .annotate(count=Count("id"))
        .order_by("village_id")
    )
    return [{"village": r["village__name"], "code": r["village_id"], "count": r["count"]} for r in rows]


def proxies_with_waiting(node) -> list[dict]:
    """Village proxies with parcels waiting at this node's service center: user, villages, count."""
    from jincun.network.models import Assignment

    counts = {r["code"]: r for r in service_center_counts(node)}
    rows = []
    assignments = Assignment.objects.filter(villages__code__in=list(counts)).select_related("user").distinct()
    for assignment in assignments.prefetch_related("villages").order_by("user__username"):
        mine = [counts[v.code] for v in assignment.villages.all() if v.code in counts]
        rows.append(
            {
                "user": assignment.user,
                "villages": "、".join(r["village"] for r in mine),
                "count": sum(r["count"] for r in mine),
            }
        )
    return rows


def with_proxy(village_codes):
    return Parcel.objects.filter(
        state=State.WITH_PROXY, village_id__in=list(village_codes or [])
    ).select_related("brand", "village")


def _codes_of(place) -> set[str]:
    if place is None:
        return set()
    p = place_of(place)
    codes = {p.code}
    if isinstance(place, TownNode):
        codes.add(SERVICE_CENTER_PREFIX + place.code)
    return codes


def handovers_for(place, village_codes=None):
    """Lists that leave or reach this place (a proxy's: the ones they signed for their villages)."""
    codes = _codes_of(place)
    qs = HandoverList.objects.filter(Q(from_code__in=codes) | Q(to_code__in=codes))
    if village_codes and not codes:
        qs = HandoverList.objects.filter(items__parcel__village_id__in=list(village_codes)).distinct()
    return qs.order_by("-id")


def incoming_handovers(place, include_done: bool = False):
    qs = HandoverList.objects.filter(to_code__in=_codes_of(place))
    statuses = [HandoverStatus.DISPATCHED, HandoverStatus.DISCREPANCY]
    if include_done:
        statuses.append(HandoverStatus.RECONCILED)
    return qs.filter(status__in=statuses).order_by("-id")


def open_handovers_from(place):
    return HandoverList.objects.filter(from_code__in=_codes_of(place), status=HandoverStatus.OPEN).order_by(
        "-id"
    )


def handover_lines(handover) -> list[dict]:
    """One row per parcel on the list; not yet scanned at the other end is 在途 until check-in begins."""
    lines = []
    items = list(handover.items.select_related("parcel__brand", "parcel__village", "parcel__station"))
    checking = handover.status != HandoverStatus.DISPATCHED or any(i.arrived_at for i in items)
    for item in items:
        parcel = item.parcel
        if item.resolution:
            resolution = (
                Resolution(item.resolution).label if item.resolution in Resolution.values else item.resolution
            )
            status, tone = _("已处理：%(how)s") % {"how": resolution}, "info"
        elif item.extra:
            status, tone = _("多出"), "warn"
        elif item.arrived_at:
            status, tone = _("已到"), "ok"
        elif handover.status == HandoverStatus.OPEN:
            status, tone = _("已装车"), "info"
        elif not checking:
            status, tone = _("在途"), "info"
        else:
            status, tone = _("未到"), "error"
        if parcel.direction == Direction.OUTBOUND:  # going up to its brand, whatever station it left
            destination = _("交%(brand)s") % {"brand": parcel.brand.name}
        else:
            destination = getattr(parcel.station, "name", "") or getattr(parcel.village, "name", "")
        lines.append(
            {
                "waybill": parcel.waybill,
                "brand": parcel.brand.name,
                "destination": destination,
                "status": status,
                "tone": tone,
                "parcel_id": parcel.pk,
            }
        )
    return lines


def trunk_destinations(hub) -> list[dict]:
    """Where the hub can send a list: each town node, China Post, and brands (outbound)."""
    rows = [{"code": n.code, "name": n.name, "kind": "town_node"} for n in TownNode.objects.filter(hub=hub)]
    rows.append({"code": POSTAL_CODE, "name": _("中国邮政（邮快合作）"), "kind": "postal"})
    from jincun.network.models import Brand

    rows += [
        {
            "code": BRAND_PREFIX + b.code,
            "name": _("%(brand)s（上行交件）") % {"brand": b.name},
            "kind": "brand",
        }
        for b in Brand.objects.filter(active=True)
    ]
    return rows


def village_run_destinations(node, day: dt.date | None = None) -> list[dict]:
    """Where a town node can send a list: its stations in service on `day` (default today: a closed station,
    or one not yet opened, takes no village run) and the hub (upward)."""
    stations = (
        Station.objects.in_service_on(day or timezone.localdate()).filter(town_node=node).order_by("code")
    )
    rows = [{"code": s.code, "name": s.name, "kind": "station"} for s in stations]
    rows.append({"code": node.hub.code, "name": _("%(hub)s（上行）") % {"hub": node.hub.name}, "kind": "hub"})
    return rows


def problems_at(place):
    """Problems queued at a place (a hub sees its own queue; a town node also its service center's), and the
    differences found on lists this place sent (a trunk list's 缺件 at the town reaches the hub)."""
    qs = Problem.objects.select_related("parcel__brand")
    if place is None:
        return qs.none()
    codes = _codes_of(place)
    sent = Q(handover__from_code__in=codes)
    if isinstance(place, Hub):
        return qs.filter(Q(place_code=place.code) | Q(tier="hub") | sent)
    return qs.filter(Q(place_code__in=codes) | sent)


def find_for_villager(tail: str, code_or_waybill: str) -> Parcel | None:
    """Phone tail (4 digits) + pickup code or waybill → the one matching inbound parcel, else None."""
    tail, key = (tail or "").strip(), (code_or_waybill or "").strip().upper()
    if len(tail) != 4 or not tail.isdigit() or not key:
        return None
    qs = Parcel.objects.filter(direction=Direction.INBOUND, recipient_phone__endswith=tail)
    found = list(qs.filter(Q(pickup_code=key) | Q(waybill=key)).order_by("-id")[:2])
    match = [p for p in found if phone_tail(p.recipient_phone) == tail]
    return match[0] if len(match) == 1 else None


lookup_for_villager = find_for_villager


def parcels_in_scope(*, hub=None, town_node=None, station=None, village_codes=None):
    """The parcels a staff member may look up: a hub its county's (every parcel routed through its town nodes,
    and those not routed yet), a town node its own, a station its own, a proxy its villages'."""
    qs = Parcel.objects.select_related("brand", "village", "station", "town_node")
    if station is not None:
        return qs.filter(station=station)
    if town_node is not None:
        return qs.filter(town_node=town_node)
    if hub is not None:
        return qs.filter(Q(town_node__hub=hub) | Q(town_node__isnull=True))
    if village_codes:
        return qs.filter(village_id__in=list(village_codes))
    return qs.none()


def search_parcels(scope, query: str, limit: int = 50):
    """Staff search inside `scope`: a waybill, a pickup code, or a phone tail (the last 4 digits)."""
    text = (query or "").strip().upper()[:40]
    if not text:
        return scope.none()
    found = Q(waybill=text) | Q(pickup_code=text)
    if text.isdigit() and len(text) == 4:
        found |= Q(recipient_phone__endswith=text)
    return scope.filter(found).order_by("-id")[:limit]


def hub_board(hub) -> list[dict]:
    """At the hub now: inbound parcels sorted but not on any list yet, per destination (chute), with counts
    per brand; the oldest sort time shows how long they have waited."""
    from django.db.models import Min

    from jincun.parcels.models import HandoverItem

    on_lists = HandoverItem.objects.filter(
        parcel=models.OuterRef("pk"), handover__from_code=hub.code, handover__status=HandoverStatus.OPEN
    )
    rows = (
        Parcel.objects.filter(direction=Direction.INBOUND, state=State.SORTED)
        .filter(Q(town_node__hub=hub) | Q(route_kind="postal"))
        .annotate(loaded=models.Exists(on_lists))
        .filter(loaded=False)
        .values("route_kind", "route_code", "town_node__name", "brand__name")
        .annotate(count=Count("id"), since=Min("state_at"))
        .order_by("route_code", "brand__name")
    )
    board: dict[str, dict] = {}
    for r in rows:
        key = r["route_code"] or "-"
        name = _("中国邮政（邮快合作）") if r["route_kind"] == "postal" else (r["town_node__name"] or key)
        if r["route_kind"] == "service_center":
            name = _("%(node)s（便民服务中心）") % {"node": name}
        entry = board.setdefault(
            key, {"code": key, "name": name, "count": 0, "brands": [], "since": r["since"]}
        )
        entry["count"] += r["count"]
        entry["brands"].append(f"{r['brand__name']} {r['count']}")
        entry["since"] = min(entry["since"], r["since"]) if entry["since"] and r["since"] else entry["since"]
    outbound = (
        Parcel.objects.filter(direction=Direction.OUTBOUND, state=State.AT_HUB)
        .values("brand__code", "brand__name")
        .annotate(count=Count("id"), since=Min("state_at"))
        .order_by("brand__code")
    )
    for r in outbound:
        key = BRAND_PREFIX + r["brand__code"]
        board[key] = {"code": key, "name": _("%(brand)s（上行交件）") % {"brand": r["brand__name"]}, "count": r["count"],
                      "brands": [], "since": r["since"]}  # fmt: skip
    return sorted(board.values(), key=lambda e: -e["count"])


def filter_handovers(qs, *, status: str = "", kind: str = "", day=None, number: str = ""):
    """Narrow a place's lists by status, kind, the day opened (Asia/Shanghai) and a number fragment."""
    from jincun.parcels.choices import HandoverKind

    if status in HandoverStatus.values:
        qs = qs.filter(status=status)
    if kind in HandoverKind.values:
        qs = qs.filter(kind=kind)
    if day is not None:
        qs = qs.filter(opened_at__date=day)
    if number:
        qs = qs.filter(number__icontains=number.strip()[:32])
    return qs
