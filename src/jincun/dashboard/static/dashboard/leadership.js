/* The leadership overview's charts: daily volumes and the cooperation-mode shares (words come from the page). */
(function () {
  "use strict";
  const src = document.getElementById("leadership-data");
  if (!src || !window.echarts) return;
  const data = JSON.parse(src.textContent);
  const days = data.series.map((r) => r.day);
  const line = (key, colour) => ({ name: data.labels[key], type: "line", showSymbol: false,
    data: data.series.map((r) => r[key]), lineStyle: { width: 2, color: colour }, itemStyle: { color: colour } });
  const volume = document.getElementById("volume-chart");
  if (volume) {
    const chart = echarts.init(volume);
    chart.setOption({ animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 56, right: 16, top: 40, bottom: 32 }, xAxis: { type: "category", data: days },
      yAxis: { type: "value" }, series: [line("inbound", "#1c7ed6"), line("outbound", "#e8590c"), line("signed", "#2b8a3e")] });
    window.addEventListener("resize", () => chart.resize());
    volume.dataset.ready = "1";
  }
  const modes = document.getElementById("mode-chart");
  if (modes) {
    const chart = echarts.init(modes);
    chart.setOption({ animation: false, tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      series: [{ type: "pie", radius: ["35%", "65%"], data: data.modes.map((m) => ({ name: m.name, value: m.parcels })),
        label: { formatter: "{b}\n{d}%" } }] });
    window.addEventListener("resize", () => chart.resize());
    modes.dataset.ready = "1";
  }
  const complaints = document.getElementById("complaint-chart");
  if (complaints && data.complaints) {
    const chart = echarts.init(complaints);
    const bar = (key, colour) => ({ name: data.labels[key], type: "bar", stack: "in", itemStyle: { color: colour },
      data: data.complaints.map((r) => r[key]) });
    chart.setOption({ animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 32 }, xAxis: { type: "category", data: data.complaints.map((r) => r.day) },
      yAxis: { type: "value", minInterval: 1 }, series: [bar("complaints", "#c2255c"), bar("cases", "#f08c00")] });
    window.addEventListener("resize", () => chart.resize());
    complaints.dataset.ready = "1";
  }
})();
