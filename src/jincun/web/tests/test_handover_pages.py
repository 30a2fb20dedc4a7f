"""Check-in against a handover list: missing and extra parcels show live and become problems at the
receiving node, resolved from its queue."""

import re
import subprocess

import pytest
from django.urls import reverse

from jincun.web.tests.county import build_county
from jincun.web.tests.steps import load_run, push, scan


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def county(db):
    return build_county()


def test_missing_and_extra_show_live_and_become_problems(county, tmp_path):
    for w in ("TB0000000001", "TB0000000002", "TB0000000003"):
        push(county, w, county.station_village)
    hub = county.hub_client()
    for w in ("TB0000000001", "TB0000000002", "TB0000000003"):
        scan(hub, reverse("web:hub_scan"), w)
    trunk = load_run(hub, reverse("web:hub_load"), county.node.code, "TB0000000001", "TB0000000002")
    town = county.town_client()
    lists = town.get(reverse("web:town_checkin")).content.decode()
    assert reverse("web:checkin", args=[trunk]) in lists

    page = town.get(reverse("web:checkin", args=[trunk])).content.decode()
    assert (
        f'<a href="{reverse("web:town_checkin")}" class="active" aria-current="page">' in page
    )  # its menu entry
    answer = scan(town, reverse("web:checkin", args=[trunk]), "TB0000000001")
    assert 'id="summary" class="counts" hx-swap-oob="true"' in answer
    assert re.search(r"<b>2</b>应到.*<b>1</b>单上已到.*<b>1</b>未到", answer, re.S)
    extra = scan(town, reverse("web:checkin", args=[trunk]), "TB0000000003")
    assert "tone-warn" in extra and "多出" in extra
    # the extra parcel is not one of the list's: 应到 = 单上已到 + 未到 still adds up, 多出 counts it
    assert re.search(r"<b>2</b>应到.*<b>1</b>单上已到.*<b>1</b>未到.*<b>1</b>多出", extra, re.S)

    town.post(reverse("web:checkin", args=[trunk]), {"finish": "1"})
    detail = town.get(reverse("web:handover_detail", args=[trunk])).content.decode()
    assert "未到" in detail and "TB0000000002" in detail and "多出" in detail

    sheet = town.get(reverse("web:handover_sheet", args=[trunk]))
    assert (
        sheet["Content-Type"] == "application/pdf" and reverse("web:handover_sheet", args=[trunk]) in detail
    )
    text = pdf_text(sheet.content, tmp_path)
    assert "TB0000000001" in text and "TB0000000002" in text and "TB0000000003" in text
    assert re.search(r"应到 2 件\s+单上已到 1\s+未到 1\s+多出 1", text) and "接收方签字" in text
    assert county.station_client().get(reverse("web:handover_sheet", args=[trunk])).status_code == 404

    queue = town.get(reverse("web:problems")).content.decode()
    assert "TB0000000002" in queue and "交接缺件" in queue
    problem = re.search(r"/problems/(\d+)/resolve/", queue).group(1)
    town.post(reverse("web:problem_resolve", args=[problem]), {"resolution": "found", "note": "车上找到"})
    from jincun.parcels.models import Problem

    assert Problem.objects.get(pk=problem).resolved_at is not None


def test_another_nodes_list_is_not_visible(county):
    from jincun.network.tests.factories import TownNodeFactory

    other = TownNodeFactory(hub=county.hub)
    hub = county.hub_client()
    opened = hub.post(reverse("web:hub_load"), {"destination": other.code})
    pk = int(re.search(r"/handovers/(\d+)/", opened["Location"]).group(1))
    assert county.town_client().get(reverse("web:handover_detail", args=[pk])).status_code == 404
    assert county.station_client().get(reverse("web:handover_load", args=[pk])).status_code == 404


def test_problem_report_and_bad_resolution_never_crash(county):
    push(county, "TB0000000001", county.station_village)
    hub = county.hub_client()
    scan(hub, reverse("web:hub_scan"), "TB0000000001")
    page = hub.post(
        reverse("web:problem_report"), {"code": "TB0000000001", "reason": "damaged", "note": "外箱破"}
    )
    assert "已登记问题件" in page.content.decode()
    assert hub.post(reverse("web:problem_report"), {"code": "X", "reason": "nonsense"}).status_code == 200
    queue = hub.get(reverse("web:problems")).content.decode()
    problem = re.search(r"/problems/(\d+)/resolve/", queue).group(1)
    assert (
        hub.post(reverse("web:problem_resolve", args=[problem]), {"resolution": "bogus"}).status_code == 302
    )
    hub.post(reverse("web:problem_resolve", args=[problem]), {"resolution": "found"})
    from jincun.parcels.models import Parcel

    assert Parcel.objects.get(waybill="TB0000000001").state in ("at_hub", "sorted")
