"""What the route map draws: the county outline (when bundled), each run as a coloured path, each stop."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jincun.network import geo
from jincun.routing.choices import RUN_COLOURS, RunKind
from jincun.routing.models import Plan
from jincun.routing.queries import APPROXIMATE_NOTE, stop_as_dict


def county_outline(county_code: str) -> list[list[list[float]]]:
    """The county's outer rings for the route map; empty when no outline is bundled (`network.geo`)."""
    return geo.outline_rings(county_code)


def map_data(plan: Plan, county_code: str = "") -> dict:
    runs = []
    for i, run in enumerate(r for r in plan.runs.all() if r.kind != RunKind.HANDOVER):
        depot = run.hub or run.town_node
        home = [depot.lon, depot.lat] if depot and depot.has_point else None
        stops = [stop_as_dict(s) for s in run.stops.all()]
        path = [[s["lon"], s["lat"]] for s in stops if s["lon"] is not None]
        if home:
            path = [home, *path, home]
        runs.append({"id": run.id, "seq": run.seq, "kind": run.kind, "vehicle": run.vehicle_code,
                     "depot": run.depot_name, "colour": RUN_COLOURS[i % len(RUN_COLOURS)], "path": path,
                     "load": run.load_parcels, "km": run.km, "stops": stops})  # fmt: skip
    return {
        "outline": county_outline(county_code) if county_code else [],
        "runs": runs,
        "note": str(APPROXIMATE_NOTE) if plan.approximate else "",
        "words": {"drop": _("送"), "collect": _("收"), "onboard": _("离开时在车")},
    }
