/* 大屏: scale the 1920×1080 stage to the window, fetch the overview every minute, rotate the views. */
(function () {
  "use strict";
  const stage = document.getElementById("stage");
  const words = JSON.parse(document.getElementById("screen-words").textContent);
  const REFRESH_MS = 60000, ROTATE_MS = 15000;
  const fmt = (n) => (n === null || n === undefined ? "—" : Number(n).toLocaleString("zh-CN"));
  const pct = (v) => (v * 100).toFixed(1) + "%";
  const fit = () => {
    const s = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    stage.style.transform = `translate(${(window.innerWidth - 1920 * s) / 2}px, ${(window.innerHeight - 1080 * s) / 2}px) scale(${s})`;
  };
  window.addEventListener("resize", fit); fit();
  document.getElementById("fullscreen").addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen?.();
  });
  const charts = {};
  const chart = (id) => charts[id] || (charts[id] = window.echarts && echarts.init(document.getElementById(id), "dark", { renderer: "canvas" }));
  const text = { color: "#e9eef7", fontSize: 26 };
  function draw(d) {
    document.getElementById("updated").textContent = d.generated_at;
    document.getElementById("scale").textContent = d.scale < 1 ? `${words.scale} ${pct(d.scale)}` : "";
    document.getElementById("t-coverage").textContent = pct(d.coverage.share);
    document.getElementById("t-inbound").textContent = fmt(d.totals.in_hub);
    document.getElementById("t-outbound").textContent = fmt(d.totals.out_collected);
    document.getElementById("t-stations").textContent = `${d.stations.meeting}/${d.stations.total}`;
    document.getElementById("t-problems").textContent = fmt(d.problems_open);
    document.getElementById("t-complaints").textContent = `${fmt(d.complaints.open_complaints)}/${fmt(d.complaints.open_cases)}`;
    document.getElementById("projects").innerHTML = d.projects.map((p) => `<div class="project ${p.standing}">
      <div>${p.name}<small>${p.level} · ${words.target} ${fmt(p.target)}</small></div>
      <div class="bar"><i style="width:${Math.min(100, p.share * 100).toFixed(1)}%"></i></div>
      <div>${pct(p.share)}<small>${fmt(p.ytd)} / ${fmt(p.scaled_target)} · ${p.standing_label}</small></div></div>`).join("");
    if (!window.echarts) return;
    chart("c-volume").setOption({ backgroundColor: "transparent", animation: false, textStyle: text,
      legend: { top: 0, textStyle: text }, grid: { left: 110, right: 30, top: 70, bottom: 60 },
      xAxis: { type: "category", data: d.series.map((r) => r.day.slice(5)), axisLabel: { fontSize: 22 } },
      yAxis: { type: "value", axisLabel: { fontSize: 22 } },
      series: [["inbound", "#4dabf7"], ["outbound", "#ff922b"], ["signed", "#69db7c"]].map(([k, c]) => ({
        name: words[k], type: "line", showSymbol: false, lineStyle: { width: 5, color: c }, itemStyle: { color: c },
        data: d.series.map((r) => r[k]) })) });
    const towns = d.timeliness.filter((t) => t.n > 0);
    chart("c-time").setOption({ backgroundColor: "transparent", animation: false, textStyle: text,
      legend: { top: 0, textStyle: text }, grid: { left: 170, right: 30, top: 60, bottom: 40 },
      yAxis: { type: "category", data: towns.map((t) => t.name), axisLabel: { fontSize: 24 } },
      xAxis: { type: "value", axisLabel: { fontSize: 22 } },
      series: [{ name: words.median, type: "bar", data: towns.map((t) => t.median), itemStyle: { color: "#4dabf7" } },
               { name: words.p90, type: "bar", data: towns.map((t) => t.p90), itemStyle: { color: "#ff922b" } }] });
    chart("c-modes").setOption({ backgroundColor: "transparent", animation: false,
      series: [{ type: "pie", radius: ["30%", "62%"], label: { fontSize: 30, color: "#e9eef7", formatter: "{b}\n{d}%" },
        data: d.modes.map((m) => ({ name: m.name, value: m.parcels })) }] });
    const c = d.complaints, legend = { top: 0, textStyle: text };
    const stacked = (key, colour, rows) => ({ name: words[key], type: "bar", stack: "n", itemStyle: { color: colour }, data: rows });
    chart("c-complaint-towns").setOption({ backgroundColor: "transparent", animation: false, textStyle: text, legend,
      grid: { left: 170, right: 30, top: 60, bottom: 40 },
      yAxis: { type: "category", data: c.towns.map((t) => t.name), axisLabel: { fontSize: 24 } },
      xAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 22 } },
      series: [stacked("complaints", "#f06595", c.towns.map((t) => t.open_complaints)),
               stacked("cases", "#fcc419", c.towns.map((t) => t.open_cases))] });
    chart("c-complaint-days").setOption({ backgroundColor: "transparent", animation: false, textStyle: text, legend,
      grid: { left: 80, right: 30, top: 60, bottom: 60 },
      xAxis: { type: "category", data: c.daily.map((r) => r.day.slice(5)), axisLabel: { fontSize: 22 } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 22 } },
      series: [stacked("complaints", "#f06595", c.daily.map((r) => r.complaints)),
               stacked("cases", "#fcc419", c.daily.map((r) => r.cases))] });
  }
  async function load() {
    try {
      const response = await fetch(stage.dataset.url, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(response.status);
      draw(await response.json());
      document.getElementById("error").hidden = true;
      stage.dataset.ready = "1";
    } catch (e) {
      document.getElementById("error").hidden = false;
    }
  }
  let view = 0;
  const views = [...document.querySelectorAll(".view")];
  const show = (i) => {
    views.forEach((v, j) => v.classList.toggle("active", i === j));
    document.getElementById("view-name").textContent = words.views[i];
    Object.values(charts).forEach((c) => c && c.resize());
  };
  show(0);
  setInterval(() => { view = (view + 1) % views.length; show(view); }, ROTATE_MS);
  load(); setInterval(load, REFRESH_MS);
})();
