"""Two-sided reconciliation: a brand's own bill against our statement, per waybill or per day and village.

The bill's columns (Chinese or English headers): per waybill `运单号`/`waybill` and `金额`/`amount` (yuan,
at most 2 decimals) or `金额(分)`/`amount_fen`; per day and village `日期`/`date`, `村`/`village` (12-digit code
or name) and the amount, optionally `件数`/`count`. Each key falls in one category: both agree, only ours,
only theirs, amount differs; every item carries ours − theirs in fen. Balance assertion: our total − their
total equals the sum of the items' differences. A row that cannot be read is refused with its line number
and the rest are matched.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate

from jincun.core.imports import TableError, read_table
from jincun.network.models import AdminArea
from jincun.settlement.choices import MatchCategory
from jincun.settlement.models import Reconciliation, ReconciliationItem, Statement
from jincun.settlement.services.periods import SHANGHAI

WAYBILL = ("运单号", "waybill")
DATE = ("日期", "date")
VILLAGE = ("村", "village")
COUNT = ("件数", "count")
YUAN = ("金额", "amount", "金额(元)")
FEN = ("金额(分)", "amount_fen")


def _cell(row: dict, names) -> str:
    for n in names:
        if row.get(n, "") != "":
            return row[n]
    return ""


def _fen(row: dict) -> int:
    if (text := _cell(row, FEN)) != "":
        if not text.lstrip("-").isdigit():
            raise ValueError(f"金额(分)须为整数：{text}")
        return int(text)
    text = _cell(row, YUAN).replace(",", "").replace("¥", "")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"金额不是数字：{text or '（空）'}") from exc
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"金额最多两位小数：{text}")
    return int(value * 100)


class _Villages:
    def __init__(self):
        self.by_code = dict(AdminArea.objects.filter(level="village").values_list("code", "name"))
        names: dict[str, list[str]] = {}
        for code, name in self.by_code.items():
            names.setdefault(name, []).append(code)
        self.by_name = names

    def code(self, text: str) -> str:
        if text in self.by_code:
            return text
        codes = self.by_name.get(text, [])
        if len(codes) == 1:
            return codes[0]
        raise ValueError(f"村名重名，请用 12 位代码：{text}" if codes else f"未知村：{text}")


def _theirs(source: bytes, filename: str, villages: _Villages | None):
    totals: dict[str, list[int]] = {}
    refused = []
    for line, row in read_table(source, filename):
        try:
            if villages is None:
                key = _cell(row, WAYBILL).upper()
                if not key:
                    raise ValueError("缺少运单号")
                count = 1
            else:
                day, village = _cell(row, DATE)[:10], _cell(row, VILLAGE)
                if len(day) != 10:
                    raise ValueError("缺少日期（YYYY-MM-DD）")
                key = f"{day}|{villages.code(village)}"
                count = int(_cell(row, COUNT) or 0)
            fen = _fen(row)
        except ValueError as exc:
            refused.append({"line": line, "reason": str(exc)})
            continue
        entry = totals.setdefault(key, [0, 0])
        entry[0] += fen
        entry[1] += count
    return totals, refused


def _ours(statement: Statement, per_day: bool) -> dict[str, list[int]]:
    lines = statement.lines().exclude(waybill="")
    if per_day:
        rows = (
            lines.annotate(day=TruncDate("event_at", tzinfo=SHANGHAI))
            .values("day", "village_id")
            .annotate(fen=Sum("amount_fen"), n=Count("parcel_id", distinct=True))
        )
        return {f"{r['day']}|{r['village_id']}": [r["fen"], r["n"]] for r in rows}
    rows = lines.values("waybill").annotate(fen=Sum("amount_fen"), n=Count("id"))
    return {r["waybill"]: [r["fen"], r["n"]] for r in rows}


def _granularity(source: bytes, filename: str) -> str:
    first = next(read_table(source, filename), None)
    if first is None:
        raise TableError("账单没有数据行")
    row = first[1]
    if any(n in row for n in WAYBILL):
        return "waybill"
    if any(n in row for n in DATE) and any(n in row for n in VILLAGE):
        return "day_village"
    raise TableError("账单须有“运单号”列，或“日期”与“村”两列")


@transaction.atomic
def reconcile(statement: Statement, source: bytes, filename: str = "", by=None) -> Reconciliation:
    """Match the brand's bill against `statement`; raises TableError when the file as a whole is unreadable."""
    granularity = _granularity(source, filename)
    per_day = granularity == "day_village"
    theirs, refused = _theirs(source, filename, _Villages() if per_day else None)
    ours = _ours(statement, per_day)
    rec = Reconciliation.objects.create(
        statement=statement, granularity=granularity, filename=filename[:200], uploaded_by=by,
        ours_total_fen=sum(v[0] for v in ours.values()), theirs_total_fen=sum(v[0] for v in theirs.values()),
        refused_rows=refused,
    )  # fmt: skip
    counts = {c.value: 0 for c in MatchCategory}
    items = []
    for key in sorted(ours.keys() | theirs.keys()):
        (o_fen, o_n), (t_fen, t_n) = ours.get(key, (0, 0)), theirs.get(key, (0, 0))
        if key not in theirs:
            category = MatchCategory.ONLY_OURS
        elif key not in ours:
            category = MatchCategory.ONLY_THEIRS
        elif o_fen != t_fen:
            category = MatchCategory.DIFFERS
        else:
            category = MatchCategory.AGREE
        counts[category] += 1
        if category != MatchCategory.AGREE:
            items.append(
                ReconciliationItem(
                    reconciliation=rec,
                    category=category,
                    key=key,
                    waybill="" if per_day else key,
                    ours_fen=o_fen,
                    theirs_fen=t_fen,
                    ours_count=o_n,
                    theirs_count=t_n,
                    diff_fen=o_fen - t_fen,
                )  # fmt: skip
            )
    ReconciliationItem.objects.bulk_create(items, batch_size=2000)
    rec.counts = counts
    rec.save(update_fields=["counts"])
    return rec
