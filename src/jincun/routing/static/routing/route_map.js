// Route map: runs coloured, stops with loads, the county outline when bundled. Redrawn after htmx swaps.
(function () {
  function draw() {
    var el = document.getElementById("route-map");
    var src = document.getElementById("map-data");
    if (!el || !src || !window.echarts) return;
    var data = JSON.parse(src.textContent);
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    var series = [];
    data.outline.forEach(function (ring) {
      series.push({ type: "line", data: ring, showSymbol: false, silent: true,
        lineStyle: { color: "#868e96", width: 1, type: "dashed" }, z: 1 });
    });
    data.runs.forEach(function (run) {
      document.querySelectorAll('[data-run-colour="' + run.id + '"]').forEach(function (s) {
        s.style.background = run.colour;
      });
      series.push({ type: "line", name: "#" + run.seq + " " + run.vehicle, data: run.path, showSymbol: false,
        itemStyle: { color: run.colour }, lineStyle: { color: run.colour, width: run.kind === "trunk" ? 3 : 2 },
        z: 2 });
      series.push({ type: "scatter", name: "#" + run.seq + " " + run.vehicle, symbolSize: 9,
        itemStyle: { color: run.colour }, z: 3,
        data: run.stops.filter(function (s) { return s.lon !== null; }).map(function (s) {
          // A stop that collects outbound is a triangle (pickup-only: hollow), a delivery-only stop a dot.
          var style = s.pickup_parcels ? { symbol: "triangle", symbolSize: 13 } : {};
          if (s.pickup_parcels && !s.parcels) style.itemStyle = { color: "#fff", borderColor: run.colour, borderWidth: 2 };
          return Object.assign({ value: [s.lon, s.lat], name: s.name, stop: s, run: run }, style);
        }) });
    });
    chart.setOption({
      animation: false,
      title: { text: data.note, textStyle: { fontSize: 12, color: "#c92a2a" }, left: "center", bottom: 0 },
      tooltip: { trigger: "item", formatter: function (p) {
        if (!p.data || !p.data.stop) return p.seriesName;
        var s = p.data.stop, r = p.data.run;
        var words = data.words || {};
        return s.name + "<br>#" + r.seq + " " + r.vehicle + "（" + r.load + " 件）<br>到达 " + s.eta + "，" +
          (words.drop || "送") + " " + s.parcels + " 件" +
          (s.pickup_parcels ? "，" + (words.collect || "收") + " " + s.pickup_parcels + " 箱 " + Math.round(s.pickup_kg) + " kg" : "") +
          "<br>" + (words.onboard || "离开时在车") + " " + s.onboard_parcels + " 件 " + Math.round(s.onboard_kg) + " kg" +
          (s.locked ? "，已锁定" : "");
      } },
      legend: { type: "scroll", top: 0, data: data.runs.map(function (r) { return "#" + r.seq + " " + r.vehicle; }) },
      xAxis: { type: "value", scale: true, name: "经度", splitLine: { show: false } },
      yAxis: { type: "value", scale: true, name: "纬度", splitLine: { show: false } },
      grid: { top: 60, bottom: 40, left: 60, right: 20 },
      series: series,
    }, true);
    el.dataset.drawn = String(data.runs.length);
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSwap", draw);
})();
