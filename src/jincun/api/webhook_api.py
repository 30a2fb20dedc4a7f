"""Brands manage their webhook endpoints over the API (mounted by `jincun.api.v1` beside every domain router).

The secret is returned once, when the endpoint is created; afterwards only its first characters are shown.
"""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from pydantic import AnyHttpUrl, Field

from jincun.api.models import WebhookEndpoint
from jincun.api.outbox import forget_endpoints
from jincun.core.api import ERRORS, ApiError, caller
from jincun.parcels.api_schemas import Text
from jincun.parcels.api_scoping import require_brand

router = Router(tags=["webhooks"])


class EndpointIn(Schema):
    url: AnyHttpUrl = Field(..., description="where notices are POSTed (http or https)")
    note: Text = Field("", max_length=200)


class EndpointOut(Schema):
    id: int
    url: str
    active: bool
    note: str
    created_at: dt.datetime
    secret_hint: str = Field(..., description="the secret's first characters")


class EndpointCreated(EndpointOut):
    secret: str = Field(..., description="HMAC-SHA256 key for X-Jincun-Signature; shown only this once")


def _out(endpoint: WebhookEndpoint) -> dict:
    return {
        "id": endpoint.pk,
        "url": endpoint.url,
        "active": endpoint.active,
        "note": endpoint.note,
        "created_at": endpoint.created_at,
        "secret_hint": endpoint.secret[:10] + "…",
    }


@router.get(
    "/webhooks/endpoints", response={200: list[EndpointOut], **ERRORS}, summary="My webhook endpoints"
)
def list_endpoints(request):
    brand_id = require_brand(caller(request))
    return [_out(e) for e in WebhookEndpoint.objects.filter(brand_id=brand_id).order_by("pk")]


@router.post(
    "/webhooks/endpoints", response={201: EndpointCreated, **ERRORS}, summary="Register a webhook endpoint"
)
def create_endpoint(request, payload: EndpointIn):
    brand_id = require_brand(caller(request))
    url = str(payload.url)
    if len(url) > 500:
        raise ApiError(400, "url_too_long", "地址过长（最多 500 个字符）")
    if WebhookEndpoint.objects.filter(brand_id=brand_id, active=True).count() >= 5:
        raise ApiError(409, "too_many_endpoints", "每个品牌最多 5 个启用的回调地址")
    endpoint = WebhookEndpoint.objects.create(brand_id=brand_id, url=url, note=payload.note)
    return 201, {**_out(endpoint), "secret": endpoint.secret}


@router.delete(
    "/webhooks/endpoints/{endpoint_id}", response={204: None, **ERRORS}, summary="Stop sending to an endpoint"
)
def deactivate_endpoint(request, endpoint_id: int):
    """Deactivates (kept with its delivery log); no new notices are queued for it."""
    brand_id = require_brand(caller(request))
    updated = WebhookEndpoint.objects.filter(pk=endpoint_id, brand_id=brand_id).update(active=False)
    if not updated:
        raise ApiError(404, "not_found", "未找到该回调地址")
    forget_endpoints()
    return 204, None
