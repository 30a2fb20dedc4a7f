"""The clock-skew rule and the schema's bounds: a poison time or number is refused alone, never a 500, and the
good events of its batch are kept (run on SQLite and PostgreSQL)."""

import datetime as dt

import pytest
from django.utils import timezone

from jincun.api.tests.test_parcels_api import brand_client, device_client, manifest
from jincun.parcels import clock
from jincun.parcels.models import Parcel, ScanEvent
from jincun.web.tests.county import build_county

NOW = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (NOW, (NOW, "")),
        (NOW + dt.timedelta(minutes=4), (NOW, "")),  # a fast clock: read as now
        (NOW + dt.timedelta(minutes=6), (None, "future_time")),
        (dt.datetime(1900, 1, 1, tzinfo=dt.UTC), (None, "too_old")),
        (NOW - dt.timedelta(days=29), (NOW - dt.timedelta(days=29), "")),
    ],
)
def test_the_rule(at, expected):
    assert clock.check(at, NOW, max_age=clock.MAX_AGE) == expected


def test_old_events_pass_without_max_age_but_never_before_2000():
    year_ago = NOW - dt.timedelta(days=365)
    assert clock.check(year_ago, NOW, max_age=clock.MAX_AGE) == (None, "too_old")
    assert clock.check(year_ago, NOW) == (year_ago, "")  # the simulator replays past days
    assert clock.check(dt.datetime(1999, 12, 31, tzinfo=dt.UTC), NOW)[1] == "too_old"


def test_year_one_far_east_is_refused_not_an_overflow():
    year_one = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    assert clock.check(year_one, NOW) == (None, "bad_time")


@pytest.fixture
def county(db):
    return build_county()


POISON = [
    ("0001-01-01T00:00:00+14:00", None),
    ("1900-01-01T08:00:00+08:00", None),
    (None, 2**63),
    (None, 2**64),
]


@pytest.mark.parametrize(("at", "seq"), POISON)
def test_a_poison_event_is_refused_alone_and_the_good_ones_are_kept(county, at, seq):
    manifest(brand_client(county.brand_key), "TB0000000001", "TB0000000002")
    now = timezone.now().isoformat()
    bad = {"waybill": "TB0000000002", "event_type": "at_hub", "at": at or now}
    if seq is not None:
        bad["device_seq"] = seq
    events = [{"waybill": "TB0000000001", "event_type": "at_hub", "at": now, "device_seq": 1}, bad]
    answer = device_client(county, county.hub.code).post(
        "/api/v1/parcels/scans", {"events": events}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    results = answer.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "refused"]
    assert results[1]["reason"] == "invalid_event"
    assert Parcel.objects.get(waybill="TB0000000001").state == "at_hub"
    assert Parcel.objects.get(waybill="TB0000000002").state == "manifested"


def test_device_clocks_out_of_the_window_are_refused_and_a_fast_one_never_leaves_the_state_behind(county):
    manifest(brand_client(county.brand_key), "TB0000000001", "TB0000000002", "TB0000000003")
    gun = device_client(county, county.hub.code)
    now = timezone.now()
    events = [
        {
            "waybill": "TB0000000001",
            "event_type": "at_hub",
            "at": (now + dt.timedelta(minutes=8)).isoformat(),
        },
        {"waybill": "TB0000000002", "event_type": "at_hub", "at": (now - dt.timedelta(days=40)).isoformat()},
        {
            "waybill": "TB0000000003",
            "event_type": "at_hub",
            "at": (now + dt.timedelta(minutes=4)).isoformat(),
        },
    ]
    results = gun.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json").json()
    assert [(r["status"], r["reason"]) for r in results["results"]] == [
        ("refused", "future_time"),
        ("refused", "too_old"),
        ("accepted", ""),
    ]
    fast = Parcel.objects.get(waybill="TB0000000003")
    assert fast.state_at <= timezone.now()  # read as received, not 4 minutes ahead
    # The next real scan, a minute later by a correct clock, moves the state on (it is not "late").
    sort = {"waybill": "TB0000000003", "event_type": "sorted", "at": timezone.now().isoformat()}
    answer = gun.post("/api/v1/parcels/scans", {"events": [sort]}, content_type="application/json").json()
    assert answer["results"][0]["status"] == "accepted" and answer["results"][0]["reason"] == ""
    assert ScanEvent.objects.filter(parcel__waybill="TB0000000001", event_type="at_hub").count() == 0
