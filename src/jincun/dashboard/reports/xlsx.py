"""The report as XLSX (openpyxl): typed cells (numbers, dates, percentages), number formats, frozen header
rows, one sheet per table, the document number and time generated on a cover sheet."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HEAD = PatternFill("solid", fgColor="E7F5FF")


def _sheet(wb, title, headers, rows, formats=None):
    ws = wb.create_sheet(title[:31])
    ws.append(headers)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEAD
    for row in rows:
        ws.append(row)
    for col, fmt in (formats or {}).items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(str(header)) * 2 + 4)
    ws.freeze_panes = "A2"
    return ws


def render_xlsx(content: dict, number: str, generated: str, county_name: str) -> bytes:
    data = content["data"]
    wb = Workbook()
    cover = wb.active
    cover.title = "封面"
    kind = "月度" if content["monthly"] else "年度"
    for row in (["报告", f"{county_name}快递进村{kind}报告"], ["期间", content["period"]], ["文号", number],
                ["生成时间（北京时间）", generated], ["起", content["start"]], ["止", content["end"]],
                ["件量规模", data["scale"]]):  # fmt: skip
        cover.append(row)
    for (cell,) in cover.iter_rows(min_row=5, max_row=6, min_col=2, max_col=2):
        cell.number_format = "yyyy-mm-dd"
    cover["B7"].number_format = "0.0%"
    cover.column_dimensions["A"].width, cover.column_dimensions["B"].width = 22, 40
    t = data["totals"]
    _sheet(wb, "总体", ["指标", "数值"], [
        ["建制村覆盖率（期末）", data["coverage"]["share"]], ["下行到县（件）", t["in_hub"]],
        ["下行签收（件）", t["in_signed"]], ["上行揽收（件）", t["out_collected"]], ["上行交品牌（件）", t["out_handed"]],
        ["达标站点", data["stations"]["meeting"]], ["在营站点", data["stations"]["total"]], ["未结问题件", data["problems_open"]],
    ], {2: "#,##0.####"})  # fmt: skip
    _sheet(wb, "每日件量", ["日期", "下行到县", "上行揽收", "下行签收"],
           [[dt.date.fromisoformat(r["day"]), r["inbound"], r["outbound"], r["signed"]] for r in data["series"]],
           {1: "yyyy-mm-dd", 2: "#,##0", 3: "#,##0", 4: "#,##0"})  # fmt: skip
    _sheet(wb, "农产品项目", ["项目", "级别", "年目标", "本规模目标", "年累计", "站点揽收", "品牌报送", "去年同期", "预计全年", "完成率", "状态"],
           [[p["name"], p["level"], p["target"], p["scaled_target"], p["ytd"], p["scanned"], p["reported"],
             p["last_year"], p["projected"], p["share"], p["standing_label"]] for p in data["projects"]],
           {**{c: "#,##0" for c in range(3, 10)}, 10: "0.0%"})  # fmt: skip
    _sheet(wb, "分镇件量", ["镇", "下行到县", "下行签收", "上行揽收", "问题件"], content["by_town"],
           {c: "#,##0" for c in range(2, 6)})  # fmt: skip
    _sheet(
        wb,
        "时效",
        ["镇", "中位数(小时)", "90分位(小时)", "件数"],
        [[x["name"], x["median"], x["p90"], x["n"]] for x in data["timeliness"]],
        {4: "#,##0"},
    )
    _sheet(wb, "合作模式", ["合作模式", "签收件", "占比"], [[m["name"], m["parcels"], m["share"]] for m in data["modes"]],
           {2: "#,##0", 3: "0.0%"})  # fmt: skip
    rows = []
    for f in content["forecasts"]:
        for day, value in f.daily:
            rows.append([f.project.name, day, round(value, 1)])
    _sheet(wb, "四周预测", ["项目", "日期", "预测件数"], rows, {2: "yyyy-mm-dd", 3: "#,##0.0"})
    cap = content["capacity"]
    if cap is not None:
        _sheet(wb, "运力核算", ["环节", "日能力（件）", "日需求（件）", "负荷", "缺口（件/日）"],
               [[r.name, r.capacity_per_day, round(r.demand_per_day, 1), r.ratio if r.capacity_per_day else None, r.shortfall]
                for r in cap.resources], {2: "#,##0", 3: "#,##0.0", 4: "0%", 5: "#,##0"})  # fmt: skip
    wb.properties.title = f"{county_name} {content['period']}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
