"""Reading a brand's manifest file (CSV or XLSX) into the rows the manifest endpoint takes.

Headers may be Chinese or the API's field names; unknown columns are ignored. A row that cannot be read
becomes a refused result with its line number, never an exception.
"""

from __future__ import annotations

from pydantic import ValidationError

from jincun.core.imports import read_table
from jincun.parcels.api_schemas import ManifestRow, RowResult

HEADER_ALIASES = {
    "运单号": "waybill",
    "品牌": "brand",
    "品牌代码": "brand",
    "收件人": "recipient_name",
    "收件人姓名": "recipient_name",
    "电话": "recipient_phone",
    "收件人电话": "recipient_phone",
    "手机": "recipient_phone",
    "地址": "address",
    "收件地址": "address",
    "村代码": "village_code",
    "区划代码": "village_code",
    "重量": "weight_g",
    "重量(克)": "weight_g",
    "重量（克）": "weight_g",
    "代收货款": "cod",
    "保价": "insured",
}
TRUE_WORDS = {"1", "true", "yes", "y", "是", "有"}


def _field(header: str) -> str:
    return HEADER_ALIASES.get(header.strip(), header.strip().lower())


def _value(name: str, raw: str):
    if name in ("cod", "insured"):
        return raw.strip().lower() in TRUE_WORDS
    if name == "weight_g":
        return int(float(raw)) if raw.strip() else None
    return raw


def rows_from_file(data: bytes, filename: str) -> tuple[list[tuple[int, ManifestRow]], list[RowResult]]:
    """(line, row) pairs that parsed, and refused results for the lines that did not.

    Raises `jincun.core.imports.TableError` when the file as a whole cannot be read.
    """
    good: list[tuple[int, ManifestRow]] = []
    bad: list[RowResult] = []
    for line, raw in read_table(data, filename):
        fields = {}
        for header, text in raw.items():
            name = _field(header)
            if name in ManifestRow.model_fields:
                try:
                    fields[name] = _value(name, text)
                except ValueError:
                    fields[name] = text
        try:
            good.append((line, ManifestRow(**fields)))
        except ValidationError as exc:
            bad.append(
                RowResult(
                    index=line,
                    waybill=str(fields.get("waybill", "")),
                    status="refused",
                    reason="invalid_row",
                    message=row_problem(exc.errors()[0]),
                )
            )
    return good, bad


PROBLEMS = {
    "missing": "缺少{field}",
    "string_too_short": "{field}为空",
    "string_too_long": "{field}太长",
    "int_parsing": "{field}应为整数",
    "int_from_float": "{field}应为整数",
    "greater_than_equal": "{field}不能为负数",
    "less_than_equal": "{field}太大",
    "bool_parsing": "{field}应为 是/否",
}


def row_problem(error: dict) -> str:
    """A pydantic error on a manifest line, in words a hub operator reads: the column's Chinese name and
    what is wrong with it (never the validator's English text)."""
    name = str((error.get("loc") or ("",))[0])
    field = ManifestRow.model_fields.get(name)
    label = (field.description or name).split("；")[0] if field else name
    return PROBLEMS.get(error.get("type", ""), "{field}格式不正确").format(field=f"「{label}」")
