"""The run frequency policy per village: when the village run calls, and how many days of parcels it carries.

- daily: every day, one day's parcels.
- alternate (隔日): on days whose ordinal has the village's parity; two days' parcels (with real parcels: also
  any day a parcel has already waited two days).
- on demand (按需): once the oldest parcel has waited `wait_days` days; with forecasts, every `wait_days` days
  (phase set by parity), carrying that many days' parcels.
Villages without a policy row are served daily.
"""

from __future__ import annotations

import datetime as dt

from jincun.routing.choices import Frequency


def _freq(policy) -> tuple[str, int, int]:
    if policy is None:
        return Frequency.DAILY, 1, 0
    return policy.frequency, max(policy.wait_days, 1), policy.parity


def is_due(policy, day: dt.date, oldest_wait_days: int | None = None) -> bool:
    """Does the run call at this village on `day`? `oldest_wait_days` is None when volumes are forecasts."""
    freq, wait, parity = _freq(policy)
    if freq == Frequency.DAILY:
        return True
    if freq == Frequency.ALTERNATE:
        on_parity = (day.toordinal() + parity) % 2 == 0
        return on_parity or (oldest_wait_days is not None and oldest_wait_days >= 2)
    if oldest_wait_days is not None:
        return oldest_wait_days >= wait
    return (day.toordinal() + parity) % wait == 0


def days_carried(policy) -> int:
    """With forecasts: how many days' parcels a call carries."""
    freq, wait, _ = _freq(policy)
    return {Frequency.DAILY: 1, Frequency.ALTERNATE: 2}.get(freq, wait)
