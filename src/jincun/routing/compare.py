"""The co-distribution figure: one joint plan through the shared hub versus every brand running its own.

Assumptions, stated with every result (`ASSUMPTIONS`):
- Same demand: the same deliveries (forecast or parcels) for the same days; the joint plan carries all brands,
  each separate plan one brand's share.
- Same distance model and the same solver time budget and seed per plan.
- Same destinations: a station for station villages, the town service center for 村委代办. 邮快合作 villages
  are delivered by road in both cases (their mail route is left out), so the saving is consolidation alone.
- Each brand gets a copy of the whole fleet (trunk trucks at the hub, vans and a tricycle at every town node),
  operating from the same places; an unused vehicle costs nothing. This flatters the separate case, if anything.
- Cost is per km and per vehicle-hour (integer fen); no fixed vehicle or depot costs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_noop

from jincun.network.models import Hub
from jincun.routing.choices import RunKind
from jincun.routing.demand import deliveries_for
from jincun.routing.planning import DayPlan, FleetVehicle, compute_day, fleet_for

ASSUMPTIONS = [
    gettext_noop("同一需求、同一距离模型、每个方案同一求解时限与随机种子"),
    gettext_noop("邮快合作村在两种方案中均按公路配送到站（不计邮路），只比较共配本身"),
    gettext_noop("各品牌分别配送时，每个品牌拥有与共配相同的一整套车辆（同一出发地），未用车辆不计成本"),
    gettext_noop("成本 = 里程 × 每公里成本 + 车时 × 每小时成本，不含车辆固定成本"),
]


@dataclass
class Figures:
    km: float = 0.0
    hours: float = 0.0
    cost_fen: int = 0
    parcels: int = 0
    runs: int = 0
    unserved_parcels: int = 0

    def add(self, other: Figures):
        for name in ("km", "hours", "cost_fen", "parcels", "runs", "unserved_parcels"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        per = self.cost_fen / self.parcels if self.parcels else 0
        return {"km": round(self.km, 1), "vehicle_hours": round(self.hours, 2), "cost_fen": self.cost_fen,
                "parcels": self.parcels, "runs": self.runs, "cost_per_parcel_fen": round(per, 1),
                "unserved_parcels": self.unserved_parcels}  # fmt: skip


@dataclass
class Comparison:
    days: list[dt.date]
    joint: Figures = field(default_factory=Figures)
    separate: Figures = field(default_factory=Figures)
    towns: dict[str, dict[str, Figures]] = field(default_factory=dict)
    separate_by_brand: dict[str, Figures] = field(default_factory=dict)
    approximate: bool = True
    distance_source: str = ""

    @staticmethod
    def saving(joint: float, separate: float) -> float:
        return round(1 - joint / separate, 4) if separate else 0.0

    def as_dict(self) -> dict:
        return {
            "days": [d.isoformat() for d in self.days],
            "joint": self.joint.as_dict(),
            "separate": self.separate.as_dict(),
            "saving": {
                k: self.saving(getattr(self.joint, k), getattr(self.separate, k))
                for k in ("km", "hours", "cost_fen")
            },  # fmt: skip
            "towns": {
                town: {
                    "joint": f["joint"].as_dict(),
                    "separate": f["separate"].as_dict(),
                    "km_saving": self.saving(f["joint"].km, f["separate"].km),
                }
                for town, f in sorted(self.towns.items())
            },  # fmt: skip
            "separate_by_brand": {b: f.as_dict() for b, f in sorted(self.separate_by_brand.items())},
            "assumptions": ASSUMPTIONS,
            "approximate": self.approximate,
            "distance_source": self.distance_source,
        }


def brand_fleet(fleet: list[FleetVehicle], brand: str) -> list[FleetVehicle]:
    return [replace(v, code=f"{brand}:{v.code}", vehicle_id=None) for v in fleet]


def _figures(
    plan: DayPlan, towns: dict[int, str], into_towns: dict[str, dict[str, Figures]], side: str
) -> Figures:
    """Totals of `plan`, and per town: village runs by their node, trunk runs shared by parcels delivered."""
    total = Figures(unserved_parcels=sum(u["parcels"] for u in plan.unserved))
    for run in plan.runs:
        if run.vehicle is None:
            continue
        km, hours = run.metres / 1000, (run.end_s - run.start_s) / 3600
        total.add(Figures(km, hours, run.cost_fen, 0, 1))
        if run.kind == RunKind.TRUNK:
            total.parcels += run.parcels
            shares = [(towns[s.place_id], s.parcels / run.parcels if run.parcels else 0) for s in run.stops]
        else:
            shares = [(towns[run.node_id], 1.0)]
        for town, share in shares:
            f = into_towns.setdefault(town, {"joint": Figures(), "separate": Figures()})[side]
            f.add(Figures(km * share, hours * share, round(run.cost_fen * share), 0, 0))
            if run.kind == RunKind.TRUNK:
                f.parcels += round(run.parcels * share)
    return total


def compare_joint(hub: Hub, days: list[dt.date], *, time_limit: float = 5.0, seed: int = 1,
                  iterations: int | None = None, progress=None) -> Comparison:  # fmt: skip
    """Joint versus separate for `days`: see the module docstring for what is held equal."""
    fleet = fleet_for(hub)
    towns = {n.id: n.town.name for n in hub.town_nodes.select_related("town")}
    result = Comparison(days=list(days))
    opts = {"time_limit": time_limit, "seed": seed, "iterations": iterations, "postal_by_road": True}
    for day in days:
        joint = compute_day(hub, day, fleet=fleet, **opts)
        result.approximate, result.distance_source = joint.approximate, joint.distance_source
        result.joint.add(_figures(joint, towns, result.towns, "joint"))
        brands = sorted({b for d in deliveries_for(hub, day)[0] for b in d.by_brand})
        for brand in brands:
            own = compute_day(hub, day, fleet=brand_fleet(fleet, brand), brands={brand}, **opts)
            figures = _figures(own, towns, result.towns, "separate")
            result.separate.add(figures)
            result.separate_by_brand.setdefault(brand, Figures()).add(figures)
            if progress:
                progress()
    return result
