"""Webhook signing, delivery and retry with backoff, against a real HTTP server on 127.0.0.1."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from jincun.api import outbox, webhooks
from jincun.api.models import DeliveryStatus, WebhookDelivery
from jincun.api.tests.factories import WebhookEndpointFactory


class FakeBrand:
    """A brand's receiver: answers with the queued status codes (then 200) and keeps what it got."""

    def __init__(self):
        self.codes: list[int] = []
        self.received: list[tuple[bytes, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((body, dict(self.headers)))
                code = outer.codes.pop(0) if outer.codes else 200
                self.send_response(code)
                self.end_headers()
                self.wfile.write(b"ok" if code == 200 else b"down")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def brand_server():
    server = FakeBrand()
    yield server
    server.close()


def _queue(endpoint, key="ev-1"):
    payload = {"type": "parcel.state_changed", "data": {"waybill": "TB0000000001", "state": "at_hub"}}
    (delivery,) = outbox.queue_notice(endpoint.brand_id, key, payload, waybill="TB0000000001")
    return delivery


def test_signature_round_trip_and_tampering():
    body = b'{"a":1}'
    header = webhooks.sign("s3cret", body, 1_700_000_000)
    assert webhooks.verify_signature("s3cret", body, header, now=1_700_000_010)
    assert not webhooks.verify_signature("s3cret", b'{"a":2}', header, now=1_700_000_010)
    assert not webhooks.verify_signature("other", body, header, now=1_700_000_010)
    assert not webhooks.verify_signature("s3cret", body, header, now=1_700_000_000 + 3600)  # replayed late
    assert not webhooks.verify_signature("s3cret", body, "garbage")


def test_backoff_doubles_and_is_capped():
    waits = [webhooks.backoff(n) for n in range(1, 6)]
    assert waits == [dt.timedelta(seconds=30 * 2**i) for i in range(5)]
    assert webhooks.backoff(40) == webhooks.BACKOFF_CAP


@pytest.mark.django_db(transaction=True)
def test_delivered_body_is_signed_with_the_endpoint_secret(brand_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    endpoint = WebhookEndpointFactory(url=brand_server.url)
    delivery = _queue(endpoint)  # autocommit: on_commit runs at once, the immediate backend sends it
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 1
    body, headers = brand_server.received[0]
    assert json.loads(body)["data"]["waybill"] == "TB0000000001"
    assert webhooks.verify_signature(endpoint.secret, body, headers[webhooks.SIGNATURE_HEADER])
    assert headers["X-Jincun-Delivery"] == str(delivery.pk)


@pytest.mark.django_db
def test_endpoint_down_keeps_the_row_and_retries_with_backoff_until_delivered(brand_server):
    endpoint = WebhookEndpointFactory(url=brand_server.url)
    brand_server.codes = [500, 503]
    delivery = _queue(endpoint)
    t0 = timezone.now()

    assert webhooks.attempt(delivery.pk, now=t0) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_status_code == 500
    assert delivery.next_attempt_at == t0 + webhooks.backoff(1)

    # Not due yet: the sweep leaves it alone.
    assert webhooks.retry_due(now=t0 + dt.timedelta(seconds=5)) == 0
    assert webhooks.retry_due(now=t0 + dt.timedelta(seconds=31)) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at == t0 + dt.timedelta(seconds=31) + webhooks.backoff(2)

    assert webhooks.retry_due(now=t0 + dt.timedelta(minutes=5)) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
    assert len(brand_server.received) == 3
    # Each try carried a valid signature for its own timestamp.
    for body, headers in brand_server.received:
        header = headers[webhooks.SIGNATURE_HEADER]
        stamp = int(header.split(",")[0][2:])
        assert webhooks.verify_signature(endpoint.secret, body, header, now=stamp)


@pytest.mark.django_db
def test_unreachable_endpoint_gives_up_after_max_attempts_but_keeps_the_row():
    endpoint = WebhookEndpointFactory(url="http://127.0.0.1:9/hook")  # nothing listens on port 9
    delivery = _queue(endpoint)

    def refuse(url, body, headers):
        return webhooks.Answer(None, "", "ConnectionRefusedError")

    now = timezone.now()
    for _ in range(webhooks.MAX_ATTEMPTS):
        webhooks.attempt(delivery.pk, transport=refuse, now=now)
        now += webhooks.BACKOFF_CAP
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()
    outbox.resend(delivery)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING


@pytest.mark.django_db
def test_same_event_queues_once_per_endpoint_and_claimed_rows_are_not_sent_twice():
    endpoint = WebhookEndpointFactory()
    WebhookEndpointFactory(brand=endpoint.brand, active=False)
    first = _queue(endpoint, key="same")
    assert outbox.queue_notice(endpoint.brand_id, "same", {"type": "x"}) == []
    assert WebhookDelivery.objects.count() == 1

    calls = []

    def ok(url, body, headers):
        calls.append(url)
        return webhooks.Answer(200, "ok")

    now = timezone.now()
    assert webhooks.attempt(first.pk, transport=ok, now=now) == DeliveryStatus.DELIVERED
    assert webhooks.attempt(first.pk, transport=ok, now=now) == DeliveryStatus.DELIVERED
    assert len(calls) == 1


@pytest.mark.django_db
def test_brands_without_endpoints_cost_no_query_per_notice(django_assert_num_queries):
    endpoint = WebhookEndpointFactory()
    outbox.queue_notice(endpoint.brand_id, "warm", {"type": "x"})  # fills the cache
    with django_assert_num_queries(0):
        assert outbox.queue_notice(endpoint.brand_id + 1000, "k", {"type": "x"}) == []
    late = WebhookEndpointFactory()  # a new endpoint is seen at once in this process
    assert len(outbox.queue_notice(late.brand_id, "k2", {"type": "x"})) == 1


@pytest.mark.django_db
def test_failed_send_job_queues_its_own_retry_for_when_the_backoff_ends():
    from django_tasks_db.models import DBTaskResult

    from jincun.api.tasks import send_webhook

    endpoint = WebhookEndpointFactory(url="http://127.0.0.1:9/hook")  # nothing listens: connection refused
    delivery = _queue(endpoint)
    assert send_webhook.call(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_status_code is None and delivery.last_error
    retry = DBTaskResult.objects.get(task_path__endswith="send_webhook")
    assert retry.run_after == delivery.next_attempt_at and retry.args_kwargs["args"] == [delivery.pk]


@pytest.mark.django_db
def test_brand_registers_lists_and_stops_its_endpoints():
    from django.test import Client

    from jincun.web.tests.county import build_county

    county = build_county()
    mine = Client(HTTP_AUTHORIZATION=f"Bearer {county.brand_key}")
    created = mine.post(
        "/api/v1/webhooks/endpoints",
        {"url": "https://hooks.example.com/jincun"},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_")
    listed = mine.get("/api/v1/webhooks/endpoints").json()
    assert [e["id"] for e in listed] == [body["id"]] and "secret" not in listed[0]
    theirs = Client(HTTP_AUTHORIZATION=f"Bearer {county.other_brand_key}")
    assert theirs.get("/api/v1/webhooks/endpoints").json() == []
    assert theirs.delete(f"/api/v1/webhooks/endpoints/{body['id']}").status_code == 404
    bad = mine.post("/api/v1/webhooks/endpoints", {"url": "not a url"}, content_type="application/json")
    assert bad.status_code == 422
    assert mine.delete(f"/api/v1/webhooks/endpoints/{body['id']}").status_code == 204
    assert mine.get("/api/v1/webhooks/endpoints").json()[0]["active"] is False
