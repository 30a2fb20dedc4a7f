"""Consent is enforced in the service on every path into a station (page shelving and a raw at_station
scan from a device or the API); signed parcels' personal data is purged after the configured period."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from jincun.parcels import services
from jincun.parcels.choices import State
from jincun.parcels.models import Consent, Parcel, PurgeLog, SmsMessage
from jincun.parcels.services.purge import purge_personal_data
from jincun.parcels.tests.factories import build_county, manifest_parcel
from jincun.parcels.tests.test_station import to_village


@pytest.fixture
def county(db):
    return build_county()


def test_a_raw_at_station_scan_without_consent_is_refused(county):
    parcel = to_village(county, manifest_parcel(county, consent=False))
    scan = {"waybill": parcel.waybill, "event_type": "at_station", "place": county.station.code}
    outcome = services.ingest_scans([scan])[0]
    assert (outcome.status, outcome.reason) == ("refused", "no_consent")
    parcel.refresh_from_db()
    assert parcel.state == State.TO_VILLAGE


def test_standing_consent_at_the_station_village_lets_the_scan_in(county):
    parcel = to_village(county, manifest_parcel(county, consent=False))
    services.record_consent(
        parcel.recipient_phone, "station", village=county.joint_village, source="sms_reply"
    )
    scan = {"waybill": parcel.waybill, "event_type": "at_station", "place": county.station.code}
    assert services.ingest_scans([scan])[0].status == "accepted"


def test_consent_needs_a_known_source(county):
    with pytest.raises(ValueError):
        services.record_consent("13800000000", "station", station=county.station, source="guess")
    consent = services.record_consent("13800000000", "station", station=county.station, source="app")
    assert consent.get_source_display() == "App/小程序"


def signed_parcel(county, when):
    parcel = to_village(county, manifest_parcel(county))
    services.shelve_parcel(county.station, parcel.waybill)
    parcel.refresh_from_db()
    services.sign_off(parcel, "self")
    Parcel.objects.filter(pk=parcel.pk).update(state_at=when)
    return parcel


@override_settings(JINCUN={"PURGE_AFTER_DAYS": 30, "SMS_GATEWAY": "file", "SMS_SIGNATURE": "进村快递"})
def test_purge_clears_personal_fields_of_old_signed_parcels_and_logs_it(county):
    now = timezone.now()
    old = signed_parcel(county, now - dt.timedelta(days=31))
    recent = signed_parcel(county, now - dt.timedelta(days=29))
    waiting = to_village(county, manifest_parcel(county))
    log = purge_personal_data(now)
    assert log.parcels == 1 and log.first_parcel_id == old.pk and "recipient_phone" in log.fields
    old.refresh_from_db()
    assert (old.recipient_name, old.recipient_phone, old.address) == ("", "", "")
    assert old.state == State.SIGNED and old.village_id  # counts and villages stay
    assert not SmsMessage.objects.filter(parcel=old).exclude(phone="").exists()
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert kept.recipient_phone and kept.recipient_name
    assert purge_personal_data(now) is None  # idempotent: nothing left, nothing logged
    assert PurgeLog.objects.count() == 1
    assert Consent.objects.filter(parcel=old).exclude(recipient_phone="").count() == 0
