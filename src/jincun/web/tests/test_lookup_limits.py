"""The villager lookup refuses incomplete input and throttles guessing from one address."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from jincun.web.views import lookup


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_incomplete_input_asks_for_both_fields_and_needs_no_login(db):
    page = Client().post(reverse("web:lookup"), {"phone_tail": "12", "code": "3-2-1"}).content.decode()
    assert "请填写完整" in page


def test_too_many_tries_from_one_address_are_refused(db):
    client = Client()
    for _ in range(lookup.LIMIT_PER_WINDOW):
        client.post(reverse("web:lookup"), {"phone_tail": "1", "code": ""})
    page = client.post(reverse("web:lookup"), {"phone_tail": "1234", "code": "3-2-1"}).content.decode()
    assert "查询太频繁" in page
    other = Client(REMOTE_ADDR="10.0.0.9").post(reverse("web:lookup"), {"phone_tail": "1", "code": ""})
    assert "查询太频繁" not in other.content.decode()
