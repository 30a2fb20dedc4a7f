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


@pytest.mark.django_db
def test_history_counts_farm_parcels_toward_the_project_by_link():
    """Outbound parcels in apple season count toward the county's apple project through the real link, and the
    project's daily scanned pieces equal the links."""
    from django.db.models import Sum

    from jincun.agri.models import Project, ProjectDay, ProjectParcel

    county = build_county()
    apple = Project.objects.create(
        code="apple", name="快递+苹果", product="apple", level="gold", county=county.node.town.parent,
        season_months=[10, 11], annual_target=1000, valid_from_year=2020,
    )  # fmt: skip
    until = dt.datetime(2025, 10, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    generate_history(2, start=dt.date(2025, 10, 14), scale=0.05, seed=3, until=until)
    outbound = Parcel.objects.filter(direction="outbound")
    assert outbound.count() > 0
    assert ProjectParcel.objects.filter(project=apple).count() == outbound.count()
    assert ProjectDay.objects.filter(project=apple).aggregate(n=Sum("scanned"))["n"] == outbound.count()
