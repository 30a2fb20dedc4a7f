"""实名收寄: the outbound collection service itself refuses a resident ID whose check digit is wrong."""

import pytest

from jincun.core.resident_id import check_character, resident_id_valid
from jincun.parcels import services
from jincun.parcels.models import OutboundCollection
from jincun.parcels.tests.factories import build_county


def _data(id_number):
    return {"sender_name": "王秀英", "sender_phone": "13900001111", "id_type": "resident_id",
            "id_number": id_number, "id_name": "王秀英", "contents": "苹果", "weight_g": "3000", "brand": "ZTO"}  # fmt: skip


def test_check_character_of_the_gb11643_example():
    assert check_character("11010519491231002") == "X"
    assert resident_id_valid("11010519491231002X") and not resident_id_valid("110105194912310021")


@pytest.mark.django_db
def test_collection_refuses_a_wrong_check_digit_and_logs_it():
    county = build_county()
    out = services.collect_outbound(county.station, _data("110105194912310021"))
    assert (out.status, out.reason) == ("refused", "bad_id_number")
    assert OutboundCollection.objects.get().refusal_reason == "bad_id_number"
    assert services.collect_outbound(county.station, _data("11010519491231002X")).status == "accepted"


@pytest.mark.django_db
def test_outbound_batch_gives_distinct_waybills_from_the_counter():
    county = build_county()
    outcomes = services.collect_outbound_many(county.station, [_data("11010519491231002X")] * 5)
    waybills = [o.parcel.waybill for o in outcomes]
    assert len(set(waybills)) == 5 and waybills == sorted(waybills)
