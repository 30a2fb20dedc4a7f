"""Village page (who serves it, by which mode, since when) and the village list."""

import pytest
from django.urls import reverse

from jincun.network.tests.page_network import DAY, build_page_network


@pytest.fixture
def net(db):
    return build_page_network()


def page(client, user, code, **params):
    client.force_login(user)
    return client.get(reverse("network:village_detail", args=[code]), params)


def test_village_page_says_who_serves_since_when(client, net):
    response = page(client, net.users["hub_operator"], "990101101201", date=DAY.isoformat())
    html = response.content.decode()
    assert {a.brand.code for a in response.context["served_now"]} == {"TB1", "TB2"}
    assert "自 <strong>2020-03-01</strong> 起有快递服务" in html
    assert "东庄村快递服务站" in html and "快快合作" in html


def test_proxy_village_served_via_service_center(client, net):
    html = page(client, net.users["hub_operator"], "990101101203", date=DAY.isoformat()).content.decode()
    assert "甲镇便民服务中心" in html and "村委代办" in html


def test_ended_agreement_no_longer_serves(client, net):
    response = page(client, net.users["hub_operator"], "990101101202", date=DAY.isoformat())
    assert response.context["served_now"] == []
    assert "未通快递" in response.content.decode()
    before = page(client, net.users["hub_operator"], "990101101202", date="2021-03-31")
    assert [a.brand.code for a in before.context["served_now"]] == ["TB1"]


def test_community_is_marked_counted_apart(client, net):
    html = page(client, net.users["regulator"], "990101101001").content.decode()
    assert "不计入建制村覆盖率" in html
    html = page(client, net.users["regulator"], "990101101201").content.decode()
    assert "不计入建制村覆盖率" not in html


def test_brand_user_sees_only_its_brand(client, net):
    response = page(client, net.users["brand_user"], "990101101201", date=DAY.isoformat())
    assert {a.brand.code for a, _ in response.context["agreements"]} == {"TB2"}
    assert "甲快递" not in response.content.decode()
    other = page(client, net.users["brand_user"], "990101101203", date=DAY.isoformat())
    assert other.context["agreements"] == [] and "甲快递" not in other.content.decode()


def test_village_history_lists_agreement_changes(client, net):
    from jincun.network.models import Agreement

    agreement = Agreement.objects.get(village__code="990101101203")
    agreement._history_user = net.users["hub_operator"]
    agreement.note = "冬季改为每周两次"
    agreement.save()
    html = page(client, net.users["hub_operator"], "990101101203").content.decode()
    assert "备注：<del>—</del> → <ins>冬季改为每周两次</ins>" in html
    assert "page-hub_operator" in html


def test_unknown_village_is_404(client, net):
    assert page(client, net.users["hub_operator"], "990101101299").status_code == 404
    assert page(client, net.users["hub_operator"], "990101101000").status_code == 404  # a town, not a village


def test_village_list_per_town_with_service(client, net, django_assert_max_num_queries):
    client.force_login(net.users["regulator"])
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("network:village_list"), {"town": "990101101000", "date": DAY.isoformat()}
        )
    rows = {r["village"].code: [m for m, _ in r["served"]] for r in response.context["rows"]}
    assert set(rows) == {"990101101201", "990101101202", "990101101203", "990101101204", "990101101001"}
    assert rows["990101101204"] == [] and rows["990101101203"] == ["proxy"]
    assert "未通快递" in response.content.decode()


def test_village_search_by_name(client, net):
    client.force_login(net.users["regulator"])
    response = client.get(reverse("network:village_list"), {"q": "南山"})
    assert [r["village"].code for r in response.context["rows"]] == ["990101101203"]


def test_brand_user_still_sees_that_others_serve_the_village(client, net):
    html = page(client, net.users["brand_user"], "990101101203", date=DAY.isoformat()).content.decode()
    assert '<span class="badge ok">已通快递</span>' in html
    assert "只显示本品牌的合作协议" in html and "甲快递" not in html
