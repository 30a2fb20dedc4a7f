"""Every CSV/XLSX export writes its cells through here, so a spreadsheet never runs what a user typed.

A station name such as `=HYPERLINK("http://…","点此")` or `@SUM(A1:A9)` is a formula to Excel and WPS when a
cell starts with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP "CSV injection"). Such text gets a
leading apostrophe, which spreadsheets show as plain text; numbers (and text that is just a number, like
`-3.5`) are left alone. Use `safe_writer(out)` in place of `csv.writer(out)`, and `safe_row(row)` for
`worksheet.append(...)` and `tablib.Dataset.append(...)`.
"""

from __future__ import annotations

import csv
import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


def safe_row(row) -> list:
    return [safe_cell(v) for v in row]


class _SafeWriter:
    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def safe_writer(out, **kwargs) -> _SafeWriter:
    """`csv.writer` whose rows pass through `safe_cell`."""
    return _SafeWriter(out, **kwargs)
