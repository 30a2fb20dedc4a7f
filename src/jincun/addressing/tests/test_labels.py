import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

from jincun.addressing.labels import LabelData, label_lines, render_labels

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("pdftotext")), reason="Debian poppler-utils not installed"
)
LABEL = LabelData(
    waybill="YT7123456789012",
    brand="圆通",
    sort_code="03-281",
    town="鲁村镇",
    village="凉泉村",
    station="凉泉村服务站",
    pickup="到凉泉村服务站凭取件码取件",
    recipient_name="张三丰",
    recipient_phone="13955550066",
)


def test_recipient_is_masked_in_the_printed_text():
    lines = label_lines(LABEL)
    assert "13955550066" not in lines["recipient"] and "三丰" not in lines["recipient"]
    assert sum(c == "*" for c in lines["recipient"]) >= 6 + 2


@needs_poppler
def test_label_pdf_barcode_decodes_and_phone_is_hidden(tmp_path):
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(render_labels([LABEL, LabelData(**{**LABEL.__dict__, "waybill": "ZT0000000001"})]))
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 2
    decoded = [[r.text for r in zxingcpp.read_barcodes(Image.open(p))] for p in pages]
    assert decoded == [["YT7123456789012"], ["ZT0000000001"]]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "03-281" in text and "张**" in text and "三丰" not in text
    assert "139******66" in text and "5555" not in text


def test_empty_batch_is_a_valid_pdf():
    assert render_labels([]).startswith(b"%PDF")


def test_every_line_fits_on_the_sticker_however_long_the_names():
    """The station line of an outbound label once ran off the 76 mm sticker."""
    from reportlab.graphics.shapes import String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from jincun.addressing.labels import WIDTH, label_drawing
    from jincun.core.pdf import chinese_font

    long = LabelData(**{**LABEL.__dict__, "town": "东里镇快递分拨节点", "village": "东里西村村委会",
                        "station": "东里西村便民超市快递服务站" * 2})  # fmt: skip
    font = chinese_font()
    strings = [s for s in label_drawing(long, font).contents if isinstance(s, String)]
    assert strings and all(s.x + stringWidth(s.text, font, s.fontSize) <= WIDTH - 2 for s in strings)
    assert any(s.text.endswith("…") for s in strings)
