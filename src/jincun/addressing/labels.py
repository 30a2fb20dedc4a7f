"""Hub labels (共配标签): a 76×50 mm sticker for the free area beside the brand label, never over it.

Each label carries the waybill as Code128, the hub sort code in large type, town / village / station, the
pickup instruction, and the recipient masked (name keeps the surname, phone hides ≥ 6 digits). One label per
page, so a roll printer prints a batch in order.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from jincun.core.masking import mask_name, mask_phone_label
from jincun.core.pdf import chinese_font

WIDTH, HEIGHT = 76 * mm, 50 * mm


@dataclass
class LabelData:
    waybill: str
    brand: str
    sort_code: str
    town: str
    village: str
    station: str
    pickup: str
    recipient_name: str = ""
    recipient_phone: str = ""


def label_lines(data: LabelData) -> dict[str, str]:
    """The texts printed on the label (the recipient already masked)."""
    recipient = " ".join(
        p for p in (mask_name(data.recipient_name), mask_phone_label(data.recipient_phone)) if p
    )
    return {
        "sort_code": data.sort_code or "待分拣",
        "place": " / ".join(p for p in (data.town, data.village, data.station) if p),
        "pickup": data.pickup,
        "recipient": f"收件人：{recipient}" if recipient else "",
        "footer": f"{data.brand} {data.waybill}",
    }


def label_drawing(data: LabelData, font: str = "") -> Drawing:
    """The label as a reportlab Drawing (PDF here; tests rasterize the PDF and decode the barcode)."""
    font = font or chinese_font()
    lines = label_lines(data)
    d = Drawing(WIDTH, HEIGHT)
    barcode = createBarcodeDrawing(
        "Code128", value=data.waybill, barHeight=11 * mm, barWidth=0.3 * mm, humanReadable=False, quiet=True
    )
    scale = min(1.0, (WIDTH - 4 * mm) / barcode.width)
    barcode.scale(scale, 1)
    barcode.translate(((WIDTH - barcode.width * scale) / 2) / scale, HEIGHT - 14 * mm)
    d.add(barcode)
    d.add(String(3 * mm, HEIGHT - 25 * mm, lines["sort_code"], fontName=font, fontSize=26))
    d.add(Line(2 * mm, HEIGHT - 27 * mm, WIDTH - 2 * mm, HEIGHT - 27 * mm, strokeWidth=0.5))
    y = HEIGHT - 32 * mm
    for key, size in (("place", 9), ("pickup", 8), ("recipient", 8), ("footer", 7)):
        if lines[key]:
            text, fitted = fit(lines[key], font, size, WIDTH - 5 * mm)
            d.add(String(3 * mm, y, text, fontName=font, fontSize=fitted))
            y -= size * 0.353 * mm + 1.8 * mm
    return d


def fit(text: str, font: str, size: float, width: float, smallest: float = 6.0) -> tuple[str, float]:
    """`text` in the largest size down to `smallest` that fits `width`; still too long, cut with an ellipsis
    (a long station name must never run off the sticker)."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…", size


def render_labels(items: Iterable[LabelData]) -> bytes:
    """A PDF with one 76×50 mm page per label."""
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(WIDTH, HEIGHT), invariant=1)
    pdf.setTitle("共配标签")
    count = 0
    for data in items:
        renderPDF.draw(label_drawing(data), pdf, 0, 0)
        pdf.showPage()
        count += 1
    if not count:
        pdf.drawString(3 * mm, HEIGHT / 2, "")
        pdf.showPage()
    pdf.save()
    return buf.getvalue()
