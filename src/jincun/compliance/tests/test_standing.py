"""Standing derivation: the station record, live signals (heartbeat age, filing deadline) and the latest
inspection, each failing with its reason. Time is passed in (`now`), so each case is frozen."""

import datetime as dt

import pytest
from django.utils import timezone

from jincun.compliance.checklist import checklist_for
from jincun.compliance.models import RuleFigure
from jincun.compliance.services.inspections import InspectionRefused, record_fix, record_inspection
from jincun.compliance.services.standing import standing_of
from jincun.compliance.services.video import device_for, record_heartbeat, sweep_flags
from jincun.network.tests.factories import StationFactory, UserFactory

NOW = dt.datetime(2026, 3, 10, 4, 0, tzinfo=dt.UTC)  # 12:00 in Shanghai


def all_items(station):
    return {i.code for i in checklist_for(station.kind)}


@pytest.fixture
def station(db):
    s = StationFactory(video_heartbeat_at=NOW - dt.timedelta(minutes=5))
    record_inspection(s, UserFactory(role="regulator"), all_items(s), at=NOW - dt.timedelta(days=30))
    return s


def test_a_station_with_everything_meets_the_standard(station):
    s = standing_of(station, NOW)
    assert s.standing == "met" and s.reasons == []


def test_missing_keeper_and_video_fail_with_reasons(station):
    station.keeper_phone, station.cameras = "", 0
    s = standing_of(station, NOW)
    assert s.standing == "not_met" and set(s.codes) == {"keeper", "video"}
    assert any("专人" in r.text for r in s.reasons)


def test_heartbeat_older_than_the_threshold_is_video_offline(station):
    assert "video_offline" not in standing_of(station, NOW + dt.timedelta(minutes=20)).codes
    later = NOW + dt.timedelta(minutes=36)  # heartbeat 41 minutes old, default threshold 30
    assert "video_offline" in standing_of(station, later).codes
    RuleFigure.objects.create(key="video_offline_minutes", value=60)
    assert "video_offline" not in standing_of(station, later).codes


def test_a_device_heartbeat_counts_and_the_sweep_flags_and_clears(station):
    station.video_heartbeat_at = None
    station.save()
    assert sweep_flags(NOW)["video_offline"] == 1
    assert sweep_flags(NOW)["video_offline"] == 0  # idempotent: one open flag
    assert station.flags.filter(cleared_at__isnull=True).count() == 1
    record_heartbeat(device_for(station, "cam-1"), NOW)
    assert station.flags.filter(cleared_at__isnull=True).count() == 0
    station.refresh_from_db()
    assert station.video_heartbeat_at == NOW
    assert "video_offline" not in standing_of(station, NOW + dt.timedelta(minutes=10)).codes
    sweep_flags(NOW + dt.timedelta(hours=2))
    assert station.flags.filter(kind="video_offline", cleared_at__isnull=True).count() == 1


def test_filing_deadline_20_days_after_opening(station):
    station.filing_number = ""
    station.opened_on = dt.date(2026, 2, 20)  # due 2026-03-12
    s = standing_of(station, NOW)
    assert s.standing == "warning" and s.codes == ["filing_pending"]
    s = standing_of(station, NOW + dt.timedelta(days=3))  # 03-13 > 03-12
    assert s.standing == "not_met" and "filing" in s.codes
    station.save()
    assert sweep_flags(NOW + dt.timedelta(days=3))["filing_overdue"] == 1


def test_failed_items_then_overdue_fix_then_fixed(station):
    passed = all_items(station) - {"fire"}
    inspector = UserFactory(role="regulator", username="insp")
    fix_by = dt.date(2026, 3, 15)
    with pytest.raises(InspectionRefused):
        record_inspection(station, inspector, passed, at=NOW)  # no fix deadline
    inspection = record_inspection(station, inspector, passed, fix_by=fix_by, at=NOW)
    s = standing_of(station, NOW)
    assert s.standing == "not_met" and s.codes == ["item:fire"] and "消防" in s.reasons[0].text
    late = dt.datetime(2026, 3, 16, 4, 0, tzinfo=dt.UTC)
    station.video_heartbeat_at = late  # the camera keeps reporting
    assert standing_of(station, late).codes == ["item:fire", "fix_overdue"]
    with pytest.raises(InspectionRefused):
        record_fix(inspection, "")
    record_fix(inspection, "已配灭火器", at=late)
    assert standing_of(station, late).standing == "met"


def test_no_inspection_is_a_warning_only(db):
    station = StationFactory(video_heartbeat_at=timezone.now())
    s = standing_of(station)
    assert s.standing == "warning" and s.codes == ["never_inspected"]
