"""Page scans and the hub's scan-in + sort, for a batch (the pages send a batch of one)."""

from __future__ import annotations

from django.db import connection, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext

from jincun.network.models import Hub
from jincun.parcels.choices import Direction, HandoverStatus, PlaceKind, RouteKind, ScanStatus, State
from jincun.parcels.models import HandoverItem, HandoverList, Parcel
from jincun.parcels.services.claims import AMBIGUOUS, pick_owners
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.routing import Targets
from jincun.parcels.services.scans import CHUNK, Move, apply_events, lock_parcels

PARCEL_JOINS = ("brand", "village", "town_node", "station")


def clean_waybill(waybill) -> str:
    return str(waybill or "").strip().upper()[:40]


def find_parcels(waybills, brand=None, *, lock: bool = False) -> dict:
    """waybill (cleaned) → parcel, for a batch; unknown and ambiguous waybills are absent (a waybill several
    brands hold is the parcel `claims.owner_of` names).
    `lock`: hold the parcels' rows (PostgreSQL, pk order) until the caller's transaction ends and re-read
    what a concurrent worker may have changed, so the batch decides on current states. A batch of one
    chunk is locked in the same read.

    The parcels are read as rows (`values_list`) and made into `Parcel` instances without `Model.__init__`,
    with their brand, village, town node and station from one read each, shared by the batch's parcels
    (four joined models built per parcel were ~12% of the journey's CPU)."""
    wanted = list({clean_waybill(w) for w in waybills if clean_waybill(w)})
    lock_in_read = lock and connection.vendor == "postgresql" and len(wanted) <= CHUNK
    rows: list = []
    for start in range(0, len(wanted), CHUNK):
        qs = Parcel.objects.filter(waybill__in=wanted[start : start + CHUNK])
        if brand is not None:
            qs = qs.filter(brand=brand)
        if lock_in_read:
            qs = qs.select_for_update().order_by("pk")
        rows.extend(_rows(qs.values_list(*PARCEL_COLUMNS)))
    found = {w: p for w, p in pick_owners(_parcels(rows)).items() if p != AMBIGUOUS}
    if lock and not lock_in_read:
        lock_parcels(list(found.values()))
    return found


PARCEL_COLUMNS = tuple(f.attname for f in Parcel._meta.concrete_fields)
# (cache name, attname, model) of the joined models every batch service reads from a parcel
PARCEL_JOIN_FIELDS = tuple(
    (f.name, f.attname, f.related_model) for f in (Parcel._meta.get_field(name) for name in PARCEL_JOINS)
)


_TIMES = tuple(
    i for i, f in enumerate(Parcel._meta.concrete_fields) if f.get_internal_type() == "DateTimeField"
)


def _rows(values):
    """The rows of a `values_list` of `PARCEL_COLUMNS`. On SQLite straight from the cursor, whose declared
    types already give datetimes and booleans, with the time zone put on the datetimes: Django's converters,
    called per value and reading the settings each time, were a third of the batch services' reads."""
    if connection.vendor != "sqlite":
        return list(values)
    sql, params = values.query.sql_with_params()
    tz = connection.timezone
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    if not rows or tz is None:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i in _TIMES:
            if row[i] is not None:
                row[i] = row[i].replace(tzinfo=tz)
        out.append(row)
    return out


def _parcels(rows) -> list:
    """`Parcel` instances from rows of `PARCEL_COLUMNS`, as `Model.from_db` makes them (no signals listen
    to a parcel's init), with the joined models cached as `select_related` would."""
    index = {name: PARCEL_COLUMNS.index(attname) for name, attname, _ in PARCEL_JOIN_FIELDS}
    related = {}
    for name, _, model in PARCEL_JOIN_FIELDS:
        keys = {row[index[name]] for row in rows} - {None}
        related[name] = model._default_manager.in_bulk(keys) if keys else {}
    alias = connection.alias
    parcels = []
    for row in rows:
        parcel = Parcel.__new__(Parcel)
        parcel.__dict__.update(zip(PARCEL_COLUMNS, row, strict=True))
        state = parcel._state = ModelState()
        state.adding, state.db = False, alias
        state.fields_cache = {name: related[name].get(row[i]) for name, i in index.items()}
        parcels.append(parcel)
    return parcels


def find_parcel(waybill: str, brand=None):
    """The parcel with this waybill (scoped to `brand` if given); None when unknown or ambiguous."""
    return find_parcels([waybill], brand).get(clean_waybill(waybill))


@transaction.atomic
def record_scan(
    waybill, event_type, *, place=None, operator=None, brand=None, at=None, note=""
) -> ScanOutcome:
    """A scan typed on a page. At a hub, an inbound scan-in (`at_hub`) also sorts the parcel."""
    parcel = find_parcel(waybill, brand)
    if parcel is None:
        return refused("unknown_waybill", gettext("未找到该运单"))
    outcome = apply_events([Move(parcel, event_type, at, place, note=note)], operator)[0]
    at_hub = event_type == State.AT_HUB and parcel.state == State.AT_HUB and outcome.status == "accepted"
    if at_hub and parcel.direction == Direction.INBOUND and isinstance(place, Hub):
        sort_parcels([parcel], place=place, operator=operator, at=at)
    return outcome


def sort_parcels(parcels, *, place=None, operator=None, at=None, lock: bool = True) -> list[ScanOutcome]:
    """Store each parcel's sort target and record `sorted`; an unrouted parcel stays at the hub
    (refused `unrouted`). Targets from three bulk reads, route fields in one executemany. `lock=False`:
    the caller already holds the parcels' rows in this transaction (`find_parcels(lock=True)`)."""
    day = timezone.localdate(at) if at else timezone.localdate()
    targets = Targets([(p.brand_id, p.village) for p in parcels], day)
    rows, moves, outcomes = [], [], {}
    for parcel in parcels:
        target = targets.target(parcel)
        parcel.route_kind, parcel.route_code = target.kind, target.code
        if target.town_node is not None:
            parcel.town_node = target.town_node
        if target.station is not None:
            parcel.station = target.station
        rows.append((parcel.route_kind, parcel.route_code, parcel.town_node_id, parcel.station_id, parcel.pk))
        if target.kind == RouteKind.UNROUTED:
            outcomes[id(parcel)] = refused("unrouted", gettext("地址未能定位到村：放入异常格口"), parcel)
        else:
            moves.append(Move(parcel, State.SORTED, at, place))
    if rows:
        with connection.cursor() as cur:
            cur.executemany(
                f"UPDATE {Parcel._meta.db_table} SET route_kind = %s, route_code = %s, town_node_id = %s, "
                "station_id = %s WHERE id = %s",
                rows,
            )
    for move, outcome in zip(moves, apply_events(moves, operator, lock=lock), strict=True):
        outcomes[id(move.parcel)] = outcome
    return [outcomes[id(p)] for p in parcels]


def sort_parcel(parcel, *, place=None, operator=None, at=None) -> ScanOutcome:
    """Store the sort target on the parcel and record `sorted`; an unrouted parcel stays at the hub."""
    return sort_parcels([parcel], place=place, operator=operator, at=at)[0]


ALREADY_SORTED = gettext("已分拣：重复扫描不再记录")


@transaction.atomic
def hub_scan_in_many(hub, waybills, operator=None, *, at=None) -> list[ScanOutcome]:
    """到件 at the hub for a batch, inbound or outbound; inbound parcels are sorted at once. A second scan
    of a parcel already sorted records nothing (duplicate, `already_sorted`): no event, no webhook."""
    parcels = find_parcels(waybills, lock=True)
    outcomes: list = []
    moves, seen = [], {}
    for waybill in waybills:
        parcel = parcels.get(clean_waybill(waybill))
        if parcel is None:
            outcomes.append(refused("unknown_waybill", gettext("未找到该运单")))
        elif parcel.state == State.SORTED or id(parcel) in seen:
            outcomes.append(ScanOutcome("duplicate", "already_sorted", ALREADY_SORTED, parcel=parcel))
        else:
            seen[id(parcel)] = len(outcomes)
            outcomes.append(None)
            moves.append(Move(parcel, State.AT_HUB, at, hub))
    applied = apply_events(moves, operator, lock=False)  # locked and read by `find_parcels` above
    to_sort, arrived = [], []
    for move, outcome in zip(moves, applied, strict=True):
        outcomes[seen[id(move.parcel)]] = outcome
        parcel = move.parcel
        if outcome.status == ScanStatus.ACCEPTED and parcel.state == State.AT_HUB:
            (to_sort if parcel.direction == Direction.INBOUND else arrived).append(parcel)
    sort_parcels(to_sort, place=hub, operator=operator, at=at, lock=False)
    tick_off_up_lists(hub, arrived, operator, at=at)
    return outcomes


def tick_off_up_lists(hub, parcels, operator=None, *, at=None) -> int:
    """An outbound parcel scanned in at the hub is checked in on the town's up-list it came on: marked arrived,
    and a list whose every parcel has arrived is reconciled (one with parcels still out waits for the hub to
    close its check-in, which turns them into problems). Returns the number of parcels ticked."""
    if not parcels:
        return 0
    now = at or timezone.now()
    open_items = HandoverItem.objects.filter(
        handover__status=HandoverStatus.DISPATCHED, handover__to_kind=PlaceKind.HUB, handover__to_code=hub.code,
        arrived_at__isnull=True,
    )  # fmt: skip
    mine = open_items.filter(parcel__in=parcels)
    lists = set(mine.values_list("handover_id", flat=True))
    ticked = mine.update(arrived_at=now)
    done = lists - set(
        open_items.filter(handover__in=lists, expected=True).values_list("handover_id", flat=True)
    )
    for handover in HandoverList.objects.filter(pk__in=done):
        handover.status, handover.received_at = HandoverStatus.RECONCILED, now
        handover.received_count = handover.items.filter(arrived_at__isnull=False).count()
        handover.received_by = operator if getattr(operator, "pk", None) else None
        handover.save(update_fields=["status", "received_at", "received_count", "received_by"])
    return ticked


def hub_scan_in(hub, waybill, operator=None, *, at=None) -> ScanOutcome:
    """到件 at the hub (a batch of one)."""
    return hub_scan_in_many(hub, [waybill], operator, at=at)[0]
