// Draws an indicator's verified values against its target, with the tolerance band shaded.
// Data comes from the page's <script id="trend-data"> (json_script); Chart.js is served by us.
(function () {
  const canvas = document.getElementById("trend-chart");
  const source = document.getElementById("trend-data");
  if (!canvas || !source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const rtl = document.documentElement.dir === "rtl";
  Chart.defaults.font.family = "Vazirmatn, system-ui, sans-serif";
  // Draw once the page font is in, so the Persian labels are measured with the font they are shown in.
  document.fonts.ready.then(draw);

  function draw() {
  const chart = new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.series.band, data: data.low, borderWidth: 0, pointRadius: 0, fill: false,
          backgroundColor: "rgba(240, 195, 109, 0.35)" },
        { label: data.series.band, data: data.high, borderWidth: 0, pointRadius: 0, fill: "-1",
          backgroundColor: "rgba(240, 195, 109, 0.35)" },
        { label: data.series.target, data: data.target, borderColor: "#8a4b00", borderDash: [6, 4],
          pointRadius: 0, fill: false },
        { label: data.series.actual, data: data.actual, borderColor: "#0b6e5f", backgroundColor: "#0b6e5f",
          spanGaps: false, fill: false },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { reverse: rtl }, y: { position: rtl ? "right" : "left" } },
      plugins: {
        legend: { rtl: rtl, labels: { filter: (item, chartData) => item.datasetIndex !== 0 } },
        tooltip: { rtl: rtl },
      },
    },
  });
  canvas.dataset.ready = chart ? "yes" : "no";
  }
})();
