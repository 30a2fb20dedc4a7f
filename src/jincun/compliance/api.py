"""Compliance over the API: video heartbeats from the county's camera platform or a station agent, and
complaints (filed by a brand or an app for a user, status by reference).

Heartbeat: `POST /compliance/heartbeat` with an API device token. A token issued for a station
(`jincun issue-token --device --station CODE`) reports for that station only; a platform token without a
station names the station in the body.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from jincun.compliance.choices import ComplaintCategory, ComplaintChannel
from jincun.compliance.services import complaints
from jincun.compliance.services.video import device_for, record_heartbeat
from jincun.core.api import ERRORS, ApiError, caller
from jincun.network.models import Station

router = Router(tags=["compliance"])


class HeartbeatIn(Schema):
    station: str = Field("", max_length=32, description="站点编码（站点令牌可不填）")
    device: str = Field("default", max_length=64, description="设备名称")
    at: dt.datetime | None = Field(None, description="心跳时间（缺省为收到时间）")


class HeartbeatOut(Schema):
    station: str
    device: str
    last_heartbeat_at: dt.datetime


@router.post("/compliance/heartbeat", response={200: HeartbeatOut, **ERRORS})
def heartbeat(request, payload: HeartbeatIn):
    who = caller(request)
    if who.token is None or who.token.kind != "device":
        raise ApiError(403, "device_only", _("仅设备令牌可上报视频心跳"))
    own = who.token.station.code if who.token.station_id else ""
    code = payload.station.strip() or own
    if own and code != own:
        raise ApiError(403, "other_station", _("该令牌只能上报本站点的心跳"))
    station = Station.objects.filter(code=code).first() if code else None
    if station is None:
        raise ApiError(404, "unknown_station", _("未找到该站点"))
    at = payload.at if payload.at and timezone.is_aware(payload.at) else None
    device = record_heartbeat(device_for(station, payload.device), at)
    return {"station": station.code, "device": device.name, "last_heartbeat_at": device.last_heartbeat_at}


class ComplaintIn(Schema):
    category: ComplaintCategory
    text: str = Field(..., max_length=4000)
    contact_phone: str = Field(..., max_length=20)
    contact_name: str = Field("", max_length=64)
    waybill: str = Field("", max_length=40)


class ComplaintOut(Schema):
    reference: str
    status: str
    category: str
    due_on: dt.date
    replied_at: dt.datetime | None
    reply: str


@router.post("/complaints", response={201: ComplaintOut, **ERRORS})
def file_complaint(request, payload: ComplaintIn):
    """A brand files for its own customer (its parcel, when the waybill is its own); an app user too."""
    who = caller(request)
    brand = None
    if who.is_brand:
        from jincun.network.models import Brand

        brand = Brand.objects.filter(pk=who.brand_id).first()
    try:
        created = complaints.receive_complaint(
            channel=ComplaintChannel.API,
            category=payload.category,
            text=payload.text,
            contact_phone=payload.contact_phone,
            contact_name=payload.contact_name,
            waybill=payload.waybill,
            brand=brand,
            by=who.user,
        )
    except complaints.ComplaintRefused as refusal:
        raise ApiError(422, "refused", str(refusal)) from refusal
    return 201, created


@router.get("/complaints/{reference}", response={200: ComplaintOut, **ERRORS})
def complaint_status(request, reference: str, phone_tail: str):
    """Status by reference and the contact phone's last 4 digits (a miss and a wrong tail read alike)."""
    found = complaints.status_for_complainant(reference[:24], phone_tail[:4])
    if found is None:
        raise ApiError(404, "not_found", _("未找到"))
    return found
