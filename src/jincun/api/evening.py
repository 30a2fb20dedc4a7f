"""The evening chain: the day's closing jobs in order, each once per day (`jincun.core.jobs.once`).

partitions (scan events, PostgreSQL) → aggregates (fold the day's events) → retention (reminders, overdue,
personal data purge, SMS) → webhooks (retry what is due) → routing (plan tomorrow). Each step runs under the
key `evening:<day>:<step>`: a second run of the chain for the same day — another worker, a retry, a manual
`jincun evening` — does nothing new; a step that failed runs again on the next try, the finished ones not.
It lives here because it reaches webhooks (api) as well as the domain apps below."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jincun.api import webhooks
from jincun.core.jobs import once
from jincun.parcels.aggregates import refresh_aggregates
from jincun.parcels.partitions import ensure_partitions
from jincun.parcels.services import run_retention, send_queued
from jincun.parcels.services.purge import purge_personal_data


def _aggregates() -> dict:
    run = refresh_aggregates()
    return {"events": run.events, "rows": run.rows}


def _retention() -> dict:
    report = run_retention()
    purge = purge_personal_data(trigger="evening")
    return {"reminded": report.reminded, "overdue": report.overdue, "purged": purge.parcels if purge else 0,
            "sms": send_queued()}  # fmt: skip


def _routing(day: dt.date, time_limit: float) -> dict:
    from jincun.routing.tasks import plan_for

    return plan_for(day + dt.timedelta(days=1), time_limit=time_limit)


def run_evening(day: dt.date | None = None, *, time_limit: float = 30.0) -> dict[str, dict]:
    """Run the evening of local `day` (default today); returns step → {"ran": bool, "summary": …}."""
    day = day or timezone.localdate()
    steps = [
        ("partitions", lambda: {"made": ensure_partitions()}),
        ("aggregates", _aggregates),
        ("retention", _retention),
        ("webhooks", lambda: {"attempted": webhooks.retry_due()}),
        ("routing", lambda: _routing(day, time_limit)),
    ]
    report = {}
    for name, step in steps:
        ran, summary = once(evening_key(day, name), step)
        report[name] = {"ran": ran, "summary": summary}
    return report


def evening_key(day: dt.date, step: str) -> str:
    return f"evening:{day.isoformat()}:{step}"
