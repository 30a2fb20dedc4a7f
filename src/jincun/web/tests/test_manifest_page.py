"""The hub operator uploads a brand's manifest file and sees each line's result; bad lines are refused,
good ones kept, a waybill off the brand's pattern is flagged."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jincun.parcels.models import Parcel
from jincun.web.tests.county import build_county


def test_upload_reports_each_line(db):
    county = build_county()
    data = (
        "运单号,收件人,电话,村代码\n"
        f"TB0000000001,张三,13800000001,{county.station_village.code}\n"
        "TB0000000002,李四,12,\n"
        "XX123,王五,13800000003,\n"
    ).encode()
    hub = county.hub_client()
    page = hub.post(
        reverse("web:import_manifest"), {"brand": "TB", "file": SimpleUploadedFile("m.csv", data)}
    ).content.decode()
    assert "拒绝 1" in page and "收件人电话缺失或不正确" in page
    assert set(Parcel.objects.values_list("waybill", "brand_mismatch")) == {
        ("TB0000000001", False),
        ("XX123", True),
    }
    assert county.station_client().get(reverse("web:import_manifest")).status_code == 403
    broken = hub.post(
        reverse("web:import_manifest"), {"brand": "TB", "file": SimpleUploadedFile("m.csv", b"\xff\xfe")}
    )
    assert broken.status_code == 400
