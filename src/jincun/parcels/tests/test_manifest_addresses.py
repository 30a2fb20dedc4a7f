"""Manifest rows without village codes go through the address resolver; the hub's review decision routes
the parcels that waited, and the learned alias makes the next manifest resolve on its own."""

import datetime as dt

import pytest

from jincun.addressing.models import AddressReview
from jincun.addressing.review import decide
from jincun.network.choices import Mode
from jincun.network.models import AdminArea, Agreement
from jincun.network.tests import factories as nf
from jincun.parcels import services
from jincun.parcels.choices import RouteKind, State
from jincun.parcels.models import Parcel

LIANGQUAN = "370323102281"


@pytest.fixture
def network(yiyuan):
    town = AdminArea.objects.get(code="370323102000")
    hub = nf.HubFactory(county=yiyuan)
    node = nf.TownNodeFactory(town=town, hub=hub)
    station = nf.StationFactory(village=AdminArea.objects.get(code=LIANGQUAN), town_node=node)
    brand = nf.BrandFactory(code="TBA")
    Agreement.objects.create(
        brand=brand, mode=Mode.JOINT, village=station.village, station=station, valid_from=dt.date(2020, 1, 1)
    )
    return hub, brand


def rows(*addresses, start=1):
    return [
        {"waybill": f"TBA{start + i:010d}", "recipient_phone": f"1380000{start + i:04d}", "address": a}
        for i, a in enumerate(addresses)
    ]


def test_resolver_review_decision_and_learning(network):
    hub, brand = network
    day1 = services.ingest_manifest(
        brand,
        rows(
            "沂源县鲁村镇凉泉村3组",
            "沂源县鲁村镇下河崖5组",
            "鲁村镇下河崖12号 王先生",
            "山东省临沂市沂水县鲁村三村",
        ),
    )
    assert [o.status for o in day1] == ["created"] * 4
    resolved, waiting1, waiting2, away = (o.parcel for o in day1)
    assert resolved.village_id == LIANGQUAN and waiting1.village_id is None and away.village_id is None
    assert "地址复核" in day1[1].message and "不在本县" in day1[3].message
    group = AddressReview.objects.get()
    assert (group.fragment, group.occurrences) == ("下河崖", 2)

    assert services.hub_scan_in(hub, waiting1.waybill).ok
    waiting1.refresh_from_db()
    assert waiting1.route_kind == RouteKind.UNROUTED and waiting1.state == State.AT_HUB

    decide(group, AdminArea.objects.get(code=LIANGQUAN), save_alias=True)
    waiting1.refresh_from_db()
    waiting2.refresh_from_db()
    assert waiting1.village_id == waiting2.village_id == LIANGQUAN
    assert waiting1.state == State.SORTED and waiting1.route_kind == RouteKind.TOWN

    day2 = services.ingest_manifest(brand, rows("沂源县鲁村镇下河崖8组", start=10))
    assert day2[0].parcel.village_id == LIANGQUAN and day2[0].message == ""
    assert AddressReview.objects.get().occurrences == 2
    assert Parcel.objects.filter(village__isnull=True).count() == 1  # only the neighbour county's parcel


def test_parcel_labels_verb(network, tmp_path):
    import re
    import shutil
    import subprocess

    from django.core.management import call_command

    hub, brand = network
    out = services.ingest_manifest(brand, rows("沂源县鲁村镇凉泉村3组", "沂源县鲁村镇下河崖5组", start=20))
    pdf = tmp_path / "labels.pdf"
    call_command("parcel_labels", out[0].waybill, out[1].waybill, output=str(pdf))
    assert re.search(rb"/Count (\d+)", pdf.read_bytes()).group(1) == b"2"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "03-281" in text and "待复核" in text and out[0].parcel.recipient_phone not in text
