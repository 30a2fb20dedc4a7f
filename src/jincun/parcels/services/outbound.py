"""Outbound collection (揽收) with the real-name record (实名收寄) and the inspection (验视)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from jincun.core.bulk import insert_rows
from jincun.core.phones import phone_valid
from jincun.core.resident_id import resident_id_valid
from jincun.network.models import Brand
from jincun.parcels.choices import Contents, Direction, IdType, State
from jincun.parcels.models import OutboundCollection, Parcel
from jincun.parcels.services.notify import enqueue_sms_many
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.scans import Move, apply_events, write_creations
from jincun.parcels.services.sequences import take_many

REQUIRED = ("sender_name", "sender_phone", "id_type", "id_number", "id_name", "contents")


def _text(data, key, size=64) -> str:
    return str(data.get(key) or "").strip()[:size]


def _brand(value, brands: dict):
    if isinstance(value, Brand):
        return value
    if value in (None, ""):
        return None
    return brands.get(str(value).strip().upper())


def _record(station, data, brands, operator, now) -> OutboundCollection:
    record = OutboundCollection(
        station=station,
        sender_name=_text(data, "sender_name"),
        sender_phone=_text(data, "sender_phone", 20),
        id_type=_text(data, "id_type", 16) if _text(data, "id_type", 16) in IdType.values else IdType.OTHER,
        id_number=_text(data, "id_number", 32).upper(),
        id_name=_text(data, "id_name"),
        contents=_text(data, "contents"),
        prohibited=bool(data.get("prohibited")) or _text(data, "contents") == Contents.PROHIBITED,
        inspection_note=_text(data, "inspection_note", 200),
        weight_g=int(data["weight_g"]) if str(data.get("weight_g") or "").isdigit() else None,
        brand=_brand(data.get("brand"), brands),
        recipient_name=_text(data, "recipient_name"),
        recipient_phone=_text(data, "recipient_phone", 20),
        recipient_address=_text(data, "recipient_address", 300),
        operator=operator if getattr(operator, "pk", None) else None,
        at=now,
    )
    record.name_matched = bool(record.id_name) and record.id_name == record.sender_name
    return record


def collect_outbound(station, data: dict, operator=None, *, at=None) -> ScanOutcome:
    """Collect one parcel at a station (a batch of one; see `collect_outbound_many`)."""
    return collect_outbound_many(station, [data], operator, at=at)[0]


@transaction.atomic
def collect_outbound_many(station, rows: list[dict], operator=None, *, at=None) -> list[ScanOutcome]:
    """Collect parcels at a station. Each is refused (and logged) when a field is missing, a resident ID's
    check digit is wrong, the ID name does not match the sender, or the inspection found prohibited
    contents. Data keys: sender_name, sender_phone, id_type, id_number, id_name, contents, prohibited,
    inspection_note, weight_g, brand (Brand or code), recipient_name, recipient_phone,
    recipient_address, waybill (optional; generated `JC…` from the station's daily counter), collected_at
    (optional: when this one was collected, default `at`). A parcel counts toward a farm-product project
    through agri's link (`agri.services.collect_for_project`), not through a field here."""
    return collect_outbound_batches([(station, rows)], operator, at=at)[0]


@transaction.atomic
def collect_outbound_batches(batches, operator=None, *, at=None) -> list[list[ScanOutcome]]:
    """`collect_outbound_many` for many stations at once, [(station, rows)] → outcomes per station: the
    same rules and outcomes, in a few statements for the whole day's collections."""
    now = at or timezone.now()
    brands = {b.code: b for b in Brand.objects.filter(active=True)}
    pairs = [(station, data) for station, rows in batches for data in rows]
    moments = [data.get("collected_at") or now for _, data in pairs]
    records = [_record(st, data, brands, operator, m) for (st, data), m in zip(pairs, moments, strict=True)]
    outcomes: list = [None] * len(pairs)
    accepted = []
    for index, ((_, data), record) in enumerate(zip(pairs, records, strict=True)):
        missing = [k for k in REQUIRED if not _text(data, k)]
        reason, message = _refusal(record, missing)
        if reason:
            record.refusal_reason = reason
            outcomes[index] = refused(reason, message)
        else:
            accepted.append(index)
    needed: dict = {}
    for i in accepted:
        if not _text(pairs[i][1], "waybill", 40):
            needed[pairs[i][0].pk] = needed.get(pairs[i][0].pk, 0) + 1
    generated = {pk: iter(ws) for pk, ws in _new_waybills_many(now, needed).items()}
    waybills = {
        i: _text(pairs[i][1], "waybill", 40).upper() or next(generated[pairs[i][0].pk]) for i in accepted
    }
    taken = set(Parcel.objects.filter(waybill__in=set(waybills.values())).values_list("brand_id", "waybill"))
    parcels = {}
    for index in accepted:
        station, record, key = pairs[index][0], records[index], (records[index].brand.pk, waybills[index])
        if key in taken:
            outcomes[index] = refused("duplicate_waybill", gettext("该运单号已存在"))
            records[index] = None  # not logged, as before: the operator retypes the waybill
            continue
        taken.add(key)
        parcels[index] = Parcel(
            waybill=waybills[index],
            brand=record.brand,
            direction=Direction.OUTBOUND,
            state=State.CREATED,
            recipient_name=record.recipient_name,
            recipient_phone=record.recipient_phone,
            address=record.recipient_address,
            village=station.village,
            station=station,
            town_node=station.town_node,
            weight_g=record.weight_g,
        )
    insert_rows(parcels.values())
    write_creations([(p, now, pairs[i][0]) for i, p in parcels.items()], operator, note="寄件")
    moves = [
        Move(p, State.COLLECTED, now, pairs[i][0], note=_contents_label(records[i].contents))
        for i, p in parcels.items()
    ]
    for index, outcome in zip(parcels, apply_events(moves, operator, lock=False), strict=True):
        outcomes[index] = outcome
        records[index].parcel, records[index].accepted = parcels[index], True
    insert_rows([r for r in records if r is not None])
    enqueue_sms_many(
        (
            p,
            "collected",
            records[i].sender_phone,
            {"waybill": p.waybill, "station": pairs[i][0].name, "weight": records[i].weight_g or ""},
        )  # fmt: skip
        for i, p in parcels.items()
    )
    per_station, start = [], 0
    for _station, rows in batches:
        per_station.append(outcomes[start : start + len(rows)])
        start += len(rows)
    return per_station


def _refusal(record, missing) -> tuple[str, str]:
    if missing:
        return "missing_field", gettext("缺少必填项：") + "、".join(missing)
    if record.id_type == IdType.RESIDENT and not resident_id_valid(record.id_number):
        return "bad_id_number", "居民身份证号码校验位不正确（实名收寄）"
    if why := phone_refusal(record):
        return "bad_phone", why
    if record.brand is None:
        return "no_brand", "请选择承运品牌"
    if not record.name_matched:
        return "id_name_mismatch", "证件姓名与寄件人不一致（实名收寄）"
    if record.prohibited:
        return "prohibited", "验视发现禁寄物品，拒收"
    if record.weight_g is None or record.weight_g <= 0:
        return "bad_weight", "请称重（克）"
    return "", ""


def phone_refusal(record) -> str:
    """Why the phones on a collection cannot be used: the sender's must reach them (实名收寄, the SMS), the
    recipient's, when given, must be a number that exists."""
    if not phone_valid(record.sender_phone):
        return "寄件人电话不正确：请填写手机号或座机号"
    if record.recipient_phone and not phone_valid(record.recipient_phone):
        return "收件人电话不正确：请填写手机号或座机号"
    return ""


def _new_waybills(station, now, n: int) -> list[str]:
    """`JC<station pk><yymmdd><5 digits>` from the station's daily counter (atomic, unlike `count() + 1`)."""
    return _new_waybills_many(now, {station.pk: n}).get(station.pk, [])


def _new_waybills_many(now, needed: dict[int, int]) -> dict[int, list[str]]:
    """`_new_waybills` for many stations (station pk → how many): the counters taken in a few statements."""
    prefixes = {pk: f"JC{pk:05d}{timezone.localtime(now):%y%m%d}" for pk, n in needed.items() if n}
    if not prefixes:
        return {}

    def issued(keys):
        wanted = sorted(k.removeprefix("waybill:") for k in keys)
        counts, lengths = dict.fromkeys(wanted, 0), {len(p) for p in wanted}
        for start in range(0, len(wanted), 200):  # SQLite's expression depth
            ranges = Q()
            for prefix in wanted[start : start + 200]:
                ranges |= Q(waybill__gt=prefix, waybill__lt=prefix + "~")
            for waybill in Parcel.objects.filter(ranges).values_list("waybill", flat=True):
                for n in lengths:
                    if waybill[:n] in counts:
                        counts[waybill[:n]] += 1
        return {f"waybill:{p}": n for p, n in counts.items()}

    values = take_many({f"waybill:{p}": needed[pk] for pk, p in prefixes.items()}, issued_before=issued)
    return {pk: [f"{p}{v:05d}" for v in values[f"waybill:{p}"]] for pk, p in prefixes.items()}


def _contents_label(contents: str) -> str:
    """The inspected contents as the parcel's history shows them (a category's name, or the words written)."""
    return str(Contents(contents).label) if contents in Contents.values else contents
