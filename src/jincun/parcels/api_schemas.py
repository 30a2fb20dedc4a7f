"""Schemas of the parcel endpoints (`jincun.parcels.api`): what brands and devices send and get back.

Field names follow the glossary; times carry their zone (ISO 8601), codes are strings. Every batch answer
has one result per input item, in input order, so a client can match them by `index`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, BaseModel, Field

from jincun.parcels import clock
from jincun.parcels.choices import State


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


# Text a database can store on both engines (PostgreSQL refuses NUL characters).
Text = Annotated[str, AfterValidator(_no_nul)]


class ManifestRow(Schema):
    waybill: Text = Field(..., min_length=1, max_length=40, description="运单号")
    brand: Text | None = Field(
        None, max_length=16, description="品牌代码；品牌令牌可省略（默认令牌所属品牌）"
    )
    recipient_name: Text = Field("", max_length=64, description="收件人姓名")
    recipient_phone: Text = Field("", max_length=32, description="收件人电话")
    address: Text = Field("", max_length=300, description="收件地址")
    village_code: Text = Field("", max_length=12, description="12 位统计用区划代码（可选）")
    weight_g: int | None = Field(None, ge=0, le=1_000_000, description="重量（克）")
    cod: bool = Field(False, description="代收货款")
    insured: bool = Field(False, description="保价")


class ManifestIn(Schema):
    parcels: list[ManifestRow] = Field(..., max_length=5000)


class RowResult(Schema):
    index: int = Field(..., description="0-based position in the request (or the file's line number)")
    waybill: str
    status: str = Field(..., description="created / updated / unchanged / refused")
    reason: str = Field("", description="refusal or warning code, e.g. brand_mismatch")
    message: str = ""


class BatchOut(Schema):
    accepted: int
    refused: int
    results: list[RowResult]


class ScanIn(BaseModel):
    waybill: Text = Field(..., min_length=1, max_length=40)
    event_type: Text = Field(
        ...,
        max_length=32,
        description="the state the event moves the parcel to, in our vocabulary: " + ", ".join(State.values),
    )
    at: Annotated[dt.datetime, AfterValidator(clock.in_range)] = Field(
        ...,
        description="扫描时间, ISO 8601 with zone (2000–2100). Up to 5 minutes ahead of our clock is read as now;"
        " further ahead is refused (future_time), more than 30 days old too (too_old).",
    )
    place: Text = Field(
        "", max_length=32, description="hub / town node / station code; devices default to theirs"
    )
    device_seq: int | None = Field(
        None, ge=0, le=2**63 - 1, description="the device's own sequence number (idempotency), 0 … 2^63−1"
    )
    operator: Text = Field("", max_length=64)
    handover: Text = Field("", max_length=40, description="handover list number, if the scan belongs to one")
    note: Text = Field("", max_length=200)


class ScansIn(BaseModel):
    """An event that does not fit `ScanIn` is kept as it came and refused alone (`invalid_event`); the rest
    of the batch goes on.

    The scan batch's schemas are plain pydantic models, not ninja `Schema`s: those wrap every item in an
    attribute getter (for reading ORM objects) in Python, which was most of a batch's validation time; JSON
    in and dicts out need none of it."""

    events: list[Annotated[ScanIn | dict[str, Any], Field(union_mode="left_to_right")]] = Field(
        ..., max_length=5000
    )


def why_invalid(raw: dict) -> str:
    """The first reason `raw` is not a valid `ScanIn`, as `field: message`."""
    try:
        ScanIn.model_validate(raw)
    except ValueError as exc:
        first = exc.errors()[0]
        return f"{'.'.join(str(part) for part in first['loc'])}: {first['msg']}"[:200]
    return ""


class ScanResult(BaseModel):
    index: int
    waybill: str
    status: str = Field(..., description="accepted / duplicate / refused")
    reason: str = ""
    message: str = ""
    event_id: int | None = None
    state: str | None = None


class ScansOut(BaseModel):
    accepted: int
    duplicate: int
    refused: int
    results: list[ScanResult]


class ExternalStatus(Schema):
    kuaidi100_state: str = Field(..., description="kuaidi100 `state`")
    kuaidi100_state_ex: str = Field(..., description="kuaidi100 advanced state (e.g. 501 投柜或驿站, 304)")
    kdniao_state: str = Field(..., description="快递鸟 `State`")
    kdniao_state_ex: str = Field(..., description="快递鸟 `StateEx` (e.g. 211, 311, 412)")
    cainiao_status: str = Field(..., description="Cainiao `logisticsStatus`")
    cainiao_sub_status: str = Field("", description="Cainiao sub-status (STA_INBOUND, AGENT_SIGN, …)")


class EventOut(Schema):
    id: int
    waybill: str
    event_type: str
    state: str
    result: str = Field("", description="applied / late (kept, no effect) / refused")
    at: dt.datetime
    place: str = ""
    place_name: str = ""
    status: ExternalStatus


class EventsPage(Schema):
    events: list[EventOut]
    next_cursor: int = Field(..., description="pass as `since` to get what came after")


class ParcelStatus(Schema):
    waybill: str
    brand: str
    direction: str
    state: str
    state_label: str
    status: ExternalStatus
    where: str = Field("", description="the place the parcel is at or heading to")
    updated_at: dt.datetime | None = None
    events: list[EventOut]
