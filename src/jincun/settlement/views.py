"""Settlement pages: statements (scoped to who reads), one statement with its lines, disputes and
reconciliations, tariffs, rating runs. Thin: every write is a service call."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.imports import TableError
from jincun.core.permissions import role_required
from jincun.settlement import documents
from jincun.settlement.choices import RunState
from jincun.settlement.forms import TariffForm
from jincun.settlement.models import ChargeLine, Dispute, Period, RatingRun, Reconciliation, Tariff
from jincun.settlement.services import disputes, reconciliation, statements
from jincun.settlement.services.periods import close_period, parse_month
from jincun.settlement.services.rating import queue_rating
from jincun.settlement.services.tariffs import add_tariff_version
from jincun.settlement.tasks import enqueue_rating

ACCOUNTANT = (Role.ACCOUNTANT,)
READERS = (Role.ACCOUNTANT, Role.BRAND_USER, Role.STATION_KEEPER)


def _is_accountant(user) -> bool:
    return user.is_superuser or user.role in (Role.ADMIN, Role.ACCOUNTANT)


def _statement(request, number):
    return get_object_or_404(statements.statements_for(request.user), number=number)


@role_required(*READERS)
def statement_list(request):
    qs = statements.statements_for(request.user).order_by("-period__month", "party_kind", "number")
    month = request.GET.get("month", "")
    if month:
        try:
            qs = qs.filter(period__month=parse_month(month))
        except ValidationError:
            messages.error(request, _("月份格式应为 YYYY-MM"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "settlement/statements.html", {
        "page": page, "month": month, "accountant": _is_accountant(request.user),
        "periods": Period.objects.all()[:12],
    })  # fmt: skip


@role_required(*READERS)
def statement_detail(request, number):
    statement = _statement(request, number)
    lines = statement.lines().select_related("village").order_by("event_at", "id")
    page = Paginator(lines, 100).get_page(request.GET.get("page"))
    return render(request, "settlement/statement.html", {
        "s": statement, "page": page, "accountant": _is_accountant(request.user),
        "disputes": statement.disputes.select_related("line", "raised_by"),
        "reconciliations": statement.reconciliations.all()[:10],
        "history": statement.events.select_related("by"),
        "kinds": [(documents.kind_label(k), v) for k, v in sorted(statement.totals_by_kind.items())],
        "is_party": not _is_accountant(request.user),
    })  # fmt: skip


@role_required(*READERS)
def statement_pdf(request, number):
    statement = _statement(request, number)
    response = HttpResponse(documents.statement_pdf(statement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{statement.number}.pdf"'
    return response


@role_required(*READERS)
def statement_xlsx(request, number):
    statement = _statement(request, number)
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(documents.statement_xlsx(statement), content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{statement.number}.xlsx"'
    return response


ACTIONS = {
    "submit": (statements.submit_for_review, True, gettext_lazy("已提交核对，异议期开始")),
    "approve": (statements.approve_statement, True, gettext_lazy("已出具")),
    "paid": (statements.mark_paid, True, gettext_lazy("已登记结清")),
    "confirm": (statements.confirm_statement, False, gettext_lazy("已确认")),
}


@require_POST
@role_required(*READERS)
def statement_action(request, number, action):
    statement = _statement(request, number)
    if action not in ACTIONS:
        raise PermissionDenied
    fn, accountant_only, done = ACTIONS[action]
    if accountant_only and not _is_accountant(request.user):
        raise PermissionDenied
    try:
        moved = fn(statement, by=request.user)
        messages.success(request, done) if moved else messages.warning(request, _("状态已变化，未重复操作"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("settlement:statement", number=number)


@require_POST
@role_required(*READERS)
def raise_dispute(request, number, line_id):
    statement = _statement(request, number)
    line = get_object_or_404(
        ChargeLine, pk=line_id, period_id=statement.period_id, party_key=statement.party_key
    )
    try:
        dispute = disputes.raise_dispute(statement, line, request.POST.get("reason", ""), by=request.user)
        messages.success(request, _("异议已提交"))
        return redirect("settlement:dispute", pk=dispute.pk)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("settlement:statement", number=number)


@role_required(*READERS)
def dispute_detail(request, pk):
    dispute = get_object_or_404(
        Dispute.objects.select_related("statement", "line"), pk=pk,
        statement__in=statements.statements_for(request.user),
    )  # fmt: skip
    if request.method == "POST":
        if not _is_accountant(request.user):
            raise PermissionDenied
        accept = request.POST.get("decision") == "accept"
        try:
            corrected = request.POST.get("corrected_yuan", "").strip()
            fen = round(float(corrected) * 100) if accept and corrected else None
            disputes.resolve_dispute(dispute, accept=accept, corrected_fen=fen, note=request.POST.get("note", ""),
                                     by=request.user)  # fmt: skip
            messages.success(request, _("异议已处理"))
        except (ValidationError, ValueError) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect("settlement:dispute", pk=pk)
    return render(request, "settlement/dispute.html", {
        "d": dispute, "events": disputes.evidence(dispute.line), "accountant": _is_accountant(request.user),
    })  # fmt: skip


@role_required(Role.ACCOUNTANT, Role.BRAND_USER)
def reconcile(request, number):
    statement = _statement(request, number)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("请选择账单文件（CSV 或 XLSX）"))
        else:
            try:
                rec = reconciliation.reconcile(statement, upload.read(), upload.name, by=request.user)
                return redirect("settlement:reconciliation", pk=rec.pk)
            except TableError as exc:
                messages.error(request, str(exc))
    return redirect("settlement:statement", number=number)


@role_required(Role.ACCOUNTANT, Role.BRAND_USER)
def reconciliation_detail(request, pk):
    rec = get_object_or_404(
        Reconciliation.objects.select_related("statement"), pk=pk,
        statement__in=statements.statements_for(request.user),
    )  # fmt: skip
    items = rec.items.all()
    category = request.GET.get("category")
    if category:
        items = items.filter(category=category)
    page = Paginator(items, 100).get_page(request.GET.get("page"))
    lines_by_waybill = {}
    if rec.granularity == "waybill":
        waybills = [i.waybill for i in page if i.waybill]
        for line in rec.statement.lines().filter(waybill__in=waybills).order_by("event_at"):
            lines_by_waybill.setdefault(line.waybill, []).append(line)
    rows = [(i, lines_by_waybill.get(i.waybill, [])) for i in page]
    return render(request, "settlement/reconciliation.html", {"rec": rec, "page": page, "rows": rows,
                                                               "category": category})  # fmt: skip


@role_required(*ACCOUNTANT)
def tariff_list(request):
    form = TariffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tariff = add_tariff_version(**form.service_kwargs(), by=request.user)
            messages.success(request, _("已添加价目版本：%(tariff)s") % {"tariff": tariff})
            return redirect("settlement:tariffs")
        except ValidationError as exc:
            form.add_error(None, exc)
    tariffs = Tariff.objects.select_related("brand", "town", "village", "payee_brand")
    return render(request, "settlement/tariffs.html", {"tariffs": tariffs, "form": form})


@role_required(*ACCOUNTANT)
def runs(request):
    if request.method == "POST":
        try:
            month = parse_month(request.POST.get("month", ""))
            if request.POST.get("action") == "close":
                close_period(month)
                messages.success(request, _("%(month)s 已关账") % {"month": f"{month:%Y-%m}"})
            else:
                run = queue_rating(month, by=request.user)
                enqueue_rating(run)
                messages.success(
                    request,
                    _("%(month)s 已排队计费，完成后生成对账单；进度见下表") % {"month": f"{month:%Y-%m}"},
                )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        except Period.DoesNotExist:
            messages.error(request, _("该月尚未计费"))
        return redirect("settlement:runs")
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)  # what the accountant settles now
    return render(request, "settlement/runs.html", {**_runs(), "periods": Period.objects.all()[:24],
                                                    "last_month": f"{last_month:%Y-%m}"})  # fmt: skip


def _runs() -> dict:
    runs = list(RatingRun.objects.select_related("started_by")[:30])
    return {"runs": runs, "busy": any(r.state in (RunState.QUEUED, RunState.RUNNING) for r in runs)}


@role_required(*ACCOUNTANT)
def runs_table(request):
    """The runs table alone: what the page polls (htmx) while a run is queued or running."""
    return render(request, "settlement/_runs_table.html", _runs())
