"""County outlines and approximate placement of points inside them.

Outlines are bundled as `network/data/<county>/*_boundary.geojson` (feature property `code` = 6-digit county
code) and read here only — `outline_features` (GeoJSON, for the dashboard map), `outline_rings` (the route map),
`county_outline` (a shapely geometry). Which county is asked for comes from the data, never from code. They
serve rough checks ("is this station inside the county?") and the demo's placed points, which are
always flagged approximate: no village coordinates exist in the source data.
"""

from __future__ import annotations

import json
import random
from functools import cache

from shapely import prepared
from shapely.geometry import MultiPoint, Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union, voronoi_diagram

from jincun.network.services.divisions import BUNDLED


@cache
def _features() -> dict[str, list[dict]]:
    """6-digit county code → its GeoJSON features, from every bundled `*_boundary.geojson` (read once)."""
    found: dict[str, list[dict]] = {}
    for path in sorted(BUNDLED.glob("*/*_boundary.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data.get("features", []):
            code = str(feature.get("properties", {}).get("code", ""))[:6]
            if code:
                found.setdefault(code, []).append(feature)
    return found


def outline_features(county_code: str) -> list[dict]:
    """The bundled outline's GeoJSON features for a county (any code starting with its 6 digits); [] if none."""
    return _features().get(county_code[:6], [])


def outline_rings(county_code: str) -> list[list[list[float]]]:
    """The outline's outer rings as [[lon, lat], …] lists (5 decimals, ~1 m): what a route map draws."""
    rings = []
    for feature in outline_features(county_code):
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings += [[[round(x, 5), round(y, 5)] for x, y, *_ in poly[0]] for poly in polygons]
    return rings


@cache
def _shapes() -> dict[str, BaseGeometry]:
    return {
        code: unary_union([shape(f["geometry"]) for f in features]) for code, features in _features().items()
    }


def county_outline(county_code: str) -> BaseGeometry | None:
    """The bundled outline of a county (any code starting with its 6 digits), or None if none is bundled."""
    return _shapes().get(county_code[:6])


def point_in_county(county_code: str, lat: float, lon: float, tolerance_deg: float = 0.01) -> bool | None:
    """True/False when the county has a bundled outline (with ~1 km tolerance for a simplified outline);
    None when it has none, so callers can fall back to a coarser check."""
    outline = county_outline(county_code)
    if outline is None:
        return None
    return outline.buffer(tolerance_deg).contains(Point(lon, lat))


def partition(outline: BaseGeometry, seats: dict[str, tuple[float, float]]) -> dict[str, BaseGeometry]:
    """Split an outline into one region per seat (key → (lat, lon)): the Voronoi cell of each seat,
    clipped to the outline. A crude but honest stand-in for town boundaries we do not have."""
    points = MultiPoint([Point(lon, lat) for lat, lon in seats.values()])
    cells = voronoi_diagram(points, envelope=outline.envelope.buffer(0.5))
    regions = {}
    for key, (lat, lon) in seats.items():
        seat = Point(lon, lat)
        cell = next(c for c in cells.geoms if c.contains(seat) or c.touches(seat))
        region = cell.intersection(outline)
        regions[key] = region if not region.is_empty else seat.buffer(0.01)
    return regions


def nearest_inside(outline: BaseGeometry, lat: float, lon: float) -> tuple[float, float]:
    """The point itself if it is inside the outline, else a point just inside the outline near it."""
    point = Point(lon, lat)
    if outline.contains(point):
        return lat, lon
    inner = outline.buffer(-0.005)
    nearest = nearest_points(inner if not inner.is_empty else outline, point)[0]
    if not outline.contains(nearest):
        nearest = outline.representative_point()
    return nearest.y, nearest.x


def random_points(
    region: BaseGeometry, count: int, rng: random.Random, around: tuple[float, float] | None = None
) -> list[tuple[float, float]]:
    """`count` (lat, lon) points inside `region`, drawn by rejection; biased toward `around` (lat, lon) when
    given, since villages cluster along the valleys near a town seat more than at the edges."""
    fast = prepared.prep(region)
    minx, miny, maxx, maxy = region.bounds
    result: list[tuple[float, float]] = []
    attempts = 0
    while len(result) < count:
        attempts += 1
        if around is not None and attempts % 3:
            lat = rng.gauss(around[0], (maxy - miny) / 3)
            lon = rng.gauss(around[1], (maxx - minx) / 3)
        else:
            lat, lon = rng.uniform(miny, maxy), rng.uniform(minx, maxx)
        if fast.contains(Point(lon, lat)):
            result.append((round(lat, 6), round(lon, 6)))
        elif attempts > 200 * (count + 1):  # degenerate sliver: fall back to a point surely inside
            p = region.representative_point()
            result.append((round(p.y, 6), round(p.x, 6)))
    return result
