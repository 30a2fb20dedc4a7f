"""Reads of the daily aggregates (`jincun.parcels.aggregates`): the figures the dashboard, the big screen
and the reports show. Each reads one grain; none touches the scan events."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Sum

from jincun.parcels.models import DailyMetric, DailyVolume, Grain

# The cooperation mode a parcel went through, from where the hub sorted it (ARCHITECTURE.md glossary).
MODE_OF_ROUTE = {"town": "joint", "postal": "postal", "service_center": "proxy"}


def _rows(grain: str, start: dt.date, end: dt.date, towns=None, metrics=None):
    qs = DailyVolume.objects.filter(grain=grain, day__gte=start, day__lte=end)
    if towns:
        qs = qs.filter(town_code__in=towns)
    if metrics:
        qs = qs.filter(metric__in=metrics)
    return qs


def daily_series(start: dt.date, end: dt.date, towns=None) -> list[dict]:
    """One dict per day from start to end (zeros included): pieces per metric."""
    totals: dict[dt.date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(DailyMetric.values, 0))
    rows = _rows(Grain.TOWN, start, end, towns).values("day", "metric").annotate(n=Sum("count"))
    for r in rows:
        totals[r["day"]][r["metric"]] += r["n"]
    days = (end - start).days + 1
    return [{"day": d, **totals[d]} for d in (start + dt.timedelta(days=i) for i in range(max(days, 0)))]


def totals(start: dt.date, end: dt.date, towns=None) -> dict[str, int]:
    result = dict.fromkeys(DailyMetric.values, 0)
    for r in _rows(Grain.TOWN, start, end, towns).values("metric").annotate(n=Sum("count")):
        result[r["metric"]] = r["n"]
    return result


def mode_shares(start: dt.date, end: dt.date, towns=None) -> dict[str, int]:
    """Inbound parcels signed per cooperation mode (joint / postal / proxy)."""
    result: dict[str, int] = defaultdict(int)
    rows = _rows(Grain.TOWN, start, end, towns, [DailyMetric.INBOUND_SIGNED])
    for r in rows.values("route_kind").annotate(n=Sum("count")):
        result[MODE_OF_ROUTE.get(r["route_kind"], "other")] += r["n"]
    return dict(result)


def _quantile(histogram: list[tuple[int, int]], q: float) -> int | None:
    total = sum(n for _, n in histogram)
    if not total:
        return None
    seen = 0
    for hours, n in sorted(histogram):
        seen += n
        if seen >= q * total:
            return hours
    return histogram[-1][0]


def timeliness(start: dt.date, end: dt.date, towns=None) -> dict[str, dict]:
    """Hub arrival → signed, in whole hours, per town and for all ('' key): median, 90th percentile, n."""
    by_town: dict[str, list[tuple[int, int]]] = defaultdict(list)
    rows = _rows(Grain.HOURS, start, end, towns).filter(hours__gte=0)
    for r in rows.values("town_code", "hours").annotate(n=Sum("count")):
        by_town[r["town_code"]].append((r["hours"], r["n"]))
        by_town[""].append((r["hours"], r["n"]))
    merged = {}
    for town, hist in by_town.items():
        combined: dict[int, int] = defaultdict(int)
        for h, n in hist:
            combined[h] += n
        pairs = sorted(combined.items())
        merged[town] = {
            "median": _quantile(pairs, 0.5),
            "p90": _quantile(pairs, 0.9),
            "n": sum(n for _, n in pairs),
        }
    return merged


def village_volumes(start: dt.date, end: dt.date, metrics=None) -> dict[str, int]:
    """village code → pieces (inbound at hub + outbound collected unless `metrics` says otherwise)."""
    metrics = metrics or [DailyMetric.INBOUND_AT_HUB, DailyMetric.OUTBOUND_COLLECTED]
    rows = _rows(Grain.VILLAGE, start, end, metrics=metrics).values("village_code").annotate(n=Sum("count"))
    return {r["village_code"]: r["n"] for r in rows if r["village_code"]}


def brand_volumes(
    start: dt.date, end: dt.date, towns=None, metric=DailyMetric.INBOUND_AT_HUB
) -> dict[int, int]:
    rows = _rows(Grain.BRAND, start, end, towns, [metric]).values("brand_id").annotate(n=Sum("count"))
    return {r["brand_id"]: r["n"] for r in rows}


def last_day() -> dt.date | None:
    """The newest day with any figure (the dashboard's default end date on a demo with past history)."""
    row = DailyVolume.objects.filter(grain=Grain.TOWN).order_by("-day").values_list("day", flat=True).first()
    return row
