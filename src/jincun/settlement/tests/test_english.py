"""The settlement pages, their menu entries and the leadership dashboard speak English when asked."""

import re

import pytest
from django.test import Client

from jincun.core.models import User
from jincun.settlement.tests.factories import brand_tariff, county

CJK = re.compile(r"[\u4e00-\u9fff]")


def _visible(html: str) -> str:
    """The text of the page's <main> (the header carries the product's name, 进村)."""
    html = html[html.index("<main") :]
    html = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
def test_settlement_pages_and_menu_in_english():
    c = county()
    brand_tariff(c, unit_fen=150)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.create_user("acct", password="pw", role="accountant"))
    runs = client.get("/settlement/runs/").content.decode()
    assert "Rating and closing" in runs and "Rate and draft the statements" in runs
    assert ">Statements</a>" in runs and ">Tariffs</a>" in runs and ">Rating</a>" in runs  # the menu
    tariffs = client.get("/settlement/tariffs/").content.decode()
    assert "Tariffs (by version)" in tariffs and "Add a tariff version" in tariffs
    assert "Town or village code (empty = whole county)" in tariffs and "Price parameters (JSON)" in tariffs
    statements = client.get("/settlement/").content.decode()
    assert "Statement no." in statements
    for page in (runs, statements):
        # the only Chinese left is data (names of places, brands, tariffs), never the page's own words
        assert not CJK.search(_visible(page).replace(c.brand.name, "")), CJK.findall(_visible(page))[:10]
