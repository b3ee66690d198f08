// The follow-up dashboard's charts. The figures come from a JSON script element (json_script): the
// content security policy allows no inline script. The tables under the charts carry the same figures.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  if (!source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const colors = {
    done_on_time: "#198754",
    done_late: "#ffc107",
    open_in_time: "#0d6efd",
    open_overdue: "#dc3545",
    open_no_deadline: "#adb5bd",
  };
  const printing = document.body.classList.contains("print-report");
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  if (printing) Chart.defaults.animation = false;

  // `bars`: for horizontal bars, the box grows with their number so that every name stays readable.
  const draw = (id, config, bars = 0) => {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    if (bars > 6) canvas.parentElement.style.height = `${bars * 28 + 70}px`;
    new Chart(canvas, config);
  };

  draw("chart-overall", {
    type: "doughnut",
    data: {
      labels: data.series.map((s) => s.label),
      datasets: [{ data: data.overall, backgroundColor: data.series.map((s) => colors[s.key]) }],
    },
    options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } },
  });

  const stacked = (id, group) => {
    const datasets = data.series.map((s) => ({ label: s.label, data: group.values[s.key], backgroundColor: colors[s.key] }));
    const options = {
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
      plugins: { legend: { position: "bottom" } },
    };
    draw(id, { type: "bar", data: { labels: group.names, datasets }, options }, group.names.length);
  };
  stacked("chart-bodies", data.bodies);
  stacked("chart-organizations", data.organizations);

  const updates = { label: data.updates.label, data: data.updates.rates, backgroundColor: "#6f42c1" };
  const updateOptions = {
    indexAxis: "y",
    maintainAspectRatio: false,
    scales: { x: { min: 0, max: 100 } },
    plugins: { legend: { display: false } },
  };
  const updateData = { labels: data.updates.names, datasets: [updates] };
  draw("chart-updates", { type: "bar", data: updateData, options: updateOptions }, data.updates.names.length);
});
