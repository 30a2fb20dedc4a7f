"""A default fleet and demo mail routes, so a fresh network can be planned at once (all editable in admin)."""

from __future__ import annotations

import datetime as dt
import math

from django.db import transaction

from jincun.network.choices import Mode
from jincun.network.models import AdminArea, Agreement, Hub
from jincun.routing.choices import VehicleKind
from jincun.routing.demand import forecast_parcels
from jincun.routing.distance import great_circle_m
from jincun.routing.models import MailRoute, MailRouteStop, Vehicle

T = dt.time
# (name, kind, parcels, kg, litres, fen/km, fen/h, works from, works until)
TRUNK_TRUCK = ("干线货车", VehicleKind.VAN, 1800, 3000, 16000, 260, 4500, T(6, 0), T(14, 0))
VILLAGE_VAN = ("村线面包车", VehicleKind.VAN, 300, 800, 3000, 110, 3000, T(7, 30), T(18, 0))
TRICYCLE = ("村线三轮车", VehicleKind.TRICYCLE, 80, 300, 1000, 30, 2000, T(7, 30), T(18, 0))
TRUNK_DEPARTS = T(6, 30)
HEADROOM = 1.25


def _vehicle(code, spec, **depot) -> Vehicle:
    name, kind, parcels, kg, litres, per_km, per_h, start, end = spec
    return Vehicle(
        code=code, name=name, kind=kind, capacity_parcels=parcels, capacity_kg=kg, capacity_litres=litres,
        cost_per_km_fen=per_km, cost_per_hour_fen=per_h, works_from=start, works_until=end, **depot,
    )  # fmt: skip


def _peak_forecast(areas) -> float:
    """A Monday's forecast (the busiest weekday) for these village units."""
    monday = dt.date(2024, 1, 1)
    return sum(forecast_parcels(v, monday) for v in areas)


@transaction.atomic
def ensure_default_fleet(hub: Hub) -> int:
    """Create a default fleet when `hub`'s network has none, sized from the forecast with 25% headroom:
    trunk trucks at the hub leaving at 06:30 (at least two), and per town node enough vans for its villages
    (at least two) plus a tricycle. Returns how many vehicles were made. Edit them in admin afterwards."""
    nodes = list(hub.town_nodes.select_related("town").order_by("code"))
    if Vehicle.objects.filter(hub=hub).exists() or Vehicle.objects.filter(town_node__in=nodes).exists():
        return 0
    made, county_peak = [], 0.0
    for node in nodes:
        peak = _peak_forecast(AdminArea.objects.villages().filter(parent=node.town)) * HEADROOM
        county_peak += peak
        vans = max(2, math.ceil((peak - TRICYCLE[2]) / VILLAGE_VAN[2]))
        for j in range(vans):
            made.append(_vehicle(f"{node.code}-V{j + 1}", VILLAGE_VAN, town_node=node))
        made.append(_vehicle(f"{node.code}-V{vans + 1}", TRICYCLE, town_node=node))
    # Trunk stops are whole town loads, so packing wastes room: one more truck than the volume needs.
    for i in range(max(2, math.ceil(county_peak / TRUNK_TRUCK[2]) + 1)):
        v = _vehicle(f"{hub.code}-T{i + 1:02d}", TRUNK_TRUCK, hub=hub)
        v.departs_at = TRUNK_DEPARTS
        made.append(v)
    for v in made:
        v.full_clean()
    Vehicle.objects.bulk_create(made)
    return len(made)


@transaction.atomic
def ensure_demo_mail_routes(hub: Hub, day: dt.date) -> int:
    """Where no mail route exists, make one per town through its 邮快合作 villages (nearest-neighbour order
    from the town node, 3 minutes per km after an 08:00 start). Demo data: real routes come from China Post."""
    if MailRoute.objects.filter(hub=hub).exists():
        return 0
    made = 0
    for node in hub.town_nodes.order_by("code"):
        villages = {
            a.village_id: a.village
            for a in Agreement.objects.valid_on(day)
            .filter(mode=Mode.POSTAL, village__parent=node.town)
            .select_related("village", "station")
            if a.village_id
        }
        points = {}
        postal = Agreement.objects.valid_on(day).filter(mode=Mode.POSTAL, village_id__in=villages)
        for a in postal.select_related("station"):
            st = a.station
            if st and st.has_point:
                points[a.village_id] = (st.lat, st.lon)
        if not points or not node.has_point:
            continue
        route = MailRoute.objects.create(
            code=f"MAIL-{node.code}", name=f"{node.town.name}邮路（演示）", hub=hub
        )
        here, minutes, order, stops = (node.lat, node.lon), 8 * 60, 0, []
        left = dict(points)
        while left:
            code = min(left, key=lambda c: great_circle_m(*here, *left[c]))
            minutes += round(great_circle_m(*here, *left[code]) / 1000 * 1.4 * 3)
            order += 1
            stops.append(
                MailRouteStop(
                    route=route,
                    order=order,
                    village=villages[code],
                    arrives_at=T(min(minutes // 60, 23), minutes % 60),
                )
            )
            here = left.pop(code)
        MailRouteStop.objects.bulk_create(stops)
        made += 1
    return made
