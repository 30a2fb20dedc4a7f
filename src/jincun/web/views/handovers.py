"""Handover lists (交接单): the ones touching my place, and one list with its reconciliation."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.forms import HandoverFilter
from jincun.web.scoping import place_of

WORKERS = (Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER, Role.VILLAGE_PROXY)


@role_required(*WORKERS)
def handover_list(request):
    """Every list touching my place, newest first, 50 a page, filtered by status, kind, day and number."""
    place = place_of(request.user)
    form = HandoverFilter(request.GET or None)
    lists = journey.handovers_visible(place).order_by("-pk")
    if form.is_valid():
        lists = journey.filter_handovers(lists, **form.cleaned_data)
    page = Paginator(lists, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"place": place, "lists": page, "page": page, "form": form, "query": query.urlencode()}
    return render(request, "web/handovers.html", context)


@role_required(*WORKERS)
def handover_detail(request, pk: int):
    place = place_of(request.user)
    handover = get_object_or_404(journey.handovers_visible(place), pk=pk)
    context = {
        "place": place,
        "handover": handover,
        "summary": journey.handover_summary(handover),
        "lines": journey.handover_lines(handover, request.user),
    }
    return render(request, "web/handover_detail.html", context)


@role_required(*WORKERS)
def handover_sheet(request, pk: int):
    """The list as a PDF to print and sign (交出方, the driver, 接收方)."""
    handover = get_object_or_404(journey.handovers_visible(place_of(request.user)), pk=pk)
    response = HttpResponse(journey.handover_pdf(handover), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="handover-{handover.number}.pdf"'
    return response
