"""Delivery log: the hub sees every brand's notices, a brand user only their own, others nothing."""

import pytest
from django.urls import reverse

from jincun.api import outbox
from jincun.api.models import DeliveryStatus, WebhookDelivery
from jincun.api.tests.factories import WebhookEndpointFactory


@pytest.fixture
def two_brands(db):
    mine = WebhookEndpointFactory()
    theirs = WebhookEndpointFactory()
    outbox.queue_notice(mine.brand_id, "a", {"type": "parcel.state_changed"}, waybill="MINE000001")
    outbox.queue_notice(theirs.brand_id, "b", {"type": "parcel.state_changed"}, waybill="THEIRS0001")
    return mine, theirs


def test_hub_operator_sees_all_brand_user_only_own(login, two_brands):
    mine, _ = two_brands
    hub = login("hub_operator").get(reverse("api:webhook_log")).content.decode()
    assert "MINE000001" in hub and "THEIRS0001" in hub
    brand = login("brand_user", brand=mine.brand).get(reverse("api:webhook_log")).content.decode()
    assert "MINE000001" in brand and "THEIRS0001" not in brand


@pytest.mark.parametrize("role", ["station_keeper", "town_operator", "village_proxy", "regulator"])
def test_other_roles_are_refused(login, two_brands, role):
    assert login(role).get(reverse("api:webhook_log")).status_code == 403


def test_brand_user_cannot_resend_another_brands_notice(login, two_brands):
    mine, theirs = two_brands
    other = WebhookDelivery.objects.get(endpoint=theirs)
    WebhookDelivery.objects.filter(pk=other.pk).update(status=DeliveryStatus.FAILED)
    client = login("brand_user", brand=mine.brand)
    assert client.post(reverse("api:webhook_resend", args=[other.pk])).status_code == 404
    assert login("hub_operator").post(reverse("api:webhook_resend", args=[other.pk])).status_code == 302
    other.refresh_from_db()
    assert other.status == DeliveryStatus.PENDING
