"""Leadership pages: the network map and coverage against the policy targets, with exports. Thin: the
figures come from `map_data` and `coverage_tables`, which read through `jincun.network.coverage`."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jincun.compliance.queries import dashboard_counts as compliance_counts
from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.dashboard import exports
from jincun.dashboard.coverage_tables import county_targets, series, tables
from jincun.dashboard.map_data import county_outline, map_data
from jincun.network.choices import MODE_COLOURS, Mode
from jincun.network.coverage import CoverageData, target_standings
from jincun.network.page_queries import Viewer, default_county, parse_day

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
        "standings": target_standings(day, county.code),
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
