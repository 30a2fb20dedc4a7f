"""What every batch import reports: per row, what happened, and why a refused row was refused.

Bad input never crashes an import and never loses the good rows: each row is written (or refused) on its
own, and the report lists refused rows with their line numbers (1 = header line of the file).

Files are read with the standard `csv` module and openpyxl (which the exports need anyway), not tablib: tablib
loads the whole file into a Dataset and keeps no line numbers, which every refusal here must quote, and its XLSX
reader is openpyxl underneath. (tablib was declared but never imported; it is no longer a dependency.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _


@dataclass
class RowError:
    line: int
    reason: str
    key: str = ""

    def __str__(self) -> str:
        if self.key:
            return _("第 %(line)s 行（%(key)s）：%(reason)s") % {
                "line": self.line,
                "key": self.key,
                "reason": self.reason,
            }
        return _("第 %(line)s 行：%(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_accepted(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"line": e.line, "key": e.key, "reason": e.reason} for e in self.errors],
        }

    def summary(self) -> str:
        return _("新增 %(created)s，更新 %(updated)s，未变 %(unchanged)s，拒绝 %(refused)s") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": len(self.errors),
        }


def listed(items) -> str:
    """Names in a list, as the active language writes one (`a、b` in Chinese, `a, b` in English)."""
    return _("、").join(str(i) for i in items)


class TableError(ValueError):
    """The file as a whole cannot be read (wrong format, missing columns)."""


def read_table(
    source: str | Path | bytes, filename: str | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030 as
    Excel saves it in China) or XLSX file; header is line 1.

    Cells come back as stripped strings ('' for empty). Raises TableError if the file cannot be read.
    """
    name = (filename or (str(source) if isinstance(source, (str, Path)) else "")).lower()
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        yield from _read_xlsx(data)
        return
    text = decode_csv(data)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise TableError(_("文件为空"))
    header = [h.strip() for h in header]
    for offset, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        yield offset, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}


def decode_csv(data: bytes) -> str:
    """CSV bytes as text: a BOM decides; else UTF-8 if it decodes, else GB18030 (a superset of GBK and
    GB2312, what Excel writes for "CSV" on a Chinese Windows). Raises TableError when neither fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TableError(_("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX")) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise TableError(_("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX")) from exc


def _read_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(_("无法读取 XLSX 文件：%(error)s") % {"error": exc}) from exc
    rows = book.active.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise TableError(_("文件为空"))
    header = [str(h or "").strip() for h in header]
    for offset, cells in enumerate(rows, start=2):
        values = ["" if c is None else _cell_text(c) for c in cells]
        if not any(values):
            continue
        yield offset, {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return (
            value.isoformat()[:10]
            if hasattr(value, "hour") and not (value.hour or value.minute)
            else value.isoformat()
        )
    return str(value).strip()


def require_columns(header_row: dict[str, str], required: set[str]) -> None:
    missing = required - set(header_row)
    if missing:
        raise TableError(_("缺少列：%(columns)s") % {"columns": listed(sorted(missing))})
