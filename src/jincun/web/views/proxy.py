"""村委代办: the village proxy collects the batch waiting at the town service center for the villages they
serve, signs one handover list for it, then signs out each parcel in the village. They see only parcels of
their own villages."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of
from jincun.web.views.scanning import render_scan, scanned_code

PROXY = (Role.VILLAGE_PROXY,)


@role_required(*PROXY)
def batch(request):
    place = place_of(request.user)
    context = {
        "place": place,
        "waiting": journey.waiting_for_proxy(place),
        "carrying": journey.with_proxy(place),
    }
    return render(request, "web/proxy_batch.html", context)


@require_POST
@role_required(*PROXY)
def collect(request):
    """Take every parcel waiting for my villages in one signed handover list."""
    place = place_of(request.user)
    handover = journey.proxy_collect(place, request.user)
    if handover is None:
        return redirect("web:proxy_batch")
    return redirect("web:handover_detail", pk=handover.pk)


@role_required(*PROXY)
def sign_out(request):
    """In the village: scan (or type the waybill of) each parcel as its recipient takes it."""
    place = place_of(request.user)
    answer = None
    if request.method == "POST":
        collector = request.POST.get("collector", "").strip()
        code = scanned_code(request, "pickup_code")
        answer = journey.proxy_sign_out(place, scanned_code(request), request.user, collector, code)
    return render_scan(request, "web/proxy_sign_out.html", {"place": place}, answer)
