"""The simulator's view of the network on a day: which brand reaches which village, and how."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from jincun.core.bulk import share_related
from jincun.network.models import AdminArea, Agreement, Brand, Hub, Station


class NetworkView:
    """The whole installation's network, or one county's (`county`: its 6-digit code) when it holds several."""

    def __init__(self, county: str | None = None):
        hubs, agreements = Hub.objects.order_by("id"), Agreement.objects.all()
        villages, stations = AdminArea.objects.filter(level="village"), Station.objects.all()
        if county:
            hubs = hubs.filter(county__code__startswith=county)
            agreements = agreements.filter(
                Q(village__code__startswith=county) | Q(town__code__startswith=county)
            )
            villages = villages.filter(code__startswith=county)
            stations = stations.filter(village__code__startswith=county)
        self.hub = hubs.first()
        self.brands = {b.code: b for b in Brand.objects.filter(active=True)}
        self._villages_of_town: dict[str, list] = defaultdict(list)
        areas = {}
        for v in villages.select_related("parent__parent").order_by("code"):
            self._villages_of_town[v.parent_id].append(v)
            areas[v.code], areas[v.parent_id] = v, v.parent
        self.agreements = list(agreements)
        # the agreements' brand, village and town: the instances above, shared (a county's agreements are
        # thousands; five joined models built for each took most of this view's time)
        brands = Brand.objects.in_bulk()
        for name, objects in (("brand", brands), ("village", areas), ("town", areas)):
            share_related(self.agreements, name, objects)
        self.stations = list(stations.select_related("village", "town_node").order_by("code"))

    def reach(self, day) -> dict[str, list]:
        """brand code → villages it reaches on `day` (town-wide agreements expanded), sorted by code."""
        found: dict[str, dict] = defaultdict(dict)
        for a in self.agreements:
            if not a.valid_on(day) or not a.brand.active:
                continue
            villages = [a.village] if a.village_id else self._villages_of_town.get(a.town_id, [])
            for v in villages:
                found[a.brand.code][v.code] = v
        return {code: [vs[k] for k in sorted(vs)] for code, vs in sorted(found.items())}

    def stations_on(self, day) -> list:
        return [s for s in self.stations if s.in_service_on(day)]
