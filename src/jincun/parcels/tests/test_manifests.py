"""Manifests: per-row results, brand-pattern mismatches flagged, never silently accepted."""

import pytest

from jincun.parcels import services
from jincun.parcels.models import Manifest, Parcel
from jincun.parcels.tests.factories import build_county


@pytest.fixture
def county(db):
    return build_county()


def test_rows_get_their_own_results(county):
    rows = [
        {
            "waybill": "TBZ0000000001",
            "recipient_phone": "13800000001",
            "village_code": county.joint_village.code,
        },
        {"waybill": "ZZ123", "recipient_phone": "13800000002"},
        {"waybill": "TBZ0000000003", "recipient_phone": "12"},
        {"waybill": "TBZ0000000004", "recipient_phone": "13800000004", "village_code": "990101999999"},
        {"waybill": "TBZ0000000001", "recipient_phone": "13800000001"},
        {"waybill": "", "recipient_phone": "13800000001"},
        {"waybill": "tbz 0000000007", "recipient_phone": "13800000007", "weight_g": "abc"},
    ]
    out = services.ingest_manifest(county.brand, rows)
    assert [(o.status, o.reason) for o in out] == [
        ("created", ""),
        ("created", "brand_mismatch"),
        ("refused", "bad_phone"),
        ("refused", "unknown_village"),
        ("refused", "duplicate_row"),
        ("refused", "missing_waybill"),
        ("refused", "bad_weight"),
    ]
    assert Parcel.objects.get(waybill="ZZ123").brand_mismatch
    manifest = Manifest.objects.get()
    assert (manifest.rows, manifest.created, manifest.refused, manifest.mismatched) == (7, 2, 5, 1)


def test_resending_updates_until_the_parcel_moves(county):
    row = {"waybill": "TBZ0000000009", "recipient_phone": "13800000009", "address": "旧地址"}
    services.ingest_manifest(county.brand, [row])
    assert services.ingest_manifest(county.brand, [dict(row, address="新地址")])[0].status == "updated"
    services.ingest_scans([{"waybill": row["waybill"], "event_type": "at_hub"}])
    assert services.ingest_manifest(county.brand, [row])[0].reason == "already_moving"
    assert Parcel.objects.get(waybill="TBZ0000000009").address == "新地址"
