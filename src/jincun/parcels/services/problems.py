"""Problem parcels: opened with a reason at a tier's queue, resolved by an event that moves the parcel on."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jincun.network.models import Hub, Station, TownNode
from jincun.parcels.choices import HandoverStatus, PlaceKind, ProblemReason, Resolution, State
from jincun.parcels.models import HandoverItem, HandoverList, Problem
from jincun.parcels.services.hub import find_parcel
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import SERVICE_CENTER_PREFIX, Place, place_of
from jincun.parcels.services.scans import apply_event

# The state a problem moves the parcel to; reasons not listed leave the state alone.
PROBLEM_STATE = {
    ProblemReason.DAMAGED: State.PROBLEM,
    ProblemReason.UNRESOLVABLE: State.PROBLEM,
    ProblemReason.MISSING: State.PROBLEM,
    ProblemReason.REFUSED: State.REFUSED,
    ProblemReason.OVERDUE: State.OVERDUE,
    ProblemReason.RETURNING: State.RETURNING,
    ProblemReason.RETURNED: State.RETURNED,
    ProblemReason.LOST: State.LOST,
}

# resolution → state it moves the parcel to (None: back where it was before the problem; "": stays)
RESOLUTIONS = {
    Resolution.FOUND: None,
    Resolution.READDRESSED: State.AT_HUB,
    Resolution.RETURN: State.RETURNING,
    Resolution.RETURNED: State.RETURNED,
    Resolution.LOST: State.LOST,
    Resolution.DAMAGED_SIGNED: State.SIGNED,
    Resolution.SIGNED: State.SIGNED,
    Resolution.NOTED: "",
}


def _queue_place(parcel, place) -> Place:
    if place is not None:
        return place_of(place)
    if parcel.state in (State.AT_STATION, State.TO_VILLAGE, State.OVERDUE) and parcel.station_id:
        return place_of(parcel.station)
    if parcel.state == State.AT_SERVICE_CENTER and parcel.town_node_id:
        return place_of(parcel.town_node, service_center=True)
    if parcel.state in (State.AT_TOWN, State.TO_TOWN, State.WITH_PROXY) and parcel.town_node_id:
        return place_of(parcel.town_node)
    if parcel.direction == "outbound" and parcel.state == State.COLLECTED and parcel.station_id:
        return place_of(parcel.station)
    hub = parcel.town_node.hub if parcel.town_node_id else Hub.objects.order_by("id").first()
    return place_of(hub)


@transaction.atomic
def open_problem(
    parcel, reason: str, operator=None, *, note: str = "", place=None, at=None, handover=None
) -> Problem:
    """Queue a problem at the tier where the parcel is (or `place`); the parcel moves to the exception state.
    `handover`: the list the difference was found on, so its sender sees the problem too. Raises ValueError
    for an unknown reason."""
    if reason not in ProblemReason.values:
        raise ValueError(f"unknown problem reason {reason}")
    now = at or timezone.now()
    where = _queue_place(parcel, place)
    tier = PlaceKind.SERVICE_CENTER if where.code.startswith(SERVICE_CENTER_PREFIX) else where.kind
    problem = Problem.objects.create(
        parcel=parcel,
        reason=reason,
        note=note[:300],
        tier=tier,
        place_code=where.code,
        handover=handover,
        state_before=parcel.state,
        owner=operator if getattr(operator, "pk", None) else None,
        opened_at=now,
    )
    target = PROBLEM_STATE.get(reason)
    if target and target != parcel.state:
        apply_event(
            parcel,
            target,
            place=where,
            operator=operator,
            at=now,
            note=f"{ProblemReason(reason).label} {note}"[:300],
        )
    return problem


def within_reach(parcel, where) -> bool:
    """Whether the tier at `where` may report a problem on `parcel`: a station on the parcels routed to it or
    collected there, a town node on those routed through it (its service center included), a hub on its
    county's (routed through its town nodes, or not routed yet). Nothing else: a keeper cannot move a parcel
    lying at another station."""
    if isinstance(where, Station):
        return parcel.station_id == where.pk
    if isinstance(where, TownNode):
        return parcel.town_node_id == where.pk
    if isinstance(where, Hub):
        return parcel.town_node_id is None or parcel.town_node.hub_id == where.pk
    return False


def report_problem(
    where, waybill: str, reason: str, operator=None, *, note: str = "", anywhere: bool = False
) -> ScanOutcome:
    """A problem reported by the tier at `where` (a hub, town node or station) on a parcel within its reach
    (`within_reach`), queued there. `anywhere`: an administrator's report, not bound to a place. Refused:
    `unknown_waybill`, `no_place` (the reporter has no workplace), `not_at_this_place`, `bad_reason`."""
    if reason not in ProblemReason.values:
        return refused("bad_reason", "请选择问题类型")
    if where is None and not anywhere:
        return refused("no_place", "未分配岗位，不能登记问题件")
    parcel = find_parcel(waybill)
    if parcel is None:
        return refused("unknown_waybill", "未找到该运单")
    if where is not None and not within_reach(parcel, where):
        return refused("not_at_this_place", "该件不在本岗位范围内", parcel)
    problem = open_problem(parcel, reason, operator, note=note, place=where)
    return ScanOutcome("accepted", parcel=parcel, details={"problem": problem.pk})


@transaction.atomic
def resolve_problem(problem: Problem, resolution: str, note: str = "", operator=None, *, at=None) -> Problem:
    """Close a problem; the resolution is recorded as an event moving the parcel (see RESOLUTIONS).
    Raises ValueError for an unknown resolution; resolving twice changes nothing."""
    if resolution not in RESOLUTIONS:
        raise ValueError(f"unknown resolution {resolution}")
    problem = Problem.objects.select_for_update().select_related("parcel__brand").get(pk=problem.pk)
    if problem.resolved_at is not None:
        return problem
    now = at or timezone.now()
    parcel = problem.parcel
    target = RESOLUTIONS[resolution]
    if target is None:
        target = problem.state_before if parcel.state != problem.state_before else ""
    if target and target != parcel.state:
        outcome = apply_event(
            parcel,
            target,
            place=place_of(problem.place_code),
            operator=operator,
            at=now,
            note=f"处理：{resolution} {note}"[:300],
        )
        problem.resolution_event = outcome.event if outcome.status == "accepted" else None
    problem.resolution, problem.resolution_note = resolution, note[:300]
    problem.resolved_at = now
    problem.resolved_by = operator if getattr(operator, "pk", None) else None
    problem.save()
    if problem.reason in (ProblemReason.MISSING, ProblemReason.EXTRA):
        settle_items(parcel, resolution, now)
    return problem


def close_open_problems(parcel, resolution: str, operator, now) -> None:
    """A parcel that was signed or returned closes its open problems (no further event)."""
    close_open_problems_of([parcel], resolution, operator, now)


def close_open_problems_of(parcels, resolution: str, operator, now) -> None:
    Problem.objects.filter(parcel__in=[p.pk for p in parcels], resolved_at__isnull=True).update(
        resolved_at=now,
        resolution=resolution,
        resolved_by=operator if getattr(operator, "pk", None) else None,
    )


def settle_items(parcel, resolution: str, now) -> None:
    """A resolved missing/extra problem closes the parcel's open differences and, when none is left, the
    list becomes reconciled."""
    items = HandoverItem.objects.filter(
        parcel=parcel, handover__status=HandoverStatus.DISCREPANCY, resolution=""
    ).select_related("handover")
    for item in items:
        if item.missing or item.extra:
            item.resolution, item.resolved_at = resolution[:32], now
            item.save(update_fields=["resolution", "resolved_at"])
            left = [i for i in item.handover.items.all() if (i.missing or i.extra) and not i.resolution]
            if not left:
                HandoverList.objects.filter(pk=item.handover_id).update(status=HandoverStatus.RECONCILED)
