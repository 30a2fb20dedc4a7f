import datetime as dt
import re

import pytest

from jincun.addressing.sort_plan import import_brand_sort_codes, presort, sort_plan, sort_target
from jincun.core.imports import read_table
from jincun.network.choices import Mode
from jincun.network.tests.factories import (
    AgreementFactory,
    BrandFactory,
    StationFactory,
    TownFactory,
    TownNodeFactory,
    VillageFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 1)


@pytest.fixture
def town():
    return TownFactory(code="990101101000")


def test_joint_agreement_routes_through_town_node_to_station(town):
    village = VillageFactory(parent=town, code="990101101205")
    agreement = AgreementFactory(station=StationFactory(village=village))
    target = sort_target(agreement.brand, village, DAY)
    assert target.route == "town_node" and target.station_code == agreement.station.code
    assert target.sort_code == "01-205" and target.town_node_code == agreement.station.town_node.code


def test_proxy_and_postal_and_no_agreement(town):
    village = VillageFactory(parent=town, code="990101101206")
    other = VillageFactory(parent=town, code="990101101207")
    node = TownNodeFactory(town=town)
    brand = BrandFactory()
    AgreementFactory(brand=brand, mode=Mode.PROXY, station=None, village=None, town=town, town_node=node)
    proxy = sort_target(brand, village, DAY)
    assert (proxy.route, proxy.sort_code) == ("service_center", "01-代") and "便民服务中心" in proxy.pickup
    postal_brand = BrandFactory()
    AgreementFactory(brand=postal_brand, mode=Mode.POSTAL, station=StationFactory(village=other))
    assert sort_target(postal_brand, other, DAY).sort_code == "01-207邮"
    assert sort_target(postal_brand, village, DAY) is None
    assert sort_target(brand, village, dt.date(2019, 1, 1)) is None
    plan = dict(sort_plan(postal_brand, "990101000000", DAY))
    assert plan[other] is not None and plan[village] is None


def test_brand_sort_code_presorts_a_scanned_label(town):
    station = StationFactory(village=VillageFactory(parent=town, code="990101101208"))
    brand = BrandFactory(code="TBX")
    csv = (
        "brand,segment,pattern,target,priority\n"
        f"TBX,2,081,{station.code},10\n"
        f"TBX,1,342,{station.town_node.code},50\n"
        "TBX,2,(,x,1\n"
        "NOPE,1,1,x,1\n"
    ).encode()
    report = import_brand_sort_codes(read_table(csv, "codes.csv"))
    assert report.created == 2 and [e.line for e in report.errors] == [4, 5]
    assert presort(brand, "342-081-00 052").station == station
    assert presort(brand, "342-999-00").town_node == station.town_node
    assert presort(brand, "777") is None and presort(brand, "") is None


def test_hub_labels_verb_resolves_routes_and_prints(tmp_path):
    from django.core.management import call_command

    from jincun.addressing.sort_plan import label_for
    from jincun.network.models import AdminArea

    liangquan = AdminArea.objects.get(code="370323102281")
    agreement = AgreementFactory(brand=BrandFactory(code="TBL"), station=StationFactory(village=liangquan))
    label = label_for("TBL0000000001", agreement.brand, liangquan, DAY)
    assert (label.sort_code, label.town, label.station) == ("03-281", "鲁村镇", agreement.station.name)
    assert label_for("TBL0000000002", agreement.brand, None, DAY).sort_code == "待复核"
    src = tmp_path / "parcels.csv"
    src.write_text(
        "waybill,brand,address,name,phone\n"
        "TBL0000000001,TBL,沂源县鲁村镇凉泉村,张三,13800001111\n"
        "TBL0000000002,TBL,沂源县王庄,李四,13800002222\n"
        "X1,NOPE,沂源县鲁村镇凉泉村,,\n",
        encoding="utf-8",
    )
    call_command("hub_labels", str(src), output=str(tmp_path / "l.pdf"), date="2024-05-01")
    pdf = (tmp_path / "l.pdf").read_bytes()
    assert re.search(rb"/Count (\d+)", pdf).group(1) == b"2"


def test_sort_plan_verb(tmp_path):
    from django.core.management import call_command

    from jincun.network.models import AdminArea

    liangquan = AdminArea.objects.get(code="370323102281")
    agreement = AgreementFactory(brand=BrandFactory(code="TBP"), station=StationFactory(village=liangquan))
    out = tmp_path / "plan.csv"
    call_command("sort_plan", "TBP", date="2024-05-01", output=str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 469
    assert any(
        line.startswith("370323102281,") and "03-281" in line and agreement.station.code in line
        for line in lines
    )
