"""The network map's data: hub, town nodes, stations by cooperation mode, proxy and unserved villages.

Built from one `CoverageData` load plus a fixed number of queries (hub, nodes, stations, their standing),
whatever the county's size.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _

from jincun.compliance.services.standing import standings
from jincun.network import geo
from jincun.network.choices import MODE_COLOURS, Mode, UnitType
from jincun.network.coverage import CoverageData
from jincun.network.models import AdminArea, Hub, Station, TownNode

NO_AGREEMENT = "none"
NO_AGREEMENT_COLOUR = "#868e96"
UNSERVED_COLOUR = "#e03131"


def _point(obj) -> list[float]:
    return [round(obj.lon, 6), round(obj.lat, 6)]


def map_data(county: AdminArea, day: dt.date, brand_id: int | None = None) -> dict:
    """Everything the map draws for `county` on `day`. With `brand_id`, tooltips name only that brand."""
    data = CoverageData(county.code)
    served = data.served(day)
    report = data.report(day)
    prefix = county.code[:6]
    units = {v.code: v for v in data.units}
    per_station: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for a in data.agreements:
        visible = brand_id is None or a.brand_id == brand_id
        if visible and a.station_id and a.serves_on(day):
            per_station[a.station_id].append((a.brand.name, a.mode))
    approximate = 0

    stations: dict[str, list[dict]] = {m.value: [] for m in Mode}
    stations[NO_AGREEMENT] = []
    villages_with_station = set()
    shown = [
        s
        for s in Station.objects.filter(village__code__startswith=prefix).select_related("village__parent")
        if s.has_point and s.in_service_on(day)
    ]
    standing = standings(shown)
    for s in shown:
        villages_with_station.add(s.village_id)
        pairs = per_station.get(s.pk, [])
        modes = Counter(m for _, m in pairs)
        key = modes.most_common(1)[0][0] if modes else NO_AGREEMENT
        approximate += s.location_approximate
        stations[key].append(
            {
                "name": s.name,
                "value": _point(s),
                "village": s.village.name,
                "town": s.village.parent.name,
                "modes": sorted({str(Mode(m).label) for m in modes}),
                "brands": sorted({b for b, _ in pairs}),
                "approximate": s.location_approximate,
                "url": reverse("network:station_detail", args=[s.code]),
                "standing": standing[s.pk].label,
                "reasons": [r.text for r in standing[s.pk].reasons if r.fails],
                **(
                    {}
                    if standing[s.pk].meets
                    else {"itemStyle": {"borderColor": "#e03131", "borderWidth": 2}}
                ),
            }
        )

    proxy, unserved = [], []
    for v in data.units:
        if not v.has_point or v.code in villages_with_station:
            continue
        pairs = served.get(v.code)
        item = {
            "name": v.name,
            "value": _point(v),
            "town": v.parent.name,
            "community": v.unit_type == UnitType.RESIDENTS_COMMITTEE,
            "approximate": v.location_approximate,
            "url": reverse("network:village_detail", args=[v.code]),
        }
        if not pairs:
            unserved.append(item)
        elif {m for _, m in pairs} == {Mode.PROXY}:
            item["brands"] = sorted({data.brands[b].name for b, _ in pairs})
            proxy.append(item)
        else:
            continue
        approximate += v.location_approximate

    hubs = [
        {"name": h.name, "value": _point(h), "approximate": h.location_approximate}
        for h in Hub.objects.filter(county=county)
        if h.has_point
    ]
    nodes = [
        {
            "name": n.name,
            "value": _point(n),
            "service_center": n.service_center_name,
            "approximate": n.location_approximate,
        }
        for n in TownNode.objects.filter(town__code__startswith=prefix)
        if n.has_point
    ]
    approximate += sum(p["approximate"] for p in hubs + nodes)
    return {
        "date": day.isoformat(),
        "county": {"code": county.code, "name": county.name},
        "villages_total": report.villages_total,
        "villages_served": report.villages_served,
        "share": round(report.share, 4),
        "modes": [{"key": m.value, "label": str(m.label), "colour": MODE_COLOURS[m]} for m in Mode],
        "no_agreement": {"key": NO_AGREEMENT, "label": _("无有效协议"), "colour": NO_AGREEMENT_COLOUR},
        "labels": labels(),
        "unserved_colour": UNSERVED_COLOUR,
        "hubs": hubs,
        "nodes": nodes,
        "stations": stations,
        "proxy_villages": proxy,
        "unserved_villages": unserved,
        "unserved_without_point": sum(1 for u in report.unserved if not units[u["code"]].has_point),
        "approximate_points": approximate,
    }


def labels() -> dict[str, str]:
    """Words the map script shows, in the viewer's language."""
    return {
        "hub": _("县级共配中心"),
        "node": _("镇级节点"),
        "station": _("站点"),
        "proxy_village": _("村委代办村"),
        "unserved_village": _("未通快递村"),
        "village": _("村"),
        "town": _("镇"),
        "modes": _("模式"),
        "brands": _("品牌"),
        "standing": _("建设标准"),
        "service_center": _("便民服务中心"),
        "community": _("社区（单独统计）"),
        "approximate": _("估算位置"),
        "approximate_count": _("%(n)s 个估算点位"),
        "served_line": _("%(date)s：%(served)s / %(total)s 个建制村已通快递"),
        "unserved_without_point": _("%(n)s 个未通快递村无坐标，未在图上显示。"),
        "loading": _("加载中…"),
    }


def county_outline(county: AdminArea) -> dict:
    """The county's outline as GeoJSON: the bundled one, else a box around its known points (flagged)."""
    features = geo.outline_features(county.code)
    if features:
        return {"type": "FeatureCollection", "features": features}
    points = [
        (a.lon, a.lat)
        for a in AdminArea.objects.filter(code__startswith=county.code[:6])
        .exclude(lat=None)
        .exclude(lon=None)
    ] or [(county.lon or 0.0, county.lat or 0.0)]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad = 0.02
    w, e, s, n = min(lons) - pad, max(lons) + pad, min(lats) - pad, max(lats) + pad
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": county.name, "code": county.code[:6], "outline": "bounding box"},
                "geometry": {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]},
            }
        ],
    }
