"""The frame staff meet every day: the admin's own header and parcel registers, a 403 that logs one line and
offers a way back, and a language menu that names each language in itself."""

import io
import logging

import pytest
from django.urls import reverse

from jincun.core.log_filters import ForbiddenOneLine
from jincun.parcels.tests.factories import build_county, manifest_parcel


@pytest.fixture
def admin_client_with_parcel(db, client, django_user_model):
    county = build_county()
    manifest_parcel(county)
    admin = django_user_model.objects.create_superuser("root", "", "pw", role="admin")
    client.force_login(admin)
    return client


def test_admin_header_and_parcel_registers(admin_client_with_parcel):
    index = admin_client_with_parcel.get(reverse("admin:index")).content.decode()
    assert "进村 管理" in index and "Django 管理" not in index and "Django administration" not in index
    for name in ("parcel", "handoverlist", "problem"):
        url = reverse(f"admin:parcels_{name}_changelist")
        assert url in index
        assert admin_client_with_parcel.get(url).status_code == 200
    page = admin_client_with_parcel.get(
        reverse("admin:parcels_parcel_changelist") + "?q=TBZ"
    ).content.decode()
    assert "TBZ" in page


def _console_handler():
    for handler in logging.getLogger().handlers:
        if any(isinstance(f, ForbiddenOneLine) for f in handler.filters):
            return handler
    raise AssertionError("the console handler has no ForbiddenOneLine filter")


def test_a_403_logs_one_line_and_the_page_has_a_way_back(db, client, django_user_model):
    keeper = django_user_model.objects.create_user("keeper", role="station_keeper")
    client.force_login(keeper)
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        page = client.get(reverse("web:hub_scan"))
    finally:
        handler.setStream(old)
    assert page.status_code == 403
    body = page.content.decode()
    assert "无权访问" in body and f'href="{reverse("home")}"' in body and "history.back()" in body
    logged = [line for line in stream.getvalue().splitlines() if line.strip()]
    assert len(logged) == 1 and "Forbidden" in logged[0] and "keeper" in logged[0], logged
    assert "Traceback" not in stream.getvalue()


def test_language_menu_names_each_language_in_itself(db, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("k2", role="station_keeper"))
    page = client.get(reverse("login")).content.decode()
    assert ">English<" in page and ">简体中文<" in page and "英语" not in page
