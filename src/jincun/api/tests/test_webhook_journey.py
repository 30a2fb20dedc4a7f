"""Scans that move a brand's parcel queue signed notices to that brand only; the pull API's query count
does not grow with the page size."""

import datetime as dt

import pytest
from django.test import Client

from jincun.api import webhooks
from jincun.api.models import WebhookDelivery
from jincun.api.tests.factories import WebhookEndpointFactory
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push


@pytest.fixture
def county(db):
    return build_county()


def _scan_all(county, *waybills):
    from jincun.api.models import ApiToken
    from jincun.core.models import User
    from jincun.network.models import Assignment

    user = User.objects.create(username="gun-user", role="hub_operator")
    Assignment.objects.create(user=user, hub=county.hub)
    key = ApiToken.issue("gun", "device", user=user, device_id="GUN-9")[1]
    at = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()
    events = [
        {"waybill": w, "event_type": "at_hub", "at": at, "device_seq": i} for i, w in enumerate(waybills)
    ]
    gun = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    return gun.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json").json()


def test_state_changes_from_the_scan_api_notify_only_the_parcels_brand(county):
    mine = WebhookEndpointFactory(brand=county.brand, url="http://127.0.0.1:9/mine")
    theirs = WebhookEndpointFactory(brand=county.other_brand, url="http://127.0.0.1:9/theirs")
    push(county, "TB0000000001", county.station_village)
    _scan_all(county, "TB0000000001")
    deliveries = list(WebhookDelivery.objects.all())
    assert [d.endpoint_id for d in deliveries] == [mine.pk]
    assert deliveries[0].payload["data"]["state"] == "at_hub"
    assert not WebhookDelivery.objects.filter(endpoint=theirs).exists()

    sent = []
    webhooks.attempt(
        deliveries[0].pk,
        transport=lambda url, body, headers: sent.append((body, headers)) or webhooks.Answer(204),
    )
    body, headers = sent[0]
    assert webhooks.verify_signature(mine.secret, body, headers[webhooks.SIGNATURE_HEADER])


def test_pull_api_query_count_is_flat(county, django_assert_max_num_queries):
    api = push(county, "TB0000000001", county.station_village)
    for n in range(2, 12):
        push(county, f"TB00000000{n:02d}", county.station_village)
    _scan_all(county, *[f"TB00000000{n:02d}" for n in range(1, 12)])
    with django_assert_max_num_queries(6):
        page = api.get("/api/v1/parcels/scans?since=0&limit=100").json()
    assert len(page["events"]) == 22
