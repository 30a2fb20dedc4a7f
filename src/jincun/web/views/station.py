"""Station pages: shelving (pickup code in big type, or 送货上门 without consent), door deliveries, the
pickup counter, and sending collected parcels up to the town node.

The counter has no fee field: picking up at a village station is free (docs/architecture.md, "Rules that bind").
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of, require
from jincun.web.views.scanning import render_scan, scanned_code

STATION = (Role.STATION_KEEPER,)
SIGN_TYPES = ("self", "proxy")
INCOMING_CHANGED = "station-incoming-changed"  # the htmx event the 在途到本站 card reloads on


@role_required(*STATION)
def shelve(request):
    """Scan to shelve. Without the recipient's consent the answer is 送货上门; if the keeper has just asked
    the recipient (phone call) and they agree, the per-parcel consent is recorded and the parcel shelved."""
    place = place_of(request.user)
    station = require(place, "station")
    answer = None
    if request.method == "POST":
        code = scanned_code(request)
        if request.POST.get("consent") == "station":
            answer = journey.consent_and_shelve(station, code, request.user)
        else:
            answer = journey.shelve_at_station(station, code, request.user)
    context = {"place": place, "door": journey.door_list(station)}
    if answer is None or not request.htmx:
        context["incoming"] = journey.on_the_way(station)
    response = render_scan(request, "web/station_shelve.html", context, answer)
    if answer is not None and request.htmx:
        response["HX-Trigger"] = INCOMING_CHANGED  # the card reloads itself: the answer does not wait on it
    return response


@role_required(*STATION)
def incoming(request):
    """The 在途到本站 card alone, which the shelving page reloads after each scan's answer, so the answer (the
    pickup code in big type) does not wait on it."""
    station = require(place_of(request.user), "station")
    return render(request, "web/_station_incoming.html", {"incoming": journey.on_the_way(station)})


@require_POST
@role_required(*STATION)
def door_signed(request):
    """A parcel delivered to the door (no station consent): signed off as 送货上门."""
    station = require(place_of(request.user), "station")
    journey.sign_door(station, request.POST.get("parcel", ""), request.user)
    return redirect("web:station_shelve")


@role_required(*STATION)
def counter(request):
    """Find by pickup code or phone tail; sign off each parcel handed over (self or proxy)."""
    place = place_of(request.user)
    station = require(place, "station")
    query = (request.POST.get("code") or request.GET.get("q") or "").strip()[:64]
    answer = None
    if request.method == "POST" and request.POST.get("parcel"):
        sign_type = request.POST.get("sign_type", "self")
        if sign_type not in SIGN_TYPES:
            sign_type = "self"
        answer = journey.sign_at_station(
            station, request.POST["parcel"], sign_type, request.user, request.POST.get("proxy_name", "")
        )
        query = request.POST.get("q", "").strip()[:64]
    found = journey.find_at_station(station, query, request.user) if query else []
    context = {"place": place, "query": query, "found": found}
    if request.htmx:
        return render(request, "web/_counter_results.html", {"answer": answer, **context})
    return render(request, "web/station_counter.html", {"answer": answer, **context})


@role_required(*STATION)
def station_load(request):
    """Collected outbound parcels go up to the town node on a handover list."""
    place = place_of(request.user)
    station = require(place, "station")
    error = ""
    if request.method == "POST":
        handover, error = journey.open_station_run(station, request.POST.get("destination", ""), request.user)
        if handover is not None:
            return redirect("web:handover_load", pk=handover.pk)
    context = {
        "error": error,
        "place": place,
        "destinations": journey.station_destinations(station),
        "open_lists": journey.open_handovers_from(station),
        "upward": True,  # a station's lists only go up to its town node: titled as its menu entry
    }
    return render(request, "web/town_load.html", context)
