// The comparison page's two charts: the reporting cities' values, best first, against the median; and the
// verified values of the chosen cities over the last periods. Data comes from <script id="benchmark-data">.
(function () {
  const source = document.getElementById("benchmark-data");
  if (!source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const rtl = document.documentElement.dir === "rtl";
  const palette = ["#0b6e5f", "#8a4b00", "#3d5a98", "#a23b72", "#5b7f1d", "#6b4f9e", "#b35c00", "#2f7f9f"];
  Chart.defaults.font.family = "Vazirmatn, system-ui, sans-serif";
  document.fonts.ready.then(draw);

  function draw() {
    const ranking = document.getElementById("ranking-chart");
    if (ranking) {
      const median = data.ranking.labels.map(() => data.ranking.median);
      new Chart(ranking, {
        data: {
          labels: data.ranking.labels,
          datasets: [
            // The reader's own city stands out in the ranking by colour; the legend below the chart names it.
            { type: "bar", label: data.ranking.series.value, data: data.ranking.values,
              backgroundColor: data.ranking.own.map((own) => (own ? "#c2410c" : "#0b6e5f")) },
            { type: "line", label: data.ranking.series.median, data: median, borderColor: "#8a4b00",
              borderDash: [6, 4], pointRadius: 0, fill: false },
          ],
        },
        options: chartOptions(),
      });
      ranking.dataset.ready = "yes";
    }
    const trend = document.getElementById("trend-chart");
    if (trend) {
      new Chart(trend, {
        type: "line",
        data: {
          labels: data.trends.labels,
          datasets: data.trends.lines.map((line, index) => ({
            label: line.label, data: line.values, borderColor: palette[index % palette.length],
            backgroundColor: palette[index % palette.length], spanGaps: false, fill: false,
          })),
        },
        options: chartOptions(),
      });
      trend.dataset.ready = "yes";
    }
  }

  function chartOptions() {
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { reverse: rtl }, y: { position: rtl ? "right" : "left" } },
      plugins: { legend: { rtl: rtl }, tooltip: { rtl: rtl } },
    };
  }
})();
