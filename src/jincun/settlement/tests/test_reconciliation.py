"""A brand's bill against our statement: every category with its difference in fen, and the balance."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from jincun.core.imports import TableError
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.reconciliation import reconcile
from jincun.settlement.services.statements import draft_statements
from jincun.settlement.tests.factories import brand_tariff, county, event, local, parcel

OCT = dt.date(2026, 10, 1)


@pytest.fixture
def setup(db):
    c = county()
    brand_tariff(c, unit_fen=150)
    ps = [parcel(c) for _ in range(4)]
    for i, p in enumerate(ps):
        event(p, "signed", local(2026, 10, 3 + (i // 2)))
    rate_month(OCT)
    [statement] = draft_statements(OCT)
    return c, ps, statement


def _items(rec):
    return {(i.category, i.key, i.diff_fen) for i in rec.items.all()}


def test_per_waybill_categories_with_fen_differences_and_balance(setup):
    c, ps, statement = setup
    csv = (
        "运单号,金额\n"
        f"{ps[0].waybill},1.50\n"  # agree
        f"{ps[1].waybill},1.20\n"  # differs by 30 fen
        "TSNOTOURS001,2.00\n"  # only theirs
        "BAD,1.234\n"  # refused: three decimals
        # ps[2], ps[3] only ours
    ).encode()
    rec = reconcile(statement, csv, "bill.csv")
    assert rec.counts == {"agree": 1, "differs": 1, "only_ours": 2, "only_theirs": 1}
    assert _items(rec) == {
        ("differs", ps[1].waybill, 30),
        ("only_ours", ps[2].waybill, 150),
        ("only_ours", ps[3].waybill, 150),
        ("only_theirs", "TSNOTOURS001", -200),
    }
    assert rec.refused_rows == [{"line": 5, "reason": "金额最多两位小数：1.234"}]
    assert (rec.ours_total_fen, rec.theirs_total_fen) == (600, 470)
    assert rec.difference_fen == 130 == rec.items_difference_fen and rec.balanced


def test_per_day_and_village_from_xlsx(setup):
    c, ps, statement = setup
    book = Workbook()
    sheet = book.active
    sheet.append(["日期", "村", "件数", "金额(分)"])
    sheet.append([dt.datetime(2026, 10, 3), c.joint_village.code, 2, 300])  # agree
    sheet.append([dt.datetime(2026, 10, 4), c.joint_village.name, 2, 280])  # differs by 20
    sheet.append([dt.datetime(2026, 10, 5), c.joint_village.code, 1, 150])  # only theirs
    buf = io.BytesIO()
    book.save(buf)
    rec = reconcile(statement, buf.getvalue(), "bill.xlsx")
    j = c.joint_village.code
    assert rec.counts == {"agree": 1, "differs": 1, "only_ours": 0, "only_theirs": 1}
    assert _items(rec) == {("differs", f"2026-10-04|{j}", 20), ("only_theirs", f"2026-10-05|{j}", -150)}
    assert rec.balanced and rec.difference_fen == -130


def test_unreadable_bill_is_refused_whole(setup):
    _, _, statement = setup
    with pytest.raises(TableError, match="运单号"):
        reconcile(statement, "名称,数\nx,1\n".encode(), "bill.csv")
