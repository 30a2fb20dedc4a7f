"""Hub pages: scan-in with the sort answer, and loading trunk runs onto handover lists."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of, require
from jincun.web.views.scanning import render_scan, scanned_code

HUB = (Role.HUB_OPERATOR,)


@role_required(*HUB)
def hub_scan(request):
    """到件 + 分拣: each scan answers with the sort target in big letters (town / 邮政 / service center)."""
    place = place_of(request.user)
    hub = require(place, "hub")
    answer = None
    if request.method == "POST":
        answer = journey.hub_scan_in(hub, scanned_code(request), request.user)
    return render_scan(request, "web/hub_scan.html", {"place": place}, answer)


@role_required(*HUB)
def hub_load(request):
    """Trunk runs from the hub: open a handover list for a destination, then scan parcels onto it."""
    place = place_of(request.user)
    hub = require(place, "hub")
    error = ""
    if request.method == "POST":
        handover, error = journey.open_trunk(hub, request.POST.get("destination", ""), request.user)
        if handover is not None:
            return redirect("web:handover_load", pk=handover.pk)
    context = {
        "error": error,
        "place": place,
        "destinations": journey.trunk_destinations(hub),
        "open_lists": journey.open_handovers_from(hub),
    }
    return render(request, "web/hub_load.html", context)


@role_required(Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER)
def handover_load(request, pk: int):
    """Scan parcels onto an open outgoing list; the answer says whether each belongs on this run."""
    place = place_of(request.user)
    handover = get_object_or_404(journey.handovers_visible(place), pk=pk)
    answer = None
    if request.method == "POST":
        answer = journey.load_onto(handover, scanned_code(request), request.user)
    context = {"place": place, "handover": handover, "summary": journey.handover_summary(handover)}
    return render_scan(request, "web/handover_load.html", context, answer)


@require_POST
@role_required(Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER)
def handover_close(request, pk: int):
    """Close the list: the counts are fixed and the run leaves; the receiver checks in against it."""
    place = place_of(request.user)
    handover = get_object_or_404(journey.handovers_visible(place), pk=pk)
    error = journey.close_list(handover, request.user, request.POST.get("carrier", ""))
    if error:
        context = {"place": place, "handover": handover, "summary": journey.handover_summary(handover)}
        return render(request, "web/handover_load.html", {**context, "close_error": error}, status=400)
    return redirect("web:handover_detail", pk=handover.pk)
