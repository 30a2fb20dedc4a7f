"""Route plans for the demo's recent days, today and tomorrow, as the evening job would have left them, so the
route plan page of a new demo shows past days too (each planned from that day's own parcels)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jincun.routing.services.plans import plan_day

RECENT_DAYS = 7
TIME_LIMIT = 2.0  # seconds per day: the demo's volume is small; the evening job takes 30


def plan_recent_days(days: int = RECENT_DAYS, *, time_limit: float = TIME_LIMIT, progress=None) -> list:
    """Plan each of the last `days` days, today and tomorrow; the plans, oldest first."""
    today = timezone.localdate()
    plans = []
    for offset in range(-days, 2):
        plans.append(plan_day(today + dt.timedelta(days=offset), time_limit=time_limit))
        if progress:
            progress(offset)
    return plans
