"""The evening chain runs each step once per day: a second run of the same day does nothing new."""

from __future__ import annotations

import datetime as dt

import pytest

from jincun.api import evening
from jincun.core.models import JobRun
from jincun.parcels.aggregates import refresh_aggregates
from jincun.parcels.models import DailyVolume, ScanEvent
from jincun.parcels.services import ingest_scans
from jincun.parcels.tests.factories import build_county, manifest_parcel
from jincun.routing.models import Plan as RoutePlan

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 10, 14)


def _rows():
    return {
        "jobs": JobRun.objects.count(),
        "plans": RoutePlan.objects.count(),
        "aggregates": list(DailyVolume.objects.order_by("pk").values_list("pk", "count")),
        "events": ScanEvent.objects.count(),
    }


def test_a_second_run_of_the_same_day_does_nothing_new():
    county = build_county()
    parcel = manifest_parcel(county)
    ingest_scans([{"waybill": parcel.waybill, "event_type": "at_hub"}], device_id="d1")
    first = evening.run_evening(DAY, time_limit=1)
    assert all(step["ran"] for step in first.values()), first
    assert first["aggregates"]["summary"]["events"] > 0
    assert RoutePlan.objects.count() == 1
    before = _rows()
    second = evening.run_evening(DAY, time_limit=1)
    assert not any(step["ran"] for step in second.values())
    assert second["routing"]["summary"] == first["routing"]["summary"]
    assert _rows() == before
    # The next day is a new run.
    assert evening.run_evening(DAY + dt.timedelta(days=1), time_limit=1)["aggregates"]["ran"]


def test_a_failed_step_runs_again_and_the_finished_ones_do_not(monkeypatch):
    build_county()
    calls = []

    def broken():
        calls.append("retention")
        raise RuntimeError("SMS gateway down")

    monkeypatch.setattr(evening, "_retention", broken)
    with pytest.raises(RuntimeError):
        evening.run_evening(DAY, time_limit=1)
    assert set(JobRun.objects.values_list("key", flat=True)) == {
        evening.evening_key(DAY, "partitions"), evening.evening_key(DAY, "aggregates")
    }  # fmt: skip
    monkeypatch.setattr(evening, "_retention", lambda: calls.append("again") or {"ok": True})
    report = evening.run_evening(DAY, time_limit=1)
    assert [report[s]["ran"] for s in ("partitions", "aggregates", "retention")] == [False, False, True]
    assert calls == ["retention", "again"]


def test_the_routing_job_and_the_chain_share_the_days_key():
    """`plan_tomorrow` (the routing app's own evening job) and the chain never both plan one evening."""
    from django.utils import timezone

    from jincun.routing.tasks import plan_tomorrow

    build_county()
    evening.run_evening(timezone.localdate(), time_limit=1)
    plans = RoutePlan.objects.count()
    assert plan_tomorrow.call(time_limit=1)["skipped"] == "already planned"
    assert RoutePlan.objects.count() == plans
    refresh_aggregates()
