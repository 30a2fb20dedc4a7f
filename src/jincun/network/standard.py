"""The village station standard (村级快递服务站点的标准) — defined once, in Python and in SQL.

Seed §二(一)3: 快件有专人负责收派、场所有安全监控视频接入; plus the 备案 filing (《快递暂行条例》第十九条).
A station meets the standard when it meets every criterion below. `Station.meets_standard`, the station list
filter and counts (`queries.stations`, `page_queries.station_counts`), the API's `meets_standard` and the station
page's checklist all come from here; a compliance checklist builds on `CRITERIA` rather than restating it.

Each criterion has a Python test (for one loaded station) and a `Q` (for a queryset); `tests/test_standard.py`
checks that the two agree on every combination, blanks and whitespace included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

BLANK = r"^\s*$"  # empty or only whitespace: a keeper called " " is no keeper


def _filled(field: str) -> Q:
    return ~Q(**{f"{field}__regex": BLANK})


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    met: Callable[[object], bool]
    q: Callable[[], Q]


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "named_keeper",
        _("专人负责收派"),
        lambda s: bool(s.keeper_name.strip() and s.keeper_phone.strip()),
        lambda: _filled("keeper_name") & _filled("keeper_phone"),
    ),
    Criterion(
        "video",
        _("视频监控接入"),
        lambda s: s.cameras > 0 and bool(s.video_platform.strip()),
        lambda: Q(cameras__gt=0) & _filled("video_platform"),
    ),
    Criterion(
        "filed",
        _("已备案"),
        lambda s: bool(s.filing_number.strip()),
        lambda: _filled("filing_number"),
    ),
)
BY_CODE = {c.code: c for c in CRITERIA}


def meets(station) -> bool:
    """Whether one station meets every criterion."""
    return all(c.met(station) for c in CRITERIA)


def checklist(station) -> list[tuple[str, bool]]:
    """(label, met) per criterion, in order: what the station page shows."""
    return [(c.label, c.met(station)) for c in CRITERIA]


def q() -> Q:
    """The standard as a filter on `Station` querysets (and on related lookups via `Station` fields)."""
    condition = Q()
    for criterion in CRITERIA:
        condition &= criterion.q()
    return condition
