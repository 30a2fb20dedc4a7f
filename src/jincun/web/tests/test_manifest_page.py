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


def _upload(hub, brand, name, data):
    return hub.post(reverse("web:import_manifest"), {"brand": brand, "file": SimpleUploadedFile(name, data)})


def test_upload_reads_gbk_and_utf8_with_or_without_bom_and_answers_in_chinese(db):
    county = build_county()
    hub = county.hub_client()
    text = (
        "运单号,收件人,电话,村代码,重量(克)\n"
        f"TB00000000{{n}}1,张三,13800000001,{county.station_village.code},800\n"
        f"TB00000000{{n}}2,李四,13800000002,{county.station_village.code},很重\n"
    )
    files = {
        "gbk": text.format(n=1).encode("gbk"),
        "gb18030": text.format(n=2).encode("gb18030"),
        "utf-8-sig": text.format(n=3).encode("utf-8-sig"),
        "utf-8": text.format(n=4).encode("utf-8"),
    }
    for n, (encoding, data) in enumerate(files.items(), start=1):
        page = _upload(hub, "OB", f"{encoding}.csv", data)
        body = page.content.decode()
        assert page.status_code == 200, (encoding, body)
        assert Parcel.objects.filter(waybill=f"TB00000000{n}1", recipient_name="张三").exists(), encoding
        assert "新建" in body and "拒绝" in body and ">created<" not in body
        assert "「重量（克）」应为整数" in body and "weight_g" not in body and "Input should" not in body
        assert '<option value="OB" selected>' in body  # the chosen brand stays chosen
