"""Outbound collection (揽收) at a station: real-name record, inspection, weight, brand, project tag.

A refusal (prohibited contents, ID name not matching) is recorded by the service with its reason and shown
in red; an accepted parcel shows its waybill to write on the package.
"""

from django.shortcuts import render

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.web import journey
from jincun.web.forms import CollectionForm
from jincun.web.scoping import place_of, require


@role_required(Role.STATION_KEEPER)
def collect(request):
    place = place_of(request.user)
    station = require(place, "station")
    answer = None
    form = CollectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = journey.collect_outbound(station, form.cleaned_data, request.user)
        if answer.tone != "bad":
            form = CollectionForm()
    return render(request, "web/collect.html", {"place": place, "form": form, "answer": answer})
