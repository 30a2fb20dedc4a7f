"""The typed config is the only reader of the environment: defaults, and refusals of malformed values."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from jincun import config


def test_defaults_need_no_environment(monkeypatch):
    for name in ("JINCUN_BIND", "JINCUN_ROUTING_OSRM_URL", "JINCUN_ROUTING_DETOUR"):
        monkeypatch.delenv(name, raising=False)
    loaded = config.load()
    assert loaded.bind == "127.0.0.1:8000"
    assert loaded.routing_osrm_url is None and loaded.routing_detour == {}


def test_bind_osrm_and_detour_factors_from_the_environment(monkeypatch):
    monkeypatch.setenv("JINCUN_BIND", "0.0.0.0:8109")
    monkeypatch.setenv("JINCUN_ROUTING_OSRM_URL", "http://osrm.local:5000")
    monkeypatch.setenv("JINCUN_ROUTING_DETOUR", "370323=1.35, 370322000000=1.5")
    loaded = config.load()
    assert loaded.bind == "0.0.0.0:8109"
    assert loaded.routing_osrm_url == "http://osrm.local:5000"
    assert loaded.routing_detour == {"370323": 1.35, "370322": 1.5}


@pytest.mark.parametrize("raw", ["370323", "370323=fast", "yiyuan=1.3", "370323=9"])
def test_a_malformed_detour_factor_is_refused_with_its_name(monkeypatch, raw):
    monkeypatch.setenv("JINCUN_ROUTING_DETOUR", raw)
    with pytest.raises(ImproperlyConfigured, match="JINCUN_ROUTING_DETOUR"):
        config.load()


def test_routing_reads_its_detour_override_through_settings(monkeypatch):
    from jincun.routing.distance import DEFAULT_DETOUR, detour_factor

    monkeypatch.setitem(settings.JINCUN, "ROUTING_DETOUR", {"999999": 1.75})
    assert detour_factor("999999000000") == 1.75
    monkeypatch.setitem(settings.JINCUN, "ROUTING_DETOUR", {})
    assert detour_factor("999999000000") == DEFAULT_DETOUR
