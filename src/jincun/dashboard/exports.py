"""CSV and XLSX downloads of the coverage tables (the same `Table`s the page shows)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from jincun.core.exports import safe_row, safe_writer
from jincun.dashboard.coverage_tables import Table


def _cell(table: Table, i: int, value):
    return f"{value:.2%}" if i == table.share_column else value


def table_csv(table: Table) -> bytes:
    """UTF-8 with a BOM so Excel on a Chinese Windows opens it correctly; shares as percentages."""
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_cell(table, i, v) for i, v in enumerate(row)])
    return out.getvalue().encode("utf-8-sig")


def tables_xlsx(tables: list[Table], title: str) -> bytes:
    """One sheet per table; shares stay numbers formatted as percentages so they can be summed and charted."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        ws = wb.create_sheet(table.title[:31])
        ws.append(safe_row(table.headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append(safe_row(row))
            if table.share_column is not None:
                ws.cell(ws.max_row, table.share_column + 1).number_format = "0.00%"
        for i, header in enumerate(table.headers, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(header) * 2 + 4)
    wb.properties.title = title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
