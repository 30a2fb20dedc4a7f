"""The report as a PDF (reportlab): title, key figures, a daily-volume chart, projects with a bar chart,
towns, timeliness, forecast and capacity. Every page carries its number, the document number and the time
generated. The font comes from `jincun.core.pdf.chinese_font()`, as for every PDF."""

from __future__ import annotations

import io

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jincun.core.pdf import chinese_font

BLUE, ORANGE, GREEN = colors.HexColor("#1c7ed6"), colors.HexColor("#e8590c"), colors.HexColor("#2b8a3e")


def _styles(font):
    return {
        "title": ParagraphStyle("t", fontName=font, fontSize=18, leading=24, spaceAfter=6),
        "h2": ParagraphStyle("h", fontName=font, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4),
        "body": ParagraphStyle("b", fontName=font, fontSize=9.5, leading=14),
    }


def _table(rows, font, widths=None):
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e7f5ff")), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    return t


def _n(v) -> str:
    return (
        "—"
        if v is None
        else f"{v:,}"
        if isinstance(v, int)
        else f"{v:,.0f}"
        if isinstance(v, float)
        else str(v)
    )


def _volume_chart(series, font) -> Drawing:
    d = Drawing(170 * mm, 62 * mm)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 10 * mm, 150 * mm, 46 * mm
    keys = [("inbound", BLUE, "下行到县"), ("outbound", ORANGE, "上行揽收"), ("signed", GREEN, "下行签收")]
    plot.data = [[(i, r[k]) for i, r in enumerate(series)] or [(0, 0)] for k, _, _ in keys]
    for i, (_, colour, _) in enumerate(keys):
        plot.lines[i].strokeColor, plot.lines[i].strokeWidth = colour, 1.4
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(len(series) - 1, 1)
    step = max(1, len(series) // 6)
    plot.xValueAxis.valueSteps = list(range(0, len(series), step))
    plot.xValueAxis.labelTextFormat = lambda v: series[int(v)]["day"][5:] if 0 <= int(v) < len(series) else ""
    plot.yValueAxis.valueMin = 0
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 7
    d.add(plot)
    for i, (_, colour, label) in enumerate(keys):
        d.add(
            String(20 * mm + i * 30 * mm, 58 * mm, "— " + label, fontName=font, fontSize=8, fillColor=colour)
        )
    return d


def _project_chart(projects, font) -> Drawing:
    d = Drawing(170 * mm, max(20, 9 * len(projects) + 8) * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 42 * mm, 6 * mm
    chart.width, chart.height = 120 * mm, max(12, 9 * len(projects)) * mm
    chart.data = [[round(p["share"] * 100, 1) for p in projects] or [0]]
    chart.bars[0].fillColor = GREEN
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, max(100, *(p["share"] * 100 for p in projects))
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [p["name"] for p in projects] or [""]
    chart.barLabelFormat, chart.barLabels.fontName, chart.barLabels.fontSize = "%.1f%%", font, 7
    chart.barLabels.boxAnchor = "w"
    for axis in (chart.valueAxis, chart.categoryAxis):
        axis.labels.fontName, axis.labels.fontSize = font, 8
    d.add(chart)
    return d


def render_pdf(content: dict, number: str, generated: str, county_name: str) -> bytes:
    font = chinese_font()
    s = _styles(font)
    data = content["data"]
    kind = "月度" if content["monthly"] else "年度"
    title = f"{county_name}快递进村{kind}报告（{content['period']}）"

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, 10 * mm, f"文号 {number}　　生成于 {generated}（北京时间）")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"第 {doc.page} 页")
        canvas.drawString(18 * mm, A4[1] - 12 * mm, title)
        canvas.restoreState()

    story = [Paragraph(title, s["title"]),
             Paragraph(f"统计期间 {content['start']} 至 {content['end']}；数据来自扫描事件每日汇总与品牌报送。", s["body"])]  # fmt: skip
    if data["scale"] < 1:
        story.append(
            Paragraph(
                f"演示数据：件量为一个县实际件量的 {data['scale']:.1%}，项目目标按同一比例折算。", s["body"]
            )
        )
    t = data["totals"]
    cov = data["coverage"]
    story += [Paragraph("一、总体情况", s["h2"]), _table([
        ["指标", "数值"], ["建制村覆盖率（期末）", f"{cov['share']:.1%}（{cov['served']}/{cov['total']}）"],
        *[[f"{x['name']}（{x['due']} ≥ {x['share']:.0%}）", x["label"]] for x in cov["targets"]],
        ["下行到县（件）", _n(t["in_hub"])], ["下行签收（件）", _n(t["in_signed"])],
        ["上行揽收（件）", _n(t["out_collected"])], ["上行交品牌（件）", _n(t["out_handed"])],
        ["站点达标 / 在营", f"{data['stations']['meeting']} / {data['stations']['total']}"],
        ["未结问题件（生成时）", _n(data["problems_open"])],
    ], font, [90 * mm, 70 * mm])]  # fmt: skip
    story += [Paragraph("二、每日件量", s["h2"]), _volume_chart(data["series"], font)]
    projects = data["projects"]
    story += [Paragraph("三、农产品项目进度", s["h2"]), _project_chart(projects, font), Spacer(1, 3 * mm),
              _table([["项目", "年目标", "本规模目标", "年累计", "站点/报送", "去年同期", "预计全年", "状态"]] + [
                  [p["name"], _n(p["target"]), _n(p["scaled_target"]), _n(p["ytd"]),
                   f"{_n(p['scanned'])}/{_n(p['reported'])}", _n(p["last_year"]), _n(p["projected"]), p["standing_label"]]
                  for p in projects], font)]  # fmt: skip
    story += [Paragraph("四、分镇件量", s["h2"]),
              _table([["镇", "下行到县", "下行签收", "上行揽收", "问题件"]] + [[r[0], *map(_n, r[1:])] for r in content["by_town"]], font)]  # fmt: skip
    story += [Paragraph("五、时效（到县→签收，小时）与合作模式", s["h2"]),
              _table([["镇", "中位数", "90分位", "件数"]] + [[x["name"], _n(x["median"]), _n(x["p90"]), _n(x["n"])]
                                                    for x in data["timeliness"]], font),
              Spacer(1, 3 * mm),
              _table([["合作模式", "签收件", "占比"]] + [[m["name"], _n(m["parcels"]), f"{m['share']:.1%}"] for m in data["modes"]], font)]  # fmt: skip
    story.append(Paragraph("六、未来四周预测与运力", s["h2"]))
    rows = [["项目", "四周预测（件）", "高峰周起", "高峰周（件）", "留出期误差 MASE", "季节朴素基线 MASE"]]
    for f in content["forecasts"]:
        start, peak = f.peak_week()
        ev = f.evaluation
        rows.append([f.project.name, _n(f.total), str(start), _n(peak), f"{ev.model_mase:.2f}" if ev else "—",
                     f"{ev.naive_mase:.2f}" if ev else "—"])  # fmt: skip
    story.append(_table(rows, font))
    cap = content["capacity"]
    if cap is not None:
        b = cap.bottleneck
        verdict = "运力可承载高峰周。" if cap.carries else f"瓶颈：{b.name}，每日缺口约 {b.shortfall:,} 件。"
        story += [Spacer(1, 3 * mm), Paragraph(f"高峰周（{cap.week_start} 起）运力核算：{verdict}", s["body"]),
                  _table([["环节", "日能力（件）", "日需求（件）", "负荷", "缺口"]] +
                         [[r.name, _n(r.capacity_per_day) if r.capacity_per_day else "未登记", _n(r.demand_per_day),
                           f"{r.ratio:.0%}" if r.capacity_per_day else "—", _n(r.shortfall)]
                          for r in sorted(cap.resources, key=lambda r: -r.ratio)], font)]  # fmt: skip
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=18 * mm, bottomMargin=18 * mm,
                            leftMargin=18 * mm, rightMargin=18 * mm, title=title, author="进村 Jincun")  # fmt: skip
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
