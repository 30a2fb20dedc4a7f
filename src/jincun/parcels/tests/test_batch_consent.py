"""A batch's at_station events read their consents at once, with the same rule as one scan: a consent for
the parcel, or standing for the phone at this station or its village, live at the event's time."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jincun.network.tests import factories as nf
from jincun.parcels import services
from jincun.parcels.models import Parcel
from jincun.parcels.tests.factories import build_county

T = timezone.now() - dt.timedelta(minutes=30)


@pytest.fixture
def county(db):
    return build_county()


def _on_the_run(county, n, phone):
    return Parcel.objects.create(
        waybill=f"TBZ{n:010d}", brand=county.brand, direction="inbound", state="to_village",
        state_at=T - dt.timedelta(hours=1), recipient_phone=phone, village=county.joint_village,
        town_node=county.node, station=county.station, route_kind="town", route_code=county.station.code,
    )  # fmt: skip


def test_each_event_of_a_batch_gets_the_consent_rule(county):
    other = nf.StationFactory(village=county.proxy_village, town_node=county.node)
    phones = [f"1391111{n:04d}" for n in range(7)]
    parcels = [_on_the_run(county, n, phone) for n, phone in enumerate(phones)]
    before = T - dt.timedelta(hours=2)
    services.record_consent(phones[0], "station", parcel=parcels[0], at=before)  # this parcel
    services.record_consent(phones[1], "station", station=county.station, at=before)  # standing, here
    services.record_consent(phones[2], "station", village=county.joint_village, at=before)  # the village
    services.record_consent(phones[3], "station", station=other, at=before)  # another station
    services.record_consent(phones[4], "station", station=county.station, at=T + dt.timedelta(minutes=5))
    withdrawn = services.record_consent(phones[5], "station", station=county.station, at=before)
    withdrawn.withdrawn_at = T - dt.timedelta(minutes=1)
    withdrawn.save()
    services.record_consent(phones[6], "door", station=county.station, at=before)  # not station pickup
    events = [
        {"waybill": p.waybill, "event_type": "at_station", "at": T, "place": county.station.code}
        for p in parcels
    ]
    outcomes = services.ingest_scans(events)
    got = [(o.status, o.reason) for o in outcomes]
    assert got[:3] == [("accepted", "")] * 3
    assert got[3:] == [("refused", "no_consent")] * 4


def test_the_consent_reads_do_not_grow_with_the_batch(county):
    def queries(n, start):
        parcels = [_on_the_run(county, start + i, f"1392222{start + i:04d}") for i in range(n)]
        for p in parcels:
            services.record_consent(
                p.recipient_phone, "station", station=county.station, at=T - dt.timedelta(hours=2)
            )
        events = [{"waybill": p.waybill, "event_type": "at_station", "at": T, "place": county.station.code}
                  for p in parcels]  # fmt: skip
        with CaptureQueriesContext(connection) as seen:
            outcomes = services.ingest_scans(events)
        assert all(o.status == "accepted" for o in outcomes)
        # not the brands-with-webhooks lookup: cached for some seconds per process, it comes back on a slow run
        return len([q for q in seen.captured_queries if "api_webhookendpoint" not in q["sql"]])

    queries(1, 300)  # warms what the process caches once (the event store's id source)
    assert queries(40, 100) == queries(5, 200)
