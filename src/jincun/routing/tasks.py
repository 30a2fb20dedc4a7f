"""Each evening at 20:00 (Asia/Shanghai), plan tomorrow's runs.

django-tasks has no scheduler, so the job re-enqueues itself for the next evening; `ensure_evening_job()`
(run by `jincun worker` when it starts, and by `jincun plan-routes --schedule`) starts the chain. Both are idempotent: at most one evening job waits
at a time, and re-planning a date replaces its runs and keeps its locks."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jincun.core.jobs import once
from jincun.core.periodic import ensure_queued
from jincun.network.models import Hub
from jincun.routing.services.plans import plan_day

EVENING = dt.time(20, 0)


def next_evening(now: dt.datetime | None = None) -> dt.datetime:
    local = timezone.localtime(now or timezone.now(), ZoneInfo("Asia/Shanghai"))
    at = local.replace(hour=EVENING.hour, minute=EVENING.minute, second=0, microsecond=0)
    return at if at > local else at + dt.timedelta(days=1)


def ensure_evening_job() -> bool:
    """Enqueue the next evening's run unless one is already waiting. Returns True if it enqueued one."""
    return ensure_queued(plan_tomorrow, run_after=next_evening())


@task()
def plan_tomorrow(time_limit: float = 30.0, seed: int = 1) -> dict:
    """Plan tomorrow if a network exists, then queue the next evening; returns a summary for the job log.
    Once per evening, shared with the evening chain's routing step (`jincun.api.evening`): whichever runs
    first plans, the other finds the day's key and does nothing."""
    today = timezone.localdate()
    transaction.on_commit(ensure_evening_job)
    ran, summary = once(f"evening:{today.isoformat()}:routing", lambda: plan_for(today + dt.timedelta(days=1),
                                                                                 time_limit, seed))  # fmt: skip
    return (
        summary if ran else {"date": (today + dt.timedelta(days=1)).isoformat(), "skipped": "already planned"}
    )


def plan_for(day: dt.date, time_limit: float = 30.0, seed: int = 1) -> dict:
    if not Hub.objects.exists():
        return {"date": day.isoformat(), "skipped": "no hub"}
    plan = plan_day(day, time_limit=time_limit, seed=seed)
    return {"date": day.isoformat(), "plan": plan.id, "km": plan.total_km, "unserved": len(plan.unserved)}
