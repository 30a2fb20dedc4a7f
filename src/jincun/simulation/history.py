"""A county's history written straight in bulk: the simulator's volumes and rates, the journey's timetable,
every event checked against the one transition table, parcels stored with the projection of their events.

What `jincun generate-history` and the demo call. Each day is generated, written and forgotten (memory flat
in the days): its parcels with every event that happens before `until` (default: now), so a parcel whose
journey runs past it is left where it is (at the hub, at a town node, on a station shelf with its pickup
code). Rows are written as plain tuples, no model instances (`history_writer`): COPY on PostgreSQL, one
prepared INSERT by executemany on SQLite, in one transaction per day, with ids handed out by the generator so
events name their parcel without a read-back. The parcels' states are the projection of their walk, so the
only rebuild at the end is the daily aggregates and project days, both set-based SQL over what was written.

The big tables' indexes are built after a long run (`DEFER_DAYS` days or more), as a database restore does
(`jincun.core.bulk_indexes`): on one day they cost little, over a year the random keys (phones, waybills)
dirtied their pages every day. The day's parcels are written in the order of their unique keys, which also
orders the events' idempotency keys, so the unique indexes that stay take the day's keys side by side. The
app's SQLite pragmas are left as they are (`synchronous` costs one sync per day here, a commit per day).

Beside them, the rest of the journey's records (`history_records`): handover lists and items, consents,
problems (unroutable and damaged parcels, returned), SMS rows, real-name collection records and the project
links of farm parcels. Rates: `rates.py` (docs/simulation.md).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from jincun.agri.models import ProjectParcel
from jincun.agri.services import rebuild_project_days, season_project
from jincun.core.bulk_indexes import indexes_deferred
from jincun.parcels import aggregates, partitions, transitions
from jincun.parcels.choices import (
    Direction,
    EventResult,
    PlaceKind,
    Preference,
    ProblemReason,
    RouteKind,
    SignType,
)
from jincun.parcels.choices import State as S
from jincun.parcels.models import Parcel, PickupCode, ScanEvent
from jincun.parcels.services.places import POSTAL_CODE, SERVICE_CENTER_PREFIX
from jincun.parcels.services.routing import Targets
from jincun.simulation import rates
from jincun.simulation.engine import poisson
from jincun.simulation.history_records import SIGN_TYPES, DayRecords, number_lists, tables
from jincun.simulation.history_split import drawn_aside
from jincun.simulation.history_writer import Table, Times
from jincun.simulation.network import NetworkView
from jincun.simulation.people import sender_data, waybill_for

TZ = ZoneInfo("Asia/Shanghai")
SURNAMES = "王李张刘陈杨赵黄周吴"


@dataclass
class HistoryReport:
    start: str
    days: int
    scale: float
    parcels: int = 0
    events: int = 0
    states: Counter = field(default_factory=Counter)
    event_types: Counter = field(default_factory=Counter)
    records: Counter = field(default_factory=Counter)  # lists, items, consents, problems, sms, …

    def add(self, batch) -> None:
        self.parcels += batch.parcels
        self.events += batch.events
        self.states.update(batch.states)
        self.event_types.update(batch.event_types)
        self.records.update(batch.records)


@lru_cache(maxsize=4096)
def _at(day, hour, minute=0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def generate_history(days: int, *, start: dt.date | None = None, scale: float = 1.0, seed: int = 2020,
                     until: dt.datetime | None = None, progress=None, county: str | None = None,
                     rebuild: bool = True, split: bool = False,
                     defer_indexes: bool | None = None) -> HistoryReport:  # fmt: skip
    """Write `days` days from `start` (default: the days up to today, today included, cut at `until`).
    One transaction per day; `progress(day)` after each. Raises RuntimeError without a network.
    `county` (6-digit code) limits it to that county's network when the installation holds several;
    `rebuild=False` leaves the daily aggregates to the caller (a province rebuilds them once); `split`
    draws the days in a second process while this one writes them (`history_split`; same rows).
    `defer_indexes` (default: from `DEFER_DAYS` days on) drops the big tables' indexes for the run and builds
    them after it, before the aggregates are rebuilt (`jincun.core.bulk_indexes`; SQLite only)."""
    until = until or timezone.now()
    start = start or (timezone.localdate(until) - dt.timedelta(days=days - 1))
    gen = _Generator(seed, scale, until, county)
    partitions.ensure_months(start, start + dt.timedelta(days=days - 1))  # PostgreSQL: rows go to their month
    report = HistoryReport(start.isoformat(), days, scale)
    dates = [start + dt.timedelta(days=offset) for offset in range(days)]
    batches = drawn_aside(gen.draw_day, dates) if split else ((d, gen.draw_day(d)) for d in dates)
    if defer_indexes is None:
        defer_indexes = days >= DEFER_DAYS
    # A failed write stops the drawing process at once (`closing`), and the indexes are built again either way.
    with indexes_deferred(BULK_TABLES, enabled=defer_indexes), closing(batches):
        for day, batch in batches:
            if batch is not None:
                with transaction.atomic():
                    gen.write(batch)
                report.add(batch)
            if progress:
                progress(day)
    if rebuild:
        refresh_aggregates_after_history()
    return report


def refresh_aggregates_after_history() -> None:
    """The daily aggregates (`jincun.parcels.aggregates`) rebuilt from the events written, and the projects'
    daily scanned pieces from the parcels' project links."""
    aggregates.rebuild_aggregates()
    rebuild_project_days()


@dataclass
class DayBatch:
    """A day's rows, drawn and not yet written: table key → rows (`Table` columns, ascending ids), the list
    numbers the writer takes, and what the report counts."""

    rows: dict[str, list]
    wanted: dict[str, int]
    parcels: int
    events: int
    states: Counter
    event_types: Counter
    records: dict


# The tables a long run fills: their indexes are built after it rather than kept up row by row.
BULK_TABLES = ("parcels_parcel", "parcels_scanevent", "parcels_handoveritem", "parcels_smsmessage",
               "parcels_outboundcollection", "agri_projectparcel")  # fmt: skip
DEFER_DAYS = 28
WRITE_ORDER = ("parcel", "project", "list", "event", "code", "item", "consent", "problem", "sms", "collection")  # fmt: skip


class _Generator:
    def __init__(self, seed, scale, until, county=None):
        self.rng, self.seed, self.scale = random.Random(seed), seed, scale
        # In the county's zone, as every time drawn: comparing datetimes of one tzinfo skips the UTC offsets
        # (≈ 40× faster), and the walk compares each step with it.
        self.until = until.astimezone(TZ)
        self.targets: dict = {}  # the network's state on a day → (Targets, (brand, village) → target)
        self.net = NetworkView(county)
        if self.net.hub is None or not self.net.agreements:
            raise RuntimeError("no network: build one first (jincun demo)")
        self.hub = self.net.hub
        self.serial = 0
        self.shelf_numbers: Counter = Counter()
        self.projects: dict = {}  # season_project's cache
        self.links: list = []  # (parcel, project) of the day's outbound farm parcels
        self.consents: dict = {}  # (phone, village code) → standing preference
        self.rates = rates
        self.tables = {
            "parcel": Table(Parcel, PARCEL_COLUMNS),
            "event": Table(ScanEvent, EVENT_COLUMNS),
            "code": Table(
                PickupCode, ("id", "place_code", "shelf", "layer", "number", "parcel_id", "assigned_at")
            ),
            "project": Table(ProjectParcel, ("id", "project_id", "parcel_id", "day")),
        }
        self.record_tables = tables()
        self.moves: set = set()  # (direction, state, to) the transition table applies (in time order)

    def write(self, batch: DayBatch) -> None:
        """The day's rows, in one transaction (the caller's); list numbers taken here."""
        every = self.tables | self.record_tables
        rows = dict(batch.rows, list=number_lists(batch.rows["list"], batch.wanted))
        for key in WRITE_ORDER:
            every[key].check_free(rows[key])
            every[key].write(rows[key])

    def draw_day(self, day) -> DayBatch | None:
        self.projects = {}  # keyed by (village, day): kept for the day only, so memory stays flat in the days
        self.times = times = Times()  # the day's few distinct times, as stored
        reach = self.net.reach(day)
        self.rec = rec = DayRecords(self, day)
        pending = list(self._inbound(day, reach)) + list(self._outbound(day))
        if not pending:
            return None
        walked = [(parcel, self._walk(parcel, path)) for parcel, path in pending]
        walked = [
            (parcel, steps) for parcel, steps in walked if steps
        ]  # not manifested or collected by `until`
        del pending
        # In the order of the unique keys (brand, waybill), which also orders the events' idempotency keys
        # (`w:brand:waybill:…`): the day's keys go into their indexes side by side, not all over them.
        walked.sort(key=lambda item: (item[0].brand.pk, item[0].waybill))
        t = self.tables
        for parcel, pk in zip((p for p, _ in walked), t["parcel"].ids(len(walked)), strict=True):
            parcel.pk = pk
        now = times(timezone.now())
        rows = {"parcel": [_parcel_row(p, times, now) for p, _ in walked]}
        rows["project"] = [
            (pk, project.pk, p.pk, times.day(day))
            for pk, (p, project) in zip(t["project"].ids(len(self.links)), self.links, strict=True)
        ]
        self.links = []
        lists, rows["list"], wanted = rec.draw_lists()
        n_events = sum(len(steps) for _, steps in walked)
        event_types = Counter(step[0] for _, steps in walked for step in steps)
        rows["event"] = list(self._events(walked, lists, iter(t["event"].ids(n_events))))
        codes, states = [], Counter()
        for parcel, _ in walked:
            states[parcel.state] += 1
            if parcel.state in (S.AT_STATION, S.AT_SERVICE_CENTER) and parcel.pickup_code:
                shelf, layer, number = (int(x) for x in parcel.pickup_code.split("-"))
                place = (
                    parcel.station.code
                    if parcel.state == S.AT_STATION
                    else SERVICE_CENTER_PREFIX + parcel.town_node.code
                )
                codes.append((place, shelf, layer, number, parcel.pk, times(parcel.shelved_at)))
        rows["code"] = [(pk, *c) for pk, c in zip(t["code"].ids(len(codes)), codes, strict=True)]
        rest, records = rec.draw_rest()
        rows.update(rest)
        return DayBatch(rows, wanted, len(walked), n_events, states, event_types, records)

    # --- who gets what ---------------------------------------------------------------------------
    def _inbound(self, day, reach):
        if not reach:
            return
        count = poisson(self.rng, rates.INBOUND_PER_DAY * self.scale)
        codes = [c for c in reach if c in rates.BRAND_WEIGHTS] or sorted(reach)
        weights = [rates.BRAND_WEIGHTS.get(c, 1) for c in codes]
        picks = []
        for _ in range(count):
            code = self.rng.choices(codes, weights)[0]
            picks.append((self.net.brands[code], self.rng.choice(reach[code])))
        targets, known = self._targets(day, reach)
        for brand, village in picks:
            self.serial += 1
            parcel = _Parcel(
                waybill=waybill_for(brand.code, day, self.serial, self.seed),
                brand=brand,
                direction=Direction.INBOUND,
                state=S.MANIFESTED,
                recipient_name=self.rng.choice(SURNAMES) + self.rng.choice(["秀英", "建国", "桂兰", "志强"]),
                recipient_phone=f"13{int(village.code[-5:]) % 100:02d}{self.seed % 100:02d}"
                f"{self.rng.randrange(rates.PHONES_PER_VILLAGE):05d}",
                address=f"{village.name}",
                village=village,
                weight_g=self.rng.randint(200, 5000),
            )
            target = known.get((brand.pk, village.code))
            if target is None:
                target = known[(brand.pk, village.code)] = targets.target(parcel)
            parcel.route_kind, parcel.route_code = target.kind, target.code
            parcel.town_node, parcel.station = target.town_node, target.station
            yield parcel, self._inbound_path(day, parcel, target)

    def _targets(self, day, reach):
        """The sort targets of every (brand, village) the day's network reaches, read once for each state of
        the network (the agreements valid and the stations in service): most days share one."""
        state = (tuple(a.pk for a in self.net.agreements if a.valid_on(day)),
                 tuple(s.pk for s in self.net.stations_on(day)))  # fmt: skip
        if state not in self.targets:
            pairs = [(self.net.brands[code].pk, v) for code, villages in reach.items() for v in villages]
            self.targets[state] = (Targets(pairs, day), {})
        return self.targets[state]

    def _inbound_path(self, day, parcel, target) -> list:
        path = [(S.MANIFESTED, _at(day, 6), "")]
        pref = self.rec.consent_of(parcel, parcel.village, _at(day, 0, 5))
        if target.kind == RouteKind.UNROUTED:
            return path + self._returned(parcel, S.AT_HUB, ProblemReason.UNRESOLVABLE, "地址未能定位到村",
                                         _at(day, 7, 5), day + dt.timedelta(days=1))  # fmt: skip
        if self.rng.random() < rates.RATES["damaged"]:
            return path + self._returned(parcel, S.SORTED, ProblemReason.DAMAGED, "外包装破损",
                                         _at(day, 7, 10), day + dt.timedelta(days=2))  # fmt: skip
        path += [(S.AT_HUB, _at(day, 7), "hub"), (S.SORTED, _at(day, 7, 1), "hub")]
        if target.kind == RouteKind.POSTAL:
            nxt = day + dt.timedelta(days=1)
            return path + [(S.TO_POSTAL, _at(day, 8, 30), "hub"), (S.ON_MAIL_ROUTE, _at(nxt, 9), "post"),
                           (S.SIGNED, _at(nxt, 15), "post")]  # fmt: skip
        path += [(S.TO_TOWN, _at(day, 8, 30), "hub"), (S.AT_TOWN, _at(day, 10), "town")]
        if target.kind == RouteKind.SERVICE_CENTER:
            return path + [(S.AT_SERVICE_CENTER, _at(day, 11), "sc"), (S.WITH_PROXY, _at(day, 15), "sc"),
                           (S.SIGNED, _at(day, 18), "sc")]  # fmt: skip
        path.append((S.TO_VILLAGE, _at(day, 11, 30), "town"))
        if pref != Preference.STATION:
            parcel.deliver_to_door, parcel.preference = True, pref
            return path + [(S.SIGNED, _at(day, 16), "station")]
        path.append((S.AT_STATION, _at(day, 13), "station"))
        wait = 0
        while self.rng.random() > rates.PICKUP_PER_DAY and wait < 5:
            wait += 1
        return path + [(S.SIGNED, _at(day + dt.timedelta(days=wait), 17), "station")]

    def _returned(self, parcel, state, reason, note, opened, return_day) -> list:
        """The hub's problem (the parcel stops there) and its resolution the day it is sent back."""
        back, day = _at(return_day, 9), opened.date()
        self.rec.problem(parcel, reason, opened, state, back, self.hub.code, note)
        steps = [(S.AT_HUB, _at(day, 7), "hub")]
        if state == S.SORTED:
            steps.append((S.SORTED, _at(day, 7, 1), "hub"))
        return steps + [(S.PROBLEM, opened, "hub"), (S.RETURNING, back, "hub")]

    def _outbound(self, day):
        stations = self.net.stations_on(day)
        if not stations:
            return
        brands = [self.net.brands[c] for c in rates.BRAND_WEIGHTS if c in self.net.brands][:6]
        project = rates.project_of(day.month)  # the product sent this month ("" outside the seasons)
        for _ in range(poisson(self.rng, rates.outbound_per_day(day.month, self.scale))):
            station, brand = self.rng.choice(stations), self.rng.choice(brands)
            self.serial += 1
            parcel = _Parcel(
                waybill=f"JC{station.pk:05d}{day:%y%m%d}{self.serial % 10**7:07d}",
                brand=brand,
                direction=Direction.OUTBOUND,
                state=S.CREATED,
                recipient_name=self.rng.choice(SURNAMES) + "先生",
                recipient_phone=f"18{self.rng.randrange(10**9):09d}",
                address="北京市朝阳区",
                village=station.village,
                station=station,
                town_node=station.town_node,
                weight_g=self.rng.randint(2500, 10000) if project else self.rng.randint(300, 3000),
            )
            if counted := season_project(station.village_id, day, project, self.projects):
                self.links.append((parcel, counted))
            parcel.sender = sender_data(self.rng, station, project, brand.code)
            hour, nxt = 9 + self.rng.randrange(7), day + dt.timedelta(days=1)
            yield parcel, [(S.CREATED, _at(day, hour), "station"), (S.COLLECTED, _at(day, hour), "station"),
                           (S.TO_TOWN, _at(day, 17), "station"), (S.AT_TOWN, _at(nxt, 10), "town"),
                           (S.TO_HUB, _at(nxt, 12), "town"), (S.AT_HUB, _at(nxt, 14), "hub"),
                           (S.HANDED_TO_BRAND, _at(nxt, 16), "hub")]  # fmt: skip

    # --- events ------------------------------------------------------------------------------------
    def _place(self, parcel, where):
        if where == "hub":
            return PlaceKind.HUB.value, self.hub.code, self.hub.name
        if where == "post":
            return PlaceKind.POSTAL.value, POSTAL_CODE, "中国邮政"
        node = parcel.town_node
        if where == "sc":
            return (
                PlaceKind.SERVICE_CENTER.value,
                SERVICE_CENTER_PREFIX + node.code,
                node.service_center_name or f"{node.name}便民服务中心",
            )
        if where == "town":
            return PlaceKind.TOWN_NODE.value, node.code, node.name
        if where == "station" and parcel.station is not None:
            return PlaceKind.STATION.value, parcel.station.code, parcel.station.name
        return PlaceKind.OTHER.value, "", ""

    def _walk(self, parcel, path) -> list:
        """The path's steps up to `until`, each checked by the transition table; the parcel's state, time and
        shelf fields follow the last one (the projection of the events that will be written). Each step
        names its handover list (`DayRecords.list_for`) and leaves its SMS, collection record and item."""
        state, last_at, steps, rec = parcel.state, None, [], self.rec
        for index, (to, at, where) in enumerate(path):
            if at > self.until:
                break
            if index and not (at >= last_at and (parcel.direction, state, to) in self.moves):
                step = transitions.step(parcel.direction, state, last_at, to, at)
                assert step.result == EventResult.APPLIED, (parcel.waybill, state, to, step)
                self.moves.add((parcel.direction, state, to))  # the table's answer, asked once per move
            state, last_at = to, at
            key = rec.list_for(parcel, to, at) if index else None
            rec.on_step(parcel, to, at, key)
            steps.append((to, at, where, key))
            if to in ON_SHELF:
                self._shelve(parcel, at)
            if to in RECORDED:
                self._records_of(parcel, to, at, where)
        parcel.state, parcel.state_at = state, last_at
        if state not in ON_SHELF and state != S.SIGNED:
            parcel.pickup_code = ""
        if parcel.shelved_at and state in (S.AT_STATION, S.SIGNED) and parcel.station_id:
            parcel.preference = "station"
        return steps

    def _records_of(self, parcel, to, at, where) -> None:
        rec = self.rec
        station = parcel.station
        if to == S.AT_STATION:
            rec.on_shelf(parcel, at, ("run", station.code, at.date()))
            hours = f"{station.opens_at:%H:%M}-{station.closes_at:%H:%M}"
            rec.message(parcel, "arrival", parcel.recipient_phone, name=parcel.recipient_name, station=station.name,
                        code=parcel.pickup_code, hours=hours)  # fmt: skip
        elif to == S.SIGNED and where in SIGN_TYPES:
            sign = SignType.DOOR if parcel.deliver_to_door else SIGN_TYPES[where]
            if parcel.deliver_to_door:  # the keeper scanned it off the run before taking it to the door
                rec.on_shelf(parcel, at - dt.timedelta(hours=3), ("run", station.code, at.date()))
            rec.message(parcel, "signed", parcel.recipient_phone, waybill=parcel.waybill, how=SignType(sign).label,
                        station=getattr(station, "name", ""))  # fmt: skip
        elif to == S.COLLECTED:
            rec.collections.append((parcel, parcel.sender, at))
            rec.message(parcel, "collected", parcel.sender["sender_phone"], waybill=parcel.waybill,
                        station=station.name, weight=parcel.weight_g or "")  # fmt: skip

    def _events(self, walked, lists, ids):
        """The scan event rows of the day's parcels, in the parcels' order, each parcel's in its order. A day
        has a few dozen distinct times and a few hundred places: each is made into its columns once."""
        times, until, place_of, minute = self.times, self.until, self._place, dt.timedelta(minutes=1)
        moments: dict = {}  # at → (stored at, stored received_at, UTC ISO text for the idempotency key)
        places: dict = {}  # (where, town node, station) → (kind, code, name)
        signs = {w: s.value for w, s in SIGN_TYPES.items()}
        door, signed = SignType.DOOR.value, S.SIGNED
        for parcel, steps in walked:
            pk, county, prefix = (
                parcel.pk,
                (parcel.village_id or "")[:6],
                f"w:{parcel.brand_id}:{parcel.waybill}:",
            )
            node, station = id(parcel.town_node), id(parcel.station)  # alive all day: ids stay theirs
            for to, at, where, key in steps:
                place = places.get((where, node, station))
                if place is None:
                    kind, code, name = place_of(parcel, where)
                    place = places[(where, node, station)] = (kind, code, name[:64])
                sign = ""
                if to == signed and where in signs:
                    sign = door if parcel.deliver_to_door else signs[where]
                moment = moments.get(at)
                if moment is None:
                    moment = moments[at] = (times(at), times(min(until, at + minute)),
                                            at.astimezone(dt.UTC).isoformat())  # fmt: skip
                to = VALUE[to]
                yield (next(ids), pk, to, APPLIED, to, moment[0], moment[1], *place, "", county, lists.get(key),
                       sign, f"{prefix}{to}:{moment[2]}"[:160])  # fmt: skip

    def _shelve(self, parcel, at) -> None:
        """A pickup code unique on the place's shelves: numbers count up per place (the service picks them at
        random; either way no two active codes are equal)."""
        place = parcel.station or parcel.town_node
        key = (type(place).__name__, place.pk)
        self.shelf_numbers[key] += 1
        number = (self.shelf_numbers[key] - 1) % 9999 + 1
        shelves = getattr(place, "shelves", None) or getattr(place, "service_center_shelves", 1) or 1
        parcel.pickup_code = f"{number % shelves + 1}-1-{number}"
        parcel.shelved_at = at


def plain(value):
    """An enum member as its stored value (psycopg would dump a Python enum by its name)."""
    return value.value if isinstance(value, Enum) else value


def _parcel_row(p, times, now) -> tuple:
    return (p.pk, p.waybill, p.brand.pk, plain(p.direction), plain(p.state), times(p.state_at), p.recipient_name,
            p.recipient_phone, p.address, p.village_id, plain(p.route_kind), p.route_code, p.town_node_id,
            p.station_id, p.weight_g, plain(p.preference), p.deliver_to_door, p.pickup_code, times(p.shelved_at),
            now, now)  # fmt: skip


PARCEL_COLUMNS = ("id", "waybill", "brand_id", "direction", "state", "state_at", "recipient_name", "recipient_phone",
                  "address", "village_id", "route_kind", "route_code", "town_node_id", "station_id", "weight_g",
                  "preference", "deliver_to_door", "pickup_code", "shelved_at", "created_at", "updated_at")  # fmt: skip
EVENT_COLUMNS = ("id", "parcel_id", "event_type", "result", "state_after", "at", "received_at", "place_kind",
                 "place_code", "place_name", "operator_name", "county", "handover_id", "sign_type", "idem_key")  # fmt: skip
VALUE = {s: s.value for s in S}
# Enum members looked up once (an attribute of an enum class costs ≈ 70 ns on Python 3.11, the walk asks per step).
ON_SHELF = frozenset((S.AT_STATION, S.AT_SERVICE_CENTER))
RECORDED = frozenset((S.AT_STATION, S.SIGNED, S.COLLECTED))  # the steps `_records_of` leaves records for
APPLIED = EventResult.APPLIED.value


class _Parcel:
    """A parcel being generated: what its row holds and what the walk reads, without a model instance."""

    __slots__ = ("pk", "waybill", "brand", "direction", "state", "state_at", "recipient_name", "recipient_phone",
                 "address", "village", "route_kind", "route_code", "town_node", "station", "weight_g", "preference",
                 "deliver_to_door", "pickup_code", "shelved_at", "sender")  # fmt: skip

    def __init__(self, **values):
        self.pk = self.state_at = self.town_node = self.station = self.shelved_at = self.sender = None
        self.route_kind = self.route_code = self.preference = self.pickup_code = ""
        self.deliver_to_door = False
        for name, value in values.items():
            setattr(self, name, value)

    @property
    def brand_id(self):
        return self.brand.pk

    @property
    def village_id(self):
        return self.village.pk if self.village is not None else None

    @property
    def station_id(self):
        return self.station.pk if self.station is not None else None

    @property
    def town_node_id(self):
        return self.town_node.pk if self.town_node is not None else None
