"""Every PDF embeds a real Chinese TrueType font, so it reads the same on a viewer with no Chinese font."""

import re
import shutil
import subprocess

import pytest
from reportlab.pdfgen import canvas

from jincun.core import pdf


def _a_page(tmp_path) -> bytes:
    path = tmp_path / "zh.pdf"
    doc = canvas.Canvas(str(path))
    doc.setFont(pdf.chinese_font(), 14)
    doc.drawString(72, 720, "沂源县快递共配中心 交接单 王庄村委会")
    doc.save()
    return path.read_bytes()


def test_the_font_is_a_truetype_file_the_install_brings():
    assert pdf.font_path().suffix in (".ttf", ".ttc", ".otf") and pdf.font_path().is_file()


def test_pdf_embeds_the_chinese_font_as_a_subset(tmp_path):
    data = _a_page(tmp_path)
    assert b"/FontFile2" in data  # an embedded TrueType program, not a name the viewer must supply
    assert b"STSong" not in data
    if shutil.which("pdffonts"):
        table = subprocess.run(["pdffonts", str(tmp_path / "zh.pdf")], capture_output=True, text=True).stdout
        row = [line for line in table.splitlines() if "WenQuanYi" in line or "wqy" in line.lower()]
        assert row and re.search(r"\byes\s+yes\b", row[0]), table  # embedded, subset


def test_a_missing_font_says_what_to_install(monkeypatch):
    monkeypatch.setattr(pdf, "CANDIDATES", ("/nonexistent/font.ttc",))
    monkeypatch.setenv("JINCUN_PDF_FONT", "/nonexistent/other.ttf")
    with pytest.raises(Exception, match="fonts-wqy-microhei"):
        pdf.font_path()
