"""Will the network carry the forecast peak week? Demand per day of that week against the hub's sorting
rate (data: `SortingRate`), the trunk trucks at the hub and each town node's vehicles (routing's fleet,
one trip a day each — an ASSUMPTION matching the daily plan). Inbound load is the recent daily average
from the aggregates; outbound is the projects' forecast plus the recent non-project sending."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from jincun.agri.forecast import ProjectForecast
from jincun.agri.models import SortingRate
from jincun.network.models import Hub
from jincun.parcels import aggregate_queries as aq
from jincun.routing.models import Vehicle


@dataclass
class Resource:
    key: str
    name: str
    capacity_per_day: int
    demand_per_day: float

    @property
    def ratio(self) -> float:
        return self.demand_per_day / self.capacity_per_day if self.capacity_per_day else float("inf")

    @property
    def shortfall(self) -> int:
        return max(0, round(self.demand_per_day - self.capacity_per_day))


@dataclass
class CapacityCheck:
    week_start: dt.date
    resources: list[Resource]

    @property
    def bottleneck(self) -> Resource | None:
        return max(self.resources, key=lambda r: r.ratio, default=None)

    @property
    def carries(self) -> bool:
        return all(r.shortfall == 0 for r in self.resources)


def check_capacity(
    hub: Hub, forecasts: list[ProjectForecast], today: dt.date, towns: dict[str, str]
) -> CapacityCheck:
    recent_start = today - dt.timedelta(days=27)
    recent = aq.totals(recent_start, today)
    inbound = recent["in_hub"] / 28
    peak_starts = [f.peak_week()[0] for f in forecasts if f.daily]
    week_start = max(peak_starts, key=lambda d: sum(_week(f, d) for f in forecasts)) if peak_starts else today
    project_out = {f.project.code: _week(f, week_start) / 7 for f in forecasts}
    outbound = (
        sum(project_out.values()) + recent["out_collected"] / 28 * 0.2
    )  # ASSUMPTION: 20% is non-project
    rate = SortingRate.objects.filter(hub=hub).first()
    resources = [Resource("hub", "县共配中心分拣", rate.per_day if rate else 0, inbound + outbound)]
    trunk = Vehicle.objects.filter(hub=hub, active=True).aggregate(n=Sum("capacity_parcels"))["n"] or 0
    resources.append(Resource("trunk", "县乡干线车辆", trunk, max(inbound, outbound)))
    by_town = {}
    for f in forecasts:
        for town, share in f.by_town.items():
            by_town[town] = by_town.get(town, 0.0) + share * _week(f, week_start) / 7
    for node in hub.town_nodes.select_related("town"):
        cap = (
            Vehicle.objects.filter(town_node=node, active=True).aggregate(n=Sum("capacity_parcels"))["n"] or 0
        )
        town_in = inbound * _town_share(node.town_id, recent_start, today)
        demand = max(town_in, by_town.get(node.town_id, 0.0))
        resources.append(Resource(node.town_id, f"{towns.get(node.town_id, node.name)}村线车辆", cap, demand))
    return CapacityCheck(week_start, resources)


def _week(forecast: ProjectForecast, start: dt.date) -> float:
    return sum(v for d, v in forecast.daily if start <= d < start + dt.timedelta(days=7))


def _town_share(town: str, start, end) -> float:
    everything = aq.totals(start, end)["in_hub"]
    mine = aq.totals(start, end, [town])["in_hub"]
    return mine / everything if everything else 0.0
