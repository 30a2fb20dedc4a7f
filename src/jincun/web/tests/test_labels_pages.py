"""Labels from the pages: after an outbound collection the keeper prints the parcel's label; the hub prints
labels for a chute or for pasted waybills (not only from the CLI)."""

import re
import subprocess

import pytest
from django.urls import reverse

from jincun.parcels import services
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, scan


@pytest.fixture
def county(db):
    return build_county()


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "label.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


COLLECTION = {
    "sender_name": "王果农", "sender_phone": "13700001111", "id_type": "resident_id",
    "id_number": "11010519491231002X", "id_name": "王果农", "recipient_name": "赵买家",
    "recipient_phone": "13800002222", "recipient_address": "北京市朝阳区", "contents": "farm_fresh",
    "inspected": "on", "weight_g": "5000",
}  # fmt: skip


def test_outbound_collection_answer_offers_the_label_to_print(county, tmp_path):
    keeper = county.station_client()
    page = keeper.post(reverse("web:collect"), {**COLLECTION, "brand": county.brand.code}).content.decode()
    assert "tone-ok" in page and "打印标签" in page
    parcel = services.find_parcel(re.search(r'class="answer-headline[^"]*">([^<]+)<', page).group(1))
    url = reverse("web:parcel_label", args=[parcel.pk])
    assert url in page
    label = keeper.get(url)
    assert label.status_code == 200 and label["Content-Type"] == "application/pdf"
    text = _text(label.content, tmp_path)
    assert f"上行 {county.brand.code}" in text and "赵*" in text and "13800002222" not in text
    assert county.proxy_client().get(url).status_code == 404  # not in a proxy village: not theirs


def test_hub_prints_labels_for_a_chute_and_for_pasted_waybills(county, tmp_path):
    waybills = ["TB0000000001", "TB0000000002"]
    for w in waybills:
        push(county, w, county.station_village)
    hub = county.hub_client()
    for w in waybills:
        scan(hub, reverse("web:hub_scan"), w)
    board = hub.get(reverse("web:hub_board")).content.decode()
    assert reverse("web:hub_labels") + f"?code={county.node.code}" in board
    chute = hub.get(reverse("web:hub_labels"), {"code": county.node.code})
    assert chute["Content-Type"] == "application/pdf"
    assert _text(chute.content, tmp_path).count("TB000000000") == 2
    pasted = hub.post(reverse("web:hub_labels"), {"waybills": "tb0000000002\n\n"})
    text = _text(pasted.content, tmp_path)
    assert "TB0000000002" in text and "TB0000000001" not in text
    assert hub.post(reverse("web:hub_labels"), {"waybills": "NOPE"}).status_code == 404
    # printed in the order typed
    both = _text(
        hub.post(reverse("web:hub_labels"), {"waybills": "TB0000000002\nTB0000000001"}).content, tmp_path
    )
    assert both.index("TB0000000002") < both.index("TB0000000001")
    # a waybill not found is named, not dropped: nothing printed, the others kept in the box to print again
    page = hub.post(reverse("web:hub_labels"), {"waybills": "TB0000000001\nNOSUCH123"})
    assert page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert re.search(r'role="alert">[^<]*NOSUCH123', html)
    assert re.search(r"<textarea[^>]*>TB0000000001</textarea>", html)
