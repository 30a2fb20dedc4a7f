"""Routing pages: the day's plan with its route map (re-plan, lock a stop to a run), dispatch PDF, and the
joint-versus-separate comparison. Thin: every write is a service call."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.routing.compare import compare_joint
from jincun.routing.dispatch_pdf import dispatch_pdf
from jincun.routing.forms import CompareForm, LockForm, PlanForm
from jincun.routing.map_data import map_data
from jincun.routing.models import Plan, Run, Stop
from jincun.routing.queries import plan_with_runs, stop_directions
from jincun.routing.services.plans import default_hub, lock_stop, plan_day, unlock_stop

READERS = (Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.REGULATOR)
PLANNERS = (Role.HUB_OPERATOR,)
OUTBOUND_SOURCES = {
    "parcels": gettext_noop("已揽收待运"),
    "forecast": gettext_noop("预测"),
    "parcels+forecast": gettext_noop("已揽收＋预测"),
    "none": gettext_noop("无"),
}


def _day(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate() + dt.timedelta(days=1)


def _context(day: dt.date) -> dict:
    plan = Plan.objects.filter(date=day).first()
    ctx = {"day": day, "plan": None, "form": PlanForm(initial={"date": day, "time_limit": 10, "seed": 1})}
    if plan:
        plan = plan_with_runs(plan.id)
        hub = plan.runs.exclude(hub=None).select_related("hub__county").first()
        county = hub.hub.county_id if hub else ""
        runs = list(plan.runs.all())
        for run in runs:
            for stop in run.stops.all():
                stop.directions = stop_directions(stop)
        ctx.update(plan=plan, runs=runs, map=map_data(plan, county), deferred=plan.params.get("deferred", []),
                   vehicle_runs=sum(1 for r in runs if r.vehicle_code),
                   postal_lists=sum(1 for r in runs if r.kind == "handover"), season=plan.params.get("season", {}),
                   pickup_total=sum(r.pickup_parcels for r in runs if r.kind == "village"),
                   outbound_source=_(OUTBOUND_SOURCES.get(plan.params.get("outbound_source", "none"), "无")))  # fmt: skip
    return ctx


@role_required(*READERS)
def plan_page(request):
    return render(request, "routing/plan.html", _context(_day(request)))


@role_required(*PLANNERS)
@require_POST
def replan(request):
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("参数无效：") + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect(reverse("routing:plan"))
    day = form.cleaned_data["date"]
    try:
        plan_day(day, time_limit=form.cleaned_data["time_limit"], seed=form.cleaned_data["seed"])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _plan_response(request, day)


@role_required(*PLANNERS)
@require_POST
def lock(request, date):
    plan = _plan_on(date)
    form = LockForm(request.POST)
    if form.is_valid():
        stop = get_object_or_404(Stop.objects.select_related("run", "station"), pk=form.cleaned_data["stop"],
                                 run__plan=plan)  # fmt: skip
        run = get_object_or_404(Run, pk=form.cleaned_data["run"], plan=plan)
        try:
            unlock_stop(stop) if form.cleaned_data["unlock"] else lock_stop(stop, run)
            plan_day(
                plan.date,
                time_limit=plan.time_limit_s,
                seed=plan.seed,
                iterations=plan.params.get("iterations"),
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    else:
        messages.error(request, _("锁定参数无效"))
    return _plan_response(request, plan.date)


def _plan_on(date: str) -> Plan:
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404(_("日期格式应为 2024-05-08")) from None
    return get_object_or_404(Plan, date=day)


def _plan_response(request, day: dt.date):
    if request.htmx:
        return render(request, "routing/_plan_body.html", _context(day))
    return redirect(reverse("routing:plan") + f"?date={day.isoformat()}")


@role_required(*READERS)
def dispatch(request, date):
    plan = plan_with_runs(_plan_on(date).id)
    runs = None
    if request.GET.get("run", "").isdigit():  # one run's sheet, for its driver
        runs = [r for r in plan.runs.all() if r.id == int(request.GET["run"])]
        if not runs:
            raise Http404(_("车次不存在"))
    response = HttpResponse(dispatch_pdf(plan, runs), content_type="application/pdf")
    name = f"dispatch-{plan.date}" + (f"-run{runs[0].seq}" if runs else "")  # a driver's sheet by its run
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@role_required(*READERS)
def compare_page(request):
    form = CompareForm.from_query(request.GET)
    result = None
    if form.is_valid():
        try:
            hub = default_hub()
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            start, n = form.cleaned_data["date"], form.cleaned_data["days"]
            days = [start + dt.timedelta(days=i) for i in range(n)]
            result = compare_joint(hub, days, time_limit=form.cleaned_data["time_limit"]).as_dict()
    return render(request, "routing/compare.html", {"form": form, "result": result})
