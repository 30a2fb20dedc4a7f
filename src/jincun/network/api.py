"""Network API: divisions, stations, brands, agreements, coverage (read); stations and agreements (write,
hub operators and admins only). A brand caller sees only its own brand's agreements."""

import datetime as dt
from typing import Literal

from django.db import DataError, IntegrityError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from jincun.core.api import ERRORS, ApiError, caller
from jincun.core.choices import Role
from jincun.network import queries
from jincun.network.api_schemas import (
    AREA_CODE,
    CODE,
    TOWN_CODE,
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    BrandOut,
    DivisionOut,
    KindLiteral,
    ModeLiteral,
    StationIn,
    StationOut,
    StationPatch,
    StatusLiteral,
    VillageServiceOut,
)
from jincun.network.coverage import coverage_at
from jincun.network.models import AdminArea, Agreement, Brand
from jincun.network.services.agreements import AgreementRefused, save_agreement
from jincun.network.services.stations import StationRefused, save_station
from jincun.network.station_columns import CellError, parse_time

router = Router(tags=["network"])
WRITERS = (Role.HUB_OPERATOR,)  # and admins (Caller.has_role lets admins through)


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10_000_000)


# ---- divisions ---------------------------------------------------------------------------------------


@router.get("/divisions", response={200: list[DivisionOut], **ERRORS}, summary="行政区划列表")
@paginate(Page)
def list_divisions(
    request,
    level: Literal["county", "town", "village"] | None = None,
    parent: str | None = Query(None, pattern=AREA_CODE),
    unit_type: Literal["village_committee", "residents_committee", "town", "subdistrict", "county"]
    | None = None,
):
    qs = AdminArea.objects.order_by("code")
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    if unit_type:
        qs = qs.filter(unit_type=unit_type)
    return qs


@router.get("/divisions/{code}", response={200: DivisionOut, **ERRORS}, summary="行政区划详情")
def get_division(request, code: str = Path(..., pattern=AREA_CODE)):
    return get_object_or_404(AdminArea, code=code)


@router.get(
    "/villages/{code}/service",
    response={200: VillageServiceOut, **ERRORS},
    summary="村通快递：自何时、由谁、何种模式",
)
def village_service(request, code: str = Path(..., pattern=AREA_CODE), date: dt.date | None = None):
    village = get_object_or_404(AdminArea, code=code, level="village")
    service = queries.served_since(village, date)
    who = caller(request)
    spans, removed = service.spans, service.removed
    if who.is_brand:
        brand = Brand.objects.filter(pk=who.brand_id).values_list("code", flat=True).first()
        spans = [s for s in spans if s.brand_code == brand]
        removed = [r for r in removed if r.brand_code == brand]
    return {
        "village_code": village.code,
        "village_name": village.name,
        "day": service.day,
        "since": service.since,
        "first_served": service.first_served,
        "spans": [vars(s) for s in spans],
        "removed": [vars(r) for r in removed],
    }


# ---- stations ----------------------------------------------------------------------------------------


@router.get("/stations", response={200: list[StationOut], **ERRORS}, summary="村级站点列表")
@paginate(Page)
def list_stations(
    request,
    town: str | None = Query(None, pattern=TOWN_CODE),
    village: str | None = Query(None, pattern=AREA_CODE),
    kind: KindLiteral | None = None,
    status: StatusLiteral | None = None,
    mode: ModeLiteral | None = None,
    meets_standard: bool | None = None,
    day: dt.date | None = None,
):
    """The same filters as the station list page (`network.queries.stations`): `mode` keeps stations that run
    in that cooperation mode on `day` (default today, Asia/Shanghai)."""
    return queries.stations(
        town=town,
        village=village,
        kind=kind,
        status=status,
        mode=mode,
        meets_standard=meets_standard,
        day=day,
    )


@router.get("/stations/{code}", response={200: StationOut, **ERRORS}, summary="村级站点详情")
def get_station(request, code: str = Path(..., pattern=CODE)):
    return get_object_or_404(queries.stations(), code=code)


@router.post("/stations", response={201: StationOut, **ERRORS}, summary="新建村级站点（共配中心操作员）")
def create_station(request, payload: StationIn):
    user = _writer(request)
    if queries.stations().filter(code=payload.code).exists():
        raise ApiError(409, "exists", _("站点 %(code)s 已存在，请用 PATCH 修改") % {"code": payload.code})
    station = _save_station(payload.dict(exclude_none=True), payload.code, user, create=True)
    return 201, queries.stations().get(pk=station.pk)


@router.patch(
    "/stations/{code}", response={200: StationOut, **ERRORS}, summary="修改村级站点（共配中心操作员）"
)
def update_station(request, payload: StationPatch, code: str = Path(..., pattern=CODE)):
    user = _writer(request)
    get_object_or_404(queries.stations(), code=code)
    station = _save_station(payload.dict(exclude_unset=True), code, user, create=False)
    return queries.stations().get(pk=station.pk)


def _save_station(values: dict, code: str, user, create: bool):
    values = {k: v for k, v in values.items() if v is not None or k in ("suspended_on", "closed_on")}
    try:
        for key in ("opens_at", "closes_at"):
            if key in values:
                values[key] = parse_time(values[key], key)
        station = save_station(values, code=code, user=user, reason="接口修改", create=create)[0]
    except (StationRefused, AgreementRefused) as refused:
        raise ApiError(422, refused.code, str(refused)) from None
    except CellError as refused:
        raise ApiError(422, "bad_time", str(refused)) from None
    except (DataError, IntegrityError) as exc:
        raise ApiError(
            422, "invalid_station", _("数据库拒绝写入：%(error)s") % {"error": exc.__class__.__name__}
        ) from None
    return station


# ---- brands and agreements -----------------------------------------------------------------------------


@router.get("/brands", response={200: list[BrandOut], **ERRORS}, summary="快递品牌")
def list_brands(request):
    return Brand.objects.order_by("code")


def _agreements(request):
    qs = Agreement.objects.select_related("brand", "station", "town_node").order_by("id")
    who = caller(request)
    if who.is_brand:
        qs = qs.filter(brand_id=who.brand_id) if who.brand_id else qs.none()
    return qs


@router.get(
    "/agreements", response={200: list[AgreementOut], **ERRORS}, summary="合作协议（品牌只看到本品牌的）"
)
@paginate(Page)
def list_agreements(
    request,
    brand: str | None = Query(None, pattern=CODE),
    mode: ModeLiteral | None = None,
    village: str | None = Query(None, pattern=AREA_CODE),
    town: str | None = Query(None, pattern=TOWN_CODE),
    station: str | None = Query(None, pattern=CODE),
    valid_on: dt.date | None = None,
):
    qs = _agreements(request)
    if brand:
        qs = qs.filter(brand__code=brand)
    if mode:
        qs = qs.filter(mode=mode)
    if village:
        qs = qs.filter(village_id=village)
    if town:
        town_code = town[:9] + "000"
        qs = qs.filter(Q(town_id=town_code) | Q(village__parent_id=town_code))
    if station:
        qs = qs.filter(station__code=station)
    if valid_on:
        qs = qs.valid_on(valid_on)
    return qs


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS}, summary="合作协议详情")
def get_agreement(request, agreement_id: int = Path(..., ge=1, le=2**62)):
    return get_object_or_404(_agreements(request), pk=agreement_id)


@router.post("/agreements", response={201: AgreementOut, **ERRORS}, summary="新建合作协议（共配中心操作员）")
def create_agreement(request, payload: AgreementIn):
    user = _writer(request)
    agreement = _save_agreement(payload.dict(exclude_none=True), None, user)
    return 201, _agreements(request).get(pk=agreement.pk)


@router.patch(
    "/agreements/{agreement_id}",
    response={200: AgreementOut, **ERRORS},
    summary="修改合作协议（共配中心操作员）",
)
def update_agreement(request, payload: AgreementPatch, agreement_id: int = Path(..., ge=1, le=2**62)):
    user = _writer(request)
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    saved = _save_agreement(payload.dict(exclude_unset=True), agreement, user)
    return _agreements(request).get(pk=saved.pk)


def _save_agreement(values: dict, agreement, user):
    try:
        return save_agreement(values, agreement=agreement, user=user, reason="接口修改")
    except AgreementRefused as refused:
        raise ApiError(422, refused.code, str(refused)) from None
    except (DataError, IntegrityError) as exc:
        raise ApiError(
            422, "invalid_agreement", _("数据库拒绝写入：%(error)s") % {"error": exc.__class__.__name__}
        ) from None


def _writer(request):
    """Writes need a person (user token or page session) who is a hub operator or an admin."""
    who = caller(request)
    if who.user is None or not who.has_role(*WRITERS):
        raise ApiError(403, "forbidden", _("只有共配中心操作员或管理员可以修改站点和协议"))
    return who.user


# ---- coverage ----------------------------------------------------------------------------------------


@router.get(
    "/coverage", response={200: dict, **ERRORS}, summary="覆盖率（与 `jincun coverage --format json` 相同）"
)
def coverage(
    request,
    date: dt.date | None = None,
    by: Literal["brand", "town", "mode"] | None = None,
    county: str | None = Query(None, pattern=r"^\d{6}(\d{6})?$"),
):
    from django.utils import timezone

    try:
        report = coverage_at(date or timezone.localdate(), by=by, county_code=county)
    except LookupError as exc:
        raise ApiError(404, "not_found", str(exc)) from None
    body = report.as_dict()
    who = caller(request)
    if by == "brand" and who.is_brand:  # like the coverage page: a brand sees its own row, not its rivals'
        own = Brand.objects.filter(pk=who.brand_id).values_list("code", flat=True).first()
        body["rows"] = [row for row in body["rows"] if row["key"] == own]
    return body
