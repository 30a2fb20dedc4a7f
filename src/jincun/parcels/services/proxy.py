"""村委代办: the village proxy collects a batch at the town service center and signs each parcel out."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jincun.parcels.choices import HandoverKind, HandoverStatus, PlaceKind, SignType, State
from jincun.parcels.models import HandoverItem, HandoverList, Parcel
from jincun.parcels.services.handovers import _number
from jincun.parcels.services.hub import clean_waybill, find_parcels
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import place_of
from jincun.parcels.services.scans import Move, apply_events
from jincun.parcels.services.station import release_codes, sign_off_many


@transaction.atomic
def proxy_collect(town_node, village_codes, operator=None, *, at=None) -> HandoverList | None:
    """Every parcel waiting at the service center for the proxy's villages, on one list signed by the proxy.
    `town_node` None means every node. Returns None when nothing waits."""
    qs = Parcel.objects.filter(state=State.AT_SERVICE_CENTER, village_id__in=list(village_codes or []))
    if town_node is not None:
        qs = qs.filter(town_node=town_node)
    parcels = list(qs.select_related("town_node", "brand").order_by("id"))
    if not parcels:
        return None
    now = at or timezone.now()
    node = town_node or parcels[0].town_node
    origin = place_of(node, service_center=True)
    who = getattr(operator, "get_username", lambda: "proxy")()
    handover = HandoverList.objects.create(
        number=_number(HandoverKind.PROXY, now) + f"-P{parcels[0].pk}",
        kind=HandoverKind.PROXY,
        status=HandoverStatus.RECONCILED,
        from_kind=origin.kind,
        from_code=origin.code,
        from_name=origin.name,
        to_kind=PlaceKind.PROXY,
        to_code=f"PROXY:{who}"[:40],
        to_name=str(operator or who)[:64],
        expected_count=len(parcels),
        received_count=len(parcels),
        opened_by=operator if getattr(operator, "pk", None) else None,
        handed_over_by=operator if getattr(operator, "pk", None) else None,
        received_by=operator if getattr(operator, "pk", None) else None,
        opened_at=now,
        dispatched_at=now,
        received_at=now,
    )
    parcels = [p for p in parcels if p.town_node_id == node.pk]
    HandoverItem.objects.bulk_create(
        [HandoverItem(handover=handover, parcel=p, loaded_at=now, arrived_at=now) for p in parcels],
        batch_size=500,
    )
    apply_events([Move(p, State.WITH_PROXY, now, origin, handover) for p in parcels], operator)
    release_codes(parcels, now)
    HandoverList.objects.filter(pk=handover.pk).update(
        expected_count=len(parcels), received_count=len(parcels)
    )
    return handover


@transaction.atomic
def proxy_sign_out_many(village_codes, waybills, operator=None, *, at=None) -> list[ScanOutcome]:
    """The proxy hands parcels to their recipients in the village; only parcels of the proxy's villages."""
    mine = set(village_codes or [])
    parcels = find_parcels(waybills, lock=True)
    outcomes: list = []
    ready: dict = {}
    for waybill in waybills:
        parcel = parcels.get(clean_waybill(waybill))
        if parcel is None or parcel.village_id not in mine:
            outcomes.append(refused("not_yours", "不是您代办村的件"))
        elif parcel.state != State.WITH_PROXY or parcel.pk in ready:
            outcomes.append(
                refused("wrong_state", f"当前状态为「{parcel.get_state_display()}」，不能签收", parcel)
            )
        else:
            ready[parcel.pk] = len(outcomes)
            outcomes.append(None)
    by_node: dict = {}
    for index in ready.values():
        parcel = parcels[clean_waybill(waybills[index])]
        by_node.setdefault(parcel.town_node_id, []).append((index, parcel))
    for group in by_node.values():
        place = place_of(group[0][1].town_node, service_center=True)
        signed = sign_off_many([p for _, p in group], SignType.PROXY, operator, place=place, at=at)
        for (index, _), outcome in zip(group, signed, strict=True):
            outcomes[index] = outcome
    return outcomes


def proxy_sign_out(village_codes, waybill: str, operator=None, *, at=None) -> ScanOutcome:
    """The proxy hands one parcel to its recipient in the village (a batch of one)."""
    return proxy_sign_out_many(village_codes, [waybill], operator, at=at)[0]
