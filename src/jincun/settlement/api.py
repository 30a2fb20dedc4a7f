"""Settlement API: statements, scoped to the caller. A brand token or brand user reads only its own brand's
statements; the accountant and admins read all; a station keeper its station's; anyone else is refused."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from jincun.core.api import ERRORS, ApiError, caller
from jincun.core.choices import Role
from jincun.settlement.models import Statement

router = Router(tags=["settlement"])


class StatementOut(Schema):
    number: str
    month: str
    party_kind: str
    party_name: str
    direction: str
    state: str
    total_fen: int
    lines_count: int
    totals_by_kind: dict
    review_until: dt.date | None = None


def _visible(request):
    who = caller(request)
    qs = Statement.objects.select_related("period")
    if who.is_brand:
        return qs.filter(brand_id=who.brand_id) if who.brand_id else qs.none()
    if who.has_role(Role.ACCOUNTANT):
        return qs
    assignment = getattr(who.user, "assignment", None) if who.user else None
    if who.role == Role.STATION_KEEPER and assignment and assignment.station_id:
        return qs.filter(station_id=assignment.station_id)
    raise ApiError(403, "forbidden", "仅结算员、品牌和站点负责人可查看对账单")


def _out(s: Statement) -> dict:
    return {
        "number": s.number, "month": f"{s.period.month:%Y-%m}", "party_kind": s.party_kind,
        "party_name": s.party_name, "direction": "payable" if s.payable else "receivable", "state": s.state,
        "total_fen": s.total_fen, "lines_count": s.lines_count, "totals_by_kind": s.totals_by_kind,
        "review_until": s.review_until,
    }  # fmt: skip


@router.get("/settlement/statements", response={200: list[StatementOut], **ERRORS}, summary="对账单列表")
def list_statements(request, month: str | None = None):
    qs = _visible(request)
    if month:
        try:
            year, mon = (int(x) for x in month.split("-"))
            qs = qs.filter(period__month=dt.date(year, mon, 1))
        except ValueError as exc:
            raise ApiError(400, "bad_month", "month 格式应为 YYYY-MM") from exc
    return [_out(s) for s in qs.order_by("-period__month", "number")]


@router.get("/settlement/statements/{number}", response={200: StatementOut, **ERRORS}, summary="对账单")
def get_statement(request, number: str):
    return _out(get_object_or_404(_visible(request), number=number))
