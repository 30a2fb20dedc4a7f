"""Station list and station page: filters, counts, query counts, and what each role may see."""

import pytest
from django.urls import reverse

from jincun.network.tests.page_network import build_page_network


@pytest.fixture
def net(db):
    return build_page_network()


def get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_anonymous_is_sent_to_login(client, net):
    for url in (reverse("network:station_list"), reverse("network:station_detail", args=["S-JOINT"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_list_shows_stations_and_counts(client, net):
    html = get(client, net.users["hub_operator"], reverse("network:station_list")).content.decode()
    for station in net.stations.values():
        assert station.name in html
    assert "共 <strong>3</strong> 个站点" in html
    assert "达标 1 个" in html  # only S-JOINT has keeper, video and 备案


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"town": "990101102000"}, {"S-ECOM"}),
        ({"kind": "post_point"}, {"S-POSTAL"}),
        ({"mode": "ecommerce"}, {"S-ECOM"}),
        ({"mode": "joint"}, {"S-JOINT"}),
        ({"standard": "met"}, {"S-JOINT"}),
        ({"standard": "not_met"}, {"S-POSTAL", "S-ECOM"}),
        ({"status": "closed"}, set()),
        ({"q": "乙庄"}, {"S-ECOM"}),
    ],
)
def test_filters(client, net, params, expected):
    response = get(client, net.users["hub_operator"], reverse("network:station_list"), **params)
    shown = {s.code for s in response.context["page"].object_list}
    assert shown == expected


def test_htmx_request_gets_only_the_table(client, net):
    client.force_login(net.users["hub_operator"])
    response = client.get(reverse("network:station_list"), {"kind": "shop"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "东庄村快递服务站" in html and "<html" not in html


def test_list_query_count_does_not_grow_with_stations(client, net, django_assert_max_num_queries):
    from jincun.network.tests.factories import StationFactory

    for _ in range(20):
        StationFactory(village__parent=net.towns[0], town_node=net.stations["joint"].town_node)
    client.force_login(net.users["hub_operator"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("network:station_list"))
    assert len(response.context["rows"]) == 23


def test_regulator_never_sees_keeper_name_or_phone(client, net):
    for url in (reverse("network:station_list"), reverse("network:station_detail", args=["S-JOINT"])):
        html = get(client, net.users["regulator"], url).content.decode()
        assert "王守站" not in html and "王*" not in html
        assert "13812345678" not in html and "5678" not in html


def test_keeper_masked_for_all_hub_operator_may_unmask_with_a_logged_reason(client, net):
    from jincun.core.models import UnmaskLog

    url = reverse("network:station_detail", args=["S-JOINT"])
    html = get(client, net.users["hub_operator"], url).content.decode()
    assert "王**" in html and "*******5678" in html and "13812345678" not in html
    assert "查看完整号码" in html
    station = net.stations["joint"]
    answer = client.post(
        reverse("unmask"),
        {"subject": f"network.station:{station.pk}", "field": "keeper_phone", "reason": "联系站点负责人"},
    )
    assert answer.status_code == 200 and "13812345678" in answer.content.decode()
    log = UnmaskLog.objects.get()
    assert (log.user, log.subject, log.field, log.reason) == (
        net.users["hub_operator"],
        f"network.station:{station.pk}",
        "keeper_phone",
        "联系站点负责人",
    )
    html = get(client, net.users["station_keeper"], url).content.decode()
    assert "王**" in html and "*******5678" in html and "13812345678" not in html
    assert "查看完整号码" not in html


def test_station_page_checklist_and_heartbeat(client, net):
    html = get(
        client, net.users["hub_operator"], reverse("network:station_detail", args=["S-POSTAL"])
    ).content.decode()
    assert "✘ 已备案" in html and "✔ 专人负责收派" in html
    assert "无心跳记录" in html


def test_brand_user_sees_only_its_agreements_on_station_page(client, net):
    response = get(client, net.users["brand_user"], reverse("network:station_detail", args=["S-JOINT"]))
    brands = {a.brand.code for a, _valid in response.context["agreements"]}
    assert brands == {"TB2"}
    assert "甲快递" not in response.content.decode()


def test_station_history_shows_who_and_what_changed(client, net):
    station = net.stations["ecom"]
    station._history_user = net.users["hub_operator"]
    station.cameras = 3
    station.video_platform = "县视频平台"
    station.save()
    html = get(
        client, net.users["regulator"], reverse("network:station_detail", args=["S-ECOM"])
    ).content.decode()
    assert "page-hub_operator" in html
    assert "摄像头数：<del>0</del> → <ins>3</ins>" in html


def test_keeper_changes_hidden_from_regulator_in_history(client, net):
    station = net.stations["joint"]
    station.keeper_name = "李新人"
    station.save()
    html = get(
        client, net.users["regulator"], reverse("network:station_detail", args=["S-JOINT"])
    ).content.decode()
    assert "负责人：<del>（已隐藏）</del>" in html and "李新人" not in html
