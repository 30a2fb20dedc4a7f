"""Network pages: station list and station page, village list and village page. Thin: reads come from
`page_queries`, what a viewer may see from `page_queries.Viewer`."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.core.choices import Role
from jincun.core.permissions import role_required
from jincun.network import page_queries as pq
from jincun.network import standard
from jincun.network.change_log import change_rows
from jincun.network.choices import AreaLevel, Mode, StationKind, StationStatus
from jincun.network.coverage import CoverageData
from jincun.network.models import AdminArea, Agreement, Station
from jincun.network.standing import standings_for

ALL_ROLES = [r.value for r in Role]
PAGE_SIZE = 50


@role_required(*ALL_ROLES)
def station_list(request):
    viewer = pq.Viewer.of(request.user)
    county = pq.default_county()
    day = timezone.localdate()
    filters = {k: request.GET.get(k, "") for k in ("town", "kind", "mode", "status", "standard", "q")}
    stations = pq.station_list(filters, viewer, day, county)
    counts = pq.station_counts(stations)
    page = Paginator(stations, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = standings_for(page.object_list)
    rows = [{"station": s, "keeper": viewer.keeper(s), "standing": shown[s.pk]} for s in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "counts": counts,
        "filters": filters,
        "viewer": viewer,
        "towns": pq.towns_of(county),
        "kinds": StationKind.choices,
        "modes": Mode.choices,
        "statuses": StationStatus.choices,
        "query": request.GET.copy(),
    }
    template = "network/_station_table.html" if request.htmx else "network/station_list.html"
    return render(request, template, context)


@role_required(*ALL_ROLES)
def station_detail(request, code):
    viewer = pq.Viewer.of(request.user)
    station = get_object_or_404(
        Station.objects.select_related("village__parent", "town_node__hub"), code=code
    )
    day = timezone.localdate()
    agreements = list(
        viewer.agreements(
            Agreement.objects.filter(station=station).select_related("brand", "village", "town")
        )
    )
    records = list(station.history.select_related("history_user"))
    # `agreements` is already narrowed to a brand user's own brand, so their history is too.
    records += list(
        Agreement.history.filter(id__in=[a.pk for a in agreements]).select_related("history_user")
    )
    heartbeat_class, heartbeat_text = pq.heartbeat_state(station)
    context = {
        "station": station,
        "keeper": viewer.keeper(station),
        "viewer": viewer,
        "agreements": [(a, a.valid_on(day)) for a in agreements],
        "heartbeat_class": heartbeat_class,
        "heartbeat_text": heartbeat_text,
        "checklist": standard.checklist(station),
        "standing": standings_for([station])[station.pk],
        "staff_roles": (Role.REGULATOR, Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.ADMIN),
        "history": change_rows(records, viewer.personal_data, subject=_subject),
    }
    return render(request, "network/station_detail.html", context)


@role_required(*ALL_ROLES)
def village_list(request):
    county = pq.default_county()
    day = pq.parse_day(request.GET.get("date"))
    town, q = request.GET.get("town", ""), request.GET.get("q", "")
    villages = pq.village_list(county, town, q)
    page = Paginator(villages, 100).get_page(request.GET.get("page"))
    served = CoverageData(county.code).served(day) if county else {}
    rows = [
        {"village": v, "served": [(m, Mode(m).label) for m in sorted({m for _, m in served.get(v.code, ())})]}
        for v in page.object_list
    ]
    context = {
        "page": page,
        "rows": rows,
        "towns": pq.towns_of(county),
        "town": town,
        "q": q,
        "day": day,
        "query": request.GET.copy(),
    }
    template = "network/_village_table.html" if request.htmx else "network/village_list.html"
    return render(request, template, context)


@role_required(*ALL_ROLES)
def village_detail(request, code):
    viewer = pq.Viewer.of(request.user)
    village = get_object_or_404(
        AdminArea.objects.select_related("parent"), code=code, level=AreaLevel.VILLAGE
    )
    day = pq.parse_day(request.GET.get("date"))
    # Whether the village is served is a coverage fact everyone sees; which brands serve it is not.
    all_agreements = list(pq.village_agreements(village, pq.Viewer.ALL_BRANDS))
    agreements = [a for a in all_agreements if not viewer.is_brand or a.brand_id == viewer.brand_id]
    stations = list(village.stations.select_related("town_node").order_by("code"))
    records = list(village.history.select_related("history_user"))
    records += list(
        viewer.agreements(
            Agreement.history.filter(Q(village=village) | Q(town_id=village.parent_id))
        ).select_related("history_user")
    )
    served_all = [a for a in all_agreements if a.serves_on(day)]
    served_now = [a for a in served_all if a in agreements]
    since = min((a.valid_from for a in served_now), default=None)
    context = {
        "village": village,
        "day": day,
        "agreements": [(a, a.valid_on(day)) for a in agreements],
        "served_now": served_now,
        "served": bool(served_all),
        "since": since,
        "stations": stations,
        "is_community": not village.is_administrative_village,
        "history": change_rows(records, viewer.personal_data, subject=_subject),
        "viewer": viewer,
    }
    return render(request, "network/village_detail.html", context)


def _subject(record) -> str:
    if record.instance_type is Agreement:
        return _("合作协议 #%(id)s") % {"id": record.id}
    return str(record.instance_type._meta.verbose_name)
