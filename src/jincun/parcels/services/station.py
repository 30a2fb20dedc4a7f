"""The station counter and the service center shelves: consent, pickup codes, sign-off.

Picking up is free: nothing here takes a fee (a fee a villager reports is a compliance problem, `fee`).
"""

from __future__ import annotations

import dataclasses
import random

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from jincun.core.bulk import insert_rows
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
from jincun.parcels.models import Consent, HandoverItem, HandoverList, Parcel, PickupCode
from jincun.parcels.services.hub import clean_waybill, find_parcel, find_parcels
from jincun.parcels.services.notify import enqueue_sms_many
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.places import place_of
from jincun.parcels.services.problems import close_open_problems_of
from jincun.parcels.services.scans import Move, apply_events, lock_parcels

MAX_NUMBER = 9999
_random = random.Random()


def consent_for(parcel, station) -> Consent | None:
    """The recipient's current choice: for this parcel, else standing for this station or village."""
    return consents_for([parcel], station).get(parcel.pk)


def consents_for(parcels, station) -> dict:
    """parcel pk → its current consent at `station` (own consent first, else the newest standing one for
    the phone at this station or its village), for a batch in one query."""
    return consents_for_many([(station, parcels)])


def consents_for_many(pairs) -> dict:
    """`consents_for` for many stations at once, [(station, parcels)] → {parcel pk: consent}, one query."""
    now = timezone.now()
    live = Consent.objects.filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now), given_at__lte=now)
    phones = {p.recipient_phone for _, parcels in pairs for p in parcels if p.recipient_phone}
    ids = [p.pk for _, parcels in pairs for p in parcels]
    stations = {st.pk for st, _ in pairs}
    villages = {st.village_id for st, _ in pairs}
    standing = Q(parcel__isnull=True, recipient_phone__in=phones) & (
        Q(station_id__in=stations) | Q(village_id__in=villages)
    )
    own: dict = {}
    by_phone: dict = {}  # (phone, "s", station pk) / (phone, "v", village code) → newest standing consent
    for consent in live.filter(Q(parcel__in=ids) | standing).order_by("given_at", "id"):
        if consent.parcel_id:
            own[consent.parcel_id] = consent
            continue
        if consent.station_id:
            by_phone[(consent.recipient_phone, "s", consent.station_id)] = consent
        if consent.village_id:
            by_phone[(consent.recipient_phone, "v", consent.village_id)] = consent
    found = {}
    for station, parcels in pairs:
        for parcel in parcels:
            choice = own.get(parcel.pk)
            if choice is None and parcel.recipient_phone:
                standing_here = [c for c in (by_phone.get((parcel.recipient_phone, "s", station.pk)),
                                             by_phone.get((parcel.recipient_phone, "v", station.village_id))) if c]  # fmt: skip
                choice = max(standing_here, key=lambda c: (c.given_at, c.pk), default=None)
            if choice is not None:
                found[parcel.pk] = choice
    return found


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


def record_consents(rows, *, source="counter", at=None) -> list[Consent]:
    """Standing choices for a batch in one insert: rows of (phone, preference, station, village)."""
    given = at or timezone.now()
    consents = []
    if source not in ConsentSource.values:
        raise ValueError(f"unknown consent source {source}")
    for phone, preference, station, village in rows:
        if preference not in Preference.values:
            raise ValueError(f"unknown preference {preference}")
        consents.append(Consent(recipient_phone=phone, preference=preference, station=station, village=village,
                                source=source, given_at=given))  # fmt: skip
    return insert_rows(consents)


def withdraw_consent(consent: Consent, at=None) -> Consent:
    consent.withdrawn_at = at or timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    return consent


def allocate_codes(place_code: str, shelves: int, layers: int, parcels, at) -> list[PickupCode]:
    """Free `货架号-层号-件号` codes for a batch: one read of the place's codes on the shelf, random free
    ones, one bulk insert. The partial unique index settles a race with another keeper: then re-read and
    try again."""
    return allocate_codes_many([(place_code, shelves, layers, parcels)], at)[0]


def allocate_codes_many(requests, at) -> list[list[PickupCode]]:
    """`allocate_codes` for many places at once, [(place code, shelves, layers, parcels)] → codes per
    request: one read of the places' active codes, one bulk insert."""
    for _ in range(5):
        taken: dict = {code: set() for code, *_ in requests}
        active = PickupCode.objects.filter(place_code__in=list(taken), active=True)
        for place, shelf, layer, number in active.values_list("place_code", "shelf", "layer", "number"):
            taken[place].add((shelf, layer, number))
        per_request, codes = [], []
        for place_code, shelves, layers, parcels in requests:
            mine = []
            for parcel in parcels:
                for _ in range(50):
                    triple = (
                        _random.randint(1, max(shelves, 1)),
                        _random.randint(1, max(layers, 1)),
                        _random.randint(1, MAX_NUMBER),
                    )
                    if triple not in taken[place_code]:
                        break
                else:
                    raise RuntimeError("no free pickup code after 50 tries")
                taken[place_code].add(triple)
                shelf, layer, number = triple
                mine.append(PickupCode(place_code=place_code, shelf=shelf, layer=layer, number=number,
                                       parcel_id=parcel.pk, assigned_at=at))  # fmt: skip
            per_request.append(mine)
            codes += mine
        try:
            with transaction.atomic():
                insert_rows(codes)
            return per_request
        except IntegrityError:
            continue
    raise RuntimeError("pickup codes kept colliding with another keeper's")


def allocate_code(place_code: str, shelves: int, layers: int, parcel, at) -> PickupCode:
    return allocate_codes(place_code, shelves, layers, [parcel], at)[0]


def release_code(parcel, at=None) -> None:
    release_codes([parcel], at)


def release_codes(parcels, at=None) -> None:
    PickupCode.objects.filter(parcel__in=[p.pk for p in parcels], active=True).update(
        active=False, released_at=at or timezone.now()
    )


def _station_refusal(station, parcel) -> ScanOutcome | None:
    """Why this parcel cannot be shelved at this station now (None: it can)."""
    if parcel.state == State.AT_STATION and parcel.station_id == station.pk:
        return ScanOutcome(
            "duplicate", "already_shelved", "已上架", parcel=parcel, pickup_code=parcel.pickup_code
        )
    if parcel.station_id not in (None, station.pk) or (
        parcel.station_id is None and parcel.village_id != station.village_id
    ):
        return refused("wrong_station", "不是本站的件", parcel)
    if parcel.state != State.TO_VILLAGE:
        return refused("wrong_state", f"当前状态为「{parcel.get_state_display()}」，不能上架", parcel)
    return None


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


def _service_center_refusal(node, parcel) -> ScanOutcome | None:
    if parcel.state == State.AT_SERVICE_CENTER:
        return ScanOutcome(
            "duplicate", "already_shelved", "已上架", parcel=parcel, pickup_code=parcel.pickup_code
        )
    if why := service_center_refusal(node, parcel):
        return refused("wrong_place", why, parcel)
    return None


@transaction.atomic
def shelve_many(place, waybills, operator=None, *, at=None) -> list[ScanOutcome]:
    """Scan-in + shelve a batch at a station (consent checked) or at a town service center (proxy villages).

    Each outcome carries its pickup code, or `deliver_to_door=True` when the recipient has not agreed to
    station delivery: that parcel is not shelved, and the keeper's list shows it for door delivery. Bulk:
    one read of parcels, consents and shelf codes, one insert each of codes, events and SMS rows."""
    return shelve_batches([(place, waybills)], operator, at=at)[0]


@transaction.atomic
def shelve_batches(batches, operator=None, *, at=None) -> list[list[ScanOutcome]]:
    """`shelve_many` for many places at once (the day's village runs arriving), [(place, waybills)] →
    outcomes per place, as place after place. Batches that share a parcel go in separate rounds, so the
    later one sees what the earlier did."""
    results, round_, seen = [], [], set()
    for place, waybills in batches:
        mine = {clean_waybill(w) for w in waybills}
        if mine & seen:
            results += _shelve_round(round_, operator, at)
            round_, seen = [], set()
        round_.append((place, waybills))
        seen |= mine
    return results + _shelve_round(round_, operator, at)


def _shelve_round(batches, operator, at) -> list[list[ScanOutcome]]:
    if not batches:
        return []
    parcels = find_parcels([w for _, waybills in batches for w in waybills], lock=True)
    now = at or timezone.now()
    plans = [_checked(place, waybills, parcels) for place, waybills in batches]
    centers = [(place, todo) for (place, _), (_, todo, _) in zip(batches, plans, strict=True)
               if isinstance(place, TownNode)]  # fmt: skip
    stations = [(place, todo) for (place, _), (_, todo, _) in zip(batches, plans, strict=True)
                if isinstance(place, Station)]  # fmt: skip
    shelved = dict(zip((id(t) for _, t in centers), _shelve_at([
        (place_of(node, service_center=True), [p for _, p in todo], "", node.service_center_shelves,
         node.service_center_layers) for node, todo in centers
    ], operator, now), strict=True))  # fmt: skip
    shelved.update(zip((id(t) for _, t in stations),
                       _shelve_at_stations([(st, [p for _, p in todo]) for st, todo in stations], operator, now),
                       strict=True))  # fmt: skip
    results = []
    for outcomes, todo, repeats in plans:
        for (index, _parcel), outcome in zip(todo, shelved.get(id(todo), []), strict=True):
            outcomes[index] = outcome
        for index, first in repeats:  # what a second scan answers after the first
            done = outcomes[first]
            if done.status == "accepted" and not done.deliver_to_door:
                outcomes[index] = ScanOutcome("duplicate", "already_shelved", "已上架", parcel=done.parcel,
                                              pickup_code=done.pickup_code)  # fmt: skip
            else:
                outcomes[index] = dataclasses.replace(done, event=None)
        results.append(outcomes)
    return results


def _checked(place, waybills, parcels):
    """The per-scan checks of one batch: (outcomes so far, [(index, parcel) to shelve], repeats)."""
    outcomes: list = []
    chosen: dict = {}  # parcel pk → index of its outcome
    repeats: list = []  # (index, index of the first scan of the same parcel in this batch)
    for waybill in waybills:
        parcel = parcels.get(clean_waybill(waybill))
        if parcel is None:
            outcomes.append(refused("unknown_waybill", "未找到该运单"))
        elif parcel.direction != Direction.INBOUND:
            outcomes.append(refused("wrong_direction", "上行件不上架", parcel))
        elif not isinstance(place, TownNode | Station):
            outcomes.append(refused("wrong_place", "只能在村站或便民服务中心上架", parcel))
        elif parcel.pk in chosen:
            repeats.append((len(outcomes), chosen[parcel.pk]))
            outcomes.append(None)
        else:
            check = _service_center_refusal if isinstance(place, TownNode) else _station_refusal
            outcomes.append(check(place, parcel))
            if outcomes[-1] is None:
                chosen[parcel.pk] = len(outcomes) - 1
    return outcomes, [(i, parcels[clean_waybill(waybills[i])]) for i in chosen.values()], repeats


def shelve_parcel(place, waybill: str, operator=None, *, at=None) -> ScanOutcome:
    """Scan-in + shelve one parcel (a batch of one; see `shelve_many`)."""
    return shelve_many(place, [waybill], operator, at=at)[0]


def _tick_village_runs(pairs, now) -> None:
    """The parcels' items on the dispatched village runs to their stations, marked arrived (three queries).
    The runs and the parcels' open items are read apart: joined, SQLite probed every run for every parcel."""
    wanted = {(p.pk, station.code) for station, parcels in pairs for p in parcels}
    if not wanted:
        return
    runs = dict(
        HandoverList.objects.filter(
            kind=HandoverKind.VILLAGE_RUN,
            status=HandoverStatus.DISPATCHED,
            to_code__in={code for _, code in wanted},
        ).values_list("pk", "to_code")
    )
    items = HandoverItem.objects.filter(parcel__in={pk for pk, _ in wanted}, arrived_at__isnull=True)
    ticked = [
        pk
        for pk, parcel_id, handover_id in items.order_by().values_list("pk", "parcel_id", "handover_id")
        if handover_id in runs and (parcel_id, runs[handover_id]) in wanted
    ]
    HandoverItem.objects.filter(pk__in=ticked).update(arrived_at=now)


def _shelve_at_stations(pairs, operator, now) -> list[list[ScanOutcome]]:
    """[(station, parcels that passed the checks)] → outcomes per station: consent, door or shelf, SMS."""
    _tick_village_runs(pairs, now)
    consents = consents_for_many(pairs)
    outcomes: dict = {}
    requests, door, sms = [], [], []
    for station, parcels in pairs:
        agreed = []
        for parcel in parcels:
            consent = consents.get(parcel.pk)
            if consent is None or consent.preference != Preference.STATION:
                door.append((getattr(consent, "preference", ""), parcel.pk))
                parcel.deliver_to_door = True
                outcomes[parcel.pk] = ScanOutcome(
                    "accepted",
                    "no_consent",
                    "收件人未同意驿站代收：送货上门",
                    parcel=parcel,
                    deliver_to_door=True,
                )
            else:
                agreed.append(parcel)
        requests.append((place_of(station), agreed, Preference.STATION, station.shelves, station.layers))
    if door:
        with connection.cursor() as cur:
            cur.executemany(
                f"UPDATE {Parcel._meta.db_table} SET deliver_to_door = %s, preference = %s WHERE id = %s",
                [(True, pref, pk) for pref, pk in door],
            )
    for (station, _), (_, agreed, *_), shelved in zip(pairs, requests, _shelve_at(requests, operator, now),
                                                      strict=True):  # fmt: skip
        hours = f"{station.opens_at:%H:%M}-{station.closes_at:%H:%M}"
        for parcel, outcome in zip(agreed, shelved, strict=True):
            outcomes[parcel.pk] = outcome
            if outcome.status == "accepted":
                values = {"name": parcel.recipient_name, "station": station.name, "code": outcome.pickup_code,
                          "hours": hours}  # fmt: skip
                sms.append((parcel, "arrival", parcel.recipient_phone, values))
    enqueue_sms_many(sms)
    return [[outcomes[p.pk] for p in parcels] for _, parcels in pairs]


def _shelve_at(requests, operator, now) -> list[list[ScanOutcome]]:
    """Codes, `at_station` / `at_service_center` events and the parcels' code fields, for many places:
    [(place, parcels, preference, shelves, layers)] → outcomes per place."""
    if not requests:
        return []
    codes = allocate_codes_many([(pl.code, sh, la, ps) for pl, ps, _, sh, la in requests], now)
    moves = []
    for (place, parcels, *_), mine in zip(requests, codes, strict=True):
        state = State.AT_STATION if place.kind == "station" else State.AT_SERVICE_CENTER
        moves += [
            Move(p, state, now, place, note=f"取件码{c.code}") for p, c in zip(parcels, mine, strict=True)
        ]
    applied = iter(apply_events(moves, operator, lock=False))  # locked and read by `_shelve_round`
    kept, dropped, results = [], [], []
    for (_place, parcels, preference, *_), mine in zip(requests, codes, strict=True):
        outcomes = []
        for parcel, code in zip(parcels, mine, strict=True):
            outcome = next(applied)
            outcomes.append(outcome)
            if outcome.status != "accepted":
                dropped.append(code.pk)
                continue
            parcel.pickup_code, parcel.shelved_at = code.code, now
            outcome.pickup_code = code.code
            kept.append((code.code, now, 0, preference, parcel.pk))
        results.append(outcomes)
    if dropped:
        PickupCode.objects.filter(pk__in=dropped).delete()
    if kept:
        with connection.cursor() as cur:
            cur.executemany(
                f"UPDATE {Parcel._meta.db_table} SET pickup_code = %s, shelved_at = %s, reminders_sent = %s, "
                "preference = %s WHERE id = %s",
                [(c, connection.ops.adapt_datetimefield_value(t), r, pref, pk) for c, t, r, pref, pk in kept],
            )
    return results


@transaction.atomic
def consent_and_shelve(station, waybill: str, operator=None, *, at=None) -> ScanOutcome:
    """The keeper asked the recipient, who agreed to station pickup for this parcel: record the consent and
    shelve, in ONE transaction (no consent stored without the shelving it was given for, or the reverse).
    Refused `wrong_station` for a parcel that is not this station's."""
    parcel = find_parcel(waybill)
    if parcel is None:
        return refused("unknown_waybill", "未找到该运单")
    if parcel.station_id not in (None, station.pk):
        return refused("wrong_station", "不是本站的件", parcel)
    record_consent(parcel.recipient_phone, Preference.STATION, station=station, parcel=parcel,
                   source="phone_call", at=at)  # fmt: skip
    return shelve_parcel(station, waybill, operator, at=at)


SIGNABLE = {
    SignType.SELF: {State.AT_STATION, State.OVERDUE, State.TO_VILLAGE, State.WITH_PROXY, State.ON_MAIL_ROUTE},
    SignType.STATION: {State.AT_STATION, State.OVERDUE},
    SignType.PROXY: {State.AT_STATION, State.OVERDUE, State.WITH_PROXY, State.TO_VILLAGE},
    SignType.DOOR: {State.TO_VILLAGE, State.ON_MAIL_ROUTE, State.TO_POSTAL},
}


@transaction.atomic
def sign_off_many(
    parcels, sign_type: str, operator=None, proxy_name: str = "", *, at=None, place=None, note: str = ""
) -> list[ScanOutcome]:
    """签收 for a batch: self, proxy (someone named collects), station, or door delivery. No fee is taken or
    recorded. One bulk insert of events, one release of codes, one closing of problems, one of SMS rows."""
    now = at or timezone.now()
    lock_parcels(parcels)
    outcomes: list = []
    moves, index = [], []
    name = proxy_name.strip()
    for parcel in parcels:
        if sign_type not in SIGNABLE:
            outcomes.append(refused("bad_sign_type", "签收方式不正确", parcel))
        elif sign_type == SignType.PROXY and not name and parcel.state != State.WITH_PROXY:
            outcomes.append(refused("proxy_name_required", "代签须登记代取人姓名", parcel))
        elif parcel.state not in SIGNABLE[sign_type]:
            outcomes.append(
                refused("wrong_state", f"当前状态为「{parcel.get_state_display()}」，不能签收", parcel)
            )
        else:
            who = f"代取人:{name[:32]}" if name else ""
            text = " ".join(part for part in (who, note) if part)[:300]
            index.append(len(outcomes))
            outcomes.append(None)
            moves.append(
                Move(parcel, State.SIGNED, now, place or parcel.station, note=text, sign_type=sign_type)
            )
    signed = []
    for i, outcome in zip(index, apply_events(moves, operator, lock=False), strict=True):  # locked above
        outcomes[i] = outcome
        if outcome.status == "accepted":
            signed.append(outcome.parcel)
    if signed:
        release_codes(signed, now)
        close_open_problems_of(signed, "signed", operator, now)
        how = SignType(sign_type).label
        enqueue_sms_many(
            (
                p,
                "signed",
                p.recipient_phone,
                {"waybill": p.waybill, "how": how, "station": getattr(p.station, "name", "")},
            )  # fmt: skip
            for p in signed
            if p.recipient_phone
        )
    return outcomes


def sign_off(
    parcel, sign_type: str, operator=None, proxy_name: str = "", *, at=None, place=None, note: str = ""
) -> ScanOutcome:
    """签收 of one parcel (a batch of one; see `sign_off_many`)."""
    return sign_off_many([parcel], sign_type, operator, proxy_name, at=at, place=place, note=note)[0]


def door_deliveries(station):
    """Parcels the keeper must take to the door (no station consent)."""
    return Parcel.objects.filter(station=station, state=State.TO_VILLAGE, deliver_to_door=True)
