"""The station import page in English: the per-row reasons and a file that cannot be read are in English."""

import re

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from jincun.web.tests.test_import_page import CSV, hub_user  # noqa: F401

HAN = re.compile(r"[\u4e00-\u9fff]+")


def post_in_english(client, body: bytes) -> tuple[int, str]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override(settings.LANGUAGE_CODE):  # the request activates English: do not leak it
        response = client.post(reverse("web:import_stations"), {"file": SimpleUploadedFile("s.csv", body)})
    return response.status_code, response.content.decode()


def test_row_reasons_in_english(client, hub_user):  # noqa: F811
    client.force_login(hub_user)
    status, html = post_in_english(client, CSV)
    table = re.search(r"<tbody>.*?</tbody>", html, flags=re.S).group(0)
    assert status == 200 and "Unknown village code 370323102999" in table
    assert HAN.findall(table) == []


def test_unreadable_file_in_english(client, hub_user):  # noqa: F811
    client.force_login(hub_user)
    status, html = post_in_english(client, b"\x80\x80\x80bad")
    assert status == 400 and "Cannot read the file: The file&#x27;s encoding is not recognised" in html
    status, html = post_in_english(client, "名称,地址\n某站,某村\n".encode())
    assert status == 400 and "Missing column: code" in html
