"""Daily aggregates of the parcel flow, for the leadership dashboard, the big screen and the reports.

Counted from applied scan events only (late and refused events never move a figure), by local day in
Asia/Shanghai (UTC+8 all year: no daylight saving). Two ways in, one SQL grouping:

- `rebuild_aggregates(start, end)` deletes the days and recounts them set-based in the database
  (INSERT … SELECT … GROUP BY over the events), up to the watermark;
- `refresh_aggregates()` folds in the events appended since the watermark (an id range on the primary key:
  cheap) with an upsert that adds to the counts. Dashboards call it before they read and a periodic job
  calls it, so the ingest path is not touched.

The watermark row is locked while either runs, so two refreshes never count the same events twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Max

from jincun.parcels.models import AggregateWatermark, DailyMetric, DailyVolume, Grain, ScanEvent

TZ = ZoneInfo("Asia/Shanghai")
WATERMARK = "daily_volume"
HOURS_CAP = 720
TABLE = DailyVolume._meta.db_table
EVENTS = ScanEvent._meta.db_table
PARCELS = "parcels_parcel"

_METRIC = f"""CASE
  WHEN e.state_after = 'at_hub' AND p.direction = 'inbound' THEN '{DailyMetric.INBOUND_AT_HUB}'
  WHEN e.state_after = 'signed' AND p.direction = 'inbound' THEN '{DailyMetric.INBOUND_SIGNED}'
  WHEN e.state_after = 'collected' THEN '{DailyMetric.OUTBOUND_COLLECTED}'
  WHEN e.state_after = 'handed_to_brand' THEN '{DailyMetric.OUTBOUND_HANDED}'
  WHEN e.state_after = 'problem' THEN '{DailyMetric.PROBLEM_OPENED}'
END"""
_STATES = "('at_hub', 'signed', 'collected', 'handed_to_brand', 'problem')"
_TOWN = "COALESCE(SUBSTR(p.village_id, 1, 9) || '000', '')"
_HUB_AT = (
    f"(SELECT MIN(h.at) FROM {EVENTS} h WHERE h.parcel_id = e.parcel_id"
    " AND h.result = 'applied' AND h.state_after = 'at_hub')"
)


def _vendor_sql() -> tuple[str, str]:
    """(local day of e.at, whole hours from hub arrival to e.at) in this database's dialect."""
    if connection.vendor == "postgresql":
        day = "(e.at AT TIME ZONE 'Asia/Shanghai')::date"
        hours = f"LEAST(FLOOR(EXTRACT(EPOCH FROM (e.at - {_HUB_AT})) / 3600)::int, {HOURS_CAP})"
    else:
        day = "DATE(e.at, '+8 hours')"
        # Whole seconds first: julianday's float makes exactly 10 h come out as 9.99999 h.
        seconds = f"CAST(ROUND((JULIANDAY(e.at) - JULIANDAY({_HUB_AT})) * 86400) AS INTEGER)"
        hours = f"MIN({seconds} / 3600, {HOURS_CAP})"
    return day, hours


def _grain_select(grain: str, where: str) -> str:
    """SELECT grain, day, metric, village_code, town_code, brand_id, route_kind, hours, count."""
    day, hours = _vendor_sql()
    village, town, brand, route, hrs = "''", _TOWN, "0", "p.route_kind", "-1"
    extra = ""
    if grain == Grain.VILLAGE:
        village = "COALESCE(p.village_id, '')"
    elif grain == Grain.BRAND:
        brand, route = "p.brand_id", "''"
    elif grain == Grain.HOURS:
        route, hrs = "''", f"COALESCE({hours}, -1)"
        extra = " AND e.state_after = 'signed' AND p.direction = 'inbound'"
    columns = f"'{grain}', {day}, {_METRIC}, {village}, {town}, {brand}, {route}, {hrs}"
    return (
        f"SELECT {columns}, COUNT(*) FROM {EVENTS} e JOIN {PARCELS} p ON p.id = e.parcel_id"
        f" WHERE e.result = 'applied' AND e.state_after IN {_STATES}{extra} AND ({_METRIC}) IS NOT NULL"
        f" AND {where}"
        f" GROUP BY {', '.join(str(i) for i in range(1, 9))}"
    )


_COLUMNS = "grain, day, metric, village_code, town_code, brand_id, route_kind, hours, count"
_KEY = "grain, day, metric, village_code, town_code, brand_id, route_kind, hours"


@dataclass
class AggregateRun:
    events_from: int
    events_to: int
    rows: int

    @property
    def events(self) -> int:
        return self.events_to - self.events_from


def _lock_watermark() -> AggregateWatermark:
    AggregateWatermark.objects.get_or_create(name=WATERMARK)
    return AggregateWatermark.objects.select_for_update().get(name=WATERMARK)


def _utc(day: dt.date):
    moment = dt.datetime.combine(day, dt.time(), tzinfo=TZ).astimezone(dt.UTC)
    return connection.ops.adapt_datetimefield_value(moment)


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[str, list]:
    """WHERE clause on e.at for local days start..end (inclusive), in UTC."""
    clauses, params = [], []
    if start is not None:
        clauses.append("e.at >= %s")
        params.append(_utc(start))
    if end is not None:
        clauses.append("e.at < %s")
        params.append(_utc(end + dt.timedelta(days=1)))
    return " AND ".join(clauses) or "1 = 1", params


@transaction.atomic
def refresh_aggregates() -> AggregateRun:
    """Fold the scan events appended since the watermark into the daily aggregates; returns the id range.
    An event counts on the day it occurred, even when it arrives days later."""
    mark = _lock_watermark()
    top = ScanEvent.objects.aggregate(m=Max("id"))["m"] or 0
    start = mark.last_event_id
    if top <= start:
        return AggregateRun(start, start, 0)
    where = "e.id > %s AND e.id <= %s"
    sql = " UNION ALL ".join(_grain_select(g, where) for g in Grain.values)
    with connection.cursor() as cur:
        cur.execute(sql, [start, top] * len(Grain.values))
        rows = cur.fetchall()
        if rows:
            cur.executemany(
                f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
                f" ON CONFLICT ({_KEY}) DO UPDATE SET count = {TABLE}.count + excluded.count",
                rows,
            )
    mark.last_event_id = top
    mark.save()
    return AggregateRun(start, top, len(rows))


@transaction.atomic
def rebuild_aggregates(start: dt.date | None = None, end: dt.date | None = None) -> AggregateRun:
    """Recount the local days `start`..`end` (inclusive; None: open) from the events, set-based.

    A full rebuild (no bounds) moves the watermark to the newest event; a partial one first brings the
    watermark up (a refresh) and then recounts only events up to it, so nothing is counted twice."""
    mark = _lock_watermark()
    if start is None and end is None:
        top = ScanEvent.objects.aggregate(m=Max("id"))["m"] or 0
        DailyVolume.objects.all().delete()
    else:
        refresh_aggregates()
        mark.refresh_from_db()
        top = mark.last_event_id
        days = DailyVolume.objects.all()
        if start is not None:
            days = days.filter(day__gte=start)
        if end is not None:
            days = days.filter(day__lte=end)
        days.delete()
    at_where, at_params = _bounds(start, end)
    where = f"e.id <= %s AND {at_where}"
    rows = 0
    with connection.cursor() as cur:
        for grain in (Grain.VILLAGE, Grain.BRAND, Grain.HOURS):
            cur.execute(f"INSERT INTO {TABLE} ({_COLUMNS}) {_grain_select(grain, where)}", [top, *at_params])
            rows += max(cur.rowcount, 0)
        # The town grain is the village grain summed: one pass over the events fewer.
        day_where, day_params = _day_range(start, end)
        cur.execute(
            f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT '{Grain.TOWN}', day, metric, '', town_code, 0,"
            f" route_kind, -1, SUM(count) FROM {TABLE} WHERE grain = '{Grain.VILLAGE}' AND {day_where}"
            " GROUP BY day, metric, town_code, route_kind",
            day_params,
        )
        rows += max(cur.rowcount, 0)
    mark.last_event_id = top
    mark.save()
    return AggregateRun(0, top, rows)


def _day_range(start, end) -> tuple[str, list]:
    clauses, params = [], []
    if start is not None:
        clauses.append("day >= %s")
        params.append(start)
    if end is not None:
        clauses.append("day <= %s")
        params.append(end)
    return " AND ".join(clauses) or "1 = 1", params
