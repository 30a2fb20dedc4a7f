"""A parcel state change queues one signed notice per active endpoint of the parcel's brand, only once,
and only if the change commits."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction

from jincun.api.models import WebhookDelivery
from jincun.api.tests.factories import WebhookEndpointFactory
from jincun.parcels.signals import parcel_state_changed


def _change(brand, event_id=1):
    parcel = SimpleNamespace(waybill="TB0000000001", brand_id=brand.pk, brand=brand)
    at = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)
    event = SimpleNamespace(
        pk=event_id,
        event_type="at_station",
        at=at,
        place_code="ST1",
        place_name="站点",
        state_after="at_station",
        raw_text="",
        place_kind="station",
    )
    parcel_state_changed.send(
        sender=None, parcel=parcel, event=event, old_state="to_village", new_state="at_station"
    )


@pytest.mark.django_db
def test_state_change_queues_a_notice_with_mapped_status_and_no_personal_data():
    endpoint = WebhookEndpointFactory()
    _change(endpoint.brand)
    _change(endpoint.brand)  # the same event again: still one notice
    (delivery,) = WebhookDelivery.objects.all()
    data = delivery.payload["data"]
    assert data["state"] == "at_station" and data["kuaidi100_state_ex"] == "501"
    assert data["kdniao_state_ex"] == "211" and data["cainiao_sub_status"] == "STA_INBOUND"
    assert "recipient" not in str(delivery.payload)
    assert delivery.waybill == "TB0000000001"


@pytest.mark.django_db
def test_no_notice_when_the_change_rolls_back():
    endpoint = WebhookEndpointFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        _change(endpoint.brand)
        raise RuntimeError("scan refused later in the same transaction")
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_a_scan_batch_queues_the_same_notice_as_one_change_from_the_models():
    """Ingest sends one batch signal with light rows; the notice equals what the model instances give."""
    from jincun.parcels.models import Parcel, ScanEvent
    from jincun.parcels.notices import notice_payload
    from jincun.parcels.services import ingest_scans
    from jincun.parcels.tests.factories import build_county, manifest_parcel

    county = build_county()
    WebhookEndpointFactory(brand=county.brand)
    parcel = manifest_parcel(county)
    at = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)
    (outcome,) = ingest_scans([{"waybill": parcel.waybill, "event_type": "at_hub", "at": at,
                                "place": county.hub.code}])  # fmt: skip
    (delivery,) = WebhookDelivery.objects.all()
    event = ScanEvent.objects.get(pk=outcome.event.pk)
    assert delivery.event_key == f"event:{event.pk}" and delivery.waybill == parcel.waybill
    expected = notice_payload(Parcel.objects.get(pk=parcel.pk), event, "manifested", "at_hub")
    assert delivery.payload == expected and expected["data"]["brand"] == county.brand.code
