"""Complaints on a clock (《邮政业用户申诉处理办法》; 快递暂行条例 art. 29: the result within 7 days).

Received on the page, over the API or by staff from a phone call; classified; assigned to the party
responsible (brand, operator, station); `due_on` counts calendar days unless the county configures
business days; past it, an unanswered complaint escalates (the dashboard lists it).
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.compliance.choices import (
    OPEN_COMPLAINT,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    Responsible,
)
from jincun.compliance.figures import figure
from jincun.compliance.models import Complaint
from jincun.compliance.services.references import next_reference
from jincun.core.masking import phone_tail
from jincun.parcels.models import Parcel

PHONE_RE = re.compile(r"^1\d{10}$|^0\d{9,11}$")


class ComplaintRefused(ValueError):
    """A reason in Chinese, for the complainant or the staff member."""


def due_date(received: dt.date, days: int, business_days: bool = False) -> dt.date:
    """`days` calendar days after `received` (month and year ends roll over); with `business_days`,
    Saturdays and Sundays are skipped (public holidays are not known to the system)."""
    if not business_days:
        return received + dt.timedelta(days=days)
    day, left = received, days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def _clean_phone(phone: str) -> str:
    digits = re.sub(r"[\s-]", "", phone or "")
    if not PHONE_RE.match(digits):
        raise ComplaintRefused(_("联系电话不正确（手机号 11 位，或带区号的固定电话）"))
    return digits


def receive_complaint(
    *,
    channel: str,
    category: str,
    text: str,
    contact_phone: str,
    contact_name: str = "",
    waybill: str = "",
    brand=None,
    by=None,
    at=None,
) -> Complaint:
    """A new complaint with its reference number and reply deadline. A waybill that matches one parcel
    links it, and the parcel's brand and station become the first guess of who is responsible."""
    if channel not in ComplaintChannel.values:
        raise ComplaintRefused(_("受理渠道不正确"))
    if category not in ComplaintCategory.values:
        raise ComplaintRefused(_("请选择投诉类别"))
    text = (text or "").strip()
    if len(text) < 5:
        raise ComplaintRefused(_("请写明投诉内容（至少 5 个字）"))
    phone = _clean_phone(contact_phone)
    at = at or timezone.now()
    waybill = re.sub(r"\s", "", waybill or "").upper()[:40]
    parcel = None
    if waybill:
        found = Parcel.objects.filter(waybill=waybill)
        if brand is not None:
            found = found.filter(brand=brand)
        found = list(found[:2])
        parcel = found[0] if len(found) == 1 else None
    due = due_date(
        timezone.localdate(at), figure("complaint_reply_days"), bool(figure("complaint_business_days"))
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Complaint.objects.create(
                    reference=next_reference(Complaint, "TS", at),
                    channel=channel,
                    category=category,
                    text=text[:4000],
                    contact_name=(contact_name or "").strip()[:64],
                    contact_phone=phone,
                    waybill=waybill,
                    parcel=parcel,
                    brand=brand or (parcel.brand if parcel else None),
                    station=parcel.station if parcel else None,
                    received_at=at,
                    received_by=by if getattr(by, "pk", None) else None,
                    due_on=due,
                )
        except IntegrityError:
            continue
    raise ComplaintRefused(_("系统繁忙，请重试"))


@transaction.atomic
def assign_complaint(
    complaint: Complaint, responsible: str, *, brand=None, station=None, at=None
) -> Complaint:
    if complaint.status not in OPEN_COMPLAINT:
        raise ComplaintRefused(_("该投诉已答复，不能再分派"))
    if responsible not in Responsible.values:
        raise ComplaintRefused(_("请选择责任方"))
    if responsible == Responsible.BRAND and brand is None:
        raise ComplaintRefused(_("请选择责任品牌"))
    if responsible == Responsible.STATION and station is None:
        raise ComplaintRefused(_("请选择责任站点"))
    complaint.responsible = responsible
    complaint.brand = brand if brand is not None else complaint.brand
    complaint.station = station if station is not None else complaint.station
    complaint.status = ComplaintStatus.ASSIGNED
    complaint.assigned_at = at or timezone.now()
    complaint.save()
    return complaint


@transaction.atomic
def reply_complaint(complaint: Complaint, reply: str, at=None) -> Complaint:
    if complaint.status not in OPEN_COMPLAINT:
        raise ComplaintRefused(_("该投诉已答复"))
    if len((reply or "").strip()) < 5:
        raise ComplaintRefused(_("请写明答复内容"))
    complaint.reply = reply.strip()[:4000]
    complaint.replied_at = at or timezone.now()
    complaint.status = ComplaintStatus.REPLIED
    complaint.save()
    return complaint


def escalate_overdue(now=None) -> int:
    """Mark unanswered complaints past their deadline as escalated (once). Idempotent."""
    now = now or timezone.now()
    return Complaint.objects.filter(
        status__in=OPEN_COMPLAINT, due_on__lt=timezone.localdate(now), escalated_at__isnull=True
    ).update(escalated_at=now)


def status_for_complainant(reference: str, tail: str) -> Complaint | None:
    """The complaint when the reference and the contact phone's last 4 digits match, else None (a miss
    and a wrong tail read alike)."""
    complaint = Complaint.objects.filter(reference=(reference or "").strip().upper()).first()
    if complaint is None or len(tail or "") != 4 or phone_tail(complaint.contact_phone) != tail:
        return None
    return complaint


def days_left(complaint: Complaint, today: dt.date | None = None) -> int:
    return (complaint.due_on - (today or timezone.localdate())).days
