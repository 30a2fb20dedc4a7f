"""Station pages: shelving (pickup code in big type, or 送货上门 without consent) and the pickup counter.

The counter has no fee field: picking up at a village station is free (ARCHITECTURE.md, rules that bind).
"""

from django.shortcuts import render

from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of, require
from jincun.web.views.scanning import render_scan, scanned_code

STATION = ("station_keeper",)
SIGN_TYPES = ("self", "proxy")


@role_required(*STATION)
def shelve(request):
    place = place_of(request.user)
    station = require(place, "station")
    answer = None
    if request.method == "POST":
        answer = journey.shelve_at_station(station, scanned_code(request), request.user)
    return render_scan(request, "web/station_shelve.html", {"place": place}, answer)


@role_required(*STATION)
def counter(request):
    """Find by pickup code or phone tail; sign off each parcel handed over (self or proxy)."""
    place = place_of(request.user)
    station = require(place, "station")
    query = (request.POST.get("code") or request.GET.get("q") or "").strip()
    answer = None
    if request.method == "POST" and request.POST.get("parcel"):
        sign_type = request.POST.get("sign_type", "self")
        if sign_type not in SIGN_TYPES:
            sign_type = "self"
        answer = journey.sign_at_station(
            station, request.POST["parcel"], sign_type, request.user, request.POST.get("proxy_name", "")
        )
        query = request.POST.get("q", "")
    found = journey.find_at_station(station, query, request.user) if query else []
    context = {"place": place, "query": query, "found": found}
    if request.htmx:
        return render(request, "web/_counter_results.html", {"answer": answer, **context})
    return render(request, "web/station_counter.html", {"answer": answer, **context})
