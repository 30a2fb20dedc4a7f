"""After login each role lands on its main page; the menu shows only what the role may open."""

import pytest
from django.urls import reverse

from jincun.network.tests.factories import UserFactory


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("regulator", "/dashboard/"),
        ("hub_operator", "/web/hub/scan/"),
        ("town_operator", "/web/check-in/"),
        ("station_keeper", "/web/station/shelve/"),
        ("village_proxy", "/web/proxy/"),
        ("brand_user", "/network/stations/"),
        ("admin", "/network/stations/"),
    ],
)
def test_each_role_lands_on_its_page(client, db, role, landing):
    client.force_login(UserFactory(username=f"land-{role}", role=role, password=None))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == landing


def test_menu_per_role(client, db):
    client.force_login(UserFactory(username="menu-keeper", role="station_keeper", password=None))
    html = client.get(reverse("network:station_list")).content.decode()
    assert ">站点</a>" in html and "网络地图" not in html and "覆盖率" not in html
    client.force_login(UserFactory(username="menu-reg", role="regulator", password=None))
    html = client.get(reverse("network:station_list")).content.decode()
    assert ">网络地图</a>" in html and ">覆盖率</a>" in html


def test_login_form_logs_in_and_redirects(client, db):
    UserFactory(username="form-user", role="hub_operator")  # password jincun-test-pw
    response = client.post(reverse("login"), {"username": "form-user", "password": "jincun-test-pw"})
    assert response.status_code == 302 and response.url == reverse("home")
    bad = client.post(reverse("login"), {"username": "form-user", "password": "wrong"})
    assert "用户名或密码不对" in bad.content.decode()


def test_language_switch_to_english(client, db):
    client.force_login(UserFactory(username="lang-user", role="hub_operator", password=None))
    response = client.post(reverse("set_language"), {"language": "en", "next": "/network/stations/"})
    assert response.status_code == 302
    html = client.get(reverse("network:station_list")).content.decode()
    assert '<html lang="en">' in html
    assert ">Stations</a>" in html and "Log out" in html


def test_admin_menu_leaves_out_work_pages_that_need_a_workplace(client, db):
    client.force_login(UserFactory(username="menu-admin", role="admin", password=None))
    html = client.get(reverse("network:station_list")).content.decode()
    assert ">网络地图</a>" in html and "到件分拣" not in html and "取件柜台" not in html


def test_login_page_links_the_villager_lookup(client, db):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("web:lookup")}"' in html


def test_only_the_deepest_menu_entry_is_active(client, db):
    client.force_login(UserFactory(username="menu-hub2", role="hub_operator", password=None))
    html = client.get("/routing/compare/").content.decode()
    assert html.count('class="active"') == 1


def test_favicon_ico_points_at_the_icon_the_pages_link(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301 and answer["Location"].endswith("jincun/favicon.svg")
