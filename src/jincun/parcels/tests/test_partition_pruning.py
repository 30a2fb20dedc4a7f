"""The regulator's month queries read only that month's scan event partition (PostgreSQL).

EXPLAIN of the dashboard's month recount (what `rebuild_aggregates` runs for the daily figures the
regulator sees) and of a plain month count through the ORM: the only scan event relation in the plan is
the month's partition — not its neighbours, not the default."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from jincun.parcels import partitions
from jincun.parcels.aggregates import _bounds, _grain_select
from jincun.parcels.models import Grain, ScanEvent

pytestmark = [pytest.mark.django_db, pytest.mark.skipif("connection.vendor != 'postgresql'")]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _relations(sql, params) -> set[str]:
    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cur.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found, stack = set(), [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        if "Relation Name" in node:
            found.add(node["Relation Name"])
        stack.extend(node.get("Plans", []))
    return {r for r in found if r.startswith(partitions.TABLE)}


@pytest.fixture
def months():
    partitions.ensure_partitions(ahead=2, now=dt.datetime(2031, 10, 10, tzinfo=SHANGHAI))
    made = set(partitions.partitions())
    assert {"parcels_scanevent_p203110", "parcels_scanevent_p203111", "parcels_scanevent_p203112"} <= made


def test_the_month_recount_of_the_dashboard_reads_one_partition(months):
    where, params = _bounds(dt.date(2031, 11, 1), dt.date(2031, 11, 30))
    sql = _grain_select(Grain.VILLAGE, f"e.id <= %s AND {where}")
    assert _relations(sql, [10**12, *params]) == {"parcels_scanevent_p203111"}


def test_two_months_read_two_partitions(months):
    where, params = _bounds(dt.date(2031, 10, 1), dt.date(2031, 11, 30))
    sql = _grain_select(Grain.TOWN, f"e.id <= %s AND {where}")
    assert _relations(sql, [10**12, *params]) == {"parcels_scanevent_p203110", "parcels_scanevent_p203111"}


def test_a_month_count_through_the_orm_reads_one_partition(months):
    start = dt.datetime(2031, 12, 1, tzinfo=SHANGHAI)
    qs = ScanEvent.objects.filter(at__gte=start, at__lt=dt.datetime(2032, 1, 1, tzinfo=SHANGHAI))
    sql, params = qs.filter(event_type="signed").values("id").query.sql_with_params()
    assert _relations(sql, params) == {"parcels_scanevent_p203112"}


def test_without_a_time_bound_every_partition_is_read(months):
    """The check above can fail: an unbounded query lists all partitions, the default included."""
    sql, params = ScanEvent.objects.filter(event_type="signed").values("id").query.sql_with_params()
    assert _relations(sql, params) == set(partitions.partitions())
