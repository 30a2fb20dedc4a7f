"""The two-way figure: one plan whose village runs deliver and collect on the same loop, against inbound-only
runs plus separate outbound runs, on the same day, fleet and distance model.

Assumptions, printed with every result (`ASSUMPTIONS`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jincun.network.models import Hub
from jincun.routing.notes import shown
from jincun.routing.outbound import Forecast, seasonal_forecast
from jincun.routing.planning import DayPlan, compute_day, fleet_for
from jincun.routing.products import PRODUCTS
from jincun.routing.two_way import SEASON_TRUCK, SEASON_VAN, season_fleet_for, season_fleet_sized


def _recorded_outbound(hub: Hub) -> bool:
    from jincun.parcels.choices import Direction
    from jincun.parcels.models import Parcel

    return Parcel.objects.filter(direction=Direction.OUTBOUND, station__town_node__hub=hub).exists()


NO_BRAND = {"-"}  # a brand filter no parcel matches: the outbound-only plan delivers nothing


def assumptions() -> list[str]:
    """What the comparison assumes, in the active language."""
    boxes = _("；").join(
        _("%(product)s %(kg)s kg / %(litres)s L")
        % {"product": _(p.name), "kg": p.kg_per_box, "litres": f"{p.litres_per_box:.0f}"}
        for p in PRODUCTS.values()
    )
    return [
        _(
            "同一天、同一需求（下行：在途包裹或预测；上行：已揽收待运包裹，无记录时按季节比例预测）、同一距离模型、同一求解时限与随机种子"
        ),
        _(
            "分开方案 = 只送不收的下行计划 + 只收不送的上行计划，两者各自使用整套相同车辆（含当日季节租用车辆），未用车辆不计成本"
        ),
        _("成本 = 里程 × 每公里成本 + 车时 × 每小时成本 + 季节租用车辆日租金"),
        _("每箱重量/体积：%(boxes)s（包裹有称重时按实重）") % {"boxes": boxes},
        _(
            "无季节租车记录时，按当日上行量×2配置季节车辆（两方案相同）：村线厢式车 %(van_kg)s kg、日租 ¥%(van_rent)s；"
            "干线货车 %(truck_kg)s kg、日租 ¥%(truck_rent)s（假设）"
        )
        % {
            "van_kg": SEASON_VAN["capacity_kg"],
            "van_rent": SEASON_VAN["cost_per_day_fen"] // 100,
            "truck_kg": SEASON_TRUCK["capacity_kg"],
            "truck_rent": SEASON_TRUCK["cost_per_day_fen"] // 100,
        },
        _(
            "上行季节比例：苹果季（10–11月）上行为下行的 136%，樱桃季（5–6月）71%，其余 5%（与模拟器同一锚点）"
        ),
    ]


@dataclass
class Side:
    runs: int = 0
    km: float = 0.0
    hours: float = 0.0
    cost_fen: int = 0
    parcels: int = 0
    boxes: int = 0
    unserved_parcels: int = 0
    unserved_boxes: int = 0
    season_vehicles: int = 0

    def add(self, plan: DayPlan):
        t = plan.total()
        self.runs += t["runs"]
        self.km += t["km"]
        self.hours += t["hours"]
        self.cost_fen += t["cost_fen"]
        self.parcels += t["parcels"]
        self.boxes += t["pickups"]
        self.unserved_parcels += sum(u["parcels"] for u in plan.unserved)
        self.unserved_boxes += sum(u.get("pickup_boxes", 0) for u in plan.unserved)
        self.season_vehicles += plan.season.get("used", 0)

    def as_dict(self) -> dict:
        return {"runs": self.runs, "km": round(self.km, 1), "vehicle_hours": round(self.hours, 2),
                "cost_fen": self.cost_fen, "parcels": self.parcels, "boxes": self.boxes,
                "unserved_parcels": self.unserved_parcels, "unserved_boxes": self.unserved_boxes,
                "season_vehicles": self.season_vehicles}  # fmt: skip


@dataclass
class TwoWayComparison:
    day: dt.date
    joint: Side = field(default_factory=Side)
    inbound: Side = field(default_factory=Side)
    outbound: Side = field(default_factory=Side)
    distance_source: str = ""
    approximate: bool = True
    outbound_source: str = ""
    note: str = ""
    hired: int = 0

    @property
    def separate(self) -> Side:
        s = Side()
        for name in vars(s):
            setattr(s, name, getattr(self.inbound, name) + getattr(self.outbound, name))
        return s

    def as_dict(self) -> dict:
        sep = self.separate
        saving = {k: round(1 - getattr(self.joint, k) / getattr(sep, k), 4) if getattr(sep, k) else 0.0
                  for k in ("km", "hours", "cost_fen")}  # fmt: skip
        return {"day": self.day.isoformat(), "joint": self.joint.as_dict(), "inbound_only": self.inbound.as_dict(),
                "outbound_only": self.outbound.as_dict(), "separate": sep.as_dict(), "saving": saving,
                "assumptions": assumptions(), "distance_source": shown(self.distance_source), "approximate": self.approximate,
                "outbound_source": self.outbound_source, "note": shown(self.note),
                "season_vehicles_available": self.hired}  # fmt: skip


def compare_two_way(hub: Hub, day: dt.date, *, time_limit: float = 10.0, seed: int = 1, iterations: int | None = None,
                    forecast: Forecast | None = None, progress=None) -> TwoWayComparison:  # fmt: skip
    """Joint two-way versus inbound-only plus outbound-only on `day`. `forecast` defaults to the station's
    recorded collections when there are any, else `seasonal_forecast`."""
    hired = season_fleet_for(hub, day)
    if forecast is None and not _recorded_outbound(hub):
        forecast = seasonal_forecast
    if not hired:  # none on record: size what-if hires to the day (same fleet on both sides)
        hired = season_fleet_sized(hub, day, forecast)
    fleet = fleet_for(hub) + hired
    opts = {"time_limit": time_limit, "seed": seed, "iterations": iterations, "fleet": fleet}
    result = TwoWayComparison(day=day)
    result.hired = len(hired)
    joint = compute_day(hub, day, two_way=True, outbound_forecast=forecast, **opts)
    result.joint.add(joint)
    result.distance_source, result.approximate = joint.distance_source, joint.approximate
    result.outbound_source, result.note = joint.outbound_source, joint.season.get("note", "")
    if progress:
        progress()
    result.inbound.add(compute_day(hub, day, two_way=False, **opts))
    if progress:
        progress()
    result.outbound.add(
        compute_day(hub, day, two_way=True, brands=NO_BRAND, outbound_forecast=forecast, **opts)
    )
    if progress:
        progress()
    return result
