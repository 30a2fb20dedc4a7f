"""Hand-over on the way: a run's pickups become the handover lists of the run, through the parcels services
(the same `open_handover` / `load_parcel` / `close_handover` the station and node pages use), so the route
and the custody record agree.

- A village run's station stop: the station → town node list (村→镇上行) of the parcels the plan counted
  there, handed over to the driver at the stop's time.
- A trunk run's node stop: the town node → hub list (镇→县上行) of the outbound the plan counted at the node.

Each parcel that can no longer go (picked up already, refused at inspection since) is reported with the
parcels service's reason, and the rest of the list is kept. Collection-point loads are not parcels in the
system (a packing house ships under its own brand contract): they have no list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from jincun.parcels import services as parcels
from jincun.parcels.choices import Direction, ScanStatus, State
from jincun.parcels.models import Parcel
from jincun.routing.choices import RunKind, StopKind
from jincun.routing.models import Run, Stop


@dataclass
class StopHandover:
    stop_id: int
    handover: object | None = None  # parcels.HandoverList
    loaded: list[str] = field(default_factory=list)  # waybills
    refused: list[tuple[str, str]] = field(default_factory=list)  # (waybill, reason code)


def pickup_waybills(stop: Stop) -> list[str]:
    """The waybills the plan counted as this stop's pickups, in parcel order."""
    ids = list(stop.pickup_ids or [])
    found = dict(Parcel.objects.filter(id__in=ids).values_list("id", "waybill"))
    return [found[i] for i in ids if i in found]


def _from_and_to(run: Run, stop: Stop):
    if run.kind == RunKind.VILLAGE and stop.kind == StopKind.STATION and stop.station_id:
        return stop.station, stop.station.town_node.code
    if run.kind == RunKind.TRUNK and stop.kind == StopKind.NODE and stop.town_node_id:
        return stop.town_node, stop.town_node.hub.code
    return None, None


@transaction.atomic
def hand_over_stop(run: Run, stop: Stop, *, operator=None, include_new: bool = False) -> StopHandover:
    """Open, load and hand over (close) the list for one stop's pickups at the stop's time. With
    `include_new`, outbound parcels collected at the station since planning go on the list too."""
    out = StopHandover(stop.id)
    origin, to_code = _from_and_to(run, stop)
    if origin is None:
        return out
    waybills = pickup_waybills(stop)
    if include_new and stop.kind == StopKind.STATION:
        known = set(waybills)
        waybills += [w for w in Parcel.objects.filter(station_id=stop.station_id, direction=Direction.OUTBOUND,
                                                      state=State.COLLECTED, state_at__lte=stop.eta)
                     .order_by("id").values_list("waybill", flat=True) if w not in known]  # fmt: skip
    if not waybills:
        return out
    out.handover = parcels.open_handover(origin, to_code, operator, at=stop.eta)
    for waybill in waybills:
        outcome = parcels.load_parcel(out.handover, waybill, operator)
        if outcome.status == ScanStatus.ACCEPTED:
            out.loaded.append(waybill)
        else:
            out.refused.append((waybill, outcome.reason))
    out.handover = parcels.close_handover(out.handover, operator, carrier=run.vehicle_code, at=stop.eta)
    return out


def hand_over_run(run: Run, *, operator=None, include_new: bool = False) -> list[StopHandover]:
    """Every pickup stop of `run`, in stop order; one transaction per stop, so a failure keeps the others."""
    stops = run.stops.select_related("station__town_node", "town_node__hub").order_by("order")
    return [hand_over_stop(run, s, operator=operator, include_new=include_new) for s in stops if s.pickup_ids]
