/* Coverage over time against the policy targets (targets come from CoverageTarget rows via the page). */
(function () {
  "use strict";
  const el = document.getElementById("coverage-chart");
  const src = document.getElementById("coverage-chart-data");
  if (!el || !src || !window.echarts) return;
  const data = JSON.parse(src.textContent);
  const chart = echarts.init(el);
  const pct = (v) => (v * 100).toFixed(1) + "%";
  chart.setOption({
    animation: false,
    grid: { left: 44, right: 20, top: 64, bottom: 32 },
    tooltip: { trigger: "axis", valueFormatter: pct },
    legend: { top: 0 },
    xAxis: { type: "time" },
    yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + "%" } },
    series: [
      { name: data.labels.share, type: "line", data: data.series, showSymbol: false, smooth: false,
        lineStyle: { width: 3, color: "#0b7a75" }, itemStyle: { color: "#0b7a75" }, areaStyle: { opacity: 0.08 },
        markLine: { symbol: "none", silent: true, label: { formatter: data.labels.day, position: "insideEndTop" },
          lineStyle: { color: "#868e96", type: "dotted" }, data: [{ xAxis: data.day }] } },
      { name: data.labels.targets, type: "scatter", symbol: "pin", symbolSize: 30, itemStyle: { color: "#e8590c" },
        data: data.targets.map((t) => ({ name: t.name, value: [t.due, t.share] })),
        label: { show: true, position: "top", formatter: (p) => p.name + " " + pct(p.value[1]), color: "#e8590c" },
        tooltip: { trigger: "item", formatter: (p) => p.name + "<br>" + p.value[0] + " ≥ " + pct(p.value[1]) },
        markLine: { symbol: "none", silent: true, lineStyle: { color: "#e8590c", type: "dashed" }, label: { show: false },
          data: data.targets.map((t) => [{ coord: [t.due, 0] }, { coord: [t.due, t.share] }]) } },
    ],
  });
  window.addEventListener("resize", () => chart.resize());
  el.dataset.ready = "1";
})();
