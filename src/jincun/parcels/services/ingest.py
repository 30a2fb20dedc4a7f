"""Scan ingest from devices and brands: the hot path. One batch = a few bulk reads, one bulk insert, one bulk
update, one state-change signal.

Every event gets its own outcome; a bad event never stops the others. Idempotency key: device + device
sequence, else brand + waybill + type + time. A unique index backs it, so two processes sending the same
event at once still store it once (the loser re-runs its batch event by event and reports a duplicate).

No model instances on this path: parcels are read as rows (`ScannedParcel`, the columns the rules need) and
events written as tuples (`event_store.write_rows`); building and preparing instances was most of a batch's
Python time. The rules are the shared ones: `clock`, `transitions`, claims, consent, places.
"""

from __future__ import annotations

import datetime as dt
import json

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jincun.network.models import Brand
from jincun.parcels import clock, transitions
from jincun.parcels.choices import EventResult, State
from jincun.parcels.event_store import EventRow, existing_keys, write_rows
from jincun.parcels.models import Parcel
from jincun.parcels.services.claims import pick_owners
from jincun.parcels.services.consent import StationConsents
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import POSTAL_CODE, resolve_codes
from jincun.parcels.services.scans import (
    CHUNK,
    MESSAGES,
    SCANNABLE,
    SIGN_TYPES,
    _existing_keys,
    _handovers,
    _operator_name,
    idem_key,
    parse_time,
)
from jincun.parcels.services.states import update_states
from jincun.parcels.signals import StateChange, parcel_states_changed

ACCEPTED, DUPLICATE = "accepted", "duplicate"
APPLIED, LATE = EventResult.APPLIED.value, EventResult.LATE.value
AT_STATION = State.AT_STATION.value


def ingest_scans(
    events, *, device_id="", brand=None, operator=None, place_code=None, max_age=None
) -> list[ScanOutcome]:
    """Record a batch of scan events (dicts: waybill, event_type, at, place, device_seq, operator, handover,
    note). `brand` scopes waybill lookups to that brand's parcels; `place_code` is the default place;
    `max_age` bounds how old an event may be (`clock.MAX_AGE` for what devices report).

    Outcomes carry light rows: `outcome.event` an `EventRow` (its `pk`, columns), `outcome.parcel` a
    `ScannedParcel` (its state after the batch).

    邮快合作: China Post carries other brands' parcels from the hub and reports their delivery with its
    own token. Those parcels — and only while they are on the postal leg — take its scans, at place `POST`."""
    carried = _on_mail_route(brand, events)
    if not carried:
        return _ingest_batch(events, device_id, brand, operator, place_code, max_age)
    own = [i for i in range(len(events)) if i not in carried]
    mail = sorted(carried)
    outcomes: list = [None] * len(events)
    results = _ingest_batch([events[i] for i in own], device_id, brand, operator, place_code, max_age)
    results += _ingest_batch([{**events[i], "place": POSTAL_CODE} for i in mail], device_id, None, operator,
                             POSTAL_CODE, max_age)  # fmt: skip
    for index, outcome in zip(own + mail, results, strict=True):
        outcomes[index] = outcome
    return outcomes


MAIL_LEG = (State.TO_POSTAL, State.ON_MAIL_ROUTE)


def _on_mail_route(brand, events) -> set[int]:
    """Indexes of the events China Post sends for other brands' parcels now on the postal leg."""
    if brand is None or brand.code != POSTAL_CODE:
        return set()
    waybills = {str(e.get("waybill") or "").strip().upper()[:40] for e in events}
    found = Parcel.objects.filter(waybill__in=list(waybills), state__in=MAIL_LEG).exclude(brand=brand)
    mail = set(found.values_list("waybill", flat=True))
    return {i for i, e in enumerate(events) if str(e.get("waybill") or "").strip().upper()[:40] in mail}


def _ingest_batch(events, device_id, brand, operator, place_code, max_age=None) -> list[ScanOutcome]:
    if not events:
        return []
    try:
        with transaction.atomic():
            return _ingest(events, device_id, brand, operator, place_code, max_age)
    except IntegrityError:
        # Another process stored one of these events between our read and our insert: go one by one.
        outcomes = []
        for event in events:
            try:
                with transaction.atomic():
                    outcomes.extend(_ingest([event], device_id, brand, operator, place_code, max_age))
            except IntegrityError:
                outcomes.append(ScanOutcome("duplicate", "duplicate", MESSAGES["duplicate"]))
        return outcomes


class ScannedParcel:
    """A parcel as scan ingest reads it: the columns its rules need. `brand` is loaded when asked for (the
    webhook notice names the brand's code)."""

    __slots__ = ("pk", "waybill", "brand_id", "direction", "state", "state_at", "village_id",
                 "brand_mismatch", "recipient_phone", "updated_at", "_brands")  # fmt: skip

    def __init__(self, row, brands):
        (self.pk, self.waybill, self.brand_id, self.direction, self.state, self.state_at, self.village_id,
         self.brand_mismatch, self.recipient_phone) = row  # fmt: skip
        self.updated_at = None
        self._brands = brands

    @property
    def id(self) -> int:
        return self.pk

    @property
    def brand(self) -> Brand:
        return self._brands[self.brand_id]


class _Brands(dict):
    """brand id → Brand, read on first use."""

    def __missing__(self, pk):
        self[pk] = Brand.objects.get(pk=pk)
        return self[pk]


# A list of strings as one JSON parameter: psycopg dumps a Python list as an array element by element in
# Python, which cost more than the statement; `json.dumps` is C. Used as `column = ANY(<this>)` (index scan).
JSON_TEXTS = "ARRAY(SELECT jsonb_array_elements_text(%s::jsonb))"

COLUMNS = ("id", "waybill", "brand_id", "direction", "state", "state_at", "village_id", "brand_mismatch",
           "recipient_phone")  # fmt: skip
# On PostgreSQL `state_at` is read as whole microseconds since the epoch (exact: `extract` is numeric) and
# made an aware UTC datetime here: Django's timestamptz loader parses each value in Python.
PG_COLUMNS = ", ".join(
    "(extract(epoch FROM state_at) * 1000000)::bigint" if c == "state_at" else c for c in COLUMNS
)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _parcels_by_waybill(waybills, brand) -> dict:
    """waybill → its `ScannedParcel` (or `claims.AMBIGUOUS`). On PostgreSQL the rows are locked in the same
    read, in id order (no deadlock between two batches), so the state read is the one we write over."""
    brands = _Brands()
    if brand is not None:
        brands[brand.pk] = brand
    waybills = list(waybills)
    table = Parcel._meta.db_table
    where_brand = " AND brand_id = %s" if brand is not None else ""
    extra = [brand.pk] if brand is not None else []
    rows = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            if waybills:
                cur.execute(
                    f"SELECT {PG_COLUMNS} FROM {table} WHERE waybill = ANY({JSON_TEXTS}){where_brand} "
                    "ORDER BY id FOR UPDATE",
                    [json.dumps(waybills), *extra],
                )
                micros = dt.timedelta(microseconds=1)
                for row in cur.fetchall():
                    at = row[5]
                    rows.append(row if at is None else (*row[:5], EPOCH + at * micros, *row[6:]))
        else:  # SQLite: the write lock is taken at BEGIN (IMMEDIATE), which serialises already
            for start in range(0, len(waybills), CHUNK):
                part = waybills[start : start + CHUNK]
                cur.execute(
                    f"SELECT {', '.join(COLUMNS)} FROM {table} WHERE waybill IN "
                    f"({', '.join(['%s'] * len(part))}){where_brand}",
                    [*part, *extra],
                )
                for row in cur.fetchall():
                    at = row[5]
                    rows.append((*row[:5], at and _from_sqlite(at), *row[6:]))
    return pick_owners(ScannedParcel(row, brands) for row in rows)


def _from_sqlite(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)


def _seq(value):
    """The device's sequence number as stored (an int, else None), as `scans._event` reads it."""
    if type(value) is int:
        return value or None
    return int(value) if str(value or "").lstrip("-").isdigit() else None


def _ingest(events, device_id, brand, operator, place_code, max_age=None) -> list[ScanOutcome]:
    now = timezone.now()
    outcomes: list[ScanOutcome | None] = [None] * len(events)
    rows = []
    check = clock.check
    default_place = place_code or ""
    for index, raw in enumerate(events):
        get = raw.get
        waybill = str(get("waybill") or "").strip().upper()[:40]
        event_type = str(get("event_type") or "").strip()
        moment = get("at")
        at = parse_time(moment) or (now if moment in (None, "") else None)
        if not waybill:
            outcomes[index] = refused("missing_waybill", "缺少运单号")
        elif event_type not in SCANNABLE:
            outcomes[index] = refused("unknown_event_type", f"未知事件类型：{event_type[:20]}")
        elif at is None:
            outcomes[index] = refused("bad_time", "时间格式不正确")
        elif (when := check(at, now, max_age=max_age))[1]:
            outcomes[index] = refused(when[1], clock.MESSAGES[when[1]])
        else:
            # the idempotency key keeps the device's own time (`at`), clamped or not
            rows.append((index, waybill, event_type, when[0], at, str(get("place") or default_place), raw))
    if not rows:
        return outcomes
    places = _place_columns(resolve_codes({r[5] for r in rows}), {r[5] for r in rows})
    parcels = _parcels_by_waybill({r[1] for r in rows}, brand)
    handovers = _handovers({str(r[6].get("handover") or "") for r in rows})
    keyed = []
    for row in rows:
        index, waybill, event_type, _at, reported, _code, raw = row
        parcel = parcels.get(waybill)
        if parcel is None or parcel == "ambiguous":
            reason = "ambiguous_waybill" if parcel else "unknown_waybill"
            outcomes[index] = refused(reason, "运单号对应多个品牌，请注明品牌" if parcel else "未找到该运单")
            continue
        key = idem_key(device_id, raw.get("device_seq"), parcel.brand_id, waybill, event_type, reported)
        keyed.append((row, parcel, key))
    keys = [k for *_, k in keyed]  # PostgreSQL takes a batch's keys as one parameter; SQLite in chunks
    seen = existing_keys(keys) if connection.vendor == "postgresql" else _existing_keys(keys)
    consents = StationConsents((parcel, row[5]) for row, parcel, _ in keyed if row[2] == AT_STATION)
    operator_id = operator.pk if getattr(operator, "pk", None) else None
    operator_name = _operator_name(operator)
    device = (device_id or "")[:64]
    step = transitions.step
    new_rows, accepted, changes = [], [], []
    for (index, _waybill, event_type, at, _reported, code, raw), parcel, key in keyed:
        if key in seen:
            outcomes[index] = ScanOutcome(DUPLICATE, DUPLICATE, MESSAGES["duplicate"], parcel=parcel)
            continue
        done = step(parcel.direction, parcel.state, parcel.state_at, event_type, at)
        if done.reason == "same_state":
            outcomes[index] = ScanOutcome(DUPLICATE, "same_state", MESSAGES["same_state"], parcel=parcel)
            continue
        kind, place, place_name = places[code]
        if event_type == AT_STATION and (refusal := consents.refusal(parcel, event_type, place, at)):
            outcomes[index] = refusal
            continue
        seen.add(key)
        get = raw.get
        sign_type = get("sign_type")
        new_rows.append((
            parcel.pk, event_type, done.result, done.reason, done.state, at, now, kind, place, place_name,
            operator_id, str(get("operator") or operator_name)[:64], device, _seq(get("device_seq")),
            handovers.get(str(get("handover") or "")), str(get("note") or "")[:300],
            sign_type if sign_type in SIGN_TYPES else "", key, (parcel.village_id or "")[:6],
        ))  # fmt: skip
        accepted.append((index, parcel, done))
        if done.result == APPLIED:
            changes.append((len(new_rows) - 1, parcel, parcel.state, done.state))
            parcel.state, parcel.state_at, parcel.updated_at = done.state, at, now
    ids = write_rows(new_rows)  # COPY on PostgreSQL
    stored = [EventRow(pk, *row) for pk, row in zip(ids, new_rows, strict=True)]
    for (index, parcel, done), event in zip(accepted, stored, strict=True):
        if done.result == APPLIED:
            outcomes[index] = ScanOutcome(ACCEPTED, event=event, parcel=parcel)
        elif done.result == LATE:
            outcomes[index] = ScanOutcome(ACCEPTED, "late_event", MESSAGES["late_event"], event, parcel)
        else:
            outcomes[index] = ScanOutcome("refused", done.reason, MESSAGES[done.reason], event, parcel)
    if changes:
        update_states({id(p): p for _, p, *_ in changes}.values(), now)
        parcel_states_changed.send(
            Parcel, changes=[StateChange(p, stored[i], old, new) for i, p, old, new in changes]
        )
    return outcomes


def _place_columns(found, codes) -> dict[str, tuple[str, str, str]]:
    """code → the event's (place_kind, place_code, place_name); an unknown code is kept as it came."""
    columns = {}
    for code in codes:
        place = found.get(code)
        columns[code] = (
            (place.kind, place.code[:40], place.name[:64]) if place else ("other", code[:40], code[:64])
        )
    return columns
