"""Outbound: real-name and inspection records, refusals logged, up the tiers to the brand."""

import pytest

from jincun.parcels import services
from jincun.parcels.choices import State
from jincun.parcels.models import OutboundCollection, ScanEvent
from jincun.parcels.tests.factories import build_county


@pytest.fixture
def county(db):
    return build_county()


def sender(**extra):
    data = {
        "sender_name": "王果农",
        "sender_phone": "13700001111",
        "id_type": "resident_id",
        "id_number": "370323199001011234",
        "id_name": "王果农",
        "contents": "苹果",
        "prohibited": False,
        "weight_g": "5000",
        "brand": "TBZ",
        "recipient_name": "赵买家",
        "recipient_phone": "13800002222",
        "recipient_address": "北京市朝阳区",
    }
    return {**data, **extra}


def test_apple_box_goes_from_station_to_brand(county):
    out = services.collect_outbound(county.station, sender())
    assert out.status == "accepted"
    parcel = out.parcel
    record = OutboundCollection.objects.get(parcel=parcel)
    assert record.name_matched and record.id_number == "370323199001011234"
    assert record.id_number_masked == "370*************34"
    up = services.open_handover(county.station, county.node.code)
    services.load_parcel(up, parcel.waybill)
    services.close_handover(up, carrier="李师傅")
    services.check_in(up, parcel.waybill)
    services.finish_check_in(up)
    to_hub = services.open_handover(county.node, county.hub.code)
    services.load_parcel(to_hub, parcel.waybill)
    services.close_handover(to_hub, carrier="李师傅")
    services.check_in(to_hub, parcel.waybill)
    to_brand = services.open_handover(county.hub, "TBZ")
    assert services.load_parcel(to_brand, parcel.waybill).status == "accepted"
    services.close_handover(to_brand, carrier="中通揽收车")
    parcel.refresh_from_db()
    assert parcel.state == State.HANDED_TO_BRAND
    assert list(ScanEvent.objects.filter(parcel=parcel).values_list("event_type", flat=True)) == [
        "created", "collected", "to_town", "at_town", "to_hub", "at_hub", "handed_to_brand",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"prohibited": True, "inspection_note": "锂电池"}, "prohibited"),
        ({"id_name": "李别人"}, "id_name_mismatch"),
        ({"id_number": ""}, "missing_field"),
        ({"brand": "NOPE"}, "no_brand"),
        ({"weight_g": ""}, "bad_weight"),
    ],
)
def test_refusals_are_logged_with_their_reason(county, change, reason):
    out = services.collect_outbound(county.station, sender(**change))
    assert (out.status, out.reason) == ("refused", reason)
    record = OutboundCollection.objects.get()
    assert not record.accepted and record.refusal_reason == reason and record.parcel is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("sender_phone", "abc"), ("sender_phone", "123"), ("recipient_phone", "1380000"), ("sender_phone", "")],
)
def test_collection_refuses_a_phone_that_cannot_exist(county, field, value):
    out = services.collect_outbound(county.station, sender(**{field: value}))
    assert out.status == "refused" and out.reason in ("bad_phone", "missing_field")
    assert "电话" in out.message or "sender_phone" in out.message
    assert not OutboundCollection.objects.filter(accepted=True).exists()
    assert OutboundCollection.objects.get().refusal_reason == out.reason


def test_collection_takes_phones_as_people_write_them(county):
    out = services.collect_outbound(
        county.station, sender(sender_phone="+86 137-0000-1111", recipient_phone="0533-3221234")
    )
    assert out.status == "accepted"
