"""Problem queues per tier: the open problems at my place, each resolved by an action that is itself an
event."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.scoping import place_of

TIERS = (Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER)


@role_required(*TIERS)
def queue(request):
    place = place_of(request.user)
    context = {
        "place": place,
        "problems": journey.open_problems(place, request.user),
        "resolutions": journey.RESOLUTIONS,
        "reasons": journey.REPORTABLE,
        "answer": None,
    }
    return render(request, "web/problems.html", context)


@require_POST
@role_required(*TIERS)
def resolve(request, pk: int):
    place = place_of(request.user)
    problem = get_object_or_404(journey.problems_visible(place), pk=pk)
    journey.resolve_problem(
        problem, request.POST.get("resolution", ""), request.POST.get("note", ""), request.user
    )
    return redirect("web:problems")


@require_POST
@role_required(*TIERS)
def report(request):
    """Report a problem on a scanned parcel (damaged, unresolvable address, …)."""
    place = place_of(request.user)
    answer = journey.report_problem(
        place,
        request.POST.get("code", ""),
        request.POST.get("reason", ""),
        request.POST.get("note", ""),
        request.user,
    )
    context = {
        "place": place,
        "problems": journey.open_problems(place, request.user),
        "resolutions": journey.RESOLUTIONS,
        "reasons": journey.REPORTABLE,
        "answer": answer,
    }
    return render(request, "web/problems.html", context)
