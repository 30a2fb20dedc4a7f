"""Address resolution over HTTP: `POST /api/v1/addresses/resolve` (a batch, answered per item)."""

from __future__ import annotations

from ninja import Field, Router, Schema

from jincun.addressing.gazetteer import get_gazetteer
from jincun.addressing.resolver import resolve
from jincun.core.api import ERRORS, ApiError, ErrorOut
from jincun.network.models import AdminArea

router = Router(tags=["addresses"])
MAX_BATCH = 1000


class AddressIn(Schema):
    id: str = Field("", max_length=64)
    address: str = Field("", max_length=500)


class ResolveIn(Schema):
    county_code: str | None = Field(None, pattern=r"^\d{6}(\d{6})?$")
    addresses: list[AddressIn]
    review: bool = Field(False, description="put not-resolved addresses in the hub review queue")


class ResolutionOut(Schema):
    id: str
    status: str
    town_code: str
    village_code: str
    confidence: float
    candidates: list[str]
    fragment: str
    reason: str


class ResolveOut(Schema):
    results: list[ResolutionOut]


@router.post(
    "/addresses/resolve", response={200: ResolveOut, **ERRORS, 413: ErrorOut}, summary="地址解析到村（批量）"
)
def resolve_addresses(request, payload: ResolveIn):
    """Resolve up to 1000 addresses; each gets resolved / town_only / ambiguous / out_of_area / unresolved."""
    if len(payload.addresses) > MAX_BATCH:
        raise ApiError(413, "batch_too_large", f"一次最多 {MAX_BATCH} 条地址")
    try:
        gaz = get_gazetteer(payload.county_code.ljust(12, "0") if payload.county_code else None)
    except (LookupError, AdminArea.DoesNotExist) as exc:
        raise ApiError(404, "unknown_county", "未找到该县的区划数据") from exc
    return {
        "results": [{"id": a.id, **resolve(a.address, gazetteer=gaz).as_dict()} for a in payload.addresses]
    }
