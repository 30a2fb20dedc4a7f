"""Approximate points for a county's towns and villages, placed inside the county outline.

No village coordinates exist in the statistical data, so the demo places them: the outline is split into one
region per town around a hand-placed seat (`<county>_demo_town_seats.csv`, else points on a ring around the
county seat), and each town's village units are drawn inside its region. Every placed point is flagged
`location_approximate=True`, and maps must show it as such.
"""

from __future__ import annotations

import csv
import math
import random

from simple_history.utils import bulk_update_with_history

from jincun.network.geo import county_outline, nearest_inside, partition, random_points
from jincun.network.models import AdminArea
from jincun.network.services.divisions import BUNDLED

REASON = "演示数据：估算位置"


def _bundled_seats(county_code: str) -> dict[str, tuple[float, float]]:
    seats = {}
    for path in BUNDLED.glob("*/*_demo_town_seats.csv"):
        with open(path, encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row["code"].startswith(county_code[:6]):
                    seats[row["code"].ljust(12, "0")] = (float(row["lat"]), float(row["lon"]))
    return seats


def _ring_seats(county: AdminArea, towns: list[AdminArea], outline) -> dict[str, tuple[float, float]]:
    """Fallback for a county without hand-placed seats: the first town at the centre, the rest on a ring."""
    centre = outline.centroid if outline is not None else None
    lat0 = county.lat if county.lat is not None else (centre.y if centre else 36.0)
    lon0 = county.lon if county.lon is not None else (centre.x if centre else 118.0)
    radius = 0.12
    if outline is not None:
        minx, miny, maxx, maxy = outline.bounds
        radius = min(maxx - minx, maxy - miny) / 3.5
    seats = {towns[0].code: (lat0, lon0)}
    others = towns[1:]
    for i, town in enumerate(others):
        angle = 2 * math.pi * i / max(len(others), 1)
        seats[town.code] = (lat0 + radius * math.sin(angle), lon0 + radius * math.cos(angle))
    return seats


def place_towns_and_villages(county: AdminArea, rng: random.Random) -> dict[str, tuple[float, float]]:
    """Give every town and village unit of `county` an approximate point (overwriting only points that
    are themselves approximate); returns town code → seat (lat, lon)."""
    towns = list(AdminArea.objects.towns().filter(parent=county).order_by("code"))
    outline = county_outline(county.code)
    seats = _bundled_seats(county.code)
    if set(seats) != {t.code for t in towns}:
        seats = _ring_seats(county, towns, outline)
    if outline is not None:
        seats = {code: nearest_inside(outline, lat, lon) for code, (lat, lon) in seats.items()}
        regions = partition(outline, seats)
    else:
        regions = {code: _square(lat, lon) for code, (lat, lon) in seats.items()}
    changed = []
    for town in towns:
        if town.location_approximate:
            town.lat, town.lon = seats[town.code]
            changed.append(town)
        villages = list(AdminArea.objects.villages().filter(parent=town).order_by("code"))
        points = random_points(regions[town.code], len(villages), rng, around=seats[town.code])
        for village, (lat, lon) in zip(villages, points, strict=True):
            if village.location_approximate:
                village.lat, village.lon = lat, lon
                changed.append(village)
    bulk_update_with_history(changed, AdminArea, ["lat", "lon"], batch_size=500, default_change_reason=REASON)
    return seats


def _square(lat: float, lon: float, half: float = 0.04):
    from shapely.geometry import box

    return box(lon - half, lat - half, lon + half, lat + half)
