"""Background jobs of the dashboard: reports, and the periodic aggregate refresh."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from jincun.core.periodic import ensure_queued
from jincun.dashboard.models import Report
from jincun.parcels.aggregates import refresh_aggregates

REFRESH_EVERY = dt.timedelta(minutes=5)


@task()
def build_report(report_id: int) -> str:
    from jincun.dashboard.reports.make import make_report

    return make_report(Report.objects.get(pk=report_id)).file


def enqueue_report(report: Report) -> None:
    transaction.on_commit(lambda: build_report.enqueue(report.pk))


@task()
def refresh_daily_aggregates() -> int:
    """Fold new scan events into the daily aggregates, then come back in five minutes (django-tasks has no
    scheduler; the chain is idempotent: a refresh with nothing new costs one indexed MAX)."""
    run = refresh_aggregates()
    ensure_refresh()
    return run.events


def ensure_refresh() -> bool:
    """Queue the next refresh in five minutes unless one is waiting (started by `jincun worker`)."""
    return ensure_queued(refresh_daily_aggregates, run_after=timezone.now() + REFRESH_EVERY)
