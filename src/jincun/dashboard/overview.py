"""The leadership group's figures for a date range and towns: one dict that the page, the big screen, the
JSON endpoint, the downloads and the reports all read, so they never disagree. Every figure comes from the
daily aggregates (refreshed first), the projects' day table and the coverage model; no personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jincun.agri.models import Project
from jincun.agri.progress import project_progress
from jincun.compliance.queries import complaint_figures
from jincun.dashboard.cache import remembered
from jincun.dashboard.coverage_tables import Table
from jincun.network.choices import Mode
from jincun.network.coverage import CoverageData, target_standings
from jincun.network.models import AdminArea, Station
from jincun.parcels import aggregate_queries as aq
from jincun.parcels.aggregates import refresh_aggregates
from jincun.parcels.models import Problem

DEFAULT_DAYS = 30


@dataclass
class Filters:
    start: dt.date
    end: dt.date
    towns: list[str]

    @classmethod
    def parse(cls, params, county: AdminArea) -> Filters:
        def day(key):
            try:
                return dt.date.fromisoformat(params.get(key) or "")
            except ValueError:
                return None

        end = day("end") or aq.last_day() or timezone.localdate()
        start = day("start") or end - dt.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            start, end = end, start
        start = max(start, end - dt.timedelta(days=800))  # a bounded range keeps every answer fast
        prefix = county.code[:6]
        towns = [t for t in params.getlist("town") if t.startswith(prefix) and t.isdigit()] if params else []
        return cls(start, end, towns)

    def query(self) -> str:
        parts = [f"start={self.start}", f"end={self.end}"] + [f"town={t}" for t in self.towns]
        return "&".join(parts)


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def build(county: AdminArea, f: Filters) -> dict:
    refresh_aggregates()
    towns = {t.code: t.name for t in AdminArea.objects.filter(level="town", code__startswith=county.code[:6])}
    series = aq.daily_series(f.start, f.end, f.towns)
    totals = aq.totals(f.start, f.end, f.towns)
    coverage_figures = remembered(
        f"coverage:{county.code}:{f.end}:{get_language()}", lambda: _coverage(county, f.end)
    )
    projects = [
        project_progress(p, f.end, towns=f.towns, detail=False)
        for p in Project.objects.filter(county=county).prefetch_related("targets")
        if p.valid_in(f.end.year)
    ]
    timeliness = aq.timeliness(f.start, f.end, f.towns)
    modes = aq.mode_shares(f.start, f.end, f.towns)
    stations = [
        s for s in Station.objects.filter(village__code__startswith=county.code[:6]) if s.in_service_on(f.end)
    ]
    if f.towns:
        stations = [s for s in stations if s.village_id[:9] + "000" in f.towns]
    problems = Problem.objects.filter(resolved_at__isnull=True)
    if f.towns:
        problems = problems.filter(parcel__village__parent_id__in=f.towns)
    mode_labels = {m.value: str(m.label) for m in Mode}
    mode_total = sum(modes.values())
    scale = projects[0].project.volume_scale if projects else 1.0
    complaints = complaint_figures(f.start, f.end, f.towns, county.code[:6])
    return {
        "county": {"code": county.code, "name": county.name},
        "filters": {"start": f.start.isoformat(), "end": f.end.isoformat(), "towns": f.towns},
        "generated_at": timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
        "scale": scale,
        "towns": towns,
        "coverage": coverage_figures,
        "totals": totals,
        "series": [
            {
                "day": r["day"].isoformat(),
                "inbound": r["in_hub"],
                "outbound": r["out_collected"],
                "signed": r["in_signed"],
            }
            for r in series
        ],  # fmt: skip
        "projects": [
            {
                "code": p.project.code,
                "name": p.project.name,
                "level": p.project.get_level_display(),
                "target": p.target,
                "scaled_target": p.scaled_target,
                "ytd": p.ytd,
                "scanned": p.scanned,
                "reported": p.reported_extra,
                "share": round(p.ytd / p.scaled_target, 4) if p.scaled_target else 0,
                "last_year": p.last_year_same_period,
                "projected": p.projected,
                "standing": p.standing,
                "standing_label": p.standing_label,
            }
            for p in projects
        ],  # fmt: skip
        "timeliness": [
            {"town": code, "name": towns.get(code, _("全县")) if code else _("全县"), **v}
            for code, v in sorted(timeliness.items())
        ],
        "modes": [
            {"mode": m, "name": mode_labels.get(m, m), "parcels": n, "share": _share(n, mode_total)}
            for m, n in sorted(modes.items(), key=lambda kv: -kv[1])
        ],
        "stations": {"total": len(stations), "meeting": sum(s.meets_standard for s in stations)},
        "problems_open": problems.count(),
        "complaints": {
            **{k: complaints[k] for k in ("open_complaints", "overdue_complaints", "open_cases", "daily")},
            "towns": [
                {"town": code, "name": towns.get(code) or _("未定位"), **v}
                for code, v in sorted(complaints["towns"].items(), key=lambda kv: (kv[0] == "", kv[0]))
            ],
        },
    }


def _coverage(county: AdminArea, day: dt.date) -> dict:
    """Coverage on `day` against the policy targets (the slow part of the overview: the whole network is
    loaded; cached per network version, `dashboard.cache`)."""
    coverage = CoverageData(county.code)
    report = coverage.report(day)
    return {
        "share": round(report.share, 4),
        "served": report.villages_served,
        "total": report.villages_total,
        "targets": [
            {
                "name": s.target.name,
                "due": s.target.due.isoformat(),
                "share": float(s.target.share),
                "standing": s.standing,
                "label": str(s.standing_label),
            }
            for s in target_standings(day, county.code, data=coverage)
        ],
    }


def tables(data: dict) -> dict[str, Table]:
    """Each chart's numbers as a downloadable table (the page's CSV/XLSX links)."""
    return {
        "daily": Table("daily", _("每日件量"), [_("日期"), _("下行到县"), _("上行揽收"), _("下行签收")],
                       [[r["day"], r["inbound"], r["outbound"], r["signed"]] for r in data["series"]]),
        "projects": Table("projects", _("农产品项目进度"),
                          [_("项目"), _("级别"), _("年目标"), _("本规模目标"), _("年累计"), _("其中站点揽收"),
                           _("其中品牌报送"), _("去年同期"), _("预计全年"), _("状态"), _("完成率")],
                          [[p["name"], p["level"], p["target"], p["scaled_target"], p["ytd"], p["scanned"],
                            p["reported"], p["last_year"], p["projected"] or "", p["standing_label"], p["share"]]
                           for p in data["projects"]], share_column=10),
        "timeliness": Table("timeliness", _("时效（到县→签收，小时）"), [_("镇"), _("中位数"), _("90分位"), _("件数")],
                            [[t["name"], t["median"], t["p90"], t["n"]] for t in data["timeliness"]]),
        "modes": Table("modes", _("合作模式占比（签收件）"), [_("合作模式"), _("件数"), _("占比")],
                       [[m["name"], m["parcels"], m["share"]] for m in data["modes"]], share_column=2),
        "complaints": Table("complaints", _("投诉与收费举报（按镇）"),
                            [_("镇"), _("未结投诉"), _("其中逾期未答复"), _("未结收费举报"), _("期间受理投诉"),
                             _("期间收费举报")],
                            [[t["name"], t["open_complaints"], t["overdue_complaints"], t["open_cases"],
                              t["received_complaints"], t["received_cases"]] for t in data["complaints"]["towns"]]),
        "complaint_trend": Table("complaint_trend", _("每日受理投诉与收费举报"), [_("日期"), _("投诉"), _("收费举报")],
                                 [[r["day"], r["complaints"], r["cases"]] for r in data["complaints"]["daily"]]),
    }  # fmt: skip
