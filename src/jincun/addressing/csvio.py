"""Streaming CSV in and out for `resolve-addresses`: row by row, memory flat in the file size.

Reading never raises on a bad row: NUL bytes are dropped, undecodable bytes replaced, and a row the csv
module cannot parse comes back as `(line, None, reason)` so the caller can write it as unresolved.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

csv.field_size_limit(sys.maxsize // 2 if sys.maxsize < 2**63 else 2**31 - 1)


def _lines(text: io.TextIOBase) -> Iterator[str]:
    for line in text:
        yield line.replace("\x00", "")


class RowReader:
    """Iterate `(line_number, row dict or None, reason)` over a CSV byte stream with a header line."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        self.reader = csv.reader(_lines(self.text))
        header = next(self.reader, None) or []
        self.header = [h.strip().lstrip("\ufeff") for h in header]

    def __iter__(self) -> Iterator[tuple[int, dict[str, str] | None, str]]:
        while True:
            try:
                cells = next(self.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield self.reader.line_num, None, f"CSV 格式错误：{exc}"
                continue
            if not any(c.strip() for c in cells):
                continue
            row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(self.header)}
            reason = "列数多于表头" if len(cells) > len(self.header) else ""
            yield self.reader.line_num, row, reason

    def position(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0
