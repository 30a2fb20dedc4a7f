"""Reads shared by the CLI, API, pages and PDF: a stored plan as plain data."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jincun.routing.models import Plan, Run, Stop
from jincun.routing.notes import shown

APPROXIMATE_NOTE = gettext_lazy("注意：站点与节点坐标为估算位置，里程、时间与成本仅供参考。")


def plan_with_runs(plan_id: int) -> Plan:
    return Plan.objects.prefetch_related(
        Prefetch(
            "runs", queryset=Run.objects.prefetch_related(Prefetch("stops", queryset=Stop.objects.all()))
        )
    ).get(pk=plan_id)


def stop_directions(s: Stop) -> str:
    """Both directions of a stop in words: "送 12 件 · 收 30 箱 225 kg · 离开时在车 40 件 310 kg"."""
    parts = []
    if s.parcels:
        parts.append(_("送 %(n)s 件") % {"n": s.parcels})
    if s.pickup_parcels:
        parts.append(_("收 %(n)s 箱 %(kg).0f kg") % {"n": s.pickup_parcels, "kg": s.pickup_kg})
    if s.kind != "handover":
        parts.append(_("离开时在车 %(n)s 件 %(kg).0f kg") % {"n": s.onboard_parcels, "kg": s.onboard_kg})
    return " · ".join(parts)


def _hm(value) -> str:
    return timezone.localtime(value).strftime("%H:%M")


def stop_as_dict(s: Stop) -> dict:
    return {
        "id": s.id, "order": s.order, "kind": s.kind, "name": s.name, "eta": _hm(s.eta), "parcels": s.parcels,
        "by_brand": s.parcels_by_brand, "kg": s.kg, "locked": s.locked, "lat": s.lat, "lon": s.lon,
        "station_id": s.station_id, "town_node_id": s.town_node_id, "collection_point_id": s.collection_point_id,
        "pickup_parcels": s.pickup_parcels, "pickup_kg": s.pickup_kg, "pickup_litres": s.pickup_litres,
        "pickup_by_product": s.pickup_by_product, "onboard_parcels": s.onboard_parcels, "onboard_kg": s.onboard_kg,
    }  # fmt: skip


def run_as_dict(r: Run, with_stops: bool = True) -> dict:
    out = {
        "id": r.id, "seq": r.seq, "kind": r.kind, "vehicle": r.vehicle_code, "depot": r.depot_name,
        "departs": _hm(r.departs_at), "returns": _hm(r.returns_at), "km": r.km, "hours": r.hours,
        "load_parcels": r.load_parcels, "load_kg": r.load_kg, "cost_fen": r.cost_fen,
        "pickup_parcels": r.pickup_parcels, "pickup_kg": r.pickup_kg, "peak_kg": r.peak_kg,
        "season_hire": r.season_hire,
    }  # fmt: skip
    if with_stops:
        out["stops"] = [stop_as_dict(s) for s in r.stops.all()]
    return out


def plan_as_dict(plan: Plan) -> dict:
    return {
        "id": plan.id,
        "date": plan.date.isoformat(),
        "status": plan.status,
        "seed": plan.seed,
        "time_limit_s": plan.time_limit_s,
        "demand_source": plan.demand_source,
        "distance_source": shown(plan.distance_source),
        "approximate": plan.approximate,
        "note": str(APPROXIMATE_NOTE) if plan.approximate else "",
        "totals": {
            "km": plan.total_km,
            "vehicle_hours": plan.total_hours,
            "cost_fen": plan.total_cost_fen,
            "parcels": plan.total_parcels,
            "runs": sum(1 for r in plan.runs.all() if r.vehicle_code),
        },
        "runs": [run_as_dict(r) for r in plan.runs.all()],
        "unserved": [{**u, "reason": shown(u.get("reason", ""))} for u in plan.unserved],
        "deferred": plan.params.get("deferred", []),
        "locks": plan.params.get("locks", {}),
        "feasible": plan.params.get("feasible", True),
        "problems": [shown(p) for p in plan.params.get("problems", [])],
        "outbound_source": plan.params.get("outbound_source", "none"),
        "season": _season(plan.params.get("season", {})),
    }


def _season(season: dict) -> dict:
    return {**season, "note": shown(season["note"])} if season.get("note") else season
