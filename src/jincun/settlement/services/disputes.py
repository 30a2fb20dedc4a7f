"""Disputes on statement lines, and their corrections as adjustment lines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jincun.parcels.models import ScanEvent
from jincun.settlement.choices import DisputeState, LineKind, StatementState
from jincun.settlement.models import ChargeLine, Dispute, Statement
from jincun.settlement.services.statements import refresh_totals


@transaction.atomic
def raise_dispute(statement: Statement, line: ChargeLine, reason: str, by=None) -> Dispute:
    """Either side objects to one line, within the statement's review window."""
    reason = (reason or "").strip()
    if statement.state != StatementState.IN_REVIEW:
        raise ValidationError("只有核对期内的对账单可以提出异议")
    if statement.review_until and timezone.localdate() > statement.review_until:
        raise ValidationError(f"异议期已于 {statement.review_until} 结束")
    if line.period_id != statement.period_id or line.party_key != statement.party_key:
        raise ValidationError("该明细不在这张对账单上")
    if not reason:
        raise ValidationError("请写明异议原因")
    if line.disputes.filter(state=DisputeState.OPEN).exists():
        raise ValidationError("该明细已有待处理的异议")
    return Dispute.objects.create(statement=statement, line=line, reason=reason[:300], raised_by=by)


@transaction.atomic
def resolve_dispute(
    dispute: Dispute, *, accept: bool, corrected_fen: int | None = None, note: str = "", by=None
):
    """Reject, or accept with the corrected amount of the line: the difference becomes an adjustment line on
    the same statement (the disputed line is never edited)."""
    dispute = Dispute.objects.select_for_update().select_related("statement", "line").get(pk=dispute.pk)
    if dispute.state != DisputeState.OPEN:
        raise ValidationError("该异议已处理")
    if dispute.statement.state != StatementState.IN_REVIEW:
        raise ValidationError("对账单已不在核对期")
    dispute.resolution, dispute.resolved_by, dispute.resolved_at = note[:300], by, timezone.now()
    if accept:
        if corrected_fen is None or corrected_fen < 0:
            raise ValidationError("采纳异议须填写更正后的金额（分，非负）")
        line = dispute.line
        dispute.adjustment = ChargeLine.objects.create(
            period_id=line.period_id, party_kind=line.party_kind, party_key=line.party_key,
            kind=LineKind.ADJUSTMENT, parcel_id=line.parcel_id, waybill=line.waybill, village_id=line.village_id,
            amount_fen=corrected_fen - line.amount_fen, note=f"异议更正 #{dispute.pk}：{dispute.reason}"[:200],
        )  # fmt: skip
        dispute.state = DisputeState.ACCEPTED
    else:
        dispute.state = DisputeState.REJECTED
    dispute.save()
    refresh_totals(dispute.statement)
    return dispute


def evidence(line: ChargeLine):
    """The parcel's events, with times and places: what a dispute is argued on."""
    if line.parcel_id is None:
        return ScanEvent.objects.none()
    return ScanEvent.objects.filter(parcel_id=line.parcel_id).order_by("at", "id")
