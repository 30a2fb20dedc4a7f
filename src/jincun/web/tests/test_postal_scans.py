"""邮快合作: China Post reports, with its own token, the mail-route scans of other brands' parcels it was
handed — and only of those, only while they are on the postal leg."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from jincun.api.models import ApiToken
from jincun.network.tests import factories as f
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import load_run, push, scan, state


@pytest.fixture
def county(db):
    return build_county()


def _post_events(client, *pairs):
    at = dt.datetime.now(dt.UTC)
    events = [
        {"waybill": w, "event_type": t, "at": (at + dt.timedelta(minutes=i + 1)).isoformat()}
        for i, (w, t) in enumerate(pairs)
    ]
    answer = client.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    return [(r["status"], r["reason"]) for r in answer.json()["results"]]


def test_china_post_signs_the_parcels_it_carries_and_nothing_else(county):
    _, key = ApiToken.issue("中国邮政接口", "brand", brand=f.BrandFactory(code="POST", name="中国邮政"))
    china_post = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    api = push(county, "TB0000000001", county.postal_village)
    push(county, "TB0000000002", county.station_village)
    hub = county.hub_client()
    for waybill in ("TB0000000001", "TB0000000002"):
        scan(hub, reverse("web:hub_scan"), waybill)
    load_run(hub, reverse("web:hub_load"), "POST", "TB0000000001")

    results = _post_events(
        china_post,
        ("TB0000000001", "on_mail_route"),
        ("TB0000000002", "signed"),
        ("TB0000000001", "signed"),
    )
    assert results == [("accepted", ""), ("refused", "unknown_waybill"), ("accepted", "")]
    assert state(api, "TB0000000001") == "signed"
    assert state(api, "TB0000000002") == "sorted"
    assert api.get("/api/v1/parcels/TB0000000001").json()["events"][-1]["place"] == "POST"
    assert _post_events(china_post, ("TB0000000001", "signed"))[0] == ("refused", "unknown_waybill")


def test_a_malformed_event_is_refused_alone_and_the_batch_goes_on(county):
    api = push(county, "TB0000000001", county.station_village)
    at = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()
    events = [
        {"waybill": "T" * 41, "event_type": "at_hub", "at": at},
        {"waybill": "TB0000000001", "event_type": "at_hub", "at": "yesterday"},
        {"waybill": "TB0000000001", "event_type": "at_hub", "at": at, "place": county.hub.code},
    ]
    hub_user = county.hub_client()
    answer = hub_user.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    results = answer.json()["results"]
    assert [r["reason"] for r in results[:2]] == ["invalid_event", "invalid_event"]
    assert results[0]["message"].startswith("waybill") and results[1]["message"].startswith("at")
    assert results[2]["status"] == "accepted", results[2]
    assert state(api, "TB0000000001") in ("at_hub", "sorted")
