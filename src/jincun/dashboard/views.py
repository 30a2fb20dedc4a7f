"""Leadership pages: the network map and coverage against the policy targets, with exports. Thin: the
figures come from `map_data` and `coverage_tables`, which read through `jincun.network.coverage`."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from jincun.compliance.queries import dashboard_counts as compliance_counts
from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.dashboard import exports, overview
from jincun.dashboard.coverage_tables import county_targets, series, tables
from jincun.dashboard.map_data import county_outline, map_data
from jincun.dashboard.reports.content import project_forecasts
from jincun.network.choices import MODE_COLOURS, Mode
from jincun.network.coverage import CoverageData, target_standings
from jincun.network.page_queries import Viewer, default_county, parse_day

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURE_ROLES = (Role.REGULATOR, Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.BRAND_USER)


def _county_or_404():
    county = default_county()
    if county is None:
        raise Http404("no county loaded: run `jincun init`")
    return county


@role_required(*FIGURE_ROLES)
def network_map(request):
    county = _county_or_404()
    day = parse_day(request.GET.get("date"))
    return render(
        request,
        "dashboard/map.html",
        {"county": county, "day": day, "modes": [(m.value, m.label, MODE_COLOURS[m]) for m in Mode]},
    )


@role_required(*FIGURE_ROLES)
def map_json(request):
    county = _county_or_404()
    viewer = Viewer.of(request.user)
    day = parse_day(request.GET.get("date"))
    return JsonResponse(map_data(county, day, brand_id=viewer.brand_id if viewer.is_brand else None))


@role_required(*FIGURE_ROLES)
def outline_json(request):
    return JsonResponse(county_outline(_county_or_404()))


def _brand_code(viewer: Viewer, data: CoverageData) -> str | None:
    if not viewer.is_brand:
        return None
    return next((b.code for b in data.brands.values() if b.pk == viewer.brand_id), "")


@role_required(*FIGURE_ROLES)
def coverage(request):
    county = _county_or_404()
    viewer = Viewer.of(request.user)
    day = parse_day(request.GET.get("date"))
    data = CoverageData(county.code)
    report = data.report(day)
    targets = county_targets(county)
    points = series(data, targets, day)
    chart = {
        "series": [[d.isoformat(), round(s, 4)] for d, s in points],
        "targets": [{"name": t.name, "due": t.due.isoformat(), "share": float(t.share)} for t in targets],
        "day": day.isoformat(),
        "labels": {"share": _("建制村覆盖率"), "targets": _("政策目标"), "day": _("所选日期")},
    }
    context = {
        "county": county,
        "day": day,
        "report": report,
        "standings": target_standings(day, county.code, data=data),
        "tables": tables(data, day, _brand_code(viewer, data)),
        "chart": chart,
        "compliance": compliance_counts() if request.user.role != "brand_user" else None,
    }
    return render(request, "dashboard/coverage.html", context)


@role_required(*FIGURE_ROLES)
def coverage_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("export as csv or xlsx")
    county = _county_or_404()
    viewer = Viewer.of(request.user)
    day = parse_day(request.GET.get("date"))
    data = CoverageData(county.code)
    all_tables = tables(data, day, _brand_code(viewer, data))
    stem = f"coverage-{county.code[:6]}-{day.isoformat()}"
    if fmt == "xlsx":
        body = exports.tables_xlsx(list(all_tables.values()), f"{county.name} {day} 快递进村覆盖率")
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    table = all_tables.get(request.GET.get("table", "town"))
    if table is None:
        raise Http404("unknown table")
    response = HttpResponse(exports.table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{table.key}.csv"'
    return response


# --- the leadership overview and the big screen ----------------------------------------------------------
LEADERSHIP_ROLES = ("regulator", "hub_operator", "town_operator")


def _overview(request):
    county = _county_or_404()
    filters = overview.Filters.parse(request.GET, county)
    return county, filters, overview.build(county, filters)


@role_required(*LEADERSHIP_ROLES)
def leadership(request):
    county, filters, data = _overview(request)
    context = {
        "county": county,
        "filters": filters,
        "data": data,
        "tables": overview.tables(data),
        "town_choices": sorted(data["towns"].items()),
        "chart": {
            "series": data["series"],
            "modes": data["modes"],
            "complaints": data["complaints"]["daily"],
            "labels": {
                "inbound": _("下行到县"),
                "outbound": _("上行揽收"),
                "signed": _("下行签收"),
                "complaints": _("投诉"),
                "cases": _("收费举报"),
            },  # fmt: skip
        },
    }
    return render(request, "dashboard/leadership.html", context)


@role_required(*LEADERSHIP_ROLES)
def leadership_json(request):
    return JsonResponse(_overview(request)[2])


@role_required(*LEADERSHIP_ROLES)
def leadership_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("export as csv or xlsx")
    county, filters, data = _overview(request)
    all_tables = overview.tables(data)
    stem = f"leadership-{county.code[:6]}-{filters.start}-{filters.end}"
    if fmt == "xlsx":
        body = exports.tables_xlsx(list(all_tables.values()), f"{county.name} {filters.start}–{filters.end}")
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    table = all_tables.get(request.GET.get("table", "daily"))
    if table is None:
        raise Http404("unknown table")
    response = HttpResponse(exports.table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{table.key}.csv"'
    return response


@role_required(*LEADERSHIP_ROLES)
def big_screen(request):
    county = _county_or_404()
    words = {
        "title": _("%(county)s快递进村 · 领导小组大屏") % {"county": county.name},
        "updated": _("最后更新"),
        "coverage": _("建制村覆盖率"),
        "inbound": _("下行到县（件）"),
        "outbound": _("上行揽收（件）"),
        "signed": _("下行签收（件）"),
        "projects": _("农产品项目进度"),
        "timeliness": _("到县→签收时效（小时）"),
        "median": _("中位数"),
        "p90": _("90分位"),
        "modes": _("合作模式"),
        "stations": _("站点达标"),
        "problems": _("未结问题件"),
        "complaints_open": _("未结投诉 / 收费举报"),
        "complaints_title": _("投诉与收费举报"),
        "complaints": _("投诉"),
        "cases": _("收费举报"),
        "open_by_town": _("各镇未结（件）"),
        "received_daily": _("每日受理（件）"),
        "scale": _("演示规模：全县件量的"),
        "views": [_("总览"), _("农产品项目"), _("时效与模式"), _("投诉与举报")],
        "target": _("目标"),
        "error": _("数据刷新失败，显示的是上次的数据"),
    }
    return render(
        request,
        "dashboard/big_screen.html",
        {"county": county, "data_url": reverse("dashboard:leadership_json"), "words": words},
    )


@role_required("regulator", "hub_operator")
def forecast(request):
    """The next four weeks per project and town, the held-out error next to the baseline, and whether the
    network carries the peak week (computed on request: a few statsmodels fits, not on the overview)."""
    county = _county_or_404()
    today = parse_day(request.GET.get("date"))
    content = project_forecasts(county, today)
    return render(request, "dashboard/forecast.html", {"county": county, "today": today, **content})
