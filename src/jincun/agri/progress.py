"""Where a project stands on a day: pieces year-to-date (scanned + reported, never counted twice) against
the target in force, the same period last year, per town, village and brand, and the projected year-end."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Sum
from django.db.models.functions import Greatest

from jincun.agri.choices import Standing
from jincun.agri.models import Project, ProjectDay
from jincun.agri.services import target_on

COUNTED = Greatest("scanned", "reported")
# ASSUMPTION (the simulator's too, docs/simulation.md): 80% of a project's pieces ship in its season months.
IN_SEASON_SHARE = 0.8
MIN_SHARE_TO_PROJECT = 0.05


def same_day_last_year(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=min(day.day, calendar.monthrange(day.year - 1, day.month)[1]))


def pieces(project: Project, start: dt.date, end: dt.date, *, towns=None) -> int:
    qs = ProjectDay.objects.filter(project=project, day__gte=start, day__lte=end)
    if towns:
        qs = qs.filter(town_code__in=towns)
    return qs.aggregate(n=Sum(COUNTED))["n"] or 0


def season_share(project: Project, day: dt.date) -> float:
    """Share of a year's pieces shipped by `day` on the season curve (in-season days carry 80%)."""
    year = day.year
    days = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366 if calendar.isleap(year) else 365)]
    months = set(project.season_months)
    in_season = sum(d.month in months for d in days)
    off = len(days) - in_season
    weight_in = IN_SEASON_SHARE / in_season if in_season else 0
    weight_off = (1 - IN_SEASON_SHARE) / off if in_season else 1 / len(days)
    return sum(weight_in if d.month in months else weight_off for d in days if d <= day)


@dataclass
class Progress:
    project: Project
    day: dt.date
    target: int
    ytd: int
    scanned: int
    reported_extra: int
    last_year_same_period: int
    last_year_total: int
    expected_share: float
    projected: int | None
    standing: str
    by_town: list[tuple[str, int]] = field(default_factory=list)
    by_village: list[tuple[str, int]] = field(default_factory=list)
    by_brand: list[tuple[int, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.ytd / self.target if self.target else 0.0

    @property
    def standing_label(self) -> str:
        return str(Standing(self.standing).label)

    @property
    def scaled_target(self) -> int:
        """The target at the installation's volume scale (the demo records a fraction of a county)."""
        return round(self.target * self.project.volume_scale)


def _grouped(qs, key: str) -> list[tuple]:
    rows = qs.values(key).annotate(n=Sum(COUNTED)).order_by("-n", key)
    return [(r[key], r["n"]) for r in rows]


def project_progress(project: Project, day: dt.date, *, towns=None, detail: bool = True) -> Progress:
    start = dt.date(day.year, 1, 1)
    qs = ProjectDay.objects.filter(project=project, day__gte=start, day__lte=day)
    if towns:
        qs = qs.filter(town_code__in=towns)
    sums = qs.aggregate(n=Sum(COUNTED), s=Sum("scanned"))
    ytd, scanned = sums["n"] or 0, sums["s"] or 0
    last = same_day_last_year(day)
    last_start = dt.date(day.year - 1, 1, 1)
    last_same = pieces(project, last_start, last, towns=towns)
    last_total = pieces(project, last_start, dt.date(day.year - 1, 12, 31), towns=towns)
    # Last year's own curve when it has one, else the season curve.
    share = last_same / last_total if last_total else season_share(project, day)
    target = target_on(project, day)
    scaled = round(target * project.volume_scale)
    projected = round(ytd / share) if share >= MIN_SHARE_TO_PROJECT else None
    if ytd >= scaled:
        standing = Standing.MET
    elif projected is None:
        standing = Standing.NOT_STARTED
    else:
        standing = Standing.ON_TRACK if projected >= scaled else Standing.BEHIND
    result = Progress(
        project, day, target, ytd, scanned, ytd - scanned, last_same, last_total, share, projected, standing
    )
    if detail:
        result.by_town = _grouped(qs, "town_code")
        result.by_village = _grouped(qs, "village_code")
        result.by_brand = _grouped(qs, "brand_id")
    return result
