"""Scan events from the services (`apply_events`: page actions, batch steps) and the rules every scan path
shares: time parsing, the idempotency key, outcome messages. Device and brand ingest is `services.ingest`.

Idempotency key: device + device sequence, else brand + waybill + type + time. A unique index backs it, so
two processes sending the same event at once still store it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jincun.parcels import clock, transitions
from jincun.parcels.choices import EventResult, SignType, State
from jincun.parcels.county import county_of, parcel_counties
from jincun.parcels.event_store import EventRow, existing_keys, write_rows
from jincun.parcels.models import HandoverList, Parcel, ScanEvent
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import place_of
from jincun.parcels.services.states import update_states
from jincun.parcels.signals import StateChange, parcel_states_changed

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHUNK = 900
SIGN_TYPES = frozenset(SignType.values)  # the enum builds a new list on every `.values`
SCANNABLE = {s.value for s in State} - {State.MANIFESTED, State.CREATED}
MESSAGES = {
    "late_event": "迟到事件：已记入历史，不改变当前状态",
    "same_state": "重复扫描：已在该状态",
    "impossible_transition": "当前状态下不能进行此操作",
    "duplicate": "同一事件已收到过",
}


def parse_time(value) -> dt.datetime | None:
    """An aware datetime; a time without zone is read as Asia/Shanghai (what a scanner's clock shows)."""
    if isinstance(value, dt.datetime):
        moment = value
    elif value in (None, ""):
        return None
    else:
        try:
            moment = parse_datetime(str(value))
        except ValueError:
            return None
        if moment is None:
            return None
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=SHANGHAI)


def idem_key(device_id: str, device_seq, brand_id, waybill: str, event_type: str, at: dt.datetime) -> str:
    if device_id and device_seq not in (None, ""):
        return f"d:{device_id}:{device_seq}"[:160]
    return f"w:{brand_id}:{waybill}:{event_type}:{at.astimezone(dt.UTC).isoformat()}"[:160]


def _operator_name(operator) -> str:
    if operator is None:
        return ""
    return getattr(operator, "get_username", lambda: str(operator))()[:64]


def __getattr__(name):
    """`ingest_scans` moved to `services.ingest` (which imports this module's rules): still importable here."""
    if name == "ingest_scans":
        from jincun.parcels.services.ingest import ingest_scans

        return ingest_scans
    raise AttributeError(name)


def _existing_keys(keys) -> set[str]:
    keys, seen = list(keys), set()
    for start in range(0, len(keys), CHUNK):
        seen.update(existing_keys(keys[start : start + CHUNK]))
    return seen


def _handovers(numbers) -> dict[str, int]:
    numbers = {n for n in numbers if n}
    if not numbers:
        return {}
    return dict(HandoverList.objects.filter(number__in=numbers).values_list("number", "id"))


@dataclass
class Move:
    """One event a service wants to record on a parcel it holds (a page action, a batch step)."""

    parcel: Parcel
    event_type: str
    at: dt.datetime | None = None
    place: object = None
    handover: object = None
    note: str = ""
    sign_type: str = ""


def apply_event(
    parcel, event_type, *, place=None, operator=None, at=None, handover=None, note="", sign_type=""
) -> ScanOutcome:
    """One event from a service (page action): the batch path with a batch of one. `sign_type` (a
    `SignType`) says how a sign-off happened."""
    outcome = apply_events([Move(parcel, event_type, at, place, handover, note, sign_type)], operator)[0]
    if outcome.event is not None:  # a page's one event: the model instance (a problem links to it)
        outcome.event = ScanEvent.from_db(connection.alias, EventRow._fields, outcome.event)
    return outcome


def apply_events(moves: list[Move], operator=None, *, lock: bool = True) -> list[ScanOutcome]:
    """Record many service events in a few statements: the parcels' rows locked (PostgreSQL, by pk) and
    their states re-read, one read of existing idempotency keys, the events written as rows (the ingest's
    `write_rows`: building a `ScanEvent` per event was a third of the journey's CPU), one state update, one
    `parcel_states_changed` signal. Outcomes carry the stored `EventRow`.

    Keyed by brand + waybill + type + time, like an event without a device. Moves for the same parcel are
    applied in order (at_hub then sorted in one batch). Call inside a transaction."""
    now = timezone.now()
    if lock:
        lock_parcels([m.parcel for m in moves])
    keys = [idem_key("", None, m.parcel.brand_id, m.parcel.waybill, m.event_type, m.at or now) for m in moves]
    seen = _existing_keys(keys)
    counties = parcel_counties(m.parcel for m in moves)
    operator_id = operator.pk if getattr(operator, "pk", None) else None
    operator_name = _operator_name(operator)
    places: dict = {}
    outcomes: list = []
    rows, accepted, changes = [], [], []
    for move, key in zip(moves, keys, strict=True):
        parcel, (at, why) = move.parcel, clock.check(move.at or now, now)
        if why:
            outcomes.append(refused(why, clock.MESSAGES[why]))
            continue
        step = transitions.step(parcel.direction, parcel.state, parcel.state_at, move.event_type, at)
        if step.reason == "same_state":
            outcomes.append(ScanOutcome("duplicate", "same_state", MESSAGES["same_state"], parcel=parcel))
            continue
        if key in seen:
            outcomes.append(ScanOutcome("duplicate", "duplicate", MESSAGES["duplicate"], parcel=parcel))
            continue
        seen.add(key)
        if (place := places.get(id(move.place))) is None:
            place = places[id(move.place)] = _place_columns(move.place)
        rows.append((
            parcel.pk, move.event_type, step.result, step.reason, step.state, at, now, *place, operator_id,
            operator_name, "", None, move.handover.pk if move.handover is not None else None, move.note[:300],
            move.sign_type if move.sign_type in SIGN_TYPES else "", key, counties.get(parcel.pk, ""),
        ))  # fmt: skip
        accepted.append((len(outcomes), parcel, step))
        outcomes.append(None)
        if step.result == EventResult.APPLIED:
            changes.append((len(rows) - 1, parcel, parcel.state, step.state))
            parcel.state, parcel.state_at, parcel.updated_at = step.state, at, now
    ids = write_rows(rows)  # COPY on PostgreSQL
    stored = [EventRow(pk, *row) for pk, row in zip(ids, rows, strict=True)]
    for (index, parcel, step), event in zip(accepted, stored, strict=True):
        if step.result == EventResult.APPLIED:
            outcomes[index] = ScanOutcome("accepted", event=event, parcel=parcel)
        else:
            status = "accepted" if step.result == EventResult.LATE else "refused"
            outcomes[index] = ScanOutcome(status, step.reason, MESSAGES[step.reason], event, parcel)
    if changes:
        update_states({id(p): p for _, p, *_ in changes}.values(), now)
        parcel_states_changed.send(
            Parcel, changes=[StateChange(p, stored[i], old, new) for i, p, old, new in changes]
        )
    return outcomes


def _place_columns(obj) -> tuple[str, str, str]:
    """The event's (place_kind, place_code, place_name) for a service's place."""
    place = place_of(obj)
    return place.kind, place.code[:40], place.name[:64]


def lock_parcels(parcels) -> None:
    """Serialise writers per parcel: on PostgreSQL lock the rows in pk order (no deadlock between two
    batches) and refresh the in-memory state, so the state written is always the projection of the events
    stored. SQLite takes the write lock at BEGIN (IMMEDIATE), which serialises already."""
    if connection.vendor != "postgresql":
        return
    by_id: dict[int, list] = {}
    for parcel in parcels:
        by_id.setdefault(parcel.pk, []).append(parcel)
    if not by_id:
        return
    fields = LOCKED_FIELDS
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT id, {', '.join(fields)} FROM {Parcel._meta.db_table} WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
            [sorted(by_id)],
        )
        for pk, *values in cur.fetchall():
            for parcel in by_id[pk]:
                for name, value in zip(fields, values, strict=True):
                    setattr(parcel, name, value)


# What another worker may have changed while we waited for the lock: re-read with it.
LOCKED_FIELDS = ("state", "state_at", "route_kind", "route_code", "town_node_id", "station_id", "pickup_code",
                 "shelved_at", "deliver_to_door", "preference")  # fmt: skip


def write_creations(firsts, operator=None, *, note: str = "") -> list[int]:
    """The first events (manifested / created) of new parcels, `firsts` as (parcel, at, place), stored as
    rows in one write (`event_store.write_rows`, COPY on PostgreSQL); their ids, in order. History starts
    with them."""
    now = timezone.now()
    operator_id = operator.pk if getattr(operator, "pk", None) else None
    operator_name = _operator_name(operator)
    places: dict = {}
    rows = []
    for parcel, at, obj in firsts:
        if (place := places.get(id(obj))) is None:
            place = places[id(obj)] = _place_columns(obj)
        key = idem_key("", None, parcel.brand_id, parcel.waybill, parcel.state, at)
        rows.append((
            parcel.pk, parcel.state, EventResult.APPLIED, "", parcel.state, at, now, *place, operator_id,
            operator_name, "", None, None, note[:300], "", key, county_of(parcel),
        ))  # fmt: skip
    return write_rows(rows)
