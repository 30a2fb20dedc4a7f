"""Settlement months: their bounds in UTC (a month is Asia/Shanghai's), opening and closing."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jincun.settlement.choices import PeriodState, RunState, StatementState
from jincun.settlement.models import Period, RatingRun

SHANGHAI = ZoneInfo("Asia/Shanghai")


def parse_month(text: str) -> dt.date:
    """'2026-10' → 2026-10-01; refuses anything else with a reason."""
    try:
        year, month = (int(x) for x in text.strip().split("-"))
        return dt.date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"月份格式应为 YYYY-MM：{text!r}") from exc


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def prev_month(month: dt.date) -> dt.date:
    return dt.date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight of `day` in Asia/Shanghai, as a UTC instant."""
    return dt.datetime.combine(day, dt.time(), SHANGHAI).astimezone(dt.UTC)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return day_start(month), day_start(next_month(month))


def month_of(instant: dt.datetime) -> dt.date:
    local = instant.astimezone(SHANGHAI)
    return dt.date(local.year, local.month, 1)


def open_period(month: dt.date) -> Period:
    """The period for `month`, created open; refuses a closed one (closed periods are never rewritten)."""
    period, _ = Period.objects.get_or_create(month=month.replace(day=1))
    if not period.is_open:
        raise ValidationError(f"{month:%Y-%m} 已关账，不能再计费或生成对账单；迟到事件会计入下一个开放月份")
    return period


@transaction.atomic
def close_period(month: dt.date) -> Period:
    """Close a month: its lines are final; events rated later land in the next open month.

    Refused while a rating run of the month is running or before its statements are drafted."""
    period = Period.objects.select_for_update().get(month=month)
    if not period.is_open:
        return period
    if RatingRun.objects.filter(month=month, state__in=(RunState.QUEUED, RunState.RUNNING)).exists():
        raise ValidationError("该月计费仍在进行，不能关账")
    if period.lines.exists() and not period.statements.exists():
        raise ValidationError("请先生成对账单再关账")
    period.state, period.closed_at = PeriodState.CLOSED, timezone.now()
    period.save(update_fields=["state", "closed_at"])
    period.statements.filter(state=StatementState.DRAFT).update(review_until=None)
    return period


def late_months(month: dt.date, lookback: int = 12) -> list[dt.date]:
    """Closed months right before `month` (no open month between): their late events land in `month`."""
    closed = set(Period.objects.filter(state=PeriodState.CLOSED).values_list("month", flat=True))
    found, m = [], prev_month(month)
    while m in closed and len(found) < lookback:
        found.append(m)
        m = prev_month(m)
    return found
