"""Station rules: consent, pickup codes (unique under concurrent shelving), masked SMS, retention."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from jincun.parcels import services
from jincun.parcels.choices import Preference, State
from jincun.parcels.models import Parcel, PickupCode, Problem, SmsMessage
from jincun.parcels.services import station as station_services
from jincun.parcels.tests.concurrency import count_rows, run_in_processes
from jincun.parcels.tests.factories import build_county, manifest_parcel


@pytest.fixture
def county(db):
    return build_county()


def to_village(county, parcel):
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, parcel.waybill)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in(trunk, parcel.waybill)
    run = services.open_handover(county.node, county.station.code)
    services.load_parcel(run, parcel.waybill)
    services.close_handover(run, carrier="赵师傅")
    parcel.refresh_from_db()
    assert parcel.state == State.TO_VILLAGE
    return parcel


def test_without_consent_the_parcel_goes_to_the_door(county):
    parcel = to_village(county, manifest_parcel(county, consent=False))
    outcome = services.shelve_parcel(county.station, parcel.waybill)
    assert outcome.deliver_to_door and outcome.reason == "no_consent" and not outcome.pickup_code
    parcel.refresh_from_db()
    assert parcel.state == State.TO_VILLAGE and not PickupCode.objects.filter(parcel=parcel).exists()
    assert list(services.door_deliveries(county.station)) == [parcel]
    assert services.sign_off(parcel, "door").status == "accepted"


def test_withdrawn_or_door_preference_is_not_consent(county):
    parcel = to_village(county, manifest_parcel(county, consent=False))
    consent = services.record_consent(
        parcel.recipient_phone, Preference.STATION, village=county.joint_village
    )
    services.withdraw_consent(consent)
    services.record_consent(parcel.recipient_phone, Preference.DOOR, station=county.station)
    assert services.shelve_parcel(county.station, parcel.waybill).deliver_to_door


def test_per_parcel_consent_is_enough(county):
    parcel = to_village(county, manifest_parcel(county, consent=False))
    services.record_consent(parcel.recipient_phone, Preference.STATION, parcel=parcel)
    assert re.fullmatch(r"\d-\d-\d{1,4}", services.shelve_parcel(county.station, parcel.waybill).pickup_code)


def test_arrival_sms_hides_the_phone_and_name(county, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.JINCUN = {**settings.JINCUN, "SMS_GATEWAY": "file"}
    parcel = to_village(
        county, manifest_parcel(county, recipient_phone="13912345678", recipient_name="欧阳娜娜")
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
        code = services.shelve_parcel(county.station, parcel.waybill).pickup_code
    message = SmsMessage.objects.get(parcel=parcel, template="arrival")
    assert code in message.text and "欧阳**" in message.text
    assert "欧阳娜娜" not in message.text
    digits = re.findall(r"\d", message.text.replace(code, ""))
    assert not re.search(r"\d{6,}", message.text) and "12345678" not in message.text
    assert "1391234" not in "".join(digits)
    line = json.loads(next((tmp_path / "sms").glob("outbox-*.jsonl")).read_text().splitlines()[0])
    assert line["to"].count("*") >= 6 and "1234567" not in line["to"]
    assert message.status == "sent"


def test_shelving_twice_keeps_the_code_and_signing_releases_it(county):
    parcel = to_village(county, manifest_parcel(county))
    first = services.shelve_parcel(county.station, parcel.waybill)
    again = services.shelve_parcel(county.station, parcel.waybill)
    assert again.status == "duplicate" and again.pickup_code == first.pickup_code
    parcel.refresh_from_db()
    assert services.sign_off(parcel, "proxy").reason == "proxy_name_required"
    assert services.sign_off(parcel, "proxy", proxy_name="李四").status == "accepted"
    assert not PickupCode.objects.filter(parcel=parcel, active=True).exists()


def test_no_fee_field_anywhere():
    fields = {f.name for model in (Parcel, PickupCode) for f in model._meta.get_fields()}
    assert not {f for f in fields if "fee" in f or "price" in f or "charge" in f}


def test_retention_reminds_then_marks_overdue_once(county, monkeypatch):
    parcel = to_village(county, manifest_parcel(county))
    services.shelve_parcel(county.station, parcel.waybill)
    start = timezone.now()

    def sweep_on(later):
        """The job runs days later: the clock says so too (the scan clock refuses events dated ahead of it)."""
        moment = start + later
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return services.run_retention(moment)

    assert sweep_on(dt.timedelta(days=1)).reminded == 0
    assert sweep_on(dt.timedelta(days=3, hours=1)).reminded == 1
    assert sweep_on(dt.timedelta(days=4)).reminded == 0
    report = sweep_on(dt.timedelta(days=7, hours=1))
    assert report.overdue == 1
    assert sweep_on(dt.timedelta(days=8)).overdue == 0
    parcel.refresh_from_db()
    assert parcel.state == State.OVERDUE
    problem = Problem.objects.get(parcel=parcel, reason="overdue", resolved_at__isnull=True)
    assert set(SmsMessage.objects.filter(parcel=parcel).values_list("template", flat=True)) >= {
        "arrival",
        "remind",
        "return_notice",
    }
    services.resolve_problem(problem, "return", at=start + dt.timedelta(days=8))
    parcel.refresh_from_db()
    assert parcel.state == State.RETURNING


def _shelve_all(waybills, station_pk):
    from jincun.network.models import Station
    from jincun.parcels.services import shelve_parcel

    station_services.MAX_NUMBER = 12  # a crowded shelf: collisions and retries are certain
    station = Station.objects.get(pk=station_pk)
    return [shelve_parcel(station, w).pickup_code for w in waybills]


@pytest.mark.slow
def test_concurrent_shelving_never_hands_out_the_same_code(reload_reference_data, transactional_db):
    county = build_county()
    county.station.shelves, county.station.layers = 1, 1
    county.station.save()
    parcels = [to_village(county, manifest_parcel(county)) for _ in range(10)]
    waybills = [p.waybill for p in parcels]
    results, db_file = run_in_processes(
        _shelve_all, [(waybills[::2], county.station.pk), (waybills[1::2], county.station.pk)]
    )
    codes = [c for r in results for c in r]
    assert len(codes) == 10 and len(set(codes)) == 10 and all(codes)
    active = count_rows(
        db_file, "SELECT count(DISTINCT number) FROM parcels_pickupcode WHERE active = ?", (True,)
    )
    assert active == 10
