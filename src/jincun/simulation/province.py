"""A province: several counties in one installation, each cloned from Yiyuan's shape with its own codes.

County n gets the code `3799nn` (Shandong, a city code no real city has), the name `示范nn县`, Yiyuan's towns
and villages under its own codes (`3799nn` + Yiyuan's last six digits, names kept), its point moved so the
counties lie side by side, and its own demo network (hub `HUB-3799nn`, town nodes, stations, agreements:
`jincun.network.demo.build_demo`, a seed of its own). Then the days are written county by county
(`generate_history` on that county's network, distinct seeds so waybills never collide) and the daily
aggregates rebuilt once. Every row carries its county code (docs/decisions/0014-citus-sharding.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from jincun.network.demo import build_demo, demo_exists
from jincun.network.models import AdminArea
from jincun.network.services.brands import ensure_default_brands
from jincun.network.services.divisions import BUNDLED, import_divisions
from jincun.parcels.aggregates import rebuild_aggregates
from jincun.simulation.history import generate_history

SHAPE = "yiyuan"
PREFIX = "3799"
SPACING = 0.9  # degrees of longitude between neighbouring counties


def county_code(n: int) -> str:
    return f"{PREFIX}{n:02d}"


@dataclass
class ProvinceReport:
    counties: list[str] = field(default_factory=list)
    built: int = 0
    parcels: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)


def _rows(code: str, shift: float):
    folder = BUNDLED / SHAPE
    with open(next(folder.glob("*_villages.csv")), encoding="utf-8-sig") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            row = dict(row, code=code + row["code"][6:], town_code=code + row["town_code"][6:])
            if row.get("lon"):
                row["lon"] = f"{float(row['lon']) + shift:.6f}"
            yield line, row


def clone_county(n: int, seed: int = 2020) -> AdminArea:
    """County n of the province: divisions and demo network (left as they are if already made)."""
    code = county_code(n)
    folder = BUNDLED / SHAPE
    with open(next(folder.glob("*_county.csv")), encoding="utf-8-sig") as f:
        shape = next(csv.DictReader(f))
    shift = SPACING * n
    area = AdminArea.objects.filter(code=code + "000000").first()
    if area is None:
        report = import_divisions(_rows(code, shift), county_name=f"示范{n:02d}县",
                                  county_point=(float(shape["lat"]), float(shape["lon"]) + shift))  # fmt: skip
        if report.errors:
            raise ValueError(f"county {code}: {report.errors[:3]}")
        area = AdminArea.objects.get(code=code + "000000")
    if not demo_exists(area):
        build_demo(area, seed=seed + n)
    return area


def build_province(counties: int, *, days: int = 1, scale: float = 1.0, seed: int = 2020, start=None,
                   progress=None) -> ProvinceReport:  # fmt: skip
    """Clone `counties` counties and write `days` days of each; `progress(stage, county_code)` as it goes."""
    report = ProvinceReport()
    ensure_default_brands()
    for n in range(1, counties + 1):
        code = county_code(n)
        if progress:
            progress("build", code)
        before = AdminArea.objects.filter(code=code + "000000").exists()
        clone_county(n, seed)
        report.built += 0 if before else 1
        report.counties.append(code)
    for n, code in enumerate(report.counties, start=1):
        if progress:
            progress("history", code)
        made = generate_history(days, start=start, scale=scale, seed=seed + n, county=code, rebuild=False)
        report.parcels[code], report.events[code] = made.parcels, made.events
    if progress:
        progress("aggregates", "")
    rebuild_aggregates()
    return report
