"""Build a plausible demo network for a loaded county: hub, town nodes, village stations, agreements, logins.

The story follows the policy's plan: about 60% of 建制村 served by mid-2020, past 80% by the end of 2020,
every one by the end of 2021 — most through village stations (快快合作 at shops, 快商合作 at e-commerce
stations, 邮快合作 at post points) and the remote rest through 村委代办 at the town service center. Every
figure here is simulated; only the divisions are real. Same seed, same network.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from jincun.network.choices import Mode, StationKind, StationStatus, UnitType
from jincun.network.demo.people import DemoLogin, create_demo_users, mobile_phone, person_name
from jincun.network.demo.places import place_towns_and_villages
from jincun.network.models import AdminArea, Agreement, Brand, Hub, Station, TownNode

D = dt.date
REASON = "演示数据"
# (share of 建制村 served by the end of the phase, first day, last day of the phase)
PHASES = [
    (0.30, D(2019, 4, 1), D(2019, 12, 20)),
    (0.62, D(2020, 1, 6), D(2020, 6, 20)),
    (0.88, D(2020, 7, 1), D(2020, 12, 15)),
    (1.00, D(2021, 1, 10), D(2021, 11, 30)),
]
KINDS = [(StationKind.SHOP, 50), (StationKind.ECOMMERCE, 22), (StationKind.POST_POINT, 18),
         (StationKind.DEDICATED, 10)]  # fmt: skip
MODE_OF_KIND = {
    StationKind.SHOP: Mode.JOINT,
    StationKind.DEDICATED: Mode.JOINT,
    StationKind.ECOMMERCE: Mode.ECOMMERCE,
    StationKind.POST_POINT: Mode.POSTAL,
}
JOINT_BRANDS = ["ZTO", "YTO", "STO", "YUNDA", "JT"]
BRANDS_OF_MODE = {
    Mode.JOINT: JOINT_BRANDS,
    Mode.ECOMMERCE: [*JOINT_BRANDS, "JD"],
    Mode.POSTAL: ["POST", "EMS", "ZTO", "YUNDA", "STO"],
    Mode.PROXY: [*JOINT_BRANDS, "POST"],
}
KIND_SUFFIX = {
    StationKind.SHOP: "便民超市快递服务站",
    StationKind.ECOMMERCE: "电商服务站",
    StationKind.POST_POINT: "邮乐购站点",
    StationKind.DEDICATED: "快递服务站",
}
CLOSED_ON = D(2021, 4, 1)  # a few first-generation stations closed and were replaced the same day
DEPPON_END = D(2022, 6, 30)  # Deppon withdrew from one town: agreements that ended


def hub_code(county: AdminArea) -> str:
    return f"HUB-{county.code[:6]}"


def demo_exists(county: AdminArea) -> bool:
    return Hub.objects.filter(code=hub_code(county)).exists()


@dataclass
class DemoResult:
    county: AdminArea
    hub: Hub
    towns: int = 0
    stations: int = 0
    agreements: int = 0
    proxy_villages: int = 0
    logins: list[DemoLogin] = field(default_factory=list)


@dataclass
class _Village:
    area: AdminArea
    served_from: dt.date
    mode: str
    kind: str = ""
    station: Station | None = None
    replaced: Station | None = None


@transaction.atomic
def build_demo(county: AdminArea, seed: int = 2020) -> DemoResult:
    """Create the demo network for `county` (divisions must be loaded). Refuses if one exists."""
    if demo_exists(county):
        raise ValueError(f"{county.name} already has a demo network (hub {hub_code(county)})")
    rng = random.Random(seed)
    seats = place_towns_and_villages(county, rng)
    county.refresh_from_db()
    hub = Hub(
        code=hub_code(county),
        name=f"{county.name}快递物流共配中心",
        county=county,
        address=f"{county.name}县城物流园",
        lat=county.lat,
        lon=county.lon,
        location_approximate=True,
    )
    hub._change_reason = REASON
    hub.save()
    nodes = _town_nodes(county, hub, seats)
    villages = _plan_villages(county, rng)
    stations = _stations(villages, nodes, county, rng)
    agreements = _agreements(villages, nodes, rng)
    result = DemoResult(county, hub, towns=len(nodes), stations=len(stations), agreements=len(agreements))
    result.proxy_villages = sum(1 for v in villages if v.mode == Mode.PROXY)
    result.logins = _logins(hub, nodes, villages)
    return result


def _town_nodes(county, hub, seats) -> dict[str, TownNode]:
    nodes = []
    for town in AdminArea.objects.towns().filter(parent=county).order_by("code"):
        lat, lon = seats[town.code]
        nodes.append(
            TownNode(
                code=f"TN-{town.code[:9]}",
                name=f"{town.name}快递分拨节点",
                town=town,
                hub=hub,
                address=f"{county.name}{town.name}驻地",
                service_center_name=f"{town.name}便民服务中心",
                service_center_address=f"{county.name}{town.name}政府驻地便民服务中心",
                lat=round(lat + 0.002, 6),
                lon=round(lon + 0.002, 6),
                location_approximate=True,
            )
        )
    bulk_create_with_history(nodes, TownNode, default_change_reason=REASON)
    return {n.town_id: n for n in TownNode.objects.filter(hub=hub).select_related("town")}


def _plan_villages(county, rng) -> list[_Village]:
    """When and how each village unit gets served: central villages early, remote ones late and by proxy."""
    units = list(AdminArea.objects.villages().filter(parent__parent=county).order_by("code"))
    far = max((_distance(u, county) for u in units), default=1.0) or 1.0
    admin = [u for u in units if u.unit_type == UnitType.VILLAGE_COMMITTEE]
    admin.sort(key=lambda u: rng.random() + 0.8 * _distance(u, county) / far)
    planned = []
    for rank, unit in enumerate(admin):
        share = (rank + 0.5) / len(admin)
        _, start, end = next(p for p in PHASES if share < p[0])
        served = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        remote = _distance(unit, county) / far > 0.7
        proxy = (start.year == 2021 and rng.random() < 0.75) or (remote and rng.random() < 0.1)
        kind = _kind(rng)
        planned.append(_Village(unit, served, Mode.PROXY if proxy else MODE_OF_KIND[kind], kind))
    for unit in units:
        if unit.unit_type == UnitType.RESIDENTS_COMMITTEE:
            start = D(2019, 3, 1)
            served = start + dt.timedelta(days=rng.randint(0, 120))
            planned.append(
                _Village(unit, served, Mode.JOINT, rng.choice((StationKind.DEDICATED, StationKind.SHOP)))
            )
    return planned


def _kind(rng) -> str:
    return rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]


def _distance(unit, county) -> float:
    return math.hypot(unit.lat - county.lat, (unit.lon - county.lon) * math.cos(math.radians(county.lat)))


def _stations(villages, nodes, county, rng) -> list[Station]:
    stations = []
    served = [v for v in villages if v.mode != Mode.PROXY]
    for v in served:
        v.station = _station(
            v.area, v.kind, nodes, county, rng, v.served_from - dt.timedelta(rng.randint(0, 20))
        )
        stations.append(v.station)
    early = [v for v in served if v.served_from < D(2020, 6, 1) and v.area.unit_type != "residents_committee"]
    for v in rng.sample(early, min(3, len(early))):
        v.replaced = v.station
        v.replaced.status, v.replaced.closed_on = StationStatus.CLOSED, CLOSED_ON
        v.station = _station(v.area, v.replaced.kind, nodes, county, rng, CLOSED_ON, suffix="-2")
        stations.append(v.station)
    active = [s for s in stations if s.status == StationStatus.ACTIVE]
    for s in rng.sample(active, min(3, len(active))):
        s.status, s.suspended_on = StationStatus.SUSPENDED, D(2025, rng.randint(9, 11), rng.randint(1, 28))
        s.hours_note = "负责人外出务工，暂停营业"
    for s in rng.sample(active, max(3, len(active) // 16)):  # not up to the standard (seed §二(一)3)
        lack = rng.choice(("video", "filing", "keeper"))
        if lack == "video":
            s.cameras, s.video_platform, s.video_heartbeat_at = 0, "", None
        elif lack == "filing":
            s.filing_number, s.filed_on = "", None
        else:
            s.keeper_phone = ""
    proxies = [v for v in villages if v.mode == Mode.PROXY]
    for v in rng.sample(proxies, min(4, len(proxies))):  # stations being set up in proxy villages
        planned = _station(v.area, StationKind.SHOP, nodes, county, rng, None)
        planned.status, planned.filing_number, planned.filed_on = StationStatus.PLANNED, "", None
        planned.cameras, planned.video_platform, planned.video_heartbeat_at = 0, "", None
        stations.append(planned)
    _heartbeats(stations, rng)
    bulk_create_with_history(stations, Station, batch_size=500, default_change_reason=REASON)
    by_code = {s.code: s for s in Station.objects.filter(town_node__hub__county=county)}
    for v in villages:
        v.station = by_code[v.station.code] if v.station else None
        v.replaced = by_code[v.replaced.code] if v.replaced else None
    return stations


def _heartbeats(stations, rng) -> None:
    """Video platforms report a heartbeat every few minutes; a few cameras have gone quiet for days."""
    now = timezone.now().replace(second=0, microsecond=0)
    for s in stations:
        if s.status == StationStatus.ACTIVE and s.video_connected:
            quiet = dt.timedelta(days=rng.randint(2, 20)) if rng.random() < 0.03 else dt.timedelta()
            s.video_heartbeat_at = now - quiet - dt.timedelta(minutes=rng.randint(1, 45))


def _station(area, kind, nodes, county, rng, opened_on, suffix="") -> Station:
    short = area.name.removesuffix("村委会").removesuffix("居委会")
    if area.unit_type == UnitType.RESIDENTS_COMMITTEE:
        short += "社区"
    elif not short.endswith("村"):
        short += "村"
    filed = opened_on + dt.timedelta(days=rng.randint(1, 20)) if opened_on else None
    cameras = rng.randint(1, 4)
    return Station(
        code=f"ST-{area.code}{suffix}",
        name=short + KIND_SUFFIX[kind],
        village=area,
        town_node=nodes[area.parent_id],
        kind=kind,
        address=f"{county.name}{nodes[area.parent_id].town.name}{short}",
        keeper_name=person_name(rng),
        keeper_phone=mobile_phone(rng),
        opens_at=rng.choice((dt.time(7, 30), dt.time(8, 0), dt.time(8, 30))),
        closes_at=rng.choice((dt.time(18, 0), dt.time(19, 0), dt.time(20, 0), dt.time(21, 0))),
        hours_note=rng.choice(("", "", "节假日照常营业", "午间 12:00–13:30 休息")),
        shelves=rng.randint(1, 3) if kind == StationKind.POST_POINT else rng.randint(2, 6),
        layers=rng.randint(3, 5),
        cameras=cameras,
        video_platform=f"{county.name}快递末端安全监管视频平台",
        filing_number=f"鲁邮备{area.code[:6]}-{filed.year}-{int(area.code[6:]):06d}{suffix}" if filed else "",
        filed_on=filed,
        status=StationStatus.ACTIVE if opened_on else StationStatus.PLANNED,
        opened_on=opened_on,
        lat=round(area.lat + rng.uniform(-0.001, 0.001), 6),
        lon=round(area.lon + rng.uniform(-0.001, 0.001), 6),
        location_approximate=True,
    )


def _agreements(villages, nodes, rng) -> list[Agreement]:
    brands = {b.code: b for b in Brand.objects.all()}
    deppon_town = sorted(nodes)[len(nodes) // 2]
    rows: list[Agreement] = []

    def add(v, codes, mode, start, end=None, station=None):
        for i, code in enumerate(codes):
            if code not in brands:
                continue
            begin = start if i == 0 else start + dt.timedelta(days=rng.randint(0, 90))
            rows.append(
                Agreement(
                    brand=brands[code],
                    mode=mode,
                    village=v.area,
                    station=station,
                    town_node=nodes[v.area.parent_id] if mode == Mode.PROXY else None,
                    valid_from=begin,
                    valid_to=end,
                    remind_after_days=3,
                    return_after_days=7 if mode != Mode.PROXY else 10,
                )
            )

    for v in villages:
        codes = list(BRANDS_OF_MODE[v.mode])
        rng.shuffle(codes)
        if v.mode != Mode.PROXY and rng.random() < 0.25:
            codes.append("SF")
        if v.mode == Mode.JOINT and rng.random() < 0.12:
            codes.append("JD")
        if v.replaced:
            add(v, codes, v.mode, v.served_from, CLOSED_ON - dt.timedelta(days=1), v.replaced)
            add(v, codes, v.mode, CLOSED_ON, station=v.station)
        else:
            add(v, codes, v.mode, v.served_from, station=v.station)
        if v.mode != Mode.PROXY and not v.replaced and rng.random() < 0.15:
            start = max(v.served_from, D(2020, 9, 1)) + dt.timedelta(days=rng.randint(0, 120))
            end = DEPPON_END if v.area.parent_id == deppon_town else None
            add(v, ["DBL"], Mode.JOINT, start, end, v.station)
    bulk_create_with_history(rows, Agreement, batch_size=1000, default_change_reason=REASON)
    return rows


def _logins(hub, nodes, villages) -> list[DemoLogin]:
    proxies_by_town: dict[str, list[AdminArea]] = {}
    for v in villages:
        if v.mode == Mode.PROXY:
            proxies_by_town.setdefault(v.area.parent_id, []).append(v.area)
    town = (
        max(sorted(proxies_by_town), key=lambda t: len(proxies_by_town[t])) if proxies_by_town else min(nodes)
    )
    node = nodes[town]
    station = next(
        (v.station for v in sorted(villages, key=lambda v: v.area.code)
         if v.station and v.area.parent_id == town and v.station.status == StationStatus.ACTIVE
         and v.station.meets_standard),
        next(v.station for v in villages if v.station),
    )  # fmt: skip
    proxy_villages = sorted(proxies_by_town.get(town, []), key=lambda a: a.code)[:4]
    return create_demo_users(hub, node, station, proxy_villages, Brand.objects.get(code="ZTO"))
