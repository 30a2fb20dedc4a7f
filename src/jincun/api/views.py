"""The api app's own pages: the webhook delivery log (hub operators and admins see every brand's, a brand
user only their own). They live here, not in `web`, so the work pages never import the API app."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jincun.api import outbox
from jincun.api.models import DeliveryStatus, WebhookDelivery
from jincun.core.choices import Role
from jincun.core.permissions import role_required

LOG_ROLES = (Role.HUB_OPERATOR, Role.BRAND_USER)


def _visible(user):
    deliveries = WebhookDelivery.objects.select_related("endpoint__brand")
    if user.is_superuser or user.role in (Role.ADMIN, Role.HUB_OPERATOR):
        return deliveries
    assignment = getattr(user, "assignment", None)
    if user.role == Role.BRAND_USER and assignment and assignment.brand_id:
        return deliveries.filter(endpoint__brand_id=assignment.brand_id)
    return deliveries.none()


@role_required(*LOG_ROLES)
def delivery_log(request):
    deliveries = _visible(request.user)
    status = request.GET.get("status", "")
    if status in DeliveryStatus.values:
        deliveries = deliveries.filter(status=status)
    waybill = (request.GET.get("waybill") or "").strip()
    if waybill:
        deliveries = deliveries.filter(waybill=waybill)
    page = Paginator(deliveries.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "api/webhook_log.html",
        {"page": page, "statuses": DeliveryStatus.choices, "status": status, "waybill": waybill},
    )


@require_POST
@role_required(*LOG_ROLES)
def delivery_resend(request, pk: int):
    delivery = get_object_or_404(_visible(request.user), pk=pk)
    if delivery.status == DeliveryStatus.DELIVERED:
        raise PermissionDenied("已送达的通知无需重发")
    outbox.resend(delivery)
    return redirect("api:webhook_log")
