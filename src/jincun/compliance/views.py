"""Compliance pages for the regulator and the operator: who meets the station standard and why not,
inspections on a phone, flags. Thin: reads in `queries`, writes in `services`."""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jincun.compliance import queries
from jincun.compliance.checklist import checklist_for
from jincun.compliance.models import Inspection, InspectionPhoto
from jincun.compliance.services.inspections import InspectionRefused, record_fix, record_inspection
from jincun.compliance.services.standing import standing_of
from jincun.core.permissions import role_required
from jincun.network.models import Station

STAFF = ("regulator", "hub_operator", "town_operator")
INSPECTORS = STAFF


def _scope(request, qs):
    """A town operator sees the stations of their town node; the regulator, the hub and admins all."""
    user = request.user
    node = getattr(getattr(user, "assignment", None), "town_node_id", None)
    if user.role == "town_operator" and not user.is_superuser:
        return qs.filter(town_node_id=node) if node else qs.none()
    return qs


@role_required(*STAFF)
def overview(request):
    rows = queries.station_standings(_scope(request, Station.objects.all()))
    show = request.GET.get("show", "short")
    shown = [r for r in rows if r.standing != "met"] if show == "short" else rows
    context = {
        "rows": shown,
        "show": show,
        "total": len(rows),
        "met": sum(1 for r in rows if r.meets),
        "counts": queries.dashboard_counts(),
        "flags": queries.open_flags()[:50],
        "overdue_fixes": queries.overdue_fixes()[:50],
        "complaints": queries.open_complaints()[:50],
        "fee_cases": queries.open_fee_cases()[:50],
        "consent_gaps": queries.consent_gaps().count(),
        "today": timezone.localdate(),
    }
    return render(request, "compliance/overview.html", context)


@role_required(*STAFF)
def station(request, code):
    station = get_object_or_404(_scope(request, Station.objects.select_related("village__parent")), code=code)
    context = {
        "station": station,
        "standing": standing_of(station),
        "inspections": station.inspections.prefetch_related("items", "photos").select_related("inspector")[
            :20
        ],
        "flags": station.flags.all()[:20],
    }
    return render(request, "compliance/station.html", context)


@role_required(*INSPECTORS)
def inspect(request, code):
    """The inspection form, made for a phone: one tap per checklist item, photos from the camera."""
    station = get_object_or_404(_scope(request, Station.objects.all()), code=code)
    items = checklist_for(station.kind)
    error = ""
    if request.method == "POST":
        passed = {i.code for i in items if request.POST.get(f"item_{i.code}") == "pass"}
        notes = {i.code: request.POST.get(f"note_{i.code}", "") for i in items}
        try:
            fix_by = dt.date.fromisoformat(request.POST["fix_by"]) if request.POST.get("fix_by") else None
        except ValueError:
            fix_by, error = None, _("整改期限格式不正确")
        if not error:
            try:
                inspection = record_inspection(
                    station,
                    request.user,
                    passed,
                    notes=notes,
                    findings=request.POST.get("findings", ""),
                    fix_by=fix_by,
                    photos=request.FILES.getlist("photos"),
                )
                return redirect("compliance:inspection", pk=inspection.pk)
            except InspectionRefused as refusal:
                error = str(refusal)
    context = {"station": station, "items": items, "error": error, "post": request.POST}
    return render(request, "compliance/inspect.html", context, status=400 if error else 200)


@role_required(*STAFF)
def inspection(request, pk):
    inspection = get_object_or_404(
        Inspection.objects.select_related("station", "inspector").prefetch_related("items", "photos"), pk=pk
    )
    if not _scope(request, Station.objects.filter(pk=inspection.station_id)).exists():
        raise Http404
    return render(request, "compliance/inspection.html", {"inspection": inspection, "error": ""})


@require_POST
@role_required("hub_operator", "town_operator")
def inspection_fixed(request, pk):
    inspection = get_object_or_404(Inspection, pk=pk)
    if not _scope(request, Station.objects.filter(pk=inspection.station_id)).exists():
        raise Http404
    try:
        record_fix(inspection, request.POST.get("note", ""))
    except InspectionRefused as refusal:
        context = {"inspection": inspection, "error": str(refusal)}
        return render(request, "compliance/inspection.html", context, status=400)
    return redirect("compliance:inspection", pk=pk)


@role_required(*STAFF)
def photo(request, pk):
    photo = get_object_or_404(InspectionPhoto.objects.select_related("inspection"), pk=pk)
    if not _scope(request, Station.objects.filter(pk=photo.inspection.station_id)).exists():
        raise Http404
    return FileResponse(photo.image.open("rb"))


@role_required(*STAFF)
def consent_gaps(request):
    gaps = queries.consent_gaps()
    return render(request, "compliance/consent_gaps.html", {"gaps": gaps[:200], "total": gaps.count()})


@role_required("regulator")
def export(request, name, fmt):
    """A regulator export as CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX."""
    from django.http import HttpResponse

    from jincun.compliance.exports import EXPORTS

    if name not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    title, build = EXPORTS[name]
    data = build()
    data.title = _(title)[:31]
    if fmt == "csv":
        body = "\ufeff" + data.export("csv")
        response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(data.export("xlsx"), content_type=mime)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response
