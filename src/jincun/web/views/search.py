"""Staff parcel search (查件): by waybill, pickup code or phone tail, inside the role's scope, and one parcel's
whole history. The hub's live board of parcels sorted but not yet loaded, per destination."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of, require

STAFF = (Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER, Role.VILLAGE_PROXY)


@role_required(*STAFF)
def parcel_search(request):
    place = place_of(request.user)
    query = request.GET.get("q", "").strip()[:40]
    rows = journey.search_parcels(place, query, request.user) if query else []
    return render(request, "web/parcel_search.html", {"place": place, "query": query, "rows": rows})


@role_required(*STAFF)
def parcel_detail(request, pk: int):
    place = place_of(request.user)
    found = journey.parcel_with_history(place, pk, request.user)
    if found is None:
        raise Http404("not in your scope")
    return render(request, "web/parcel_detail.html", {"place": place, **found})


@role_required(Role.HUB_OPERATOR)
def hub_board(request):
    """Live: what is sorted and waiting in each chute; htmx refreshes the table every 30 s."""
    place = place_of(request.user)
    hub = require(place, "hub")
    template = "web/_hub_board.html" if request.htmx else "web/hub_board.html"
    return render(request, template, {"place": place, "board": journey.hub_board(hub)})


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@role_required(*STAFF)
def parcel_label(request, pk: int):
    """The label of one parcel in my scope (after a collection, or a re-print at the hub)."""
    data = journey.label_pdf(place_of(request.user), pk)
    if data is None:
        raise Http404("not in your scope")
    return _pdf(data, f"label-{pk}.pdf")


@require_http_methods(["GET", "POST"])
@role_required(Role.HUB_OPERATOR)
def hub_labels(request):
    """Hub labels from the page: a chute's waiting parcels (`?code=`), or waybills pasted one per line."""
    hub = require(place_of(request.user), "hub")
    waybills = request.POST.get("waybills", "").split() if request.method == "POST" else []
    code = request.GET.get("code", "")[:40]
    if not waybills and not code:
        return render(request, "web/hub_labels.html", {"place": place_of(request.user)})
    if waybills and (missing := journey.typed_waybills_not_found(hub, waybills)):
        kept = [w for w in dict.fromkeys(w.upper() for w in waybills) if w not in missing]
        context = {"place": place_of(request.user), "missing": missing, "waybills": "\n".join(kept)}
        return render(request, "web/hub_labels.html", context, status=200 if kept else 404)
    data, count = journey.chute_labels_pdf(hub, code, waybills)
    if not count:
        context = {"place": place_of(request.user), "error": _("没有可打印的件")}
        return render(request, "web/hub_labels.html", context, status=404)
    return _pdf(data, "hub-labels.pdf")
