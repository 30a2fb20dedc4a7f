"""The hub operator's review queue page: groups of not-resolved addresses, candidates on a map and in a
list; one choice resolves the group and (optionally) saves the fragment as an alias."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jincun.addressing.models import AddressReview
from jincun.addressing.review import alias_learnable, candidate_areas, decide, open_reviews, ref_labels
from jincun.addressing.services import AliasRefused, area_for_code
from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.network.choices import AreaLevel
from jincun.network.models import AdminArea
from jincun.network.services.divisions import BUNDLED

REVIEWERS = (Role.HUB_OPERATOR,)


def _county_boundary(county_code: str) -> dict | None:
    for county_csv in BUNDLED.glob("*/*_county.csv"):
        if county_code[:6] in county_csv.read_text(encoding="utf-8"):
            geo = next(county_csv.parent.glob("*_boundary.geojson"), None)
            return json.loads(Path(geo).read_text(encoding="utf-8")) if geo else None
    return None


@role_required(*REVIEWERS)
def review_list(request):
    page = Paginator(open_reviews(), 30).get_page(request.GET.get("page"))
    towns = {t.code[:9]: t.name for t in AdminArea.objects.towns()}
    villages = list(AdminArea.objects.villages().select_related("parent").order_by("code"))
    groups = []
    reviews = list(page)
    refs = {r.pk: [i.ref for i in r.items.all()[:5]] for r in reviews}
    labels = ref_labels([ref for group in refs.values() for ref in group])
    for review in reviews:
        review.item_labels = [labels[ref] for ref in refs[review.pk]]
        review.learnable = alias_learnable(review)
        if review.candidates:
            groups.append((review, candidate_areas(review), [], towns.get(review.town_code, "")))
        else:
            scope = [v for v in villages if v.code.startswith(review.town_code)]
            groups.append((review, [], scope, towns.get(review.town_code, "")))
    decided = AddressReview.objects.filter(decided_area__isnull=False).select_related("decided_area")
    return render(
        request,
        "addressing/review_list.html",
        {
            "page": page,
            "groups": groups,
            "decided": decided.order_by("-decided_at")[:20],
        },
    )


@role_required(*REVIEWERS)
@require_POST
def review_decide(request, pk: int):
    review = get_object_or_404(AddressReview, pk=pk)
    try:
        area = area_for_code(request.POST.get("area_code", ""))
        items = decide(review, area, request.user, save_alias=request.POST.get("save_alias") == "on")
    except AliasRefused as exc:
        messages.error(request, str(exc))
    else:
        learned = "，已记住别名" if review.alias_id else ""
        messages.success(request, f"“{review.fragment}” → {area.name}：{len(items)} 件已解析{learned}")
    return redirect("addressing:review")


@role_required(*REVIEWERS)
def review_map(request, pk: int):
    """Map data for one group: the county outline and the candidates that have a point."""
    review = get_object_or_404(AddressReview, pk=pk)
    areas = candidate_areas(review)
    county = (areas[0].code if areas else (review.town_code or ""))[:6].ljust(12, "0")
    if not county.strip("0"):
        # A group with no candidate and no town (an empty or foreign address): show the county the hub
        # serves, so the map still answers and the reviewer picks from the list.
        first = AdminArea.objects.filter(level=AreaLevel.COUNTY).order_by("code").first()
        county = first.code if first else ""
    points = [
        {
            "code": a.code,
            "name": a.name,
            "town": a.parent.name if a.parent else "",
            "lat": a.lat,
            "lon": a.lon,
        }
        for a in areas
    ]
    return JsonResponse({"boundary": _county_boundary(county), "candidates": points})
