"""A statement as PDF (for reading and signing) and as XLSX (every line, typed cells, for the books).

The PDF carries the statement number and 第 x 页 / 共 y 页 on every page, totals by kind, a per-day summary
and the first `PDF_LINES` lines (the XLSX holds them all, streamed row by row in write-only mode).
"""

from __future__ import annotations

import io

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jincun.core.exports import safe_row
from jincun.core.pdf import chinese_font
from jincun.network.models import Hub
from jincun.parcels.choices import State
from jincun.settlement.choices import LineKind
from jincun.settlement.models import Statement
from jincun.settlement.services.periods import SHANGHAI

PDF_LINES = 500
KIND_LABELS = {**{s.value: s.label for s in State}, **{k.value: k.label for k in LineKind}}


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def kind_label(key: str) -> str:
    return str(KIND_LABELS.get(key, key))


class _NumberedCanvas(pdfcanvas.Canvas):
    """Two passes: pages are kept until the end, so each can say how many there are."""

    statement_number = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(chinese_font(), 8)
            self.drawString(15 * mm, 10 * mm, f"对账单号 {self.statement_number}")
            self.drawRightString(195 * mm, 10 * mm, f"第 {self._pageNumber} 页 / 共 {total} 页")
            super().showPage()
        super().save()


def _table(rows, widths, header=True):
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), chinese_font(), 9),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))
                if header
                else ("", (0, 0), (0, 0)),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def _issuer(statement: Statement) -> str:
    """The hub that issues the statement: the one of its lines' county (one installation may hold several)."""
    county = statement.lines().exclude(county=None).values_list("county", flat=True).first()
    hubs = Hub.objects.order_by("id")
    hub = (hubs.filter(county__code__startswith=county[:6]) if county else hubs).first()
    return hub.name if hub else "县级快递共配中心"


def statement_pdf(statement: Statement) -> bytes:
    font = chinese_font()
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=22)
    body = ParagraphStyle("b", fontName=font, fontSize=10, leading=15)
    head = ParagraphStyle("h", fontName=font, fontSize=12, leading=18, spaceBefore=6)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=18 * mm, title=f"对账单 {statement.number}")  # fmt: skip
    p = statement.period
    story = [
        Paragraph(f"{_issuer(statement)} 结算对账单（{p.month:%Y 年 %m 月}）", title),
        Paragraph(
            f"对账单号：{statement.number} ｜ 对象：{statement.party_name} ｜ 方向：{statement.direction_text}<br/>"
            f"状态：{statement.get_state_display()} ｜ 明细 {statement.lines_count} 条 ｜ "
            f"合计：<b>¥ {_yuan(statement.total_fen)}</b>",
            body,
        ),
        Paragraph("分类合计", head),
    ]
    rows = [["类别", "件数", "金额(元)"]]
    rows += [
        [kind_label(k), str(v["count"]), _yuan(v["fen"])] for k, v in sorted(statement.totals_by_kind.items())
    ]
    rows.append(["合计", str(statement.lines_count), _yuan(statement.total_fen)])
    story += [_table(rows, [80 * mm, 30 * mm, 40 * mm]), Paragraph("按日汇总", head)]
    daily = (
        statement.lines().exclude(event_at=None).annotate(day=TruncDate("event_at", tzinfo=SHANGHAI))
        .values("day").annotate(n=Count("id"), fen=Sum("amount_fen")).order_by("day")
    )  # fmt: skip
    rows = [["日期", "件数", "金额(元)"]] + [[str(d["day"]), str(d["n"]), _yuan(d["fen"])] for d in daily]
    story += [_table(rows, [60 * mm, 30 * mm, 40 * mm]), Paragraph("明细", head)]
    lines = statement.lines().select_related("village").order_by("event_at", "id")[:PDF_LINES]
    rows = [["运单号", "事件", "时间", "村", "金额(元)"]]
    for line in lines:
        when = line.event_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M") if line.event_at else ""
        label = kind_label(line.event_type if line.kind == LineKind.EVENT else line.kind)
        rows.append([line.waybill or line.note[:18], label, when, line.village.name if line.village else "",
                     _yuan(line.amount_fen)])  # fmt: skip
    story.append(_table(rows, [42 * mm, 38 * mm, 26 * mm, 44 * mm, 28 * mm]))
    if statement.lines_count > PDF_LINES:
        story.append(Paragraph(f"仅列前 {PDF_LINES} 条；全部 {statement.lines_count} 条明细见 XLSX。", body))
    story += [Spacer(1, 12 * mm), Paragraph("共配中心（盖章）：　　　　　　　　对方（盖章）：", body)]
    _NumberedCanvas.statement_number = statement.number
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buf.getvalue()


def statement_xlsx(statement: Statement) -> bytes:
    """Every line as typed cells: text waybills, real datetimes (Asia/Shanghai), amounts in yuan with a 0.00
    format beside the integer fen; header frozen; a totals sheet."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    summary = book.create_sheet("汇总")
    summary.append(safe_row(["对账单号", statement.number]))
    summary.append(safe_row(["月份", f"{statement.period.month:%Y-%m}"]))
    summary.append(safe_row(["对象", statement.party_name]))
    summary.append(safe_row(["方向", statement.direction_text]))
    summary.append(safe_row(["状态", statement.get_state_display()]))
    summary.append(safe_row([]))
    summary.append(safe_row(["类别", "件数", "金额(分)"]))
    for key, v in sorted(statement.totals_by_kind.items()):
        summary.append(safe_row([kind_label(key), v["count"], v["fen"]]))
    summary.append(safe_row(["合计", statement.lines_count, statement.total_fen]))
    sheet = book.create_sheet("明细")
    sheet.freeze_panes = "A2"
    from openpyxl.cell import WriteOnlyCell

    header = []
    for text in ("运单号", "类型", "事件", "时间", "村代码", "金额(分)", "金额(元)", "说明"):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(safe_row(header))
    rows = (
        statement.lines()
        .order_by("event_at", "id")
        .values_list("waybill", "kind", "event_type", "event_at", "village_id", "amount_fen", "note")
    )
    for waybill, kind, event_type, at, village, fen, note in rows.iterator(chunk_size=5000):
        when = WriteOnlyCell(sheet, value=at.astimezone(SHANGHAI).replace(tzinfo=None) if at else None)
        when.number_format = "yyyy-mm-dd hh:mm"
        yuan = WriteOnlyCell(sheet, value=fen / 100)
        yuan.number_format = "#,##0.00"
        sheet.append(safe_row([waybill, str(LineKind(kind).label), kind_label(event_type) if event_type else "",
                               when, village or "", fen, yuan, note]))  # fmt: skip
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
