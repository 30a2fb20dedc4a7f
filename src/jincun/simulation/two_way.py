"""Outbound on the planned runs (issue 15): once a day the simulator plans the day through routing's public
`plan_day`, and each run's pickups are handed over at the stop's time (`routing.services.handovers`):
village runs carry the boxes collected at stations up to the day before to their town node, trunk runs carry
the node's outbound to the hub. Each list is checked in where its run ends, through the parcels services.
The engine calls `carry_outbound(sim, day)` once a day; it returns the parcels that reached the hub."""

from __future__ import annotations

import datetime as dt

from jincun.parcels import services
from jincun.routing.choices import RunKind
from jincun.routing.services.handovers import hand_over_run
from jincun.routing.services.plans import plan_day

# A day's plan in the simulator: deterministic (iteration cap) and short, so a month stays quick.
PLAN_TIME_LIMIT, PLAN_ITERATIONS = 1.0, 200


def carry_outbound(sim, day: dt.date) -> list:
    plan = plan_day(
        day, time_limit=PLAN_TIME_LIMIT, iterations=PLAN_ITERATIONS, seed=sim.seed, hub=sim.net.hub
    )
    at_hub = []
    for run in plan.runs.filter(kind__in=(RunKind.TRUNK, RunKind.VILLAGE)).order_by("departs_at", "seq"):
        for result in hand_over_run(run):
            if not result.loaded:
                continue
            for waybill in result.loaded:
                services.check_in(result.handover, waybill, at=run.returns_at)
            services.finish_check_in(result.handover, at=run.returns_at)
            key = "outbound_on_trunk" if run.kind == RunKind.TRUNK else "outbound_on_village_runs"
            sim.tally[key] += len(result.loaded)
            sim.tally["outbound_refused_on_run"] += len(result.refused)
            if run.kind == RunKind.TRUNK:
                at_hub += [i.parcel for i in result.handover.items.select_related("parcel__brand")]
    return at_hub
