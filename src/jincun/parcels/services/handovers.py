"""Handover lists (交接单): open, load, close (dispatch), check in at the other end, reconcile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from jincun.core.bulk import insert_rows
from jincun.network.models import Brand, Hub, Station, TownNode
from jincun.parcels.choices import Direction, HandoverKind, HandoverStatus, PlaceKind, RouteKind, State
from jincun.parcels.county import county_of
from jincun.parcels.models import HandoverItem, HandoverList
from jincun.parcels.services.hub import clean_waybill, find_parcels, sort_parcels
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import BRAND_PREFIX, POSTAL_CODE, Place, place_of
from jincun.parcels.services.problems import open_problem
from jincun.parcels.services.scans import Move, apply_events
from jincun.parcels.services.sequences import take

DISPATCH_STATE = {
    HandoverKind.TRUNK: State.TO_TOWN,
    HandoverKind.POSTAL: State.TO_POSTAL,
    HandoverKind.VILLAGE_RUN: State.TO_VILLAGE,
    HandoverKind.UP_TOWN: State.TO_TOWN,
    HandoverKind.UP_HUB: State.TO_HUB,
    HandoverKind.TO_BRAND: State.HANDED_TO_BRAND,
}
ARRIVAL_STATE = {
    HandoverKind.TRUNK: State.AT_TOWN,
    HandoverKind.UP_TOWN: State.AT_TOWN,
    HandoverKind.UP_HUB: State.AT_HUB,
}
SIGNED_ON_DISPATCH = {HandoverKind.POSTAL, HandoverKind.TO_BRAND}


def _destination(from_place: Place, to_code: str) -> tuple[str, Place] | None:
    """The list kind and the destination place, or None when the pair makes no sense."""
    return _destinations([(from_place, to_code)])[0]


def _destinations(pairs) -> list[tuple[str, Place] | None]:
    """`_destination` for a batch of (origin place, destination code): three reads whatever the size."""
    node_codes = {c for o, c in pairs if isinstance(o.obj, Hub)}
    station_codes = {c for o, c in pairs if isinstance(o.obj, TownNode)}
    nodes = (
        {(n.hub_id, n.code): n for n in TownNode.objects.filter(code__in=node_codes)} if node_codes else {}
    )
    stations = (
        {(s.town_node_id, s.code): s for s in Station.objects.filter(code__in=station_codes)}
        if station_codes
        else {}
    )
    brands = {b.code: b for b in Brand.objects.all()} if node_codes else {}
    found = []
    for from_place, to_code in pairs:
        obj = from_place.obj
        if isinstance(obj, Hub):
            node = nodes.get((obj.pk, to_code))
            if to_code.startswith(BRAND_PREFIX):
                found.append(_brand_destination(brands.get(to_code.removeprefix(BRAND_PREFIX))))
            elif to_code == POSTAL_CODE:
                found.append((HandoverKind.POSTAL, Place(PlaceKind.POSTAL, POSTAL_CODE, "中国邮政")))
            elif node is not None:
                found.append((HandoverKind.TRUNK, place_of(node)))
            else:
                found.append(_brand_destination(brands.get(to_code)))
        elif isinstance(obj, TownNode):
            station = stations.get((obj.pk, to_code))
            if station is not None:
                found.append((HandoverKind.VILLAGE_RUN, place_of(station)))
            elif obj.hub.code == to_code:
                found.append((HandoverKind.UP_HUB, place_of(obj.hub)))
            else:
                found.append(None)
        elif isinstance(obj, Station) and obj.town_node.code == to_code:
            found.append((HandoverKind.UP_TOWN, place_of(obj.town_node)))
        else:
            found.append(None)
    return found


def _origin(handover) -> Place:
    """The list's origin as recorded on it (no lookup: the list carries kind, code and name)."""
    return Place(handover.from_kind, handover.from_code, handover.from_name)


def _brand_destination(brand) -> tuple[str, Place] | None:
    """The outbound hand-over to a brand (`BRAND:<code>`; a plain brand code other than `POST` also works)."""
    if brand is None:
        return None
    return HandoverKind.TO_BRAND, Place(PlaceKind.BRAND, brand.code, brand.name, brand)


def carrier_refusal(carrier: str) -> str:
    """Why a list may not be sealed: every hand-off is signed by the one who carries it (司机/承运人)."""
    return "" if (carrier or "").strip() else gettext("封车交出须填写承运人（司机）姓名")


def _number(kind: str, now) -> str:
    """`JJ<local date>-<5 digits>`, from the day's counter (atomic: two workers never share a number)."""
    prefix = f"JJ{timezone.localtime(now):%Y%m%d}-"
    issued = HandoverList.objects.filter(number__gt=prefix, number__lt=prefix + "~")
    (value,) = take(f"handover:{prefix}", issued_before=issued.count)
    return f"{prefix}{value:05d}"


@transaction.atomic
def open_handover(from_place, to_place_code: str, operator=None, *, at=None) -> HandoverList:
    """A new list from a hub/node/station to a destination code. Raises ValueError for an unknown pair."""
    now = at or timezone.now()
    origin = place_of(from_place)
    found = _destination(origin, str(to_place_code or "").strip())
    if found is None:
        raise ValueError(f"不能从 {origin.name} 发往 {to_place_code}")
    kind, target = found
    return HandoverList.objects.create(
        number=_number(kind, now),
        kind=kind,
        county=county_of(from_place),
        from_kind=origin.kind,
        from_code=origin.code,
        from_name=origin.name,
        to_kind=target.kind,
        to_code=target.code,
        to_name=target.name,
        opened_by=operator if getattr(operator, "pk", None) else None,
        opened_at=now,
    )


def _eligible(handover: HandoverList, parcel) -> tuple[str, str] | None:
    """(reason, message) when this parcel may not go on this list."""
    kind = handover.kind
    if kind in (HandoverKind.TRUNK, HandoverKind.POSTAL, HandoverKind.VILLAGE_RUN):
        if parcel.direction != Direction.INBOUND:
            return "wrong_direction", gettext("上行件不能装下行交接单")
    elif parcel.direction != Direction.OUTBOUND:
        return "wrong_direction", gettext("下行件不能装上行交接单")
    need = {
        HandoverKind.TRUNK: State.SORTED,
        HandoverKind.POSTAL: State.SORTED,
        HandoverKind.VILLAGE_RUN: State.AT_TOWN,
        HandoverKind.UP_TOWN: State.COLLECTED,
        HandoverKind.UP_HUB: State.AT_TOWN,
        HandoverKind.TO_BRAND: State.AT_HUB,
    }[kind]
    if parcel.state != need:
        return "wrong_state", gettext("当前状态为「%(state)s」，不能装此单") % {
            "state": parcel.get_state_display()
        }
    if kind == HandoverKind.TRUNK and (
        parcel.route_kind not in (RouteKind.TOWN, RouteKind.SERVICE_CENTER)
        or getattr(parcel.town_node, "code", "") != handover.to_code
    ):
        return "wrong_destination", gettext("分拣去向不是%(place)s") % {"place": handover.to_name}
    if kind == HandoverKind.POSTAL and parcel.route_kind != RouteKind.POSTAL:
        return "wrong_destination", gettext("不是邮快合作件")
    if kind == HandoverKind.VILLAGE_RUN and getattr(parcel.station, "code", "") != handover.to_code:
        return "wrong_destination", gettext("收件站点不是%(place)s") % {"place": handover.to_name}
    if kind == HandoverKind.TO_BRAND and parcel.brand.code != handover.to_code:
        return "wrong_destination", gettext("品牌不是%(place)s") % {"place": handover.to_name}
    return None


@transaction.atomic
def load_parcels(handover: HandoverList, waybills, operator=None) -> list[ScanOutcome]:
    """Put a batch of parcels on an open list (装车): one read of the parcels and of the list's items, one
    bulk insert of items. A hub parcel not yet sorted is sorted first."""
    handover = HandoverList.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandoverStatus.OPEN:
        return [refused("list_closed", gettext("交接单已交出，不能再装")) for _ in waybills]
    parcels = find_parcels(waybills, lock=True)
    on_list = set(HandoverItem.objects.filter(handover=handover).values_list("parcel_id", flat=True))
    unsorted = {
        p.pk: p for p in parcels.values()
        if p.state == State.AT_HUB and p.direction == Direction.INBOUND and p.pk not in on_list
    }  # fmt: skip
    if unsorted:
        sort_parcels(
            list(unsorted.values()),
            place=_origin(handover),
            operator=operator,
            at=max(p.state_at for p in unsorted.values()),
            lock=False,
        )  # locked by find_parcels
    outcomes, items, now = [], [], timezone.now()
    for waybill in waybills:
        parcel = parcels.get(clean_waybill(waybill))
        if parcel is None:
            outcomes.append(refused("unknown_waybill", gettext("未找到该运单")))
        elif parcel.pk in on_list:
            outcomes.append(ScanOutcome("duplicate", "already_loaded", gettext("已在单上"), parcel=parcel))
        elif bad := _eligible(handover, parcel):
            outcomes.append(refused(*bad, parcel))
        else:
            on_list.add(parcel.pk)
            items.append(
                HandoverItem(handover=handover, parcel=parcel, loaded_at=now, county=handover.county)
            )
            outcomes.append(ScanOutcome("accepted", parcel=parcel))
    insert_rows(items)
    if items:
        HandoverList.objects.filter(pk=handover.pk).update(
            expected_count=handover.items.filter(expected=True).count()
        )
    return outcomes


def load_parcel(handover: HandoverList, waybill: str, operator=None) -> ScanOutcome:
    """Put a parcel on an open list (装车): a batch of one."""
    return load_parcels(handover, [waybill], operator)[0]


@transaction.atomic
def close_handover(handover: HandoverList, operator=None, carrier: str = "", *, at=None) -> HandoverList:
    """Hand the list over (交出): every parcel on it moves on. Postal and brand lists are signed on the spot.
    Raises ValueError when no carrier (driver) is named."""
    handover = HandoverList.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandoverStatus.OPEN:
        return handover
    if why := carrier_refusal(carrier):
        raise ValueError(why)
    now = at or timezone.now()
    origin = _origin(handover)
    items = list(handover.items.select_related("parcel__brand"))
    state = DISPATCH_STATE[handover.kind]
    apply_events([Move(item.parcel, state, now, origin, handover) for item in items], operator)
    handover.status = HandoverStatus.DISPATCHED
    handover.dispatched_at, handover.carrier = now, carrier[:64]
    handover.handed_over_by = operator if getattr(operator, "pk", None) else None
    handover.expected_count = len(items)
    if handover.kind in SIGNED_ON_DISPATCH:
        handover.status, handover.received_at = HandoverStatus.RECONCILED, now
        handover.received_count = len(items)
        HandoverItem.objects.filter(handover=handover).update(arrived_at=now)
    handover.save()
    return handover


@dataclass
class ListLoad:
    """One list for `dispatch_many`: from `origin` (hub, node, station) to `to_code`, the parcels loaded,
    sealed by `carrier`; `opened_at`/`closed_at` default to now."""

    origin: object
    to_code: str
    waybills: list
    carrier: str
    opened_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None


@transaction.atomic
def dispatch_many(loads: list[ListLoad], operator=None) -> list[tuple[HandoverList, list[ScanOutcome]]]:
    """Open, load and seal many lists at once (the hub's morning trunks, a node's village runs): the outcome
    per list and parcel is what `open_handover`, `load_parcels` and `close_handover` give list after list,
    in a few statements for the whole batch (one read of the parcels, one insert of the lists, one of the
    items, one batch of events). Raises ValueError, before writing anything, for an unknown pair or a
    list without a carrier."""
    now = timezone.now()
    origins = [place_of(load.origin) for load in loads]
    found = _destinations(
        [(o, str(load.to_code or "").strip()) for o, load in zip(origins, loads, strict=True)]
    )
    for origin, load, target in zip(origins, loads, found, strict=True):
        if target is None:
            raise ValueError(f"不能从 {origin.name} 发往 {load.to_code}")
        if why := carrier_refusal(load.carrier):
            raise ValueError(why)
    lists = _new_lists(loads, origins, found, operator, now)
    parcels = find_parcels([w for load in loads for w in load.waybills], lock=True)
    _sort_unsorted_at_hub(loads, lists, parcels, operator)
    results, items, moves, after = [], [], [], {}
    for load, handover in zip(loads, lists, strict=True):
        outcomes, on_list = [], set()
        closed = load.closed_at or now
        for waybill in load.waybills:
            parcel = parcels.get(clean_waybill(waybill))
            if parcel is None:
                outcomes.append(refused("unknown_waybill", "未找到该运单"))
            elif parcel.pk in on_list:
                outcomes.append(ScanOutcome("duplicate", "already_loaded", "已在单上", parcel=parcel))
            elif bad := _eligible_after(handover, parcel, after):
                outcomes.append(refused(*bad, parcel))
            else:
                on_list.add(parcel.pk)
                arrived = closed if handover.kind in SIGNED_ON_DISPATCH else None
                items.append(
                    HandoverItem(  # the ids only: nothing reads the items back here
                        handover_id=handover.pk,
                        parcel_id=parcel.pk,
                        loaded_at=now,
                        arrived_at=arrived,
                        county=handover.county,
                    )
                )
                moves.append(Move(parcel, DISPATCH_STATE[handover.kind], closed, _origin(handover), handover))
                after[parcel.pk] = DISPATCH_STATE[handover.kind]
                outcomes.append(ScanOutcome("accepted", parcel=parcel))
        handover.expected_count = len(on_list)
        if handover.kind in SIGNED_ON_DISPATCH:
            handover.received_count = len(on_list)
        results.append((handover, outcomes))
    insert_rows(items)
    _store_counts(lists)
    apply_events(moves, operator, lock=False)
    return results


def _new_lists(loads, origins, found, operator, now) -> list[HandoverList]:
    """The batch's lists, stored sealed (nothing reads them between opening and sealing), numbered from one
    reservation per day."""
    by_prefix: dict[str, int] = {}
    for load in loads:
        prefix = f"JJ{timezone.localtime(load.opened_at or now):%Y%m%d}-"
        by_prefix[prefix] = by_prefix.get(prefix, 0) + 1
    numbers = {}
    for prefix, n in by_prefix.items():
        issued = HandoverList.objects.filter(number__gt=prefix, number__lt=prefix + "~")
        numbers[prefix] = iter(take(f"handover:{prefix}", n, issued_before=issued.count))
    who = operator if getattr(operator, "pk", None) else None
    lists = []
    for load, origin, (kind, target) in zip(loads, origins, found, strict=True):
        opened, closed = load.opened_at or now, load.closed_at or now
        prefix = f"JJ{timezone.localtime(opened):%Y%m%d}-"
        signed = kind in SIGNED_ON_DISPATCH
        lists.append(HandoverList(
            number=f"{prefix}{next(numbers[prefix]):05d}", kind=kind,
            status=HandoverStatus.RECONCILED if signed else HandoverStatus.DISPATCHED,
            from_kind=origin.kind, from_code=origin.code, from_name=origin.name,
            to_kind=target.kind, to_code=target.code, to_name=target.name,
            opened_by=who, handed_over_by=who, opened_at=opened, dispatched_at=closed,
            carrier=load.carrier[:64], received_at=closed if signed else None, county=county_of(load.origin),
        ))  # fmt: skip
    insert_rows(lists)
    if lists and lists[0].pk is None:  # a backend without RETURNING: read the ids back
        ids = dict(
            HandoverList.objects.filter(number__in=[h.number for h in lists]).values_list("number", "id")
        )
        for h in lists:
            h.pk = ids[h.number]
    return lists


def _sort_unsorted_at_hub(loads, lists, parcels, operator) -> None:
    """As `load_parcels`: an inbound parcel loaded at the hub but not yet sorted is sorted first."""
    unsorted = {}
    for load, handover in zip(loads, lists, strict=True):
        if handover.from_kind != PlaceKind.HUB:
            continue
        for waybill in load.waybills:
            p = parcels.get(clean_waybill(waybill))
            if p is not None and p.state == State.AT_HUB and p.direction == Direction.INBOUND:
                unsorted.setdefault(p.pk, (p, handover))
    by_list: dict = {}
    for p, handover in unsorted.values():
        by_list.setdefault(handover.pk, (handover, []))[1].append(p)
    for handover, group in by_list.values():
        sort_parcels(group, place=_origin(handover), operator=operator, at=max(p.state_at for p in group))


def _eligible_after(handover, parcel, after: dict) -> tuple[str, str] | None:
    """`_eligible`, judged on the state the parcel will have once the batch's earlier lists are sealed."""
    if parcel.pk not in after:
        return _eligible(handover, parcel)
    state = parcel.state
    parcel.state = after[parcel.pk]
    try:
        return _eligible(handover, parcel)
    finally:
        parcel.state = state


def _store_counts(lists) -> None:
    rows = [(h.expected_count, h.received_count, h.pk) for h in lists]
    with connection.cursor() as cur:
        cur.executemany(
            f"UPDATE {HandoverList._meta.db_table} SET expected_count = %s, received_count = %s WHERE id = %s",
            rows,
        )


@transaction.atomic
def check_in_many(handover: HandoverList, waybills, operator=None, *, at=None) -> list[ScanOutcome]:
    """Parcels scanned at the destination: ticked off the list, or recorded as extra (`extra=True`).
    Trunk and outbound lists record the arrival (at_town / at_hub) for the batch in one bulk insert."""
    handover = HandoverList.objects.select_for_update().get(pk=handover.pk)
    if handover.status not in (HandoverStatus.DISPATCHED, HandoverStatus.DISCREPANCY):
        return [refused("list_not_dispatched", gettext("交接单尚未交出或已核对完毕")) for _ in waybills]
    parcels = find_parcels(waybills, lock=True)
    now = at or timezone.now()
    items = {
        i.parcel_id: i for i in HandoverItem.objects.filter(handover=handover, parcel__in=parcels.values())
    }
    outcomes, ticked, extras = [], [], []
    for waybill in waybills:
        parcel = parcels.get(clean_waybill(waybill))
        if parcel is None:
            outcomes.append(refused("unknown_waybill", gettext("未找到该运单")))
            continue
        item = items.get(parcel.pk)
        if item is not None and item.arrived_at is not None:
            outcomes.append(ScanOutcome("duplicate", "already_checked", gettext("已核对"), parcel=parcel))
            continue
        if item is None:
            item = items[parcel.pk] = HandoverItem(
                handover=handover, parcel=parcel, expected=False, county=handover.county
            )
            extras.append(item)
        else:
            ticked.append(item.pk)
        item.arrived_at = now
        outcomes.append(ScanOutcome("accepted", parcel=parcel, extra=not item.expected))
    HandoverItem.objects.filter(pk__in=ticked).update(arrived_at=now)
    insert_rows(extras)
    arrival = ARRIVAL_STATE.get(handover.kind)
    if arrival is None:
        return outcomes
    accepted = [i for i, o in enumerate(outcomes) if o.status == "accepted"]
    destination = Place(handover.to_kind, handover.to_code, handover.to_name)
    moves = [Move(outcomes[i].parcel, arrival, now, destination, handover) for i in accepted]
    # the parcels' rows are locked and read by `find_parcels` above, in this transaction
    for index, moved in zip(accepted, apply_events(moves, operator, lock=False), strict=True):
        outcomes[index].event = moved.event
        if moved.status == "refused" and not outcomes[index].extra:
            outcomes[index] = moved
    return outcomes


def check_in(handover: HandoverList, waybill: str, operator=None, *, at=None) -> ScanOutcome:
    """A parcel scanned at the destination (a batch of one)."""
    return check_in_many(handover, [waybill], operator, at=at)[0]


def list_phase(handover: HandoverList, items) -> str:
    """loading (open), in_transit (sealed, nothing checked in yet), checking (check-in under way), done.
    Only once the receiver checks in does a parcel not scanned count as 未到: before that it is loaded or on
    its way, never red."""
    if handover.status == HandoverStatus.OPEN:
        return "loading"
    if handover.status == HandoverStatus.DISPATCHED:
        return "checking" if any(i.arrived_at is not None for i in items) else "in_transit"
    return "done"


def reconcile(handover: HandoverList) -> dict:
    """Loaded / expected / arrived counts and the waybills missing and extra (resolved ones listed apart),
    for the list as stored (a caller's copy may predate its sealing)."""
    handover.refresh_from_db()
    items = list(handover.items.select_related("parcel"))
    phase = list_phase(handover, items)
    counted = phase in ("checking", "done")
    missing = [i.parcel.waybill for i in items if counted and i.missing and not i.resolution]
    extra = [i.parcel.waybill for i in items if i.extra and not i.resolution]
    return {
        "phase": phase,
        "loaded": sum(i.expected for i in items),
        "expected": sum(i.expected for i in items),
        "arrived": sum(i.arrived_at is not None for i in items),  # every parcel scanned in, extras too (实到)
        "arrived_listed": sum(
            i.expected and i.arrived_at is not None for i in items
        ),  # expected = this + missing
        "in_transit": [i.parcel.waybill for i in items if phase == "in_transit" and i.missing],
        "missing": missing,
        "extra": extra,
        "resolved": [i.parcel.waybill for i in items if i.resolution],
        "status": handover.status,
        "route": f"{handover.from_name} → {handover.to_name}（{handover.get_kind_display()}）",
        "signatures": _signatures(handover),
    }


def _signatures(handover) -> list[str]:
    def when(moment):
        return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"

    lines = [gettext("开单 %(at)s") % {"at": when(handover.opened_at)}]
    if handover.dispatched_at:
        who = handover.carrier or str(handover.handed_over_by or "")
        lines.append(gettext("交出 %(at)s %(who)s") % {"at": when(handover.dispatched_at), "who": who})
    if handover.received_at:
        who = str(handover.received_by or "")
        lines.append(gettext("接收 %(at)s %(who)s") % {"at": when(handover.received_at), "who": who})
    return lines


@transaction.atomic
def finish_check_in(handover: HandoverList, operator=None, *, at=None) -> HandoverList:
    """Close the check-in: reconciled if nothing is missing or extra; else each difference becomes a problem
    queued at the receiving place, and the list stays `discrepancy` until they are resolved."""
    handover = HandoverList.objects.select_for_update().get(pk=handover.pk)
    if handover.status != HandoverStatus.DISPATCHED:
        return handover
    now = at or timezone.now()
    counts = handover.items.aggregate(
        received=Count("pk", filter=Q(arrived_at__isnull=False)),
        missing=Count("pk", filter=Q(expected=True, arrived_at__isnull=True, resolution="")),
        extra=Count("pk", filter=Q(expected=False, resolution="")),
    )
    handover.received_by = operator if getattr(operator, "pk", None) else None
    handover.received_at = now
    handover.received_count, handover.missing_count, handover.extra_count = (
        counts["received"], counts["missing"], counts["extra"]
    )  # fmt: skip
    discrepant = handover.missing_count or handover.extra_count
    handover.status = HandoverStatus.DISCREPANCY if discrepant else HandoverStatus.RECONCILED
    handover.save()
    differences = Q(expected=True, arrived_at__isnull=True) | Q(expected=False)  # `missing` or `extra`
    for item in handover.items.filter(differences).select_related("parcel__brand").order_by("pk"):
        if item.missing:
            open_problem(
                item.parcel,
                "missing",
                operator,
                note=f"交接单{handover.number}缺件",
                place=handover.to_code,
                handover=handover,
            )
        elif item.extra:
            open_problem(
                item.parcel,
                "extra",
                operator,
                note=f"交接单{handover.number}多件",
                place=handover.to_code,
                handover=handover,
            )
    return handover
