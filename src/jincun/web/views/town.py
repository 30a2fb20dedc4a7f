"""Town node pages: check in a trunk list (missing / extra live), load village runs, shelve at the service
center for proxy villages."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of, require
from jincun.web.views.scanning import render_scan, scanned_code

TOWN = (Role.TOWN_OPERATOR,)
User = get_user_model()


@role_required(*TOWN, Role.STATION_KEEPER, Role.HUB_OPERATOR)
def checkin_lists(request):
    """Lists on their way to this node (or station): pick one to check in."""
    place = place_of(request.user)
    context = {"place": place, "incoming": journey.incoming_handovers(place)}
    return render(request, "web/checkin_lists.html", context)


@role_required(*TOWN, Role.STATION_KEEPER, Role.HUB_OPERATOR)
def checkin(request, pk: int):
    """Scan each arriving parcel against the list; counts of expected / arrived / missing / extra update live."""
    request.nav_section = "web:town_checkin"
    place = place_of(request.user)
    handover = get_object_or_404(journey.incoming_handovers(place, include_done=True), pk=pk)
    answer = None
    if request.method == "POST":
        if request.POST.get("finish"):
            journey.finish_check_in(handover, request.user)
            return redirect("web:handover_detail", pk=handover.pk)
        answer = journey.check_in(handover, scanned_code(request), request.user)
    context = {"place": place, "handover": handover, "summary": journey.handover_summary(handover)}
    return render_scan(request, "web/checkin.html", context, answer)


@role_required(*TOWN)
def town_load(request):
    """Village runs from the node: open a list to a station (or the postal route), then scan parcels onto it."""
    place = place_of(request.user)
    node = require(place, "town_node")
    error = ""
    if request.method == "POST":
        handover, error = journey.open_village_run(node, request.POST.get("destination", ""), request.user)
        if handover is not None:
            return redirect("web:handover_load", pk=handover.pk)
    context = {
        "error": error,
        "place": place,
        "destinations": journey.village_run_destinations(node),
        "open_lists": journey.open_handovers_from(node),
    }
    return render(request, "web/town_load.html", context)


@role_required(*TOWN)
def service_center(request):
    """便民服务中心: shelve parcels of proxy villages; the answer is the shelf code to write on the parcel."""
    place = place_of(request.user)
    node = require(place, "town_node")
    answer = None
    if request.method == "POST":
        answer = journey.shelve_at_service_center(node, scanned_code(request), request.user)
    context = {
        "place": place,
        "waiting": journey.waiting_at_service_center(node),
        "proxies": journey.proxies_waiting(node),
        "service_center": True,  # an htmx answer also refreshes the waiting list
    }
    return render_scan(request, "web/service_center.html", context, answer)


@require_POST
@role_required(*TOWN)
def hand_to_proxy(request):
    """交代办员: the service center hands a proxy the batch for their villages; the operator signs as sender."""
    node = require(place_of(request.user), "town_node")
    proxy = get_object_or_404(User, pk=request.POST.get("proxy") or 0, role=Role.VILLAGE_PROXY)
    handover = journey.hand_to_proxy(node, proxy, request.user)
    if handover is None:
        return redirect("web:service_center")
    return redirect("web:handover_detail", pk=handover.pk)
