"""Regulator exports (CSV / XLSX): stations with their standing, inspections, complaints, consent gaps,
no-fee cases and the unmask log. No personal data: complainants' and recipients' phones appear as
≥6-digit-masked tails (the label form), names masked."""

from __future__ import annotations

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jincun.compliance import queries
from jincun.compliance.models import Complaint, Inspection, NoFeeCase
from jincun.core.exports import safe_row
from jincun.core.masking import mask_name, mask_phone_label
from jincun.core.models import UnmaskLog


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def stations() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            _("站点编码"),
            _("名称"),
            _("所在村"),
            _("乡镇"),
            _("类型"),
            _("状态"),
            _("达标情况"),
            _("原因"),
            _("备案号"),
            _("备案日期"),
        ]
    )
    for s in queries.station_standings():
        st = s.station
        data.append(safe_row([
            st.code, st.name, st.village.name, st.village.parent.name if st.village.parent else "",
            st.get_kind_display(), st.get_status_display(), s.label, "；".join(r.text for r in s.reasons),
            st.filing_number, st.filed_on.isoformat() if st.filed_on else "",
        ]))  # fmt: skip
    return data


def inspections() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            _("站点编码"),
            _("检查时间"),
            _("检查方"),
            _("不合格项目"),
            _("发现问题"),
            _("整改期限"),
            _("整改完成"),
        ]
    )
    for i in Inspection.objects.select_related("station").prefetch_related("items").order_by("-at"):
        failed = "；".join(item.text for item in i.items.all() if not item.passed)
        data.append(safe_row([
            i.station.code, _local(i.at), i.get_inspector_kind_display(), failed, i.findings,
            i.fix_by.isoformat() if i.fix_by else "", _local(i.fixed_at),
        ]))  # fmt: skip
    return data


def complaints() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            _("受理编号"),
            _("渠道"),
            _("类别"),
            _("投诉人"),
            _("电话"),
            _("运单号"),
            _("责任方"),
            _("品牌"),
            _("站点"),
            _("受理时间"),
            _("答复期限"),
            _("状态"),
            _("答复时间"),
            _("已升级"),
        ]
    )
    for c in Complaint.objects.select_related("brand", "station").order_by("-received_at"):
        data.append(safe_row([
            c.reference, c.get_channel_display(), c.get_category_display(), mask_name(c.contact_name),
            mask_phone_label(c.contact_phone), c.waybill, c.get_responsible_display(),
            c.brand.name if c.brand else "", c.station.code if c.station else "", _local(c.received_at),
            c.due_on.isoformat(), c.get_status_display(), _local(c.replied_at), _("是") if c.escalated_at else "",
        ]))  # fmt: skip
    return data


def consent_gaps() -> tablib.Dataset:
    data = tablib.Dataset(headers=[_("运单号"), _("品牌"), _("站点"), _("上架时间")])
    for e in queries.consent_gaps():
        data.append(safe_row([e.parcel.waybill, e.parcel.brand.name, e.parcel.station.code, _local(e.at)]))
    return data


def fee_cases() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            _("编号"),
            _("站点"),
            _("举报时间"),
            _("被收金额(元)"),
            _("处理期限"),
            _("状态"),
            _("退费(元)"),
            _("处理时间"),
        ]
    )
    for c in NoFeeCase.objects.select_related("station").order_by("-reported_at"):
        data.append(safe_row([
            c.reference, c.station.code, _local(c.reported_at), f"{c.amount_fen / 100:.2f}", c.due_on.isoformat(),
            c.get_status_display(), f"{c.refund_fen / 100:.2f}", _local(c.settled_at),
        ]))  # fmt: skip
    return data


def unmasks() -> tablib.Dataset:
    data = tablib.Dataset(headers=[_("时间"), _("查看人"), _("角色"), _("对象"), _("字段"), _("原因")])
    for u in UnmaskLog.objects.select_related("user"):
        data.append(
            [
                _local(u.at),
                str(u.user or ""),
                u.user.get_role_display() if u.user else "",
                u.subject,
                u.field,
                u.reason,
            ]
        )
    return data


EXPORTS = {
    "stations": (gettext_noop("站点达标情况"), stations),
    "inspections": (gettext_noop("站点检查"), inspections),
    "complaints": (gettext_noop("用户投诉"), complaints),
    "consent-gaps": (gettext_noop("无同意记录入站"), consent_gaps),
    "fee-cases": (gettext_noop("收费举报"), fee_cases),
    "unmasks": (gettext_noop("完整信息查看记录"), unmasks),
}
