"""村委代办: the village proxy collects a batch at the town service center and signs each parcel out."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jincun.parcels.choices import HandoverKind, HandoverStatus, PlaceKind, SignType, State
from jincun.parcels.county import county_of
from jincun.parcels.models import HandoverItem, HandoverList, Parcel
from jincun.parcels.services.handovers import _number
from jincun.parcels.services.hub import clean_waybill, find_parcel, find_parcels
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import place_of
from jincun.parcels.services.scans import Move, apply_events
from jincun.parcels.services.station import release_codes, sign_off, sign_off_many


@transaction.atomic
def proxy_collect(
    town_node, village_codes, operator=None, *, at=None, handed_over_by=None
) -> HandoverList | None:
    """Every parcel waiting at the service center for the proxy's villages, on one list: `operator` is the
    proxy who receives it, `handed_over_by` the service center's operator who hands it over (both sign).
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
        county=county_of(node),
        status=HandoverStatus.RECONCILED,
        from_kind=origin.kind,
        from_code=origin.code,
        from_name=origin.name,
        to_kind=PlaceKind.PROXY,
        to_code=f"PROXY:{who}"[:40],
        to_name=str(operator or who)[:64],
        expected_count=len(parcels),
        received_count=len(parcels),
        opened_by=_signer(handed_over_by) or _signer(operator),
        handed_over_by=_signer(handed_over_by),
        received_by=_signer(operator),
        opened_at=now,
        dispatched_at=now,
        received_at=now,
    )
    parcels = [p for p in parcels if p.town_node_id == node.pk]
    HandoverItem.objects.bulk_create(
        [
            HandoverItem(handover=handover, parcel=p, loaded_at=now, arrived_at=now, county=handover.county)
            for p in parcels
        ],
        batch_size=500,
    )
    apply_events([Move(p, State.WITH_PROXY, now, origin, handover) for p in parcels], operator)
    release_codes(parcels, now)
    HandoverList.objects.filter(pk=handover.pk).update(
        expected_count=len(parcels), received_count=len(parcels)
    )
    return handover


def _signer(user):
    return user if getattr(user, "pk", None) else None


def sign_out_refusal(parcel, village_codes, collector: str, pickup_code: str) -> tuple[str, str] | None:
    """(reason, message) when the proxy may not hand this parcel out: not one of the proxy's villages, not
    in the proxy's hands, no name for who collects, or a pickup code that is not the one on the parcel."""
    if parcel is None or parcel.village_id not in set(village_codes or []):
        return "not_yours", "不是您代办村的件"
    if parcel.state != State.WITH_PROXY:
        return "wrong_state", f"当前状态为「{parcel.get_state_display()}」，不能签收"
    if not (collector or "").strip():
        return "collector_required", "请登记领取人姓名"
    code = (pickup_code or "").strip().upper()
    if code and parcel.pickup_code and code != parcel.pickup_code.upper():
        return "wrong_code", "取件码不对：以便民服务中心上架时写在件上的码为准"
    return None


@transaction.atomic
def proxy_sign_out(
    village_codes, waybill: str, operator=None, *, collector: str = "", pickup_code: str = "", at=None
) -> ScanOutcome:
    """The proxy hands one parcel to its recipient in the village: only parcels of the proxy's villages;
    the event records who collected and the parcel's pickup code."""
    parcel = find_parcel(waybill)
    if bad := sign_out_refusal(parcel, village_codes, collector, pickup_code):
        return refused(*bad, parcel)
    return sign_off(
        parcel,
        SignType.PROXY,
        operator,
        collector.strip(),
        place=place_of(parcel.town_node, service_center=True),
        at=at,
        note=f"取件码{parcel.pickup_code}" if parcel.pickup_code else "",
    )


@transaction.atomic
def proxy_sign_out_many(
    village_codes, waybills, operator=None, *, collector: str = "", at=None
) -> list[ScanOutcome]:
    """The proxy hands a batch of parcels out in the village (same rules as `proxy_sign_out`, one bulk
    sign-off per service center); `collector` names who collected them."""
    parcels = find_parcels(waybills, lock=True)
    outcomes: list = []
    ready: dict = {}
    for waybill in waybills:
        parcel = parcels.get(clean_waybill(waybill))
        if parcel is not None and parcel.pk in ready:
            outcomes.append(refused("wrong_state", "当前状态为「已签收」，不能签收", parcel))
        elif bad := sign_out_refusal(parcel, village_codes, collector, ""):
            outcomes.append(refused(*bad, parcel))
        else:
            ready[parcel.pk] = len(outcomes)
            outcomes.append(None)
    by_node: dict = {}
    for index in ready.values():
        parcel = parcels[clean_waybill(waybills[index])]
        by_node.setdefault(parcel.town_node_id, []).append((index, parcel))
    for group in by_node.values():
        place = place_of(group[0][1].town_node, service_center=True)
        signed = sign_off_many(
            [p for _, p in group], SignType.PROXY, operator, collector.strip(), place=place, at=at
        )
        for (index, _), outcome in zip(group, signed, strict=True):
            outcomes[index] = outcome
    return outcomes
