"""Routing factories: a small county network with points, built on the network factories (county 990101)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import factory

from jincun.network.choices import Mode
from jincun.network.models import Brand
from jincun.network.tests import factories as nf
from jincun.routing import models
from jincun.routing.choices import VehicleKind


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Vehicle

    code = factory.Sequence(lambda n: f"VEH{n:04d}")
    name = "测试面包车"
    kind = VehicleKind.VAN
    capacity_parcels = 300
    capacity_kg = 800
    capacity_litres = 3000
    cost_per_km_fen = 110
    cost_per_hour_fen = 3000
    works_from = dt.time(7, 30)
    works_until = dt.time(18, 0)


@dataclass
class TestCounty:
    hub: object
    nodes: list = field(default_factory=list)
    stations: list = field(default_factory=list)
    brands: list = field(default_factory=list)


def brand(code: str) -> Brand:
    return Brand.objects.filter(code=code).first() or nf.BrandFactory(code=code)


def build_county(towns: int = 2, stations_per_town: int = 4, brands=("ZTO", "YTO"), fleet: bool = True,
                 postal: int = 0, proxy: int = 0) -> TestCounty:  # fmt: skip
    """Hub at (36.0, 118.0); town i's node ~10 km away on a circle; its stations 1.5–4 km around the node.
    Each town's last `postal` villages are 邮快合作 and the `proxy` before them 村委代办; the rest 快快合作."""
    hub = nf.HubFactory()
    out = TestCounty(hub=hub, brands=[brand(c) for c in brands])
    for t in range(towns):
        ang = 2 * math.pi * t / max(towns, 1)
        lat, lon = 36.0 + 0.09 * math.sin(ang), 118.0 + 0.11 * math.cos(ang)
        town = nf.TownFactory(lat=lat, lon=lon)
        node = nf.TownNodeFactory(town=town, hub=hub, lat=lat, lon=lon)
        out.nodes.append(node)
        if fleet:
            VehicleFactory(code=f"{node.code}-V1", town_node=node)
            VehicleFactory(
                code=f"{node.code}-V2", town_node=node, kind=VehicleKind.TRICYCLE, capacity_parcels=80
            )
        for s in range(stations_per_town):
            a = 2 * math.pi * s / stations_per_town
            r = 0.015 + 0.02 * (s % 3) / 2
            village = nf.VillageFactory(parent=town, lat=lat + r * math.sin(a), lon=lon + r * math.cos(a))
            station = nf.StationFactory(village=village, town_node=node, lat=village.lat, lon=village.lon)
            out.stations.append(station)
            mode = Mode.JOINT
            if s >= stations_per_town - postal:
                mode = Mode.POSTAL
            elif s >= stations_per_town - postal - proxy:
                mode = Mode.PROXY
            for b in out.brands:
                if mode == Mode.PROXY:
                    nf.AgreementFactory(brand=b, mode=mode, station=None, village=village, town_node=node)
                else:
                    nf.AgreementFactory(brand=b, mode=mode, station=station, village=village)
    if fleet:
        VehicleFactory(code="TRUNK-1", hub=hub, capacity_parcels=1500, capacity_kg=3000, capacity_litres=16000,
                       works_from=dt.time(6, 0), works_until=dt.time(14, 0), departs_at=dt.time(6, 30))  # fmt: skip
    return out


def need_two_village_runs(county: TestCounty, day: dt.date) -> int:
    """Give each node's vehicles room for 65% of that day's parcels at the node, so one run cannot carry them
    all but two can. Returns the capacity set."""
    from jincun.routing.demand import deliveries_for

    total = sum(d.parcels for d in deliveries_for(county.hub, day)[0])
    capacity = math.ceil(total * 0.65 / len(county.nodes))
    models.Vehicle.objects.filter(town_node__in=county.nodes).update(capacity_parcels=capacity)
    return capacity
