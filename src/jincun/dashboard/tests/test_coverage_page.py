"""Coverage page, map data and the exports, against the small hand-checked network."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jincun.network.tests.page_network import DAY, build_page_network


@pytest.fixture
def net(db):
    return build_page_network()


@pytest.fixture
def regulator(client, net):
    client.force_login(net.users["regulator"])
    return client


def test_coverage_page_figures_and_standings(regulator, django_assert_max_num_queries):
    # 16 for coverage, plus 6 for the compliance summary (overdue fixes, complaints, fee cases, flags).
    with django_assert_max_num_queries(22):
        response = regulator.get(reverse("dashboard:coverage"), {"date": DAY.isoformat()})
    html = response.content.decode()
    assert response.context["report"].villages_served == 3
    assert '<span class="kpi-value" id="coverage-share">60.0%</span>' in html
    standings = {s.target.name: s.standing for s in response.context["standings"]}
    # 2020-12-31: v1, v2, v3, v5 served = 80% → met; 2021-12-31 still ahead and share went down → behind.
    assert standings == {"年底覆盖八成": "met", "次年全覆盖": "behind"}
    assert "已达成" in html and "滞后" in html


def test_chart_targets_come_from_rows(regulator, net):
    net.county.coverage_targets.filter(due__year=2020).update(share="0.75")
    chart = regulator.get(reverse("dashboard:coverage"), {"date": DAY.isoformat()}).context["chart"]
    assert {(t["due"], t["share"]) for t in chart["targets"]} == {("2020-12-31", 0.75), ("2021-12-31", 1.0)}
    assert ["2020-12-31", 0.8] in chart["series"]


def test_tables_per_town_brand_mode_and_unserved(regulator):
    tables = regulator.get(reverse("dashboard:coverage"), {"date": DAY.isoformat()}).context["tables"]
    assert tables["town"].rows == [["甲镇", 2, 4, 0.5], ["乙镇", 1, 1, 1.0]]
    assert tables["brand"].rows == [["甲快递", 2, 5, 0.4], ["乙快递", 2, 5, 0.4]]
    assert dict((r[0], r[1]) for r in tables["mode"].rows) == {
        "快快合作": 1,
        "邮快合作": 0,
        "快商合作": 1,
        "村委代办": 1,
    }
    assert [r[1] for r in tables["unserved"].rows] == ["西庄村", "北岭村"]


def test_brand_user_sees_only_its_brand_row(client, net):
    client.force_login(net.users["brand_user"])
    tables = client.get(reverse("dashboard:coverage"), {"date": DAY.isoformat()}).context["tables"]
    assert [r[0] for r in tables["brand"].rows] == ["乙快递"]


def test_csv_export(regulator):
    response = regulator.get(
        reverse("dashboard:coverage_export", args=["csv"]), {"date": DAY.isoformat(), "table": "town"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "coverage-990101-2021-06-30-town.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["镇", "已通快递建制村", "建制村总数", "覆盖率"],
        ["甲镇", "2", "4", "50.00%"],
        ["乙镇", "1", "1", "100.00%"],
    ]
    unserved = regulator.get(
        reverse("dashboard:coverage_export", args=["csv"]), {"date": DAY.isoformat(), "table": "unserved"}
    )
    assert "990101101204,北岭村,甲镇" in unserved.content.decode("utf-8-sig")


def test_xlsx_export(regulator):
    response = regulator.get(reverse("dashboard:coverage_export", args=["xlsx"]), {"date": DAY.isoformat()})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["分镇覆盖", "分品牌覆盖", "分合作模式覆盖", "未通快递建制村"]
    town = [[c.value for c in row] for row in book["分镇覆盖"].iter_rows()]
    assert town[1] == ["甲镇", 2, 4, 0.5]
    assert book["分镇覆盖"]["D2"].number_format == "0.00%"
    assert book["未通快递建制村"]["B3"].value == "北岭村"


def test_bad_export_requests_are_404(regulator):
    assert regulator.get(reverse("dashboard:coverage_export", args=["pdf"])).status_code == 404
    assert (
        regulator.get(reverse("dashboard:coverage_export", args=["csv"]), {"table": "x"}).status_code == 404
    )


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2021-13-45", "abc", ""])
def test_odd_dates_fall_back_to_today_instead_of_failing(regulator, value):
    from django.utils import timezone

    response = regulator.get(reverse("dashboard:coverage"), {"date": value})
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_map_data(regulator, django_assert_max_num_queries):
    # 12 for the map, plus 4 for the stations' standing (figures, inspections, devices, fee cases).
    with django_assert_max_num_queries(16):
        data = regulator.get(reverse("dashboard:map_data"), {"date": DAY.isoformat()}).json()
    assert data["share"] == 0.6
    assert [s["name"] for s in data["stations"]["joint"]] == ["东庄村快递服务站"]
    assert data["stations"]["joint"][0]["brands"] == ["乙快递", "甲快递"]
    assert [s["name"] for s in data["stations"]["ecommerce"]] == ["乙庄村电商服务站"]
    # S-POSTAL's agreement ended: still drawn, as a station without a valid agreement.
    assert [s["name"] for s in data["stations"]["none"]] == ["西庄村邮乐购"]
    assert [v["name"] for v in data["proxy_villages"]] == ["南山村"]
    assert [v["name"] for v in data["unserved_villages"]] == ["北岭村"]
    assert data["approximate_points"] > 0 and len(data["hubs"]) == 1 and len(data["nodes"]) == 2


def test_map_tooltips_name_only_own_brand_for_brand_user(client, net):
    client.force_login(net.users["brand_user"])
    data = client.get(reverse("dashboard:map_data"), {"date": DAY.isoformat()}).json()
    assert data["stations"]["joint"][0]["brands"] == ["乙快递"]


def test_outline_is_a_box_when_no_bundled_outline(regulator):
    outline = regulator.get(reverse("dashboard:outline")).json()
    assert outline["features"][0]["properties"]["outline"] == "bounding box"


def test_roles_without_figures_are_refused(client, net):
    client.force_login(net.users["station_keeper"])
    assert client.get(reverse("dashboard:coverage")).status_code == 403
    client.logout()
    assert client.get(reverse("dashboard:map")).status_code == 302
