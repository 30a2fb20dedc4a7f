"""The clock-skew rule: how far from the moment we receive it an event may be dated. One function, used by
every scan path (`services.scans`), so the API, the pages, the CLI and the simulator agree.

- **Ahead**: a scanner's clock may run up to `SKEW_AHEAD` (5 minutes) fast. Such an event is read as happening
  when we received it: its time is clamped to now. A parcel's `state_at` therefore never lies in the future,
  so a clock running fast cannot make the next real scan "late" and leave the state behind its shelf code.
  Anything further ahead is refused (`future_time`).
- **Behind**: nothing before `EARLIEST` (2000-01-01 UTC) is a real scan (a reset clock reads 1900 or year 1):
  refused (`too_old`). Events that devices and brands report through the API may also be at most `MAX_AGE`
  (30 days: a station offline for a month) old; services replaying the past on purpose (the simulator, tests)
  pass no `max_age`.
- A time that cannot be expressed in UTC (year 1 at +14:00) is refused (`bad_time`), never a 500.
"""

from __future__ import annotations

import datetime as dt

SKEW_AHEAD = dt.timedelta(minutes=5)
MAX_AGE = dt.timedelta(days=30)
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
MESSAGES = {
    "future_time": "事件时间晚于当前时间超过 5 分钟，请校准设备时钟",
    "too_old": "事件时间过早（早于 2000 年或超过 30 天前），请校准设备时钟",
    "bad_time": "时间格式不正确",
}


def check(
    at: dt.datetime, now: dt.datetime, *, max_age: dt.timedelta | None = None
) -> tuple[dt.datetime | None, str]:
    """(the time to record, '') when `at` passes the rule, else (None, reason code; see `MESSAGES`)."""
    try:
        moment = at.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None, "bad_time"
    if moment > now + SKEW_AHEAD:
        return None, "future_time"
    if moment < EARLIEST or (max_age is not None and moment < now - max_age):
        return None, "too_old"
    return min(moment, now), ""


def in_range(at: dt.datetime) -> dt.datetime:
    """Schema bound (pydantic validator): a time both databases can store and compare, with its zone."""
    if at.tzinfo is None:
        return at  # read as Asia/Shanghai by the scan service
    try:
        moment = at.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise ValueError("time is out of range") from None
    if not EARLIEST <= moment < LATEST:
        raise ValueError("time must be between 2000 and 2100") from None
    return at
