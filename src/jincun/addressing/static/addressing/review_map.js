// Review queue map: county outline plus the candidates of the chosen group (those with a point).
(function () {
  var el = document.getElementById("review-map");
  if (!el || !window.echarts) return;
  var chart = echarts.init(el);
  var note = document.getElementById("review-map-note");
  function show(url) {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var series = [];
      if (data.boundary) {
        echarts.registerMap("county", data.boundary);
      }
      var pts = data.candidates.filter(function (c) { return c.lat !== null && c.lon !== null; });
      series.push({
        type: "scatter", coordinateSystem: "geo", symbolSize: 12,
        label: { show: true, formatter: function (p) { return p.data.name; }, position: "right" },
        data: pts.map(function (c) { return { name: c.town + "·" + c.name, value: [c.lon, c.lat] }; })
      });
      chart.setOption({ geo: data.boundary ? { map: "county", roam: true, itemStyle: { areaColor: "#f5f7fa" } } : undefined, series: series }, true);
      var missing = data.candidates.length - pts.length;
      note.textContent = missing ? (missing + " 个候选村暂无坐标，只在列表中显示") : "";
    });
  }
  document.querySelectorAll(".show-map").forEach(function (b) {
    b.addEventListener("click", function () { show(b.dataset.url); });
  });
  var first = document.querySelector(".show-map");
  if (first) show(first.dataset.url);
})();
