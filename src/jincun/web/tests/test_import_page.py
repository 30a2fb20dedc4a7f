"""The station import page: hub operators upload a table and see a per-row result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jincun.core.models import User
from jincun.network.models import AdminArea, Station
from jincun.network.tests.factories import HubFactory, TownNodeFactory

CSV = (
    "站点编码,站点名称,村代码,类型,状态\n"
    "ST-W1,鲁村一村服务站,370323102201,商超便利店,筹建\n"
    "ST-W2,坏站,370323102999,商超便利店,筹建\n"
).encode()


@pytest.fixture
def hub_user(yiyuan):
    TownNodeFactory(town=AdminArea.objects.get(code="370323102000"), hub=HubFactory(county=yiyuan))
    return User.objects.create(username="hubpage", role="hub_operator")


def test_hub_operator_uploads_and_sees_row_results(client, hub_user):
    client.force_login(hub_user)
    page = client.get(reverse("web:import_stations"))
    assert page.status_code == 200 and "下载模板" in page.content.decode()
    response = client.post(reverse("web:import_stations"), {"file": SimpleUploadedFile("s.csv", CSV)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "新增 <strong>1</strong>" in html and "未知村代码" in html and "<td>3</td>" in html
    assert Station.objects.filter(code="ST-W1").exists() and not Station.objects.filter(code="ST-W2").exists()
    assert Station.objects.get(code="ST-W1").history.latest().history_user == hub_user


def test_unreadable_file_is_refused_with_a_reason(client, hub_user):
    client.force_login(hub_user)
    response = client.post(
        reverse("web:import_stations"),
        {"file": SimpleUploadedFile("s.csv", b"\x80\x80\x80bad")},  # neither UTF-8 nor GB18030
    )
    assert response.status_code == 400 and "UTF-8" in response.content.decode()


def test_template_download_and_role_guard(client, hub_user):
    client.force_login(hub_user)
    template = client.get(reverse("web:station_template"))
    assert template["Content-Type"].startswith("text/csv") and "站点编码" in template.content.decode(
        "utf-8-sig"
    )
    client.force_login(User.objects.create(username="reg", role="regulator"))
    assert client.get(reverse("web:import_stations")).status_code == 403


def test_hub_operator_menu_has_the_import_entry(client, hub_user):
    client.force_login(hub_user)
    assert reverse("web:import_stations") in client.get(reverse("web:import_stations")).content.decode()


def test_a_table_without_a_code_column_is_refused_in_one_line(client, hub_user):
    client.force_login(hub_user)
    upload = SimpleUploadedFile("s.csv", "名称,地址\n某站,某村\n".encode())
    response = client.post(reverse("web:import_stations"), {"file": upload})
    assert response.status_code == 400 and "缺少列：code" in response.content.decode()


def test_import_page_speaks_english_when_asked(client, hub_user):
    client.force_login(hub_user)
    html = client.get(reverse("web:import_stations"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Import village stations" in html and ">Import stations</a>" in html
    response = client.post(
        reverse("web:import_stations"), {"file": SimpleUploadedFile("s.csv", CSV)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "added <strong>1</strong>" in response.content.decode()
