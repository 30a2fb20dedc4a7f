"""The demo's farm-product projects and the brands' own reported figures.

The policy names two county projects (快递+苹果 gold 10M/yr, 快递+樱桃 silver 5M/yr) and asks for three to
five town projects of 1M each without naming towns. The demo takes the three towns of the county with the
most administrative villages (for Yiyuan: 鲁村镇 67, 悦庄镇 55, 东里镇 48 — most farms to draw from), as
"农特产品" projects in July–September. That choice is ours, a demo's, not a claim about what those towns
grow. Targets are the real ones; `volume_scale` says what share of a county's volume the simulator records,
and the pages state it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random

from django.db import transaction
from django.db.models import Count

from jincun.agri.choices import Level, Product
from jincun.agri.models import Project, ProjectDay, SortingRate
from jincun.agri.progress import IN_SEASON_SHARE
from jincun.agri.services import draws_from, import_reported, set_target
from jincun.network.models import AdminArea, Brand, Hub
from jincun.routing.services.fleet import ensure_default_fleet

COUNTY_PROJECTS = [
    ("apple", "快递+苹果", Product.APPLE, Level.GOLD, [10, 11], 10_000_000),
    ("cherry", "快递+樱桃", Product.CHERRY, Level.SILVER, [5, 6], 5_000_000),
]
TOWN_TARGET, TOWN_MONTHS = 1_000_000, [7, 8, 9]
BRANDS = ["ZTO", "YTO", "YUNDA", "STO", "JT", "POST"]
# ASSUMPTION: a mid-size county hub sorts ~12,000 pieces an hour on a cross-belt line, 16 hours a day.
HUB_RATE, HUB_HOURS = 12_000, 16


def demo_towns(county: AdminArea, n: int = 3) -> list[AdminArea]:
    towns = (
        AdminArea.objects.filter(level="town", code__startswith=county.code[:6], name__endswith="镇")
        .annotate(v=Count("children"))
        .order_by("-v", "code")
    )
    return list(towns[:n])


@transaction.atomic
def load_demo_projects(county: AdminArea, *, scale: float, year: int) -> list[Project]:
    """Create the demo projects (idempotent by code) and the hub's sorting rate."""
    brands = list(Brand.objects.filter(code__in=BRANDS))
    specs = [(*spec, None) for spec in COUNTY_PROJECTS]
    for town in demo_towns(county):
        short = town.name.removesuffix("镇")
        specs.append((f"town-{town.code[:9]}", f"快递+{short}农特产品", Product.OTHER, Level.TOWN, TOWN_MONTHS,
                      TOWN_TARGET, town))  # fmt: skip
    projects = []
    for code, name, product, level, months, target, town in specs:
        project, created = Project.objects.get_or_create(
            code=code,
            defaults=dict(name=name, product=product, level=level, county=county, season_months=months,
                          annual_target=target, lead_org="县邮政管理局" if town is None else f"{town.name}人民政府",
                          valid_from_year=year - 1, volume_scale=scale,
                          product_name="" if town is None else "农特产品"),
        )  # fmt: skip
        if created:
            project.brands.set(brands)
            if town is not None:
                project.towns.set([town])
            for y in (year - 1, year):
                set_target(project, y, target, dt.date(y, 1, 1), "项目立项")
        projects.append(project)
    hub = Hub.objects.filter(county=county).first()
    if hub is not None:
        ensure_default_fleet(hub)  # the capacity check reads routing's vehicles
        SortingRate.objects.get_or_create(
            hub=hub,
            defaults={
                "pieces_per_hour": max(1, math.ceil(HUB_RATE * scale)),
                "hours_per_day": HUB_HOURS,
                "source": f"{HUB_RATE:,} 件/小时 × 演示规模 {scale:.1%}（假设）",
            },
        )
    return projects


def reported_csv(projects, start: dt.date, end: dt.date, seed: int = 2020) -> bytes:
    """What the brands would send: per day, a few villages and brands, the pieces that left packing houses
    and e-commerce warehouses (the 90% not collected at our stations), at the project's scale. Where our
    stations collected that day for the same village and brand, the brand's figure includes those."""
    rng = random.Random(seed)
    villages = list(AdminArea.objects.filter(level="village", unit_type="village_committee"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "project", "village", "brand", "pieces"])
    for project in projects:
        pool = [v.code for v in villages if draws_from(project, v.code)]
        codes = list(project.brands.values_list("code", flat=True)) or BRANDS
        scanned = {
            (r.day, r.village_code, r.brand_id): r.scanned
            for r in ProjectDay.objects.filter(project=project, day__gte=start, day__lte=end)
        }
        brand_ids = dict(Brand.objects.values_list("code", "id"))
        months = set(project.season_months)
        in_days = sum(1 for m in months for _ in range(30)) or 1
        day = start
        while day <= end:
            season = day.month in months
            share = IN_SEASON_SHARE / (in_days + 1) if season else (1 - IN_SEASON_SHARE) / (365 - in_days)
            total = project.annual_target * project.volume_scale * share * 0.9
            cells = 8 if season else 2
            for _ in range(cells):
                village, brand = rng.choice(pool), rng.choice(codes)
                base = scanned.get((day, village, brand_ids.get(brand)), 0)
                pieces = base + max(0, round(rng.gauss(total / cells, total / cells / 4)))
                writer.writerow([day.isoformat(), project.code, village, brand, pieces])
            day += dt.timedelta(days=1)
    return out.getvalue().encode("utf-8")


def load_demo_reports(projects, start: dt.date, end: dt.date, seed: int = 2020):
    return import_reported(
        reported_csv(projects, start, end, seed), "brand-reports.csv", label="演示品牌报送"
    )
