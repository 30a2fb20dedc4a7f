"""How a sign-off happened is a field of its event (`ScanEvent.sign_type`), not text parsed back out of
`raw_text`; the aggregator codes read the field, and the migration back-filled older events."""

import importlib

import pytest
from django.apps import apps

from jincun.parcels import services
from jincun.parcels.choices import SignType, State
from jincun.parcels.models import ScanEvent
from jincun.parcels.notices import external_status_of
from jincun.parcels.tests.factories import build_county, manifest_parcel
from jincun.parcels.tests.test_station import to_village


@pytest.fixture
def county(db):
    return build_county()


def test_a_proxy_sign_off_records_its_type_and_maps_to_agent_sign(county):
    parcel = to_village(county, manifest_parcel(county))
    services.shelve_parcel(county.station, parcel.waybill)
    parcel.refresh_from_db()
    outcome = services.sign_off(parcel, SignType.PROXY, proxy_name="李四")
    event = ScanEvent.objects.get(pk=outcome.event.pk)
    assert (event.state_after, event.sign_type) == (State.SIGNED, SignType.PROXY)
    assert not event.raw_text.startswith("sign:")  # the note is only for people now
    assert external_status_of(State.SIGNED, event)["cainiao_sub_status"] == "AGENT_SIGN"
    other = ScanEvent.objects.filter(parcel=parcel).exclude(pk=event.pk)
    assert set(other.values_list("sign_type", flat=True)) == {""}


def test_backfill_reads_the_old_raw_text_prefix_only_on_sign_offs(county):
    parcel = manifest_parcel(county)
    first = ScanEvent.objects.get(parcel=parcel)
    rows = {
        "sign:proxy 代取人:李四": ("signed", "proxy"),
        "sign:self": ("signed", "self"),
        "sign:stationary": ("signed", ""),  # not a sign type, only a prefix of one
        "sign:door": ("at_hub", ""),  # not a sign-off
    }
    made = []
    for n, (text, (state, _)) in enumerate(rows.items()):
        first.pk, first.idem_key, first.raw_text, first.state_after = None, f"old-{n}", text, state
        first.save()
        made.append(first.pk)
    migration = importlib.import_module("jincun.parcels.migrations.0003_scanevent_sign_type")
    migration.backfill(apps, None)
    got = dict(ScanEvent.objects.filter(pk__in=made).values_list("raw_text", "sign_type"))
    assert got == {text: sign_type for text, (_, sign_type) in rows.items()}
