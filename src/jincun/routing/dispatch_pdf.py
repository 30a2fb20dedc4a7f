"""Dispatch sheets (派车单) as PDF: one page per run — stops in order with ETA, parcels per brand, and the
handover list each receiver signs. The Chinese font is `jincun.core.pdf.chinese_font()`, embedded."""

from __future__ import annotations

import io

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jincun.core.pdf import chinese_font
from jincun.routing.choices import RunKind
from jincun.routing.models import Plan
from jincun.routing.products import PRODUCTS
from jincun.routing.queries import APPROXIMATE_NOTE


def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """Title, body and note styles in the embedded Chinese font (registered on first use, not at import)."""
    font = chinese_font()
    return (
        ParagraphStyle("title", fontName=font, fontSize=15, leading=20),
        ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13),
        ParagraphStyle("note", fontName=font, fontSize=8.5, leading=11, textColor=colors.HexColor("#c92a2a")),
    )


def _hm(value) -> str:
    return timezone.localtime(value).strftime("%H:%M")


def _brands(by_brand: dict) -> str:
    return "，".join(f"{b} {n}" for b, n in sorted(by_brand.items()))


PRODUCT_NAMES = {code: p.name for code, p in PRODUCTS.items()}


def _products(stop) -> str:
    by = stop.pickup_by_product or {}
    return (
        ("<br/>" + "，".join(f"{PRODUCT_NAMES.get(k, k)} {n}" for k, n in sorted(by.items()))) if by else ""
    )


def _run_page(plan: Plan, run) -> list:
    TITLE, BODY, _ = _styles()  # noqa: N806 (style constants, built per document)
    vehicle = run.vehicle
    driver = f"{vehicle.driver_name} {vehicle.plate}".strip() if vehicle else ""
    heading = {RunKind.TRUNK: "干线派车单", RunKind.VILLAGE: "村线派车单", RunKind.HANDOVER: "邮政交接单"}[
        run.kind
    ]
    if run.kind == RunKind.HANDOVER:
        return _handover_page(plan, run, f"{heading}　{plan.date:%Y-%m-%d}　第 {run.seq} 号")
    flow = [
        Paragraph(f"{heading}　{plan.date:%Y-%m-%d}　第 {run.seq} 车次", TITLE),
        Spacer(1, 3 * mm),
        Paragraph(
            f"车辆：{run.vehicle_code or '邮政邮路'}　{driver}　出发地：{run.depot_name}　"
            f"出发 {_hm(run.departs_at)}　返回 {_hm(run.returns_at)}　里程 {run.km:.1f} km　"
            f"送件 {run.load_parcels} 件 / {run.load_kg:.0f} kg　收件 {run.pickup_parcels} 箱 / {run.pickup_kg:.0f} kg　"
            f"在车最重 {run.peak_kg:.0f} kg" + ("　季节租用车辆" if run.season_hire else ""),
            BODY,
        ),
        Spacer(1, 3 * mm),
    ]
    rows = [["序", "停靠点", "预计到达", "送件", "分品牌件数", "收箱 / kg", "离开时在车", "实收实交", "签字"]]
    for s in run.stops.all():
        name = s.name + ("（锁定）" if s.locked else "") + ("（收集点）" if s.kind == "collection" else "")
        collect = f"{s.pickup_parcels} / {s.pickup_kg:.0f}" if s.pickup_parcels else "—"
        rows.append([s.order, Paragraph(name, BODY), _hm(s.eta), s.parcels or "—",
                     Paragraph(_brands(s.parcels_by_brand), BODY), Paragraph(collect + _products(s), BODY),
                     f"{s.onboard_parcels} 件 / {s.onboard_kg:.0f} kg", "", ""])  # fmt: skip
    stops = list(run.stops.all())
    rows.append(["", "合计", "", sum(s.parcels for s in stops), "",
                 f"{sum(s.pickup_parcels for s in stops)} / {sum(s.pickup_kg for s in stops):.0f}", "", "", ""])  # fmt: skip
    table = Table(rows, colWidths=[7 * mm, 34 * mm, 16 * mm, 11 * mm, 34 * mm, 22 * mm, 26 * mm, 16 * mm, 18 * mm],
                  repeatRows=1)  # fmt: skip
    return [
        *flow,
        *_closing(
            plan, table, "交接确认：交出方（司机）签字＿＿＿＿＿＿　接收方签字＿＿＿＿＿＿　日期＿＿＿＿"
        ),
    ]


def _handover_page(plan: Plan, run, title: str) -> list:
    """邮政交接单: the parcels the hub hands to China Post for one mail route (邮快合作). The route runs on its
    own timetable, so the sheet has the handover time and the route's stops with its times, and none of a
    vehicle's figures (no km, no return, nothing on board, nothing collected)."""
    TITLE, BODY, _ = _styles()  # noqa: N806
    stops = list(run.stops.all())
    total = sum(s.parcels for s in stops)
    flow = [
        Paragraph(title, TITLE),
        Spacer(1, 3 * mm),
        Paragraph(
            f"邮路：{run.depot_name}　交邮时间 {_hm(run.departs_at)} 前　交件 {total} 件 / {run.load_kg:.0f} kg　"
            "（邮路按自己的班期运行，不另派车，不计里程）",
            BODY,
        ),
        Spacer(1, 3 * mm),
    ]
    rows = [["序", "邮路停靠村", "邮路预计到达", "交件", "分品牌件数", "实收件数", "签字"]]
    for s in stops:
        rows.append([s.order, Paragraph(s.name, BODY), _hm(s.eta), s.parcels or "—",
                     Paragraph(_brands(s.parcels_by_brand), BODY), "", ""])  # fmt: skip
    rows.append(["", "合计", "", total, "", "", ""])
    table = Table(
        rows, colWidths=[8 * mm, 48 * mm, 24 * mm, 14 * mm, 48 * mm, 22 * mm, 22 * mm], repeatRows=1
    )
    closing = "交接确认：交出方（分拨中心）签字＿＿＿＿＿＿　接收方（邮政）签字＿＿＿＿＿＿　日期＿＿＿＿"
    return [*flow, *_closing(plan, table, closing)]


def _closing(plan: Plan, table, confirmation: str) -> list:
    """The sheet's table in the common style, the signatures line and the approximation note."""
    _, BODY, NOTE = _styles()  # noqa: N806
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), chinese_font()), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7f5ff")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    flow = [table, Spacer(1, 6 * mm), Paragraph(confirmation, BODY)]
    if plan.approximate:
        flow += [Spacer(1, 3 * mm), Paragraph(str(APPROXIMATE_NOTE), NOTE)]
    return flow


def dispatch_pdf(plan: Plan, runs=None) -> bytes:
    """The dispatch sheets for `plan` (or just `runs`), one page per run."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"{plan.date} 派车单")  # fmt: skip
    runs = list(runs if runs is not None else plan.runs.select_related("vehicle").prefetch_related("stops"))
    flow = []
    for i, run in enumerate(runs):
        if i:
            flow.append(PageBreak())
        flow += _run_page(plan, run)
    if not flow:
        flow = [Paragraph(f"{plan.date} 无车次", _styles()[0])]
    doc.build(flow)
    return buffer.getvalue()
