"""The coverage page's figures for one date: the series against the targets and the tables per town, brand
and mode, plus the unserved villages — one `CoverageData` load for all of them. The exports use the same
tables, so what is downloaded is what is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jincun.network.coverage import CoverageData, CoverageReport
from jincun.network.models import AdminArea, CoverageTarget

SERIES_POINTS = 36


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]
    keys: list[str] = field(default_factory=list)
    share_column: int | None = None  # index of the 0–1 share column, shown as a percentage

    @property
    def keyed_rows(self) -> list[tuple]:
        return [(k, *row) for k, row in zip(self.keys, self.rows, strict=True)]


def series(data: CoverageData, targets: list[CoverageTarget], day: dt.date) -> list[tuple[dt.date, float]]:
    """(date, share) from a little before the first agreement to after the last target (or `day`)."""
    starts = [a.valid_from for a in data.agreements] + [t.due - dt.timedelta(days=365) for t in targets]
    start = min(starts, default=day - dt.timedelta(days=365)) - dt.timedelta(days=30)
    end = max([day] + [t.due + dt.timedelta(days=90) for t in targets])
    span = max((end - start).days, 1)
    days = {start + dt.timedelta(days=round(i * span / (SERIES_POINTS - 1))) for i in range(SERIES_POINTS)}
    days |= {t.due for t in targets} | {day}
    return [(d, data.share(d)) for d in sorted(days)]


def _table(key: str, title: str, first: str, report: CoverageReport) -> Table:
    return Table(
        key,
        title,
        [first, _("已通快递建制村"), _("建制村总数"), _("覆盖率")],
        [[r.name, r.villages_served, r.villages_total, round(r.share, 4)] for r in report.rows],
        [r.key for r in report.rows],
        share_column=3,
    )


def tables(data: CoverageData, day: dt.date, brand_code: str | None = None) -> dict[str, Table]:
    """Per town, per brand (only `brand_code` when given: a brand sees its own row), per mode, unserved."""
    by_brand = data.report(day, "brand")
    if brand_code is not None:
        by_brand.rows = [r for r in by_brand.rows if r.key == brand_code]
    unserved = data.report(day).unserved
    return {
        "town": _table("town", _("分镇覆盖"), _("镇"), data.report(day, "town")),
        "brand": _table("brand", _("分品牌覆盖"), _("品牌"), by_brand),
        "mode": _table("mode", _("分合作模式覆盖"), _("合作模式"), data.report(day, "mode")),
        "unserved": Table(
            "unserved",
            _("未通快递建制村"),
            [_("统计用区划代码"), _("村"), _("镇")],
            [[u["code"], u["name"], u["town"]] for u in unserved],
            [u["code"] for u in unserved],
        ),
    }


def county_targets(county: AdminArea) -> list[CoverageTarget]:
    return list(CoverageTarget.objects.filter(county=county).order_by("due"))
