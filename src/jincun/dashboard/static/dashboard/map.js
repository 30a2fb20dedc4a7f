/* Network map: county outline + hub, town nodes, stations by cooperation mode, proxy and unserved villages.
   Data from the page's data-json URL (one request); points flagged approximate are said to be so. */
(function () {
  "use strict";
  const el = document.getElementById("network-map");
  if (!el || !window.echarts) return;
  const chart = echarts.init(el, null, { renderer: "canvas" });
  const dateInput = document.getElementById("map-date");
  const esc = (s) => String(s == null ? "" : s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  let L = {};
  const fmt = (s, vals) => s.replace(/%\((\w+)\)s/g, (_, k) => vals[k]);
  const approxTag = (d) => (d.approximate ? '<br><span style="color:#e8590c">' + esc(L.approximate) + "</span>" : "");

  function tooltip(p) {
    const d = p.data || {};
    if (p.seriesType !== "scatter" && p.seriesType !== "effectScatter") return "";
    const lines = ["<b>" + esc(d.name) + "</b>", esc(p.seriesName)];
    if (d.village) lines.push(esc(L.village) + "：" + esc(d.village) + "（" + esc(d.town) + "）");
    else if (d.town) lines.push(esc(L.town) + "：" + esc(d.town));
    if (d.modes && d.modes.length) lines.push(esc(L.modes) + "：" + d.modes.map(esc).join("、"));
    if (d.brands && d.brands.length) lines.push(esc(L.brands) + "：" + d.brands.map(esc).join("、"));
    if (d.standing) lines.push(esc(L.standing) + "：" + esc(d.standing) + (d.reasons && d.reasons.length ? "（" + d.reasons.map(esc).join("；") + "）" : ""));
    if (d.service_center) lines.push(esc(L.service_center) + "：" + esc(d.service_center));
    if (d.community) lines.push(esc(L.community));
    return lines.join("<br>") + approxTag(d);
  }

  function series(data, narrow) {
    const out = [];
    const base = { type: "scatter", coordinateSystem: "geo", emphasis: { scale: 1.6 } };
    out.push({ ...base, name: L.unserved_village, data: data.unserved_villages, symbol: "circle", symbolSize: 9,
      itemStyle: { color: "#fff", borderColor: data.unserved_colour, borderWidth: 2 }, z: 3 });
    out.push({ ...base, name: L.proxy_village, data: data.proxy_villages, symbol: "triangle", symbolSize: 9,
      itemStyle: { color: data.modes.find((m) => m.key === "proxy").colour, opacity: 0.85 }, z: 3 });
    for (const m of data.modes.concat([data.no_agreement])) {
      const pts = data.stations[m.key] || [];
      if (m.key === "none" && !pts.length) continue;
      out.push({ ...base, name: L.station + "·" + m.label, data: pts, symbol: "circle", symbolSize: 8,
        itemStyle: { color: m.colour, borderColor: "#fff", borderWidth: 1 }, z: 4 });
    }
    out.push({ ...base, name: L.node, data: data.nodes, symbol: "diamond", symbolSize: 15,
      itemStyle: { color: "#343a40", borderColor: "#fff", borderWidth: 1.5 }, z: 5 });
    out.push({ ...base, type: "effectScatter", name: L.hub, data: data.hubs, symbol: "pin", symbolSize: narrow ? 26 : 34,
      itemStyle: { color: "#c92a2a" }, rippleEffect: { scale: 1.8 }, z: 6 });
    return out;
  }

  function render(data) {
    L = data.labels;
    document.getElementById("map-share").textContent = (data.share * 100).toFixed(1) + "%";
    document.getElementById("map-served").textContent =
      fmt(L.served_line, { date: data.date, served: data.villages_served, total: data.villages_total });
    const note = document.getElementById("approx-note");
    note.hidden = !data.approximate_points;
    document.getElementById("approx-count").textContent = data.approximate_points ? "（" + fmt(L.approximate_count, { n: data.approximate_points }) + "）" : "";
    document.getElementById("map-unserved-nopoint").textContent =
      data.unserved_without_point ? fmt(L.unserved_without_point, { n: data.unserved_without_point }) : "";
    const narrow = el.clientWidth < 640;
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: tooltip, confine: true },
      legend: { type: "scroll", bottom: 0, left: "center", textStyle: { fontSize: narrow ? 11 : 13 } },
      geo: { map: data.county.code, roam: true, zoom: 1, top: 10, bottom: narrow ? 50 : 40, left: 5, right: 5,
        itemStyle: { areaColor: "#f1f3f5", borderColor: "#495057", borderWidth: 1.2 },
        emphasis: { disabled: true }, select: { disabled: true }, label: { show: false } },
      series: series(data, narrow),
    }, true);
  }

  function load() {
    const q = dateInput && dateInput.value ? "?date=" + encodeURIComponent(dateInput.value) : "";
    chart.showLoading({ text: el.dataset.loading || "" });
    fetch(el.dataset.json + q, { credentials: "same-origin" }).then((r) => r.json()).then((data) => {
      chart.hideLoading();
      render(data);
      el.dataset.ready = "1";
    });
  }

  chart.on("click", (p) => { if (p.data && p.data.url) window.location.href = p.data.url; });
  window.addEventListener("resize", () => chart.resize());
  fetch(el.dataset.outline, { credentials: "same-origin" }).then((r) => r.json()).then((geo) => {
    const code = (geo.features[0] && String(geo.features[0].properties.code)) || "county";
    echarts.registerMap(code.length === 6 ? code + "000000" : code, geo);
    load();
  });
  if (dateInput) dateInput.addEventListener("change", (e) => {
    const url = new URL(window.location); url.searchParams.set("date", e.target.value);
    history.replaceState(null, "", url); load();
  });
  window.jincunMap = chart;
})();
