"""Shapes of the network API (django-ninja schemas). Personal data is shaped here by the caller's role:
keeper phones masked, and nothing personal at all for the regulator."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from jincun.core.masking import mask_name, mask_phone
from jincun.network.choices import Mode, StationKind, StationStatus

CODE = r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,31}$"
AREA_CODE = r"^\d{12}$"
TOWN_CODE = r"^\d{9}(\d{3})?$"
TIME = r"^\d{1,2}:\d{2}$"
KindLiteral = Literal[tuple(StationKind.values)]  # type: ignore[valid-type]
StatusLiteral = Literal[tuple(StationStatus.values)]  # type: ignore[valid-type]
ModeLiteral = Literal[tuple(Mode.values)]  # type: ignore[valid-type]


def _hides_personal_data(context) -> bool:
    request = (context or {}).get("request")
    caller = getattr(request, "caller", None) or getattr(request, "auth", None)
    policy = getattr(caller, "policy", None)
    return policy is None or not policy.sees_personal


class DivisionOut(Schema):
    code: str
    name: str
    level: str
    unit_type: str
    parent_code: str | None = Field(None, alias="parent_id")
    lat: float | None
    lon: float | None
    location_approximate: bool


class StationOut(Schema):
    code: str
    name: str
    village_code: str = Field(..., alias="village_id")
    village_name: str = Field(..., alias="village.name")
    town_code: str = Field(..., alias="village.parent_id")
    town_name: str = Field(..., alias="village.parent.name")
    town_node_code: str = Field(..., alias="town_node.code")
    kind: str
    status: str
    address: str
    keeper_name: str | None = None
    keeper_phone: str | None = None
    opens_at: str = Field(..., description="HH:MM")
    closes_at: str = Field(..., description="HH:MM")
    hours_note: str
    shelves: int
    layers: int
    cameras: int
    video_platform: str
    video_heartbeat_at: dt.datetime | None
    filing_number: str
    filed_on: dt.date | None
    opened_on: dt.date | None
    suspended_on: dt.date | None
    closed_on: dt.date | None
    lat: float | None
    lon: float | None
    location_approximate: bool
    meets_standard: bool

    @staticmethod
    def resolve_opens_at(obj) -> str:
        return f"{obj.opens_at:%H:%M}"

    @staticmethod
    def resolve_closes_at(obj) -> str:
        return f"{obj.closes_at:%H:%M}"

    @staticmethod
    def resolve_keeper_name(obj, context) -> str | None:
        return None if _hides_personal_data(context) else mask_name(obj.keeper_name)

    @staticmethod
    def resolve_keeper_phone(obj, context) -> str | None:
        return None if _hides_personal_data(context) else mask_phone(obj.keeper_phone)


class _Clean(Schema):
    """Text in request bodies: no NUL characters (PostgreSQL refuses them), trimmed."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str):
            if "\x00" in value:
                raise ValueError("text must not contain NUL characters")
            return value.strip()
        return value


class StationPatch(_Clean):
    name: str | None = Field(None, min_length=1, max_length=64)
    village_code: str | None = Field(None, pattern=AREA_CODE)
    town_code: str | None = Field(None, pattern=TOWN_CODE)
    kind: KindLiteral | None = None
    address: str | None = Field(None, max_length=200)
    keeper_name: str | None = Field(None, max_length=32)
    keeper_phone: str | None = Field(None, max_length=20)
    opens_at: str | None = Field(None, pattern=TIME, description="HH:MM")
    closes_at: str | None = Field(None, pattern=TIME, description="HH:MM")
    hours_note: str | None = Field(None, max_length=100)
    shelves: int | None = Field(None, ge=1, le=50)
    layers: int | None = Field(None, ge=1, le=20)
    cameras: int | None = Field(None, ge=0, le=64)
    video_platform: str | None = Field(None, max_length=64)
    filing_number: str | None = Field(None, max_length=64)
    filed_on: dt.date | None = None
    status: StatusLiteral | None = None
    opened_on: dt.date | None = None
    suspended_on: dt.date | None = None
    closed_on: dt.date | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


class StationIn(StationPatch):
    code: str = Field(..., pattern=CODE)
    name: str = Field(..., min_length=1, max_length=64)
    village_code: str = Field(..., pattern=AREA_CODE)
    kind: KindLiteral


class BrandOut(Schema):
    code: str
    name: str
    name_en: str
    waybill_patterns: list[str]
    is_postal: bool
    active: bool


class AgreementOut(Schema):
    id: int
    brand: str = Field(..., alias="brand.code")
    mode: str
    village_code: str | None = Field(None, alias="village_id")
    town_code: str | None = Field(None, alias="town_id")
    station_code: str | None = None
    town_node_code: str | None = None
    valid_from: dt.date
    valid_to: dt.date | None
    remind_after_days: int
    return_after_days: int
    note: str

    @staticmethod
    def resolve_station_code(obj) -> str | None:
        return obj.station.code if obj.station_id else None

    @staticmethod
    def resolve_town_node_code(obj) -> str | None:
        return obj.town_node.code if obj.town_node_id else None


class AgreementPatch(_Clean):
    brand: str | None = Field(None, pattern=CODE, max_length=16)
    mode: ModeLiteral | None = None
    village: str | None = Field(None, pattern=AREA_CODE)
    town: str | None = Field(None, pattern=AREA_CODE)
    station: str | None = Field(None, pattern=CODE)
    town_node: str | None = Field(None, pattern=CODE)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    remind_after_days: int | None = Field(None, ge=1, le=60)
    return_after_days: int | None = Field(None, ge=1, le=90)
    note: str | None = Field(None, max_length=200)


class AgreementIn(AgreementPatch):
    brand: str = Field(..., pattern=CODE, max_length=16)
    mode: ModeLiteral
    valid_from: dt.date


class ServiceSpanOut(Schema):
    agreement_id: int
    brand_code: str
    brand_name: str
    mode: str
    via: str
    valid_from: dt.date
    valid_to: dt.date | None
    serves_from: dt.date | None
    serves_to: dt.date | None
    recorded_at: dt.datetime | None
    recorded_by: str
    changes: int
    town_wide: bool


class RemovedAgreementOut(Schema):
    agreement_id: int
    brand_code: str
    mode: str
    valid_from: dt.date
    valid_to: dt.date | None
    removed_at: dt.datetime
    removed_by: str


class VillageServiceOut(Schema):
    village_code: str
    village_name: str
    day: dt.date
    since: dt.date | None
    first_served: dt.date | None
    spans: list[ServiceSpanOut]
    removed: list[RemovedAgreementOut]
