"""The villager lookup refuses incomplete input and throttles guessing from one address."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from jincun.web.views import lookup


@pytest.fixture(autouse=True)
def _fresh_cache(db):
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


def test_the_count_lives_in_the_shared_database_cache_not_in_one_worker(db, settings):
    """Every web worker is its own process: only a cache they share can count one client's tries."""
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    client = Client()
    for _ in range(3):
        client.post(reverse("web:lookup"), {"phone_tail": "1", "code": ""})
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM jincun_cache")
        assert cur.fetchone()[0] >= 1
    assert cache.get("lookup:127.0.0.1") == 3


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_saw(db, settings):
    settings.JINCUN = {**settings.JINCUN, "TRUSTED_PROXIES": 1}
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    villager_a = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(lookup.LIMIT_PER_WINDOW):
        villager_a.post(reverse("web:lookup"), {"phone_tail": "1", "code": ""})
    assert "查询太频繁" in villager_a.post(reverse("web:lookup"), {"phone_tail": "1"}).content.decode()
    # Another villager behind the same proxy is not blocked ...
    villager_b = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert "查询太频繁" not in villager_b.post(reverse("web:lookup"), {"phone_tail": "1"}).content.decode()
    # ... and villager A cannot escape by writing a fake address in front of the proxy's entry.
    spoof = Client(**proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert "查询太频繁" in spoof.post(reverse("web:lookup"), {"phone_tail": "1"}).content.decode()


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(db):
    client = Client()
    for _ in range(lookup.LIMIT_PER_WINDOW):
        client.post(reverse("web:lookup"), {"phone_tail": "1", "code": ""})
    spoof = Client(HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert "查询太频繁" in spoof.post(reverse("web:lookup"), {"phone_tail": "1"}).content.decode()
