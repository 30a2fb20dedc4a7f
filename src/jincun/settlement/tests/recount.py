"""An independent recount: each earning event priced in Python (the tariff rule of `applicable_tariff` and
each model's `price`), summed per counterparty — what the statements' totals must equal."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from jincun.network.models import AdminArea, Station
from jincun.parcels.models import ScanEvent
from jincun.settlement import rating
from jincun.settlement.choices import PartyKind
from jincun.settlement.services.periods import SHANGHAI, month_bounds
from jincun.settlement.services.rating import PARTY_ORDER
from jincun.settlement.services.tariffs import applicable_tariff


def _mode(parcel, station_kind) -> str:
    if parcel.route_kind == "postal":
        return "postal"
    if parcel.route_kind == "service_center":
        return "proxy"
    return "ecommerce" if station_kind == "ecommerce" else "joint"


def recount(month: dt.date) -> dict[str, int]:
    start, end = month_bounds(month)
    kinds = dict(Station.objects.values_list("id", "kind"))
    villages = {a.pk: a for a in AdminArea.objects.filter(level="village")}
    events = ScanEvent.objects.filter(at__gte=start, at__lt=end, result="applied").select_related("parcel")
    totals: dict[str, int] = defaultdict(int)
    rank: dict[tuple, int] = defaultdict(int)
    brand_fen: dict[int, int] = {}
    by_tariff: dict[tuple, int] = defaultdict(int)
    for party_kind in PARTY_ORDER:
        for e in events.order_by("at", "id"):
            p = e.parcel
            village = villages.get(p.village_id)
            t = applicable_tariff(
                party_kind, brand_id=p.brand_id, mode=_mode(p, kinds.get(p.station_id)), village=village,
                day=e.at.astimezone(SHANGHAI).date(), event_type=e.event_type,
            )  # fmt: skip
            if t is None:
                continue
            key = {
                PartyKind.BRAND: f"brand:{p.brand_id}",
                PartyKind.STATION: f"station:{p.station_id}" if p.station_id else None,
                PartyKind.POSTAL: f"postal:{t.payee_brand_id}",
                PartyKind.PROXY: f"proxy:{p.village_id}" if p.village_id else None,
            }[party_kind]
            if key is None or (t.price_model == "share" and e.id not in brand_fen):
                continue
            rank[(t.id, key)] += 1
            fen = rating.model_of(t).price(
                t, weight_g=p.weight_g, rank=rank[(t.id, key)], brand_fen=brand_fen.get(e.id, 0)
            )
            if party_kind == PartyKind.BRAND:
                brand_fen[e.id] = fen
            totals[key] += fen
            by_tariff[(t, key)] += fen
    # the month's floors: a party below a tariff's minimum is topped up to it
    for (tariff, key), fen in by_tariff.items():
        if fen < tariff.minimum_fen:
            totals[key] += tariff.minimum_fen - fen
    return dict(totals)
