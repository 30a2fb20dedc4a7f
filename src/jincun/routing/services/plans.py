"""Plan a day and store it; lock a stop to a run so the next re-plan keeps it there."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jincun.network.models import Hub
from jincun.routing.choices import DemandSource, RunKind, StopKind
from jincun.routing.models import Plan, Run, Stop
from jincun.routing.planning import DayPlan, compute_day
from jincun.routing.services.fleet import ensure_default_fleet, ensure_demo_mail_routes

LOCAL = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, seconds: int) -> dt.datetime:
    """A time of day on `day`, Asia/Shanghai (seconds may pass midnight)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=LOCAL) + dt.timedelta(seconds=int(seconds))


def default_hub() -> Hub:
    hub = Hub.objects.select_related("county").order_by("id").first()
    if hub is None:
        raise ValidationError(_("没有共配中心：请先运行 jincun demo 或在管理页面建立网络"))
    return hub


def plan_day(
    day: dt.date,
    *,
    time_limit: float = 10.0,
    seed: int = 1,
    iterations: int | None = None,
    hub: Hub | None = None,
    osrm_url: str | None = None,
    two_way: bool = True,
    outbound_forecast=None,
) -> Plan:
    """Plan `day` (create or re-plan), keeping the locks the planner set. Makes a default fleet and demo
    mail routes first if the network has none. The solver runs outside any transaction (it may take
    minutes); the result is stored in one. `outbound_forecast` (a `routing.outbound.Forecast`) is the seam
    for an app above routing to supply tomorrow's expected collections."""
    hub = hub or default_hub()
    ensure_default_fleet(hub)
    ensure_demo_mail_routes(hub, day)
    existing = Plan.objects.filter(date=day).first()
    locks = dict(existing.params.get("locks", {})) if existing else {}
    day_plan = compute_day(
        hub,
        day,
        time_limit=time_limit,
        seed=seed,
        iterations=iterations,
        locks=locks,
        osrm_url=osrm_url,
        two_way=two_way,
        outbound_forecast=outbound_forecast,
    )
    return _store_plan(day, hub, day_plan, locks, seed=seed, time_limit=time_limit, iterations=iterations)


@transaction.atomic
def _store_plan(day, hub, day_plan: DayPlan, locks: dict, *, seed, time_limit, iterations) -> Plan:
    plan, _ = Plan.objects.select_for_update().get_or_create(
        date=day, defaults={"demand_source": DemandSource.FORECAST, "distance_source": ""}
    )
    current = dict(plan.params.get("locks", {}))
    if current != locks:
        # A lock changed while we solved: keep the planner's newer locks and say this plan predates them.
        day_plan.problems.append(gettext_noop("规划期间锁定有变化：本计划按开始时的锁定计算，请重新规划"))
    plan.seed, plan.time_limit_s = seed, time_limit
    plan.params = {"locks": current, "iterations": iterations, "hub": hub.code, "deferred": day_plan.deferred,
                   "feasible": day_plan.feasible, "problems": day_plan.problems,
                   "outbound_source": day_plan.outbound_source, "season": day_plan.season}  # fmt: skip
    plan.demand_source = DemandSource.PARCELS if day_plan.source == "parcels" else DemandSource.FORECAST
    plan.distance_source, plan.approximate = day_plan.distance_source, day_plan.approximate
    totals = day_plan.total()
    plan.total_km, plan.total_hours = totals["km"], totals["hours"]
    plan.total_cost_fen, plan.total_parcels = totals["cost_fen"], totals["parcels"]
    plan.unserved = day_plan.unserved
    plan.save()
    plan.runs.all().delete()
    _store_runs(plan, day_plan)
    return plan


def _store_runs(plan: Plan, day_plan: DayPlan):
    stops = []
    for seq, r in enumerate(day_plan.runs, start=1):
        run = Run.objects.create(
            plan=plan, seq=seq, kind=r.kind, vehicle_id=r.vehicle.vehicle_id if r.vehicle else None,
            vehicle_code=r.vehicle.code if r.vehicle else "", depot_name=r.depot_name, hub_id=r.hub_id,
            town_node_id=r.node_id, departs_at=at(plan.date, r.start_s), returns_at=at(plan.date, r.end_s),
            km=round(r.metres / 1000, 2), hours=round((r.end_s - r.start_s) / 3600, 2), load_parcels=r.parcels,
            load_kg=round(r.parcels * 1.2, 1), cost_fen=r.cost_fen, pickup_parcels=r.pickup_boxes,
            pickup_kg=round(r.pickup_kg, 1), peak_kg=round(r.peak[1], 1),
            season_hire=bool(r.vehicle and r.vehicle.season),
        )  # fmt: skip
        for order, s in enumerate(r.stops, start=1):
            stops.append(Stop(
                run=run, order=order, kind=s.kind, name=s.name, lat=s.lat, lon=s.lon,
                town_node_id=s.place_id if s.kind == StopKind.NODE else None,
                station_id=s.place_id if s.kind == StopKind.STATION else None,
                mail_route_id=s.place_id if s.kind == StopKind.HANDOVER else None,
                eta=at(plan.date, s.eta_s), parcels=s.parcels, parcels_by_brand=s.by_brand,
                kg=round(s.parcels * 1.2, 1), locked=s.locked,
                collection_point_id=s.place_id if s.kind == StopKind.COLLECTION else None,
                **_pickup_fields(s),
            ))  # fmt: skip
    Stop.objects.bulk_create(stops)


def _pickup_fields(s) -> dict:
    out = {"onboard_parcels": s.onboard[0], "onboard_kg": s.onboard[1], "onboard_litres": s.onboard[2]}
    if s.pickup:
        out.update(pickup_parcels=s.pickup.boxes, pickup_kg=round(s.pickup.kg, 1),
                   pickup_litres=round(s.pickup.litres, 1), pickup_by_product=s.pickup.by_product,
                   pickup_ids=list(s.pickup.parcel_ids))  # fmt: skip
    return out


def lock_key(stop: Stop) -> str:
    if stop.kind == StopKind.STATION and stop.station_id:
        return f"S{stop.station_id}"
    if stop.kind == StopKind.NODE and stop.town_node_id:
        return f"N{stop.town_node_id}"
    raise ValidationError(_("只能锁定干线或村线上的停靠点"))


@transaction.atomic
def lock_stop(stop: Stop, run: Run) -> Plan:
    """Lock `stop` to `run`'s vehicle; takes effect on the next re-plan. Refuses a run of another kind or depot."""
    if run.plan_id != stop.run.plan_id:
        raise ValidationError(_("车次不属于同一计划"))
    if run.kind != stop.run.kind or run.vehicle_id is None:
        raise ValidationError(_("只能锁定到同类型的车次"))
    if run.kind == RunKind.VILLAGE and stop.station and stop.station.town_node_id != run.town_node_id:
        raise ValidationError(_("站点只能由其所属镇级节点的车辆配送"))
    plan = Plan.objects.select_for_update().get(pk=run.plan_id)
    locks = dict(plan.params.get("locks", {}))
    locks[lock_key(stop)] = run.vehicle_code
    plan.params = {**plan.params, "locks": locks}
    plan.save(update_fields=["params", "updated_at"])
    return plan


@transaction.atomic
def unlock_stop(stop: Stop) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=stop.run.plan_id)
    locks = dict(plan.params.get("locks", {}))
    locks.pop(lock_key(stop), None)
    plan.params = {**plan.params, "locks": locks}
    plan.save(update_fields=["params", "updated_at"])
    return plan
