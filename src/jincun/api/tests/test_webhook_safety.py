"""Webhooks cannot reach our own network (SSRF), a dead endpoint does not hold up others, a deactivated one
is not retried, and the log does not tell an open port from a closed one."""

import datetime as dt
import socket
import threading

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from jincun.api import egress, outbox, webhooks
from jincun.api.models import ApiToken, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from jincun.api.tests.factories import WebhookEndpointFactory
from jincun.network.tests.factories import BrandFactory

INTERNAL = [
    "http://127.0.0.1:5432/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://0x7f000001/hook",
    "http://2130706433/hook",
    "http://0177.0.0.1/hook",
    "http://10.1.2.3/hook",
    "http://192.168.1.1/hook",
    "http://100.64.0.1/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
    "http://localhost:8000/hook",
    "ftp://example.com/hook",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_targets_are_refused_at_registration(db, url):
    brand = BrandFactory()
    _, key = ApiToken.issue("接口", "brand", brand=brand)
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {key}").post(
        "/api/v1/webhooks/endpoints", {"url": url}, content_type="application/json"
    )
    assert answer.status_code in (400, 422), answer.content
    assert not WebhookEndpoint.objects.filter(brand=brand).exists()
    with pytest.raises(ValidationError):
        WebhookEndpoint(brand=brand, url=url).clean()


def test_a_public_address_is_allowed():
    assert egress.refusal("https://93.184.215.14/hook") == ""


def test_the_allow_list_setting_lets_a_named_network_through(settings):
    assert egress.refusal("http://127.0.0.1:9/hook")
    settings.JINCUN = {**settings.JINCUN, "WEBHOOK_ALLOWED_NETWORKS": ("127.0.0.0/8",)}
    assert egress.refusal("http://127.0.0.1:9/hook") == ""


def test_at_send_time_the_resolved_address_is_checked_again(db, monkeypatch):
    """An endpoint registered while its name pointed outside, now resolving to the loopback (DNS rebinding)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    hits = []
    threading.Thread(target=lambda: hits.append(listener.accept()), daemon=True).start()
    real = socket.getaddrinfo
    monkeypatch.setattr(
        egress.socket,
        "getaddrinfo",
        lambda host, *a, **k: real("127.0.0.1" if host == "brand.example" else host, *a, **k),
    )
    answer = webhooks.http_post(f"http://brand.example:{port}/hook", b"{}", {})
    assert answer.status_code is None and answer.error == webhooks.REFUSED_TARGET
    listener.close()
    assert hits == []  # never connected


def test_closed_and_silent_ports_read_alike_in_the_log(settings):
    settings.JINCUN = {**settings.JINCUN, "WEBHOOK_ALLOWED_NETWORKS": ("127.0.0.0/8",)}
    closed = webhooks.http_post("http://127.0.0.1:9/hook", b"{}", {})
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts, never answers
    webhooks.TIMEOUT_SECONDS, saved = 1, webhooks.TIMEOUT_SECONDS
    try:
        timed_out = webhooks.http_post(f"http://127.0.0.1:{silent.getsockname()[1]}/hook", b"{}", {})
    finally:
        webhooks.TIMEOUT_SECONDS = saved
        silent.close()
    assert closed.error == timed_out.error == webhooks.NO_ANSWER


def _queue(endpoint, key):
    payload = {"type": "parcel.state_changed", "data": {"waybill": "TB1", "state": "at_hub"}}
    return outbox.queue_notice(endpoint.brand_id, key, payload, waybill="TB1")[0]


def test_a_dead_endpoint_costs_one_try_per_pause_and_does_not_hold_up_others(db):
    dead = WebhookEndpointFactory(url="http://dead.example/hook")
    alive = WebhookEndpointFactory(url="http://alive.example/hook")
    for i in range(20):
        _queue(dead, f"d{i}")
    for i in range(3):
        _queue(alive, f"a{i}")
    tries = []

    def transport(url, body, headers):
        tries.append(url)
        return webhooks.Answer(None, "", webhooks.NO_ANSWER) if "dead" in url else webhooks.Answer(204)

    now = timezone.now() + dt.timedelta(seconds=1)
    webhooks.retry_due(now=now, transport=transport)
    assert tries.count("http://dead.example/hook") == 1  # paused after the first failure
    assert tries.count("http://alive.example/hook") == 3
    assert WebhookDelivery.objects.filter(endpoint=alive, status=DeliveryStatus.DELIVERED).count() == 3
    dead.refresh_from_db()
    assert dead.paused_until > now
    waiting = WebhookDelivery.objects.filter(endpoint=dead, status=DeliveryStatus.PENDING)
    assert waiting.count() == 20 and all(d.next_attempt_at >= dead.paused_until for d in waiting)
    assert sum(d.attempts for d in waiting) == 1  # a pause is not counted as a try


def test_a_deactivated_endpoint_is_not_retried(db):
    endpoint = WebhookEndpointFactory(url="http://brand.example/hook")
    delivery = _queue(endpoint, "x1")
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    sent = []
    now = timezone.now() + dt.timedelta(seconds=1)
    assert webhooks.retry_due(now=now, transport=lambda *a: sent.append(a) or webhooks.Answer(204)) == 0
    assert (
        webhooks.attempt(delivery.pk, transport=lambda *a: sent.append(a), now=now) == DeliveryStatus.FAILED
    )
    assert sent == []


def test_the_documented_retry_schedule_is_the_real_one():
    from pathlib import Path

    from jincun import config

    waits = sum((webhooks.backoff(n) for n in range(1, webhooks.MAX_ATTEMPTS)), dt.timedelta())
    assert round(waits.total_seconds() / 3600, 1) == 14.5
    doc = (Path(config.REPO_DIR) / "docs" / "webhooks.md").read_text()
    assert f"{webhooks.MAX_ATTEMPTS} tries" in doc and "14.5 h" in doc
