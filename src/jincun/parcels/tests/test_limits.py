"""Size limits: an oversized JSON body answers 413 with a JSON error (not a 500); a big file is capped and
written in committed chunks with per-row results."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jincun.api.tests.test_parcels_api import brand_client
from jincun.parcels.models import Manifest, Parcel
from jincun.parcels.services import manifests
from jincun.web.tests.county import build_county


@pytest.fixture
def county(db):
    return build_county()


def test_a_body_over_the_limit_answers_413_json(county, settings):
    rows = [
        {"waybill": f"TB{i:010d}", "recipient_phone": "13800000000", "address": "村" * 300}
        for i in range(5000)
    ]
    import json

    body = json.dumps({"parcels": rows})
    assert len(body.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    answer = brand_client(county.brand_key).post(
        "/api/v1/parcels/manifests", body, content_type="application/json"
    )
    assert answer.status_code == 413
    assert answer.json()["code"] == "body_too_large"
    assert not Parcel.objects.filter(brand=county.brand).exists()


def test_a_schema_legal_3000_row_manifest_fits(county):
    """Over Django's default 2.5 MB body limit, which answered 500 before."""
    code = county.station_village.code
    rows = [
        {
            "waybill": f"TB{i:010d}",
            "recipient_phone": "13800000000",
            "address": "村" * 290,
            "village_code": code,
        }
        for i in range(3000)
    ]
    assert len(str(rows).encode()) > 2.5 * 1024 * 1024
    answer = brand_client(county.brand_key).post(
        "/api/v1/parcels/manifests", {"parcels": rows}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content[:200]


def _csv(n: int) -> SimpleUploadedFile:
    lines = ["运单号,收件人,电话"] + [f"TB{i:010d},李四,13800000000" for i in range(n)]
    return SimpleUploadedFile("m.csv", "\n".join(lines).encode(), content_type="text/csv")


def test_a_file_is_written_in_committed_chunks_with_a_result_per_row(county, monkeypatch):
    monkeypatch.setattr(manifests, "CHUNK_ROWS", 40)
    monkeypatch.setattr(manifests.ingest_manifest_chunks, "__kwdefaults__", {"source": "upload", "chunk": 40})
    answer = (
        brand_client(county.brand_key).post("/api/v1/parcels/manifests/upload", {"file": _csv(100)}).json()
    )
    assert answer["accepted"] == 100 and len(answer["results"]) == 100
    assert Manifest.objects.filter(brand=county.brand).count() == 3  # 40 + 40 + 20, each its own transaction


def test_a_file_over_the_row_cap_is_refused_whole(county, monkeypatch):
    from jincun.parcels import api

    monkeypatch.setattr(api, "MAX_FILE_ROWS", 50)
    answer = brand_client(county.brand_key).post("/api/v1/parcels/manifests/upload", {"file": _csv(51)})
    assert answer.status_code == 413 and answer.json()["code"] == "too_many_rows"
    assert not Parcel.objects.filter(brand=county.brand).exists()
