"""Run frequency versus cost: the same days planned with every village on one policy (daily, every other
day, on demand every N days), giving vehicle-km, cost and how long parcels wait at the town node.

Villages are staggered (phase by village code), so each day carries about the same share of them.
Wait is the extra days a parcel spends at the node before its village run: with a run every k days and
parcels arriving evenly, (k − 1) / 2 days on average. Figures come from the forecast (volumes accumulate
between runs: `policy.days_carried`). Use a span that is a multiple of every k compared (6 days for 1, 2, 3).
"""

from __future__ import annotations

import datetime as dt

from jincun.network.models import Hub
from jincun.routing.choices import Frequency, RunKind
from jincun.routing.models import VillagePolicy
from jincun.routing.planning import compute_day, fleet_for
from jincun.routing.policy import days_carried

OPTIONS = [("每日", Frequency.DAILY, 1), ("隔日", Frequency.ALTERNATE, 2), ("每3天", Frequency.ON_DEMAND, 3)]


def frequency_tradeoff(hub: Hub, days: list[dt.date], *, time_limit: float = 3.0, seed: int = 1,
                       iterations: int | None = None) -> list[dict]:  # fmt: skip
    fleet = fleet_for(hub)
    rows = []
    for label, frequency, wait_days in OPTIONS:
        policy = VillagePolicy(frequency=frequency, wait_days=wait_days, parity=0)
        km = hours = cost = parcels = runs = unserved = 0
        for day in days:
            plan = compute_day(hub, day, time_limit=time_limit, seed=seed, iterations=iterations, fleet=fleet,
                               policy_for_all=policy)  # fmt: skip
            t = plan.total(RunKind.VILLAGE)
            km, hours, cost, runs = km + t["km"], hours + t["hours"], cost + t["cost_fen"], runs + t["runs"]
            parcels += sum(r.parcels for r in plan.runs if r.kind == RunKind.VILLAGE)
            unserved += sum(u["parcels"] for u in plan.unserved)
        k = days_carried(policy)
        rows.append({"policy": label, "frequency": frequency, "every_days": k, "village_km": round(km, 1),
                     "vehicle_hours": round(hours, 2), "cost_fen": cost, "parcels": parcels, "runs": runs,
                     "cost_per_parcel_fen": round(cost / parcels, 1) if parcels else 0,
                     "avg_extra_wait_days": (k - 1) / 2, "unserved_parcels": unserved})  # fmt: skip
    return rows
