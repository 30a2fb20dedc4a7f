"""Outbound collection (揽收) with the real-name record (实名收寄) and the inspection (验视)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jincun.core.phones import phone_valid
from jincun.network.models import Brand
from jincun.parcels.choices import Direction, IdType, State
from jincun.parcels.models import OutboundCollection, Parcel
from jincun.parcels.services.notify import enqueue_sms
from jincun.parcels.services.outcomes import ScanOutcome, refused
from jincun.parcels.services.scans import apply_event, record_creation

REQUIRED = ("sender_name", "sender_phone", "id_type", "id_number", "id_name", "contents")


def _text(data, key, size=64) -> str:
    return str(data.get(key) or "").strip()[:size]


def _brand(value):
    if isinstance(value, Brand):
        return value
    if value in (None, ""):
        return None
    return Brand.objects.filter(code=str(value).strip().upper(), active=True).first()


@transaction.atomic
def collect_outbound(station, data: dict, operator=None, *, at=None) -> ScanOutcome:
    """Collect a parcel at a station. Refused (and logged) when a field is missing, the ID name does not
    match the sender, or the inspection found prohibited contents. Data keys: sender_name, sender_phone,
    id_type, id_number, id_name, contents, prohibited, inspection_note, weight_g, brand (Brand or code),
    project_tag, recipient_name, recipient_phone, recipient_address, waybill (optional)."""
    now = at or timezone.now()
    missing = [k for k in REQUIRED if not _text(data, k)]
    brand = _brand(data.get("brand"))
    record = OutboundCollection(
        station=station,
        sender_name=_text(data, "sender_name"),
        sender_phone=_text(data, "sender_phone", 20),
        id_type=_text(data, "id_type", 16) if _text(data, "id_type", 16) in IdType.values else IdType.OTHER,
        id_number=_text(data, "id_number", 32).upper(),
        id_name=_text(data, "id_name"),
        contents=_text(data, "contents"),
        prohibited=bool(data.get("prohibited")),
        inspection_note=_text(data, "inspection_note", 200),
        weight_g=int(data["weight_g"]) if str(data.get("weight_g") or "").isdigit() else None,
        brand=brand,
        project_tag=_text(data, "project_tag", 32),
        recipient_name=_text(data, "recipient_name"),
        recipient_phone=_text(data, "recipient_phone", 20),
        recipient_address=_text(data, "recipient_address", 300),
        operator=operator if getattr(operator, "pk", None) else None,
        at=now,
    )
    record.name_matched = bool(record.id_name) and record.id_name == record.sender_name
    reason, message = _refusal(record, missing, data)
    if reason:
        record.refusal_reason = reason
        record.save()
        return refused(reason, message)
    waybill = _text(data, "waybill", 40).upper() or _new_waybill(station, now)
    if Parcel.objects.filter(brand=brand, waybill=waybill).exists():
        return refused("duplicate_waybill", "该运单号已存在")
    parcel = Parcel.objects.create(
        waybill=waybill,
        brand=brand,
        direction=Direction.OUTBOUND,
        state=State.CREATED,
        recipient_name=record.recipient_name,
        recipient_phone=record.recipient_phone,
        address=record.recipient_address,
        village=station.village,
        station=station,
        town_node=station.town_node,
        weight_g=record.weight_g,
        project_tag=record.project_tag,
    )
    record_creation(parcel, now, place=station, operator=operator, note="寄件")
    outcome = apply_event(
        parcel, State.COLLECTED, place=station, operator=operator, at=now, note=record.contents
    )
    record.parcel, record.accepted = parcel, True
    record.save()
    enqueue_sms(
        parcel,
        "collected",
        record.sender_phone,
        waybill=waybill,
        station=station.name,
        weight=record.weight_g or "",
    )
    return outcome


def _refusal(record, missing, data) -> tuple[str, str]:
    if missing:
        return "missing_field", "缺少必填项：" + "、".join(missing)
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


def _new_waybill(station, now) -> str:
    prefix = f"JC{station.pk:05d}{timezone.localtime(now):%y%m%d}"
    count = Parcel.objects.filter(waybill__gt=prefix, waybill__lt=prefix + "~").count() + 1
    return f"{prefix}{count:05d}"
