"""What a monthly or yearly report says: the overview for the period, one row per town, the projects and
the forecast. Both file formats read this one dict."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone

from jincun.agri.capacity import check_capacity
from jincun.agri.forecast import forecast_project
from jincun.agri.models import Project
from jincun.dashboard import overview
from jincun.network.models import AdminArea, Hub
from jincun.parcels import aggregate_queries as aq


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """'2026-10' → Oct 1..31; '2026' → Jan 1..Dec 31. Raises ValueError on anything else."""
    if len(period) == 7 and period[4] == "-":
        year, month = int(period[:4]), int(period[5:])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if len(period) == 4 and period.isdigit():
        return dt.date(int(period), 1, 1), dt.date(int(period), 12, 31)
    raise ValueError(f"period must be YYYY-MM or YYYY, not {period!r}")


def build_content(county: AdminArea, period: str, progress=lambda pct: None) -> dict:
    start, end = period_bounds(period)
    data = overview.build(county, overview.Filters(start, end, []))
    progress(40)
    towns = data["towns"]
    by_town = []
    for code, name in sorted(towns.items()):
        t = aq.totals(start, end, [code])
        by_town.append([name, t["in_hub"], t["in_signed"], t["out_collected"], t["problem"]])
    progress(60)
    today = min(end, timezone.localdate())
    found = project_forecasts(county, today, towns)
    progress(80)
    return {
        "period": period,
        "start": start,
        "end": end,
        "monthly": len(period) == 7,
        "data": data,
        "by_town": by_town,
        **found,
    }


def project_forecasts(county: AdminArea, today: dt.date, towns: dict | None = None) -> dict:
    """Each valid project's 4-week forecast (with town split and held-out error) and the capacity check."""
    if towns is None:
        towns = dict(
            AdminArea.objects.filter(level="town", code__startswith=county.code[:6]).values_list(
                "code", "name"
            )
        )
    projects = Project.objects.filter(county=county).prefetch_related("targets")
    forecasts = [forecast_project(p, today) for p in projects if p.valid_in(today.year)]
    hub = Hub.objects.filter(county=county).first()
    capacity = check_capacity(hub, forecasts, today, towns) if hub else None
    town_rows = []
    for f in forecasts:
        for code, share in sorted(f.by_town.items(), key=lambda kv: -kv[1]):
            town_rows.append((f.project.name, towns.get(code, code), share, f.total * share))
    return {"forecasts": forecasts, "capacity": capacity, "town_rows": town_rows}
