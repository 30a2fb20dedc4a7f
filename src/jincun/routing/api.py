"""Routing API: plan a date (create or re-plan), read a plan, its runs, a run's stops.

Reading is open to any staff caller except brand tokens (a plan carries every brand's volumes); planning is
for hub operators and admins."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from jincun.core.api import ERRORS, ApiError, caller
from jincun.core.choices import Role
from jincun.routing.api_schemas import PlanIn, PlanOut, RunOut, StopOut
from jincun.routing.models import Plan, Run
from jincun.routing.queries import plan_as_dict, plan_with_runs, run_as_dict, stop_as_dict
from jincun.routing.services.plans import plan_day

router = Router(tags=["routing"])
PLANNERS = (Role.HUB_OPERATOR,)


def _reader(request):
    who = caller(request)
    if who.is_brand:
        raise ApiError(403, "forbidden", _("线路计划包含各品牌件量，品牌账号不可查看"))
    return who


@router.post("/routing/plans", response={200: PlanOut, **ERRORS}, summary="规划某日线路（新建或重新规划）")
def create_plan(request, body: PlanIn):
    if not caller(request).has_role(*PLANNERS):
        raise ApiError(403, "forbidden", _("仅共配中心操作员可规划线路"))
    try:
        plan = plan_day(body.date, time_limit=body.time_limit, seed=body.seed, iterations=body.iterations)
    except ValidationError as exc:
        raise ApiError(409, "no_network", exc.messages[0]) from exc
    return plan_as_dict(plan_with_runs(plan.id))


@router.get("/routing/plans/{date}", response={200: PlanOut, **ERRORS}, summary="某日线路计划")
def get_plan(request, date: dt.date):
    _reader(request)
    plan = get_object_or_404(Plan, date=date)
    return plan_as_dict(plan_with_runs(plan.id))


@router.get("/routing/plans/{date}/runs", response={200: list[RunOut], **ERRORS}, summary="某日车次")
def list_runs(request, date: dt.date):
    _reader(request)
    plan = get_object_or_404(Plan, date=date)
    return [run_as_dict(r, with_stops=False) for r in plan.runs.all()]


@router.get("/routing/runs/{run_id}/stops", response={200: list[StopOut], **ERRORS}, summary="车次的停靠点")
def list_stops(request, run_id: int):
    _reader(request)
    run = get_object_or_404(Run, pk=run_id)
    return [stop_as_dict(s) for s in run.stops.all()]
