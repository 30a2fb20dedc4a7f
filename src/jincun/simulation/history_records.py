"""The rest of a generated day's records, beside its parcels and events: the handover lists and their items,
the recipients' standing consents, the SMS outbox, the problems and the real-name collection records — what
the services write when the journey is simulated instead.

`DayRecords` is filled while the day's parcels are walked (`list_for` names the list an event belongs to)
and written in bulk once the parcels have ids. Nothing is kept from one day to the next but the consents
already given (one per phone and village, bounded by `rates.PHONES_PER_VILLAGE`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from jincun.parcels import sms
from jincun.parcels.choices import (
    ConsentSource,
    Direction,
    HandoverKind,
    HandoverStatus,
    PlaceKind,
    Preference,
    Resolution,
    SignType,
    SmsStatus,
)
from jincun.parcels.choices import State as S
from jincun.parcels.models import (
    Consent,
    HandoverItem,
    HandoverList,
    OutboundCollection,
    Problem,
    SmsMessage,
)
from jincun.parcels.services.places import POSTAL_CODE
from jincun.parcels.services.sequences import take_many
from jincun.simulation.history_writer import Table


@dataclass
class _List:
    kind: str
    origin: tuple  # (kind, code, name)
    target: tuple
    opened: dt.datetime
    dispatched: dt.datetime
    received: dt.datetime | None  # when the receiver finishes the check-in (None: never, a village run)
    carrier: str
    items: dict = field(default_factory=dict)  # id(parcel) → [parcel, loaded, arrived] (no pk yet)
    row: int | None = None  # the list's id once written


TZ = ZoneInfo("Asia/Shanghai")
INBOUND = Direction.INBOUND
# The list an event is scanned on, by the event (a dispatch or an arrival), for each direction.
INBOUND_LISTS = {S.TO_TOWN: "trunk", S.AT_TOWN: "trunk", S.TO_POSTAL: "postal", S.TO_VILLAGE: "run"}
OUTBOUND_LISTS = {S.TO_TOWN: "up_town", S.AT_TOWN: "up_town", S.TO_HUB: "up_hub", S.AT_HUB: "up_hub",
                  S.HANDED_TO_BRAND: "brand"}  # fmt: skip
ARRIVALS = frozenset((S.AT_TOWN, S.AT_HUB))
SIGNED_ON_DISPATCH = {HandoverKind.POSTAL, HandoverKind.TO_BRAND}


class DayRecords:
    def __init__(self, gen, day):
        self.gen, self.day = gen, day
        self.county = (gen.hub.county_id or "")[:6]  # the sharding key of the lists and items written
        self.lists: dict[tuple, _List] = {}
        self.consents: list[tuple] = []  # (phone, preference, village code, source, given at)
        self.sms: list[tuple] = []
        self.problems: list[tuple] = []  # (parcel, the problem's columns but its id)
        self.collections: list[tuple] = []  # (parcel, sender data, collected at)
        self.tables = gen.record_tables

    # --- while walking -------------------------------------------------------------------------------
    def consent_of(self, parcel, village, at) -> str:
        """The recipient's standing choice, given by SMS reply the first time the phone is seen."""
        key = (parcel.recipient_phone, village.code)
        if key not in self.gen.consents:
            pref = (
                Preference.STATION
                if self.gen.rng.random() < self.gen.rates.CONSENT_SHARE
                else Preference.DOOR
            )
            self.gen.consents[key] = pref
            self.consents.append(
                (parcel.recipient_phone, pref.value, village.pk, ConsentSource.SMS_REPLY.value, at)
            )
        return self.gen.consents[key]

    def list_for(self, parcel, to, at) -> tuple | None:
        """The list the event `to` at `at` is scanned on (dispatch or arrival), made when first needed."""
        kind = (INBOUND_LISTS if parcel.direction == INBOUND else OUTBOUND_LISTS).get(to)
        if kind is None:
            return None
        day = at.astimezone(TZ).date()  # the local day (the county's time zone; no daylight saving)
        if kind == "trunk":
            key = ("trunk", parcel.town_node.code, day)
        elif kind == "postal":
            key = ("postal", day)
        elif kind == "run":
            key = ("run", parcel.station.code, day)
        elif kind == "up_town":  # its arrival is scanned the morning after the dispatch
            key = ("up_town", parcel.station.code, day if to == S.TO_TOWN else day - dt.timedelta(days=1))
        elif kind == "up_hub":
            key = ("up_hub", parcel.town_node.code, day)
        else:
            key = ("brand", parcel.brand.code, day)
        if key not in self.lists:
            self._open(key, parcel)
        return key

    def _open(self, key, parcel) -> None:
        hub, node, station, day = self.gen.hub, parcel.town_node, parcel.station, key[-1]
        kind = key[0]
        if kind == "trunk":
            self._add(
                key, HandoverKind.TRUNK, _hub(hub), _node(node), day, (8, 0), (8, 30), (10, 30), "县乡干线"
            )
        elif kind == "postal":
            self._add(key, HandoverKind.POSTAL, _hub(hub), (PlaceKind.POSTAL, POSTAL_CODE, "中国邮政"), day,
                      (8, 0), (8, 30), (8, 30), "县乡干线")  # fmt: skip
        elif kind == "run":
            self._add(key, HandoverKind.VILLAGE_RUN, _node(node), _station(station), day, (11, 0), (11, 30),
                      None, "镇村班车")  # fmt: skip
        elif kind == "up_town":
            self._add(key, HandoverKind.UP_TOWN, _station(station), _node(node), day, (16, 30), (17, 0),
                      (10, 10), "镇村班车", next_day=True)  # fmt: skip
        elif kind == "up_hub":
            self._add(
                key, HandoverKind.UP_HUB, _node(node), _hub(hub), day, (11, 0), (12, 0), (14, 10), "县乡干线"
            )
        else:
            brand = parcel.brand
            self._add(key, HandoverKind.TO_BRAND, _hub(hub), (PlaceKind.BRAND, brand.code, brand.name), day,
                      (15, 0), (16, 0), (16, 0), f"{brand.code}干线")  # fmt: skip

    def _add(self, key, kind, origin, target, day, opened, dispatched, received, carrier, next_day=False):
        rday = day + dt.timedelta(days=1) if next_day else day
        self.lists[key] = _List(kind, origin, target, _at(day, *opened), _at(day, *dispatched),
                                _at(rday, *received) if received else None, carrier)  # fmt: skip

    def on_step(self, parcel, to, at, key) -> None:
        """Record what an event does to its list: a dispatch loads the parcel, an arrival ticks it."""
        if key is None:
            return
        entry = self.lists[key]
        if to in ARRIVALS:
            entry.items[id(parcel)][2] = at
            return
        signed = entry.kind in SIGNED_ON_DISPATCH
        entry.items[id(parcel)] = [parcel, entry.opened, at if signed else None]

    def on_shelf(self, parcel, at, run_key) -> None:
        """Shelving (or the keeper's scan of a door parcel) ticks the parcel off its village run."""
        if run_key in self.lists and id(parcel) in self.lists[run_key].items:
            self.lists[run_key].items[id(parcel)][2] = at

    def message(self, parcel, template, phone, **values) -> None:
        if phone:
            self.sms.append((parcel, template, phone, values))

    def problem(self, parcel, reason, at, state_before, resolved_at, place_code, note) -> None:
        if at > self.gen.until:
            return
        resolved = resolved_at is not None and resolved_at <= self.gen.until
        self.problems.append((
            parcel, str(reason), note, PlaceKind.HUB.value, place_code, str(state_before), at,
            resolved_at if resolved else None, Resolution.RETURN.value if resolved else "",
            "模拟处理" if resolved else "",
        ))  # fmt: skip

    # --- rows ------------------------------------------------------------------------------------------
    def draw_lists(self) -> tuple[dict[tuple, int], list[tuple], dict[str, int]]:
        """The lists with at least one parcel dispatched before `until`: list key → id (for the events'
        `handover`), their rows with the number's prefix in place of the number, and how many numbers each
        prefix needs. The writer numbers them from the services' daily counters (`number_lists`), inside
        its transaction, since the counters are rows too."""
        until, times, table = self.gen.until, self.gen.times, self.tables["list"]
        live = [(k, e) for k, e in sorted(self.lists.items(), key=lambda kv: (kv[1].opened, str(kv[0])))
                if e.items and e.dispatched <= until]  # fmt: skip
        wanted: dict[str, int] = {}
        rows = []
        for (_, entry), pk in zip(live, table.ids(len(live)), strict=True):
            prefix = f"JJ{timezone.localtime(entry.opened):%Y%m%d}-"
            wanted[prefix] = wanted.get(prefix, 0) + 1
            arrived = sum(a is not None and a <= until for _, _, a in entry.items.values())
            done = entry.received is not None and entry.received <= until
            status = HandoverStatus.RECONCILED if done else HandoverStatus.DISPATCHED
            entry.row = pk
            rows.append((
                pk, prefix, entry.kind.value, status.value,
                str(entry.origin[0]), entry.origin[1], entry.origin[2][:64],
                str(entry.target[0]), entry.target[1], entry.target[2][:64],
                len(entry.items), arrived if done else 0, entry.carrier, times(entry.opened),
                times(entry.dispatched), times(entry.received) if done else None, self.county,
            ))  # fmt: skip
        return {k: e.row for k, e in live}, rows, wanted

    def draw_rest(self) -> tuple[dict[str, list], dict[str, int]]:
        """Items, consents, problems, SMS rows and collection records, as rows (table key → rows), and how
        many of each the report counts."""
        until, times, t = self.gen.until, self.gen.times, self.tables
        items = [
            (e.row, p.pk, times(loaded), times(arrived) if arrived is not None and arrived <= until else None,
             self.county)
            for e in self.lists.values() if e.row is not None for p, loaded, arrived in e.items.values()
        ]  # fmt: skip
        rows = {"item": [(pk, *row) for pk, row in zip(t["item"].ids(len(items)), items, strict=True)]}
        rows["consent"] = [
            (pk, phone, pref, village, source, times(at))
            for pk, (phone, pref, village, source, at) in zip(
                t["consent"].ids(len(self.consents)), self.consents, strict=True
            )
        ]
        rows["problem"] = [
            (pk, p.pk, *rest[:5], times(rest[5]), times(rest[6]), *rest[7:])
            for pk, (p, *rest) in zip(t["problem"].ids(len(self.problems)), self.problems, strict=True)
        ]
        name = getattr(sms.gateway(), "name", "")[:16]
        now, sent = times(timezone.now()), SmsStatus.SENT.value
        rows["sms"] = [
            (pk, p.pk, phone, tpl, sms.render(tpl, phone, **v)[:500], sent, name, now, now)
            for pk, (p, tpl, phone, v) in zip(t["sms"].ids(len(self.sms)), self.sms, strict=True)
        ]
        rows["collection"] = [
            _collection(pk, *c, times)
            for pk, c in zip(t["collection"].ids(len(self.collections)), self.collections, strict=True)
        ]
        return rows, {"lists": sum(e.row is not None for e in self.lists.values()), "items": len(items),
                      "consents": len(self.consents), "problems": len(self.problems), "sms": len(self.sms),
                      "collections": len(self.collections)}  # fmt: skip


def number_lists(rows: list[tuple], wanted: dict[str, int]) -> list[tuple]:
    """The list rows of `draw_lists` with their numbers, taken from the services' daily counters in the
    rows' order (call inside the write transaction)."""
    numbers = {
        k.removeprefix("handover:"): iter(v)
        for k, v in take_many({f"handover:{p}": n for p, n in wanted.items()}, issued_before=_issued).items()
    }
    return [(row[0], f"{row[1]}{next(numbers[row[1]]):05d}", *row[2:]) for row in rows]


def tables() -> dict[str, Table]:
    """The record tables, with the columns the rows above fill (`history_writer.Table`)."""
    return {
        "list": Table(HandoverList, ("id", "number", "kind", "status", "from_kind", "from_code", "from_name",
                                     "to_kind", "to_code", "to_name", "expected_count", "received_count",
                                     "carrier", "opened_at", "dispatched_at", "received_at", "county")),
        "item": Table(HandoverItem, ("id", "handover_id", "parcel_id", "loaded_at", "arrived_at", "county")),
        "consent": Table(Consent, ("id", "recipient_phone", "preference", "village_id", "source", "given_at")),
        "problem": Table(Problem, ("id", "parcel_id", "reason", "note", "tier", "place_code", "state_before",
                                   "opened_at", "resolved_at", "resolution", "resolution_note")),
        "sms": Table(SmsMessage, ("id", "parcel_id", "phone", "template", "text", "status", "gateway",
                                  "created_at", "sent_at")),
        "collection": Table(OutboundCollection, (
            "id", "station_id", "parcel_id", "accepted", "sender_name", "sender_phone", "id_type", "id_number",
            "id_name", "name_matched", "contents", "weight_g", "brand_id", "recipient_name", "recipient_phone",
            "recipient_address", "at")),
    }  # fmt: skip


SIGN_TYPES = {"station": SignType.SELF, "door": SignType.DOOR, "sc": SignType.PROXY}


def _issued(keys) -> dict[str, int]:
    """Numbers handed out before the counters existed (as `open_handover` counts them)."""
    counts = {}
    for key in keys:
        prefix = key.removeprefix("handover:")
        counts[key] = HandoverList.objects.filter(number__gt=prefix, number__lt=prefix + "~").count()
    return counts


def _collection(pk, parcel, data, at, times) -> tuple:
    return (
        pk, parcel.station_id, parcel.pk, True, data["sender_name"], data["sender_phone"], str(data["id_type"]),
        data["id_number"], data["id_name"], True, data["contents"], parcel.weight_g, parcel.brand_id,
        parcel.recipient_name, parcel.recipient_phone, parcel.address, times(at),
    )  # fmt: skip


def _at(day, hour, minute=0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _hub(hub):
    return (PlaceKind.HUB, hub.code, hub.name)


def _node(node):
    return (PlaceKind.TOWN_NODE, node.code, node.name)


def _station(station):
    return (PlaceKind.STATION, station.code, station.name)
