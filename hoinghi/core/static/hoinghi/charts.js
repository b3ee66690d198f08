// The follow-up dashboard's charts. The figures come from a JSON script element (json_script): the
// content security policy allows no inline script. The tables under the charts carry the same figures.

// A long name as lines of about `width` characters (Chart.js draws an array as lines), three at most: a bar's
// name stays whole beside its bar on a phone instead of being cut at the canvas's left edge.
window.wrapLabel = (label, width) => {
  const lines = [];
  for (const word of String(label).split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length < width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length > 3 ? [...lines.slice(0, 2), `${lines[2]}…`] : lines;
};

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
  const labelWidth = printing ? 40 : window.innerWidth < 576 ? 16 : 28;
  const nameTicks = { autoSkip: false, callback(value) { return window.wrapLabel(this.getLabelForValue(value), labelWidth); } };

  // Horizontal bars: the box grows with their names' lines so that every name stays readable beside its bar,
  // and the legend below them (five lines on a phone) keeps its room.
  // Printed, a chart is drawn once at a fixed size and kept as an image that scales with the page: a canvas
  // sized for the screen would be clipped on paper, its legend spilling over the next heading.
  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    const names = config.options.indexAxis === "y" ? config.data.labels : [];
    const lines = names.reduce((sum, name) => sum + Math.max(2, window.wrapLabel(name, labelWidth).length), 0);
    const entries = config.data.datasets.length; // a legend line each on a phone: five, six with the inherited
    const legend = config.options.plugins.legend.display === false ? 0 : window.innerWidth < 576 && !printing ? 28 * entries : 60;
    const height = lines * 15 + names.length * 8 + legend + 40;
    if (!printing) {
      if (names.length) canvas.parentElement.style.height = `${Math.max(height, 220)}px`;
      new Chart(canvas, config);
      return;
    }
    const bars = names.length;
    canvas.width = bars ? 620 : 340;
    canvas.height = bars ? Math.max(height, 260) : 320;
    Object.assign(config.options, { responsive: false, animation: false, devicePixelRatio: 2 });
    const chart = new Chart(canvas, config);
    const image = new Image();
    image.src = chart.toBase64Image();
    image.alt = canvas.getAttribute("aria-label");
    image.className = "chart-image";
    chart.destroy();
    canvas.replaceWith(image);
  };

  draw("chart-overall", {
    type: "doughnut",
    data: {
      labels: data.series.map((s) => s.label),
      datasets: [{ data: data.overall, backgroundColor: data.series.map((s) => colors[s.key]) }],
    },
    options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } },
  });

  // The share inherited from predecessors (a reorganization), when there is one: a thin bar of its own beside each
  // unit's split, striped so that it does not read as a sixth part of the split.
  const stripes = () => {
    const tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    const pen = tile.getContext("2d");
    pen.fillStyle = "#e7f1f7";
    pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = "#055160";
    pen.lineWidth = 2;
    pen.beginPath();
    pen.moveTo(0, 8);
    pen.lineTo(8, 0);
    pen.stroke();
    return pen.createPattern(tile, "repeat");
  };
  const stacked = (id, group) => {
    const datasets = data.series.map((s) => ({ label: s.label, data: group.values[s.key], backgroundColor: colors[s.key], stack: "split" }));
    if (group.inherited && group.inherited.length) {
      datasets.push({ label: data.inherited_label, data: group.inherited, backgroundColor: stripes(), borderColor: "#055160", borderWidth: 1, stack: "inherited", barPercentage: 0.5 });
    }
    const options = {
      indexAxis: "y",
      maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: nameTicks } },
      plugins: { legend: { position: "bottom" } },
    };
    draw(id, { type: "bar", data: { labels: group.names, datasets }, options });
  };
  stacked("chart-bodies", data.bodies);
  stacked("chart-organizations", data.organizations);

  const updates = { label: data.updates.label, data: data.updates.rates, backgroundColor: "#6f42c1" };
  const updateOptions = {
    indexAxis: "y",
    maintainAspectRatio: false,
    scales: { x: { min: 0, max: 100 }, y: { ticks: nameTicks } },
    plugins: { legend: { display: false } },
  };
  const updateData = { labels: data.updates.names, datasets: [updates] };
  draw("chart-updates", { type: "bar", data: updateData, options: updateOptions });
});
