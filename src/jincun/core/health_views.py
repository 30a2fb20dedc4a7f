"""`/healthz` for load balancers and monitors, and the admin's job page: is the database up, is the job
worker alive, what did the jobs do."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.utils.timezone import localtime
from django.views.decorators.cache import never_cache

from jincun.core import worker_health
from jincun.core.choices import Role
from jincun.core.permissions import role_required


@never_cache
def healthz(request):
    """JSON; 503 when the database does not answer or the job worker has not beaten for a minute."""
    report = worker_health.health()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


@role_required(Role.ADMIN)
def jobs(request):
    rows = worker_health.jobs().order_by("-enqueued_at")
    health = worker_health.health()
    for part, key in (("jobs", "last_finished_at"), ("worker", "last_death_at")):
        if isinstance(health[part].get(key), str):  # ISO in the JSON; a local time on the page
            health[part][key] = localtime(parse_datetime(health[part][key])).strftime("%Y-%m-%d %H:%M:%S")
    context = {
        "health": health,
        "recent": rows[:50],
        "failed": rows.filter(status="FAILED")[:20],
    }
    return render(request, "core/jobs.html", context)
