"""The station counter and the service center shelves: consent, pickup codes, sign-off.

Picking up is free: nothing here takes a fee (a fee a villager reports is a compliance problem, `fee`).
"""

from __future__ import annotations

import random

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from jincun.network.models import Station, TownNode
from jincun.parcels.choices import (
    ConsentSource,
    Direction,
    HandoverKind,
    HandoverStatus,
    Preference,
    RouteKind,
    SignType,
    State,
)
from jincun.parcels.models import Consent, HandoverItem, Parcel, PickupCode
from jincun.parcels.services.hub import find_parcel
from jincun.parcels.services.notify import enqueue_sms
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import place_of
from jincun.parcels.services.problems import close_open_problems
from jincun.parcels.services.scans import apply_event

MAX_NUMBER = 9999
_random = random.Random()


def consent_for(parcel, station) -> Consent | None:
    """The recipient's current choice: for this parcel, else standing for this station or village."""
    now = timezone.now()
    live = Consent.objects.filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now), given_at__lte=now)
    own = live.filter(parcel=parcel).order_by("-given_at").first()
    if own is not None:
        return own
    if not parcel.recipient_phone:
        return None
    standing = live.filter(parcel__isnull=True, recipient_phone=parcel.recipient_phone)
    return (
        standing.filter(Q(station=station) | Q(village_id=station.village_id)).order_by("-given_at").first()
    )


def record_consent(
    phone, preference, *, station=None, village=None, parcel=None, designee="", source="counter", at=None
):
    """Record a recipient's delivery choice (驿站自取 / 送货上门 / 指定代收), standing or per parcel."""
    if preference not in Preference.values:
        raise ValueError(f"unknown preference {preference}")
    if source not in ConsentSource.values:
        raise ValueError(f"unknown consent source {source}")
    return Consent.objects.create(
        recipient_phone=phone,
        preference=preference,
        station=station,
        village=village,
        parcel=parcel,
        designee=designee[:64],
        source=source,
        given_at=at or timezone.now(),
    )


def withdraw_consent(consent: Consent, at=None) -> Consent:
    consent.withdrawn_at = at or timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    return consent


def allocate_code(place_code: str, shelves: int, layers: int, parcel, at) -> PickupCode:
    """A free `货架号-层号-件号`. Random 件号 with retries; the partial unique index settles races."""
    for _ in range(50):
        code = PickupCode(
            place_code=place_code,
            shelf=_random.randint(1, max(shelves, 1)),
            layer=_random.randint(1, max(layers, 1)),
            number=_random.randint(1, MAX_NUMBER),
            parcel=parcel,
            assigned_at=at,
        )
        try:
            with transaction.atomic():
                code.save()
            return code
        except IntegrityError:
            continue
    raise RuntimeError("no free pickup code after 50 tries")


def release_code(parcel, at=None) -> None:
    PickupCode.objects.filter(parcel=parcel, active=True).update(
        active=False, released_at=at or timezone.now()
    )


@transaction.atomic
def shelve_parcel(place, waybill: str, operator=None, *, at=None) -> ScanOutcome:
    """Scan-in + shelve at a station (consent checked) or at a town service center (proxy villages).

    Returns the pickup code, or `deliver_to_door=True` when the recipient has not agreed to station
    delivery: the parcel is not shelved, and the keeper's list shows it for door delivery."""
    parcel = find_parcel(waybill)
    if parcel is None:
        return refused("unknown_waybill", "未找到该运单")
    if parcel.direction != Direction.INBOUND:
        return refused("wrong_direction", "上行件不上架", parcel)
    now = at or timezone.now()
    if isinstance(place, TownNode):
        return _shelve_service_center(place, parcel, operator, now)
    if not isinstance(place, Station):
        return refused("wrong_place", "只能在村站或便民服务中心上架", parcel)
    if parcel.state == State.AT_STATION and parcel.station_id == place.pk:
        return ScanOutcome(
            "duplicate", "already_shelved", "已上架", parcel=parcel, pickup_code=parcel.pickup_code
        )
    if parcel.station_id not in (None, place.pk) or (
        parcel.station_id is None and parcel.village_id != place.village_id
    ):
        return refused("wrong_station", "不是本站的件", parcel)
    if parcel.state != State.TO_VILLAGE:
        return refused("wrong_state", f"当前状态为「{parcel.get_state_display()}」，不能上架", parcel)
    _tick_village_run(parcel, place, now)
    consent = consent_for(parcel, place)
    if consent is None or consent.preference != Preference.STATION:
        Parcel.objects.filter(pk=parcel.pk).update(
            deliver_to_door=True, preference=getattr(consent, "preference", "")
        )
        parcel.deliver_to_door = True
        return ScanOutcome(
            "accepted", "no_consent", "收件人未同意驿站代收：送货上门", parcel=parcel, deliver_to_door=True
        )
    code = allocate_code(place.code, place.shelves, place.layers, parcel, now)
    outcome = apply_event(
        parcel, State.AT_STATION, place=place, operator=operator, at=now, note=f"取件码{code.code}"
    )
    if outcome.status != "accepted":
        code.delete()
        return outcome
    _store_code(parcel, code, now, Preference.STATION)
    hours = f"{place.opens_at:%H:%M}-{place.closes_at:%H:%M}"
    enqueue_sms(
        parcel,
        "arrival",
        parcel.recipient_phone,
        name=parcel.recipient_name,
        station=place.name,
        code=code.code,
        hours=hours,
    )
    outcome.pickup_code = code.code
    return outcome


def _store_code(parcel, code, now, preference="") -> None:
    parcel.pickup_code, parcel.shelved_at = code.code, now
    Parcel.objects.filter(pk=parcel.pk).update(
        pickup_code=code.code, shelved_at=now, reminders_sent=0, preference=preference
    )


def _tick_village_run(parcel, station, now) -> None:
    HandoverItem.objects.filter(
        parcel=parcel,
        arrived_at__isnull=True,
        handover__kind=HandoverKind.VILLAGE_RUN,
        handover__to_code=station.code,
        handover__status=HandoverStatus.DISPATCHED,
    ).update(arrived_at=now)


def service_center_refusal(node, parcel) -> str:
    """Why this parcel may not wait at the node's service center: only what the hub routed there (村委代办)
    does; a parcel for a village station goes on that station's run, or the proxy and the villager are told
    wrong things later."""
    if parcel.town_node_id != node.pk:
        return "不是本镇节点的件"
    if parcel.route_kind != RouteKind.SERVICE_CENTER:
        where = getattr(parcel.station, "name", "") or getattr(parcel.village, "name", "")
        return f"此件发往村站{where}，不是村委代办件：装镇→村车，不在便民服务中心上架"
    if parcel.state != State.AT_TOWN:
        return f"当前状态为「{parcel.get_state_display()}」，不能在便民服务中心上架"
    return ""


def _shelve_service_center(node, parcel, operator, now) -> ScanOutcome:
    place = place_of(node, service_center=True)
    if parcel.state == State.AT_SERVICE_CENTER:
        return ScanOutcome(
            "duplicate", "already_shelved", "已上架", parcel=parcel, pickup_code=parcel.pickup_code
        )
    if why := service_center_refusal(node, parcel):
        return refused("wrong_place", why, parcel)
    code = allocate_code(place.code, node.service_center_shelves, node.service_center_layers, parcel, now)
    outcome = apply_event(
        parcel, State.AT_SERVICE_CENTER, place=place, operator=operator, at=now, note=f"取件码{code.code}"
    )
    if outcome.status != "accepted":
        code.delete()
        return outcome
    _store_code(parcel, code, now)
    outcome.pickup_code = code.code
    return outcome


SIGNABLE = {
    SignType.SELF: {State.AT_STATION, State.OVERDUE, State.TO_VILLAGE, State.WITH_PROXY, State.ON_MAIL_ROUTE},
    SignType.STATION: {State.AT_STATION, State.OVERDUE},
    SignType.PROXY: {State.AT_STATION, State.OVERDUE, State.WITH_PROXY, State.TO_VILLAGE},
    SignType.DOOR: {State.TO_VILLAGE, State.ON_MAIL_ROUTE, State.TO_POSTAL},
}


@transaction.atomic
def sign_off(
    parcel, sign_type: str, operator=None, proxy_name: str = "", *, at=None, place=None, note: str = ""
) -> ScanOutcome:
    """签收: self, proxy (someone named collects), station, or door delivery. No fee is taken or recorded."""
    if sign_type not in SIGNABLE:
        return refused("bad_sign_type", "签收方式不正确", parcel)
    if sign_type == SignType.PROXY and not proxy_name.strip() and parcel.state != State.WITH_PROXY:
        return refused("proxy_name_required", "代签须登记代取人姓名", parcel)
    if parcel.state not in SIGNABLE[sign_type]:
        return refused("wrong_state", f"当前状态为「{parcel.get_state_display()}」，不能签收", parcel)
    now = at or timezone.now()
    how = SignType(sign_type).label
    who = f"代取人:{proxy_name.strip()[:32]}" if proxy_name.strip() else ""
    note = " ".join(part for part in (who, note) if part)
    outcome = apply_event(
        parcel,
        State.SIGNED,
        place=place or parcel.station,
        operator=operator,
        at=now,
        note=note[:300],
        sign_type=sign_type,
    )
    if outcome.status == "accepted":
        release_code(parcel, now)
        close_open_problems(parcel, "signed", operator, now)
        if parcel.recipient_phone:
            station_name = getattr(parcel.station, "name", "")
            enqueue_sms(
                parcel,
                "signed",
                parcel.recipient_phone,
                waybill=parcel.waybill,
                how=how,
                station=station_name,
            )
    return outcome


def door_deliveries(station):
    """Parcels the keeper must take to the door (no station consent)."""
    return Parcel.objects.filter(station=station, state=State.TO_VILLAGE, deliver_to_door=True)
