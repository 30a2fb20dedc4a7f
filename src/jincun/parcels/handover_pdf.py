"""交接单 as PDF: the list both sides sign when parcels change hands (hub → town node, town node → station,
station → town node, to a brand or to China Post). The list's number as Code128 (the receiver scans it to open
the check-in), the route, the counts as they stand, every parcel with its brand and destination and what the
check-in found, and the signature lines. The same figures as the list's page (`reconcile`,
`queries.handover_lines`); the Chinese font is `jincun.core.pdf.chinese_font()`, embedded."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jincun.core.pdf import chinese_font
from jincun.parcels.models import HandoverList


def handover_pdf(handover: HandoverList, summary: dict, lines: list[dict]) -> bytes:
    """The list `handover` as an A4 PDF, from its `reconcile` summary and its lines."""
    font = chinese_font()
    title = ParagraphStyle("title", fontName=font, fontSize=15, leading=20)
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"{_('交接单')} {handover.number}")  # fmt: skip
    barcode = createBarcodeDrawing("Code128", value=handover.number, barHeight=12 * mm, barWidth=0.33 * mm,
                                   humanReadable=True, fontName=font, fontSize=8)  # fmt: skip
    head = Table(
        [[Paragraph(f"{_('交接单')}　{handover.number}", title), barcode]], colWidths=[110 * mm, 72 * mm]
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    flow = [head, Spacer(1, 2 * mm), Paragraph(summary["route"], body)]
    flow += [Paragraph("　".join(summary["signatures"]), body), Spacer(1, 2 * mm)]
    flow += [Paragraph(_counts(summary), body), Spacer(1, 3 * mm)]
    rows = [["序", _("运单号"), _("品牌"), _("目的地"), _("核对")]]
    rows += [[n, line["waybill"], Paragraph(line["brand"], body), Paragraph(line["destination"], body),
              Paragraph(line["status"], body)] for n, line in enumerate(lines, start=1)]  # fmt: skip
    if not lines:
        rows.append(["", _("空"), "", "", ""])
    table = Table(rows, colWidths=[10 * mm, 48 * mm, 30 * mm, 64 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7f5ff")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    flow += [table, Spacer(1, 8 * mm)]
    flow.append(Paragraph(_("交出方签字＿＿＿＿＿＿　承运人（司机）签字＿＿＿＿＿＿　接收方签字＿＿＿＿＿＿　"
                            "日期＿＿＿＿"), body))  # fmt: skip
    flow.append(Paragraph(_("打印于 %(at)s") % {"at": f"{timezone.localtime():%Y-%m-%d %H:%M}"}, body))
    doc.build(flow)
    return buffer.getvalue()


def _counts(summary) -> str:
    """The counts the list's page shows for its phase, in one line."""
    if summary["phase"] == "loading":
        return _("已装车 %(n)s 件") % {"n": summary["loaded"]}
    figures = {
        "expected": summary["expected"],
        "arrived": summary["arrived_listed"],
        "extra": len(summary["extra"]),
    }
    if summary["phase"] == "in_transit":
        return _("应到 %(expected)s 件　单上已到 %(arrived)s　在途 %(left)s　多出 %(extra)s") % {
            **figures, "left": len(summary["in_transit"])}  # fmt: skip
    return _("应到 %(expected)s 件　单上已到 %(arrived)s　未到 %(left)s　多出 %(extra)s") % {
        **figures, "left": len(summary["missing"])}  # fmt: skip
