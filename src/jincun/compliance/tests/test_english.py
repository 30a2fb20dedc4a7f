"""In English (the language menu's cookie), the compliance pages, a hub work page and the menu carry no Chinese
left but data: the names of places, stations, brands and people from the database."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jincun.compliance.services.complaints import receive_complaint
from jincun.core.models import User
from jincun.network.models import AdminArea, Brand, Hub, Station, TownNode
from jincun.testing.clients import logged_in
from jincun.testing.journey_county import build_county

HAN = re.compile(r"[\u4e00-\u9fff]+")
# Bilingual on purpose: the product's name beside its English one, the language menu naming each language in
# itself and its label in both (a reader who cannot read the current language still finds it).
BILINGUAL = ["· 进村 Jincun", ">进</span>进村 <small>Jincun", "Language / 语言", "简体中文"]


def leftover_chinese(html: str) -> list[str]:
    """Han text on the page once scripts and the database's own names are taken out."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    for text in BILINGUAL:
        html = html.replace(text, "")
    names = [
        *AdminArea.objects.values_list("name", flat=True),
        *Station.objects.values_list("name", flat=True),
        *TownNode.objects.values_list("name", flat=True),
        *Hub.objects.values_list("name", flat=True),
        *Brand.objects.values_list("name", flat=True),
        *User.objects.values_list("display_name", flat=True),
    ]
    for name in sorted(filter(None, names), key=len, reverse=True):
        html = html.replace(name, "")
    out = [(m.group(0), html[max(0, m.start() - 60) : m.end() + 20]) for m in HAN.finditer(html)]
    return out


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def county(db):
    county = build_county()
    receive_complaint(channel="phone", category="delay", text="快件三天才到", contact_phone="13800138000")
    return county


@pytest.mark.parametrize("page", ["compliance:overview", "compliance:complaints", "compliance:stubs"])
def test_regulator_pages_in_english(county, page):
    response = english(logged_in("regulator")).get(reverse(page))
    assert response.status_code == 200
    html = response.content.decode()
    # the complaint's own text is data too
    assert leftover_chinese(html.replace("快件三天才到", "")) == []


def test_overview_headings_in_english(county):
    html = english(logged_in("regulator")).get(reverse("compliance:overview")).content.decode()
    assert "Station compliance" in html and "Complaints" in html


def test_public_complaint_page_and_status_lookup_in_english(county):
    client = english(Client())
    for page in ("compliance:complain", "compliance:complaint_status"):
        response = client.get(reverse(page))
        assert response.status_code == 200
        assert leftover_chinese(response.content.decode()) == []


def test_station_standing_page_in_english(county):
    url = reverse("compliance:station", args=[county.station.code])
    html = english(logged_in("regulator")).get(url).content.decode()
    assert leftover_chinese(html) == []


def test_hub_work_page_and_menu_in_english(county):
    client = english(logged_in("hub_operator", hub=county.hub))
    html = client.get(reverse("web:hub_scan")).content.decode()
    menu = re.search(r"<nav.*?</nav>", html, flags=re.S).group(0)
    assert HAN.findall(menu) == []
    assert "Route plan" in menu and "Compliance" in menu and "Address review" in menu
    assert leftover_chinese(html) == []


def test_an_app_catalog_adds_to_the_main_one(county):
    """The per-app catalogs (compliance/locale, routing/locale, …) are read as well as LOCALE_PATHS'."""
    html = english(logged_in("hub_operator", hub=county.hub)).get(reverse("routing:plan")).content.decode()
    assert "Route plan" in html and "线路计划" not in html


def test_every_shipped_checklist_item_is_offered_for_translation():
    from jincun.compliance.checklist import _table
    from jincun.compliance.checklist_texts import TEXTS

    shipped = {row["text"] for rows in _table().values() if isinstance(rows, list) for row in rows}
    assert shipped == set(TEXTS)
