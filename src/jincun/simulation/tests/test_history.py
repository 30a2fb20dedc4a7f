"""The history generator: its output equals its own recount, and every parcel's state is the projection of
the events written for it (so every query sees what a simulated history would show)."""

import datetime as dt
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

import pytest

from jincun.parcels import transitions
from jincun.parcels.models import Parcel, PickupCode, ScanEvent
from jincun.parcels.tests.factories import build_county
from jincun.simulation.history import generate_history


@pytest.mark.django_db
def test_generated_history_equals_its_recount():
    build_county()
    until = dt.datetime(2025, 10, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    report = generate_history(3, start=dt.date(2025, 10, 14), scale=0.01, seed=3, until=until)
    assert report.parcels == Parcel.objects.count() > 100
    assert report.events == ScanEvent.objects.count()
    assert report.states == Counter(Parcel.objects.values_list("state", flat=True))
    assert report.event_types == Counter(ScanEvent.objects.values_list("event_type", flat=True))
    history = defaultdict(list)
    for parcel_id, event_type, at in ScanEvent.objects.order_by("id").values_list(
        "parcel_id", "event_type", "at"
    ):
        history[parcel_id].append((event_type, at))
    for parcel in Parcel.objects.all():
        assert transitions.project(parcel.direction, history[parcel.pk]) == parcel.state, parcel.waybill
    assert not ScanEvent.objects.filter(at__gt=until).exists()
    # the last day is cut at noon: parcels are left mid-journey, shelved ones with an active pickup code
    assert {"at_station", "signed"} <= set(report.states)
    shelved = Parcel.objects.filter(state="at_station")
    assert PickupCode.objects.filter(active=True, parcel__in=shelved).count() == shelved.count()
