"""Manifest files: Chinese or English headers, CSV or XLSX; unreadable rows refused by line number."""

import io

from openpyxl import Workbook

from jincun.parcels.manifest_files import rows_from_file


def test_csv_with_chinese_headers_and_one_bad_row():
    data = (
        "运单号,收件人,电话,地址,重量(克),代收货款,备注\n"
        "YT1234567890123,张三,13812345678,南麻街道,1200,是,x\n"
        "YT1234567890124,李四,13812345679,南麻街道,heavy,否,\n"
        "YT1234567890125,王五,13812345670,南麻街道,,否,\n"
    ).encode()
    good, bad = rows_from_file(data, "m.csv")
    assert [line for line, _ in good] == [2, 4]
    assert good[0][1].cod is True and good[0][1].weight_g == 1200 and good[1][1].weight_g is None
    assert [(r.index, r.waybill, r.status) for r in bad] == [(3, "YT1234567890124", "refused")]


def test_xlsx_with_api_field_names():
    book = Workbook()
    sheet = book.active
    sheet.append(["waybill", "recipient_phone", "village_code", "insured"])
    sheet.append(["JT1234567890123", "13800000000", "370323100201", "1"])
    buffer = io.BytesIO()
    book.save(buffer)
    good, bad = rows_from_file(buffer.getvalue(), "m.xlsx")
    assert not bad
    ((_, row),) = good
    assert row.waybill == "JT1234567890123" and row.village_code == "370323100201" and row.insured
