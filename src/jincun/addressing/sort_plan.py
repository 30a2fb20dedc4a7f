"""The sort plan: for a (brand, village) on a day, the way from the hub to the station and the hub sort code.

The route follows the brand's valid Agreement (village-specific first, then town-wide): 快快/快商合作 go
through the town node to the agreed station; 邮快合作 rides the postal route of the town node; 村委代办 ends
at the town node's service center, where the village proxy collects. No valid agreement → no target (the
parcel stays unrouted with that reason).

The hub sort code (destination mark, printed big on the hub label) is `TT-VVV`: TT the town node's chute
(the town's position in the county, 01–99), VVV the last three digits of the village code; 村委代办 prints
`TT-代`, the postal route `TT-VVV邮`. Brand 三段码/大头笔 patterns (`BrandSortCode`) pre-sort a parcel to a
node before its address is parsed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jincun.addressing.models import BrandSortCode
from jincun.core.imports import ImportReport, RowError
from jincun.network.choices import AreaLevel, Mode
from jincun.network.models import AdminArea, Agreement, Brand, Station, TownNode

SEGMENT_SPLIT = re.compile(r"[-\s]+")


@dataclass
class SortTarget:
    """Where the hub sends a parcel. `route` is one of: town_node, postal_route, service_center."""

    brand_code: str
    village_code: str
    mode: str
    route: str
    town_node_code: str
    town_node_name: str
    station_code: str
    station_name: str
    sort_code: str
    pickup: str
    town_name: str
    village_name: str


def town_chute(town: AdminArea, _chutes: dict | None = None) -> int:
    """The town's position among its county's towns (by code), 1-based: the hub chute number.
    `_chutes` is a per-batch cache (county prefix → town codes) so a manifest asks the database once."""
    cache = _chutes if _chutes is not None else {}
    codes = cache.get(town.code[:6])
    if codes is None:
        codes = cache[town.code[:6]] = list(
            AdminArea.objects.filter(level=AreaLevel.TOWN, code__startswith=town.code[:6])
            .order_by("code")
            .values_list("code", flat=True)
        )
    return codes.index(town.code) + 1 if town.code in codes else 0


def agreement_for(brand: Brand, village: AdminArea, day: dt.date) -> Agreement | None:
    valid = (
        Agreement.objects.valid_on(day)
        .filter(brand=brand)
        .select_related("station", "station__town_node", "town_node")
    )
    return (
        valid.filter(village=village).order_by("-valid_from").first()
        or valid.filter(town_id=village.town_code).order_by("-valid_from").first()
    )


def _town_node(agreement: Agreement, town: AdminArea) -> TownNode | None:
    if agreement.station_id:
        return agreement.station.town_node
    return agreement.town_node or TownNode.objects.filter(town=town).order_by("code").first()


def sort_target(
    brand: Brand, village: AdminArea, day: dt.date | None = None, _chutes: dict | None = None
) -> SortTarget | None:
    """The route and hub sort code for a brand's parcel to `village` on `day` (default today), or None.
    Pass the same `_chutes` dict across one batch to look the county's towns up once."""
    day = day or dt.date.today()
    agreement = agreement_for(brand, village, day)
    if agreement is None:
        return None
    town = AdminArea.objects.get(code=village.town_code)
    node = _town_node(agreement, town)
    if node is None:
        return None
    chute = f"{town_chute(town, _chutes):02d}"
    station = agreement.station
    if agreement.mode == Mode.PROXY:
        route, code = "service_center", f"{chute}-代"
        place = node.service_center_name or f"{node.name}便民服务中心"
        pickup = f"到{place}取件（村委代办）"
    elif agreement.mode == Mode.POSTAL:
        route, code = "postal_route", f"{chute}-{village.code[-3:]}邮"
        pickup = f"邮路送达{station.name if station else village.name}，凭取件码取件"
    else:
        route, code = "town_node", f"{chute}-{village.code[-3:]}"
        pickup = f"到{station.name if station else village.name}凭取件码取件"
    return SortTarget(
        brand_code=brand.code,
        village_code=village.code,
        mode=agreement.mode,
        route=route,
        town_node_code=node.code,
        town_node_name=node.name,
        station_code=station.code if station else "",
        station_name=station.name if station else "",
        sort_code=code,
        pickup=pickup,
        town_name=town.name,
        village_name=village.name,
    )


def sort_plan(
    brand: Brand, county_code: str, day: dt.date | None = None
) -> list[tuple[AdminArea, SortTarget | None]]:
    """Every village unit of the county with the brand's target (None where the brand has no agreement)."""
    villages = AdminArea.objects.villages().in_county(county_code).order_by("code")
    chutes: dict = {}
    return [(v, sort_target(brand, v, day, chutes)) for v in villages]


def presort(brand: Brand, printed_code: str) -> BrandSortCode | None:
    """The first BrandSortCode of the brand whose pattern matches its segment of the printed code."""
    text = (printed_code or "").strip()
    segments = SEGMENT_SPLIT.split(text) if text else []
    for rule in BrandSortCode.objects.filter(brand=brand).select_related("station", "town_node"):
        part = (
            text
            if rule.segment == 0
            else (segments[rule.segment - 1] if len(segments) >= rule.segment else None)
        )
        if part is None:
            continue
        try:
            if re.fullmatch(rule.pattern, part):
                return rule
        except re.error:
            continue
    return None


def import_brand_sort_codes(rows) -> ImportReport:
    """Rows `brand,segment,pattern,target[,priority,note]`; target is a station or town node code."""
    report = ImportReport()
    for line, row in rows:
        key = f"{row.get('brand', '')} {row.get('pattern', '')}"
        brand = Brand.objects.filter(code=row.get("brand", "").strip()).first()
        if brand is None:
            report.errors.append(RowError(line, _("品牌代码未知"), key))
            continue
        try:
            segment = int(row.get("segment") or 2)
            priority = int(row.get("priority") or 100)
            re.compile(row.get("pattern", ""))
        except (ValueError, re.error) as exc:
            report.errors.append(RowError(line, _("段号/规则无效：%(error)s") % {"error": exc}, key))
            continue
        if not row.get("pattern") or not 0 <= segment <= 3:
            report.errors.append(RowError(line, _("规则为空或段号不在 0–3"), key))
            continue
        target = row.get("target", "").strip()
        station = Station.objects.filter(code=target).first()
        node = None if station else TownNode.objects.filter(code=target).first()
        if station is None and node is None:
            report.errors.append(
                RowError(line, _("目标 %(target)s 不是站点或镇级节点编码") % {"target": target}, key)
            )
            continue
        created = BrandSortCode.objects.update_or_create(
            brand=brand,
            segment=segment,
            pattern=row["pattern"],
            defaults={
                "station": station,
                "town_node": node,
                "priority": priority,
                "note": row.get("note", ""),
            },
        )[1]
        report.created += created
        report.updated += not created
    return report


def label_for(waybill: str, brand: Brand, village: AdminArea | None, day: dt.date | None = None, **recipient):
    """The hub label content for one parcel; an unrouted parcel gets `待分拣` and a review instruction."""
    from jincun.addressing.labels import LabelData

    target = sort_target(brand, village, day) if village is not None else None
    if target is None:
        return LabelData(
            waybill=waybill,
            brand=brand.name,
            sort_code="待复核" if village is None else "无协议",
            town="",
            village=village.name if village else "",
            station="",
            pickup="地址待复核，请交共配中心异常区" if village is None else "该品牌未覆盖此村，请交异常区",
            **recipient,
        )
    return LabelData(
        waybill=waybill,
        brand=brand.name,
        sort_code=target.sort_code,
        town=target.town_name,
        village=target.village_name,
        station=target.station_name or target.town_node_name,
        pickup=target.pickup,
        **recipient,
    )
