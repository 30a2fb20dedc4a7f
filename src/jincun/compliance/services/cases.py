"""No-fee pickup reports (取件不收费, anchors.md R9): a villager's report becomes a case with a deadline
against the station; the refund (or a finding that it was unfounded) settles it."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.compliance.choices import CaseStatus
from jincun.compliance.figures import figure
from jincun.compliance.models import NoFeeCase
from jincun.compliance.services.references import next_reference
from jincun.parcels import queries as parcel_queries


class CaseRefused(ValueError):
    """A reason in Chinese for the person who filed or settles the case."""


def report_fee(phone_tail: str, code: str, amount_fen: int, note: str = "", at=None) -> NoFeeCase:
    """The villager proves the parcel is theirs with the phone tail and pickup code (or waybill), as on
    the lookup page. One open case per parcel: a second report adds nothing and returns the first."""
    if amount_fen < 0 or amount_fen > 100_000:
        raise CaseRefused(_("金额不正确"))
    parcel = parcel_queries.find_for_villager(phone_tail, code)
    if parcel is None or parcel.station_id is None:
        raise CaseRefused(_("没有找到该站点的包裹，请核对手机尾号和取件码"))
    at = at or timezone.now()
    existing = NoFeeCase.objects.filter(parcel=parcel, status=CaseStatus.OPEN).first()
    if existing is not None:
        return existing
    due = timezone.localdate(at) + dt.timedelta(days=figure("fee_case_days"))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return NoFeeCase.objects.create(
                    reference=next_reference(NoFeeCase, "SF", at),
                    station_id=parcel.station_id,
                    parcel=parcel,
                    reported_at=at,
                    amount_fen=amount_fen,
                    note=note.strip()[:300],
                    due_on=due,
                )
        except IntegrityError:
            continue
    raise CaseRefused(_("系统繁忙，请重试"))


@transaction.atomic
def settle_case(case: NoFeeCase, user, *, refund_fen: int, founded: bool, note: str, at=None) -> NoFeeCase:
    if case.status != CaseStatus.OPEN:
        raise CaseRefused(_("该举报已处理"))
    if founded and refund_fen <= 0:
        raise CaseRefused(_("核实收费属实时须登记退费金额"))
    if refund_fen < 0:
        raise CaseRefused(_("金额不正确"))
    case.status = CaseStatus.REFUNDED if founded else CaseStatus.UNFOUNDED
    case.refund_fen = refund_fen if founded else 0
    case.settled_at = at or timezone.now()
    case.settled_by = user if getattr(user, "pk", None) else None
    case.settle_note = note.strip()[:300]
    case.save()
    return case
