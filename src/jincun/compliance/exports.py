"""Regulator exports (CSV / XLSX): stations with their standing, inspections, complaints, consent gaps,
no-fee cases and the unmask log. No personal data: complainants' and recipients' phones appear as
≥6-digit-masked tails (the label form), names masked."""

from __future__ import annotations

import tablib
from django.utils import timezone

from jincun.compliance import queries
from jincun.compliance.models import Complaint, Inspection, NoFeeCase
from jincun.core.masking import mask_name, mask_phone_label
from jincun.core.models import UnmaskLog


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def stations() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            "站点编码",
            "名称",
            "所在村",
            "乡镇",
            "类型",
            "状态",
            "达标情况",
            "原因",
            "备案号",
            "备案日期",
        ]
    )
    for s in queries.station_standings():
        st = s.station
        data.append([
            st.code, st.name, st.village.name, st.village.parent.name if st.village.parent else "",
            st.get_kind_display(), st.get_status_display(), s.label, "；".join(r.text for r in s.reasons),
            st.filing_number, st.filed_on.isoformat() if st.filed_on else "",
        ])  # fmt: skip
    return data


def inspections() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=["站点编码", "检查时间", "检查方", "不合格项目", "发现问题", "整改期限", "整改完成"]
    )
    for i in Inspection.objects.select_related("station").prefetch_related("items").order_by("-at"):
        failed = "；".join(item.text for item in i.items.all() if not item.passed)
        data.append([
            i.station.code, _local(i.at), i.get_inspector_kind_display(), failed, i.findings,
            i.fix_by.isoformat() if i.fix_by else "", _local(i.fixed_at),
        ])  # fmt: skip
    return data


def complaints() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=[
            "受理编号",
            "渠道",
            "类别",
            "投诉人",
            "电话",
            "运单号",
            "责任方",
            "品牌",
            "站点",
            "受理时间",
            "答复期限",
            "状态",
            "答复时间",
            "已升级",
        ]
    )
    for c in Complaint.objects.select_related("brand", "station").order_by("-received_at"):
        data.append([
            c.reference, c.get_channel_display(), c.get_category_display(), mask_name(c.contact_name),
            mask_phone_label(c.contact_phone), c.waybill, c.get_responsible_display(),
            c.brand.name if c.brand else "", c.station.code if c.station else "", _local(c.received_at),
            c.due_on.isoformat(), c.get_status_display(), _local(c.replied_at), "是" if c.escalated_at else "",
        ])  # fmt: skip
    return data


def consent_gaps() -> tablib.Dataset:
    data = tablib.Dataset(headers=["运单号", "品牌", "站点", "上架时间"])
    for e in queries.consent_gaps():
        data.append([e.parcel.waybill, e.parcel.brand.name, e.parcel.station.code, _local(e.at)])
    return data


def fee_cases() -> tablib.Dataset:
    data = tablib.Dataset(
        headers=["编号", "站点", "举报时间", "被收金额(元)", "处理期限", "状态", "退费(元)", "处理时间"]
    )
    for c in NoFeeCase.objects.select_related("station").order_by("-reported_at"):
        data.append([
            c.reference, c.station.code, _local(c.reported_at), f"{c.amount_fen / 100:.2f}", c.due_on.isoformat(),
            c.get_status_display(), f"{c.refund_fen / 100:.2f}", _local(c.settled_at),
        ])  # fmt: skip
    return data


def unmasks() -> tablib.Dataset:
    data = tablib.Dataset(headers=["时间", "查看人", "角色", "对象", "字段", "原因"])
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
    "stations": ("站点达标情况", stations),
    "inspections": ("站点检查", inspections),
    "complaints": ("用户投诉", complaints),
    "consent-gaps": ("无同意记录入站", consent_gaps),
    "fee-cases": ("收费举报", fee_cases),
    "unmasks": ("完整信息查看记录", unmasks),
}
