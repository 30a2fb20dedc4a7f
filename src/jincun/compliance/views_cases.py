"""Complaints, no-fee cases, waybill-stub destruction and the unmask log.

The complaint page and its status page, and the fee report from the villager lookup, need no login;
like the lookup they answer a wrong reference and a wrong phone tail alike, and are rate-limited."""

from __future__ import annotations

import re

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jincun.compliance import queries
from jincun.compliance.choices import ComplaintChannel
from jincun.compliance.forms import AssignForm, ComplaintForm, StubForm
from jincun.compliance.models import Complaint, NoFeeCase, StubDestruction
from jincun.compliance.services import cases, complaints, stubs
from jincun.core.models import UnmaskLog
from jincun.core.permissions import role_required
from jincun.core.policy import Policy
from jincun.core.ratelimit import over_limit
from jincun.network.models import Brand, Station

STAFF = ("regulator", "hub_operator", "town_operator")
HANDLERS = ("hub_operator", "town_operator")


def _receive(request, channel, form):
    data = form.cleaned_data
    return complaints.receive_complaint(
        channel=channel,
        category=data["category"],
        text=data["text"],
        contact_phone=data["contact_phone"],
        contact_name=data["contact_name"],
        waybill=data["waybill"],
        by=request.user if request.user.is_authenticated else None,
    )


@never_cache
def complain(request):
    """The public complaint page: a reference number to keep, the deadline for the answer."""
    form, created, error = ComplaintForm(request.POST or None), None, ""
    if request.method == "POST":
        if over_limit(request, "complain", 5, 600):
            error = _("提交太频繁，请稍后再试")
        elif form.is_valid():
            try:
                created = _receive(request, ComplaintChannel.WEB, form)
                form = ComplaintForm()
            except complaints.ComplaintRefused as refusal:
                error = str(refusal)
    return render(request, "compliance/complain.html", {"form": form, "created": created, "error": error})


@never_cache
def complaint_status(request):
    found, asked, error = None, False, ""
    if request.method == "POST":
        asked = True
        if over_limit(request, "complaint_status", 10, 600):
            error = _("查询太频繁，请十分钟后再试")
        else:
            tail = re.sub(r"\D", "", request.POST.get("phone_tail", ""))[:4]
            found = complaints.status_for_complainant(request.POST.get("reference", "")[:24], tail)
    return render(
        request, "compliance/complaint_status.html", {"found": found, "asked": asked, "error": error}
    )


@role_required(*STAFF)
def complaint_list(request):
    """Open complaints by deadline (overdue ones first, escalated), and a phone entry form for staff."""
    form, error = ComplaintForm(request.POST or None), ""
    if request.method == "POST" and request.user.role != "regulator" and form.is_valid():
        try:
            created = _receive(request, ComplaintChannel.PHONE, form)
            return redirect("compliance:complaint", reference=created.reference)
        except complaints.ComplaintRefused as refusal:
            error = str(refusal)
    policy = Policy.of(request.user)
    rows = Complaint.objects.select_related("brand", "station").order_by("status", "due_on")[:200]
    if request.user.role == "town_operator":
        rows = (
            policy.complaints(Complaint.objects.all()).select_related("brand", "station").order_by("due_on")
        )
    context = {"rows": rows, "form": form, "error": error, "today": timezone.localdate()}
    return render(request, "compliance/complaints.html", context)


@role_required(*STAFF)
def complaint(request, reference):
    complaint = get_object_or_404(Complaint.objects.select_related("brand", "station"), reference=reference)
    error = ""
    if request.method == "POST" and (request.user.is_superuser or request.user.role in (*HANDLERS, "admin")):
        try:
            if request.POST.get("action") == "assign":
                form = AssignForm(request.POST)
                if form.is_valid():
                    brand = Brand.objects.filter(code=form.cleaned_data["brand"]).first()
                    station = Station.objects.filter(code=form.cleaned_data["station"]).first()
                    complaints.assign_complaint(
                        complaint, form.cleaned_data["responsible"], brand=brand, station=station
                    )
            elif request.POST.get("action") == "reply":
                complaints.reply_complaint(complaint, request.POST.get("reply", ""))
            return redirect("compliance:complaint", reference=reference)
        except complaints.ComplaintRefused as refusal:
            error = str(refusal)
    context = {
        "c": complaint,
        "error": error,
        "assign": AssignForm(),
        "days_left": complaints.days_left(complaint),
        "phone": Policy.of(request.user).phone(complaint.contact_phone),
        "subject": f"compliance.complaint:{complaint.pk}",
        "name": Policy.of(request.user).name(complaint.contact_name),
    }
    return render(request, "compliance/complaint.html", context)


@require_POST
@never_cache
def report_fee(request):
    """From the villager lookup page: phone tail + pickup code + the amount charged."""
    if over_limit(request, "fee", 5, 600):
        return render(
            request, "compliance/fee_reported.html", {"error": _("提交太频繁，请稍后再试")}, status=429
        )
    tail = re.sub(r"\D", "", request.POST.get("phone_tail", ""))[:4]
    code = request.POST.get("code", "").strip()[:40]
    try:
        yuan = float(request.POST.get("amount", "0") or 0)
        case = cases.report_fee(tail, code, round(yuan * 100), request.POST.get("note", ""))
    except (ValueError, cases.CaseRefused) as refusal:
        message = str(refusal) if isinstance(refusal, cases.CaseRefused) else _("金额不正确")
        return render(request, "compliance/fee_reported.html", {"error": message}, status=400)
    return render(request, "compliance/fee_reported.html", {"case": case})


@role_required(*STAFF)
def fee_cases(request):
    rows = NoFeeCase.objects.select_related("station", "settled_by").order_by("status", "due_on")[:200]
    return render(request, "compliance/fee_cases.html", {"rows": rows, "today": timezone.localdate()})


@require_POST
@role_required(*HANDLERS)
def settle_fee_case(request, reference):
    case = get_object_or_404(NoFeeCase, reference=reference)
    try:
        refund = round(float(request.POST.get("refund", "0") or 0) * 100)
        cases.settle_case(
            case,
            request.user,
            refund_fen=refund,
            founded=request.POST.get("founded") == "yes",
            note=request.POST.get("note", ""),
        )
    except (ValueError, cases.CaseRefused) as refusal:
        rows = NoFeeCase.objects.select_related("station").order_by("status", "due_on")[:200]
        context = {"rows": rows, "error": str(refusal), "today": timezone.localdate()}
        return render(request, "compliance/fee_cases.html", context, status=400)
    return redirect("compliance:fee_cases")


@role_required(*STAFF)
def stub_log(request):
    form, error = StubForm(request.POST or None), ""
    if request.method == "POST" and request.user.role != "regulator" and form.is_valid():
        data = form.cleaned_data
        try:
            stubs.record_destruction(
                request.user,
                place=data["place"],
                batch=data["batch"],
                count=data["count"],
                method=data["method"],
                witness=data["witness"],
                on=data["destroyed_on"],
            )
            return redirect("compliance:stubs")
        except stubs.StubRefused as refusal:
            error = str(refusal)
    rows = StubDestruction.objects.select_related("destroyed_by")[:200]
    return render(request, "compliance/stubs.html", {"form": form, "rows": rows, "error": error})


@role_required("regulator")
def unmask_log(request):
    rows = UnmaskLog.objects.select_related("user")[:500]
    return render(request, "compliance/unmask_log.html", {"rows": rows})


__all__ = ["queries"]
