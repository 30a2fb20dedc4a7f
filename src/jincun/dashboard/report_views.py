"""Reports page: ask for a monthly or yearly report (made by a background job), watch its progress, download it."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.core.permissions import role_required
from jincun.dashboard.models import Report, ReportStatus
from jincun.dashboard.reports.make import request_report
from jincun.dashboard.tasks import enqueue_report

ROLES = ("regulator", "hub_operator")


@role_required(*ROLES)
def report_list(request):
    if request.method == "POST":
        period = (request.POST.get("month") or request.POST.get("year") or "").strip()
        try:
            report = request_report(period, request.POST.get("fmt", "pdf"), request.user)
        except ValueError:
            messages.error(request, _("请填写月份（YYYY-MM）或年份（YYYY），格式选 PDF 或 XLSX。"))
        else:
            enqueue_report(report)
            messages.success(request, _("已排队生成 %(number)s。") % {"number": report.number})
        return redirect("dashboard:reports")
    reports = Report.objects.all()[:50]
    busy = any(r.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) for r in reports)
    today = timezone.localdate()
    return render(request, "dashboard/reports.html",
                  {"reports": reports, "busy": busy, "month": f"{today:%Y-%m}", "year": today.year})  # fmt: skip


@role_required(*ROLES)
def report_download(request, number):
    report = get_object_or_404(Report, number=number, status=ReportStatus.DONE)
    path = Path(report.file)
    if not path.exists():
        raise Http404("report file is gone")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
