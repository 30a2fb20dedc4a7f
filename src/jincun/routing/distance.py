"""Distances and travel times between points, without depending on any server.

Default: great-circle distance × a detour factor, at a speed per road class. Rural roads wind, so the straight
line under-counts: studies of road circuity (Ballou, Rahardja & Sakai 2002, "Selected country circuity factors
for road travel distance estimation", Transportation Research A 36) find 1.2–1.4 for national road networks,
the higher end where terrain is rough. Yiyuan (370323) sits in the Yimeng mountains ("山东屋脊", the highest
county in Shandong), where village roads follow valleys, so we take 1.40 there and 1.30 elsewhere. These are
assumptions, not measurements: set the environment variable `JINCUN_ROUTING_DETOUR=370323=1.35` to change them,
or give an OSRM server URL (`JINCUN_ROUTING_OSRM_URL`) for real road distances (both read in `jincun.config`).

Speeds: edges between the hub and town nodes run on county and provincial roads (45 km/h average including
towns); any edge touching a village station runs on village roads (30 km/h). A tricycle is slower
(`speed_factor` on the vehicle kind, see `solver.py`).

OSRM (via routingpy) results are cached in `DistanceCacheEntry`; if the server fails, we fall back to the
great-circle model and `Matrix.source` says so. Every figure built on approximate coordinates says so: a
`Matrix` carries `approximate=True` whenever any point was placed, not surveyed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.utils.translation import gettext_noop

from jincun.routing.notes import OSRM_FALLBACK, STRAIGHT_LINE, note

log = logging.getLogger(__name__)

EARTH_RADIUS_M = 6_371_000
DEFAULT_DETOUR = 1.30
DETOUR_FACTORS = {"370323": 1.40}
ROAD_SPEEDS_KMH = {"county": 45.0, "village": 30.0}


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    road: str = "village"  # "county" for hub and town nodes, "village" for stations
    approximate: bool = True


@dataclass
class Matrix:
    """Metres and seconds (int64, n×n), what they came from, and whether any point was approximate."""

    metres: np.ndarray
    seconds: np.ndarray
    source: str
    approximate: bool

    @property
    def note(self) -> str:
        return gettext_noop("坐标为估算，里程与时间仅供参考") if self.approximate else ""


def detour_factor(county_code: str | None) -> float:
    overrides = settings.JINCUN["ROUTING_DETOUR"] if settings.configured else {}
    factors = {**DETOUR_FACTORS, **overrides}
    return float(factors.get((county_code or "")[:6], DEFAULT_DETOUR))


def great_circle_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Haversine distance in metres; broadcasts over numpy arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def straight_line_matrix(points: list[Point], county_code: str | None = None) -> Matrix:
    factor = detour_factor(county_code)
    lat = np.array([p.lat for p in points])
    lon = np.array([p.lon for p in points])
    metres = great_circle_m(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) * factor
    county = np.array([p.road == "county" for p in points])
    both_county = county[:, None] & county[None, :]
    speed_ms = np.where(both_county, ROAD_SPEEDS_KMH["county"], ROAD_SPEEDS_KMH["village"]) / 3.6
    seconds = metres / speed_ms
    return Matrix(
        metres=np.rint(metres).astype(np.int64),
        seconds=np.rint(seconds).astype(np.int64),
        source=note(
            STRAIGHT_LINE,
            factor=f"{factor:.2f}",
            county=f"{ROAD_SPEEDS_KMH['county']:.0f}",
            village=f"{ROAD_SPEEDS_KMH['village']:.0f}",
        ),
        approximate=any(p.approximate for p in points),
    )


def build_matrix(points: list[Point], county_code: str | None = None, osrm_url: str | None = None) -> Matrix:
    """The matrix for `points`: from OSRM (cached) when a URL is configured and answers, else great-circle."""
    url = osrm_url if osrm_url is not None else settings.JINCUN["ROUTING_OSRM_URL"]
    if url:
        try:
            return _osrm_matrix(points, url)
        except Exception as exc:  # noqa: BLE001 — any failure of the optional server means: fall back
            log.warning("OSRM at %s failed (%s); using great-circle distances", url, exc)
            fallback = straight_line_matrix(points, county_code)
            fallback.source = note(OSRM_FALLBACK, source=fallback.source, error=type(exc).__name__)
            return fallback
    return straight_line_matrix(points, county_code)


def _key(a: Point, b: Point) -> str:
    return f"{a.lat:.5f},{a.lon:.5f}>{b.lat:.5f},{b.lon:.5f}"


def _osrm_matrix(points: list[Point], url: str) -> Matrix:
    from jincun.routing.models import DistanceCacheEntry

    n = len(points)
    keys = [[_key(a, b) for b in points] for a in points]
    wanted = {k for row in keys for k in row}
    cached = {
        e.key: (e.metres, e.seconds)
        for e in DistanceCacheEntry.objects.filter(source=url, key__in=wanted).only("key", "metres", "seconds")
    } if n * n <= 40_000 else {}  # fmt: skip
    if len(cached) < len(wanted):
        import routingpy

        client = routingpy.OSRM(base_url=url, timeout=10)
        result = client.matrix(
            locations=[[p.lon, p.lat] for p in points],
            profile="driving",
            annotations=["distance", "duration"],
        )
        entries = {}
        for i in range(n):
            for j in range(n):
                m, s = result.distances[i][j], result.durations[i][j]
                if m is None or s is None:
                    raise ValueError("OSRM returned no route between two points")
                entries[keys[i][j]] = (int(round(m)), int(round(s)))
        DistanceCacheEntry.objects.bulk_create(
            [DistanceCacheEntry(source=url, key=k, metres=m, seconds=s) for k, (m, s) in entries.items()],
            ignore_conflicts=True,
            batch_size=2000,
        )
        cached = entries
    metres = np.array([[cached[keys[i][j]][0] for j in range(n)] for i in range(n)], dtype=np.int64)
    seconds = np.array([[cached[keys[i][j]][1] for j in range(n)] for i in range(n)], dtype=np.int64)
    return Matrix(metres, seconds, source=f"OSRM {url}", approximate=any(p.approximate for p in points))
