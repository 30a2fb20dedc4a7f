"""The history generator: its output equals its own recount, and every parcel's state is the projection of
the events written for it (so every query sees what a simulated history would show)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from jincun.parcels.models import Parcel, PickupCode, ScanEvent
from jincun.parcels.tests.factories import build_county
from jincun.simulation.history import generate_history
from jincun.simulation.tests.recount import assert_equals_its_recount


@pytest.mark.django_db
def test_generated_history_equals_its_recount():
    build_county()
    until = dt.datetime(2025, 10, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    report = generate_history(3, start=dt.date(2025, 10, 14), scale=0.01, seed=3, until=until)
    assert_equals_its_recount(report)
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


@pytest.mark.django_db
def test_generated_records_equal_their_recount():
    """Lists, items, consents, problems, SMS rows and collection records: each as the services would leave
    it, and as many as the report says."""
    from jincun.parcels.models import (
        Consent,
        HandoverItem,
        HandoverList,
        OutboundCollection,
        Problem,
        SmsMessage,
    )

    build_county()
    until = dt.datetime(2025, 10, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    report = generate_history(3, start=dt.date(2025, 10, 14), scale=0.02, seed=5, until=until)
    counted = {"lists": HandoverList.objects.count(), "items": HandoverItem.objects.count(),
               "consents": Consent.objects.count(), "problems": Problem.objects.count(),
               "sms": SmsMessage.objects.count(), "collections": OutboundCollection.objects.count()}  # fmt: skip
    assert {k: report.records[k] for k in counted} == counted
    assert counted["lists"] > 10 and counted["consents"] > 0 and counted["sms"] > counted["lists"]
    kinds = set(HandoverList.objects.values_list("kind", flat=True))
    assert {"trunk", "village_run", "up_town", "up_hub", "to_brand"} <= kinds
    for h in HandoverList.objects.all():
        items = list(h.items.all())
        assert h.expected_count == len(items) > 0
        if h.status == "reconciled":
            assert h.received_count == sum(i.arrived_at is not None for i in items) and h.received_at <= until
        else:
            assert h.status == "dispatched" and h.received_at is None
    on_list = set(HandoverItem.objects.values_list("handover_id", "parcel_id"))
    moved = ScanEvent.objects.filter(
        event_type__in=["to_town", "to_village", "to_postal", "to_hub", "handed_to_brand"]
    )
    assert not moved.filter(handover__isnull=True).exists()
    assert (
        set(ScanEvent.objects.filter(handover__isnull=False).values_list("handover_id", "parcel_id"))
        <= on_list
    )
    in_trouble = Parcel.objects.filter(state__in=["problem", "returning"])
    assert set(in_trouble.values_list("id", flat=True)) <= set(
        Problem.objects.values_list("parcel_id", flat=True)
    )
    assert not Problem.objects.filter(parcel__state="returning", resolved_at__isnull=True).exists()
    door = Parcel.objects.filter(deliver_to_door=True)
    assert door.exists() and all(
        Consent.objects.filter(
            recipient_phone=p.recipient_phone, village=p.village, preference="door"
        ).exists()
        for p in door
    )
    assert (
        OutboundCollection.objects.filter(accepted=True).count()
        == Parcel.objects.filter(direction="outbound").count()
    )
    signed = ScanEvent.objects.filter(event_type="signed").exclude(place_code="POST")
    assert not signed.filter(sign_type="").exists()
