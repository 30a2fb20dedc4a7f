"""Statement PDF and XLSX: Chinese text, statement number and page numbers; typed cells, frozen header."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from jincun.settlement.documents import statement_pdf, statement_xlsx
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import draft_statements
from jincun.settlement.tests.factories import brand_tariff, county, event, local, parcel


@pytest.fixture
def statement(db):
    c = county()
    brand_tariff(c, unit_fen=150)
    for i in range(60):
        event(parcel(c), "signed", local(2026, 10, 1 + i % 28))
    rate_month(dt.date(2026, 10, 1))
    [s] = draft_statements(dt.date(2026, 10, 1))
    return s


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="Debian poppler-utils not installed")
def test_pdf_has_number_and_page_numbers_on_every_page(statement, tmp_path):
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(statement_pdf(statement))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for i, text in enumerate(pages, start=1):
        flat = text.replace(" ", "")
        assert statement.number in text and f"第{i}页/共{len(pages)}页" in flat
    assert "结算对账单" in pages[0] and "90.00" in pages[0]
    from jincun.network.models import Hub

    hub = Hub.objects.get()
    assert f"{hub.name}结算对账单" in pages[0].replace(
        " ", ""
    )  # the issuing hub by name, not a generic title


def test_xlsx_typed_cells_and_frozen_header(statement):
    book = load_workbook(io.BytesIO(statement_xlsx(statement)))
    sheet = book["明细"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["运单号", "类型", "事件"]
    row = [c for c in sheet[2]]
    assert isinstance(row[3].value, dt.datetime) and row[3].number_format == "yyyy-mm-dd hh:mm"
    assert row[5].value == 150 and row[6].value == 1.5 and row[6].number_format == "#,##0.00"
    assert sheet.max_row == 61
    assert book["汇总"]["B1"].value == statement.number
