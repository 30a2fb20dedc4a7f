"""The API's own error messages follow the request's language; the codes do not change."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "Missing or invalid token (Authorization: Bearer …)"),
        ("zh-hans", "缺少或无效的令牌（Authorization: Bearer …）"),
    ],
)
def test_unauthorized_in_the_request_language(language, message):
    with translation.override(settings.LANGUAGE_CODE):  # the request activates its language: do not leak it
        response = Client().get("/api/v1/parcels/TB0000000001", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 401
    assert (response.json()["code"], response.json()["message"]) == ("unauthorized", message)


def test_webhook_url_refusal_in_english():
    from jincun.api.egress import refusal

    with translation.override("en"):
        assert refusal("ftp://example.com/hook") == "The URL must be http or https"
        assert refusal("http://u:p@example.com/") == "The URL cannot contain a user name or password"
    with translation.override(settings.LANGUAGE_CODE):
        assert refusal("ftp://example.com/hook") == "地址必须是 http 或 https"
