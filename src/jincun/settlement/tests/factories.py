"""Settlement test data: the parcels tests' small county, parcels placed directly on their route, and
applied scan events at chosen instants (rating reads only events and parcels)."""

from __future__ import annotations

import datetime as dt
import itertools

from jincun.network.choices import Mode
from jincun.parcels.choices import EventResult, RouteKind
from jincun.parcels.models import Parcel, ScanEvent
from jincun.parcels.tests.factories import build_county
from jincun.settlement.choices import PartyKind, PriceModel
from jincun.settlement.services.periods import SHANGHAI
from jincun.settlement.services.tariffs import add_tariff_version

_seq = itertools.count(1)

ROUTE = {
    Mode.JOINT: RouteKind.TOWN,
    Mode.PROXY: RouteKind.SERVICE_CENTER,
    Mode.POSTAL: RouteKind.POSTAL,
}


def county():
    return build_county()


def local(y, m, d, h=12) -> dt.datetime:
    return dt.datetime(y, m, d, h, tzinfo=SHANGHAI)


def parcel(c, mode=Mode.JOINT, *, weight_g=800, brand=None, village=None) -> Parcel:
    village = village or {Mode.JOINT: c.joint_village, Mode.PROXY: c.proxy_village}.get(
        mode, c.postal_village
    )
    n = next(_seq)
    return Parcel.objects.create(
        waybill=f"TS{n:010d}", brand=brand or c.brand, state="signed", village=village, route_kind=ROUTE[mode],
        station=c.station if mode == Mode.JOINT else None, town_node=c.node, weight_g=weight_g,
    )  # fmt: skip


def event(p: Parcel, event_type: str, at: dt.datetime, result=EventResult.APPLIED) -> ScanEvent:
    return ScanEvent.objects.create(
        parcel=p, event_type=event_type, result=result, state_after=event_type, at=at, received_at=at,
        idem_key=f"t:{p.pk}:{event_type}:{next(_seq)}",
    )  # fmt: skip


def brand_tariff(c, unit_fen=150, day=dt.date(2026, 1, 1), **kw):
    kw.setdefault("event_types", ["signed"])
    return add_tariff_version(
        code="brand-delivery", name="派送费", party_kind=PartyKind.BRAND, effective_from=day,
        price_model=kw.pop("price_model", PriceModel.PER_PIECE), params=kw.pop("params", {"unit_fen": unit_fen}),
        brand=kw.pop("brand", c.brand), **kw,
    )  # fmt: skip
