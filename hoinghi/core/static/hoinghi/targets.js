// The resolution targets' charts. The figures come from JSON script elements (json_script): the content
// security policy allows no inline script. The tables beside the charts carry the same figures.
document.addEventListener("DOMContentLoaded", () => {
  // Printed, the rule of the standings is spelled out and the charts fit the page.
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details.rule").forEach((details) => (details.open = true));
  });
  if (!window.Chart) return;
  const read = (id) => {
    const source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  };
  const standingColors = {
    achieved: "#0f5132",
    on_track: "#198754",
    at_risk: "#ffc107",
    off_track: "#dc3545",
    missed: "#842029",
    not_enough_data: "#6c757d",
    not_judged: "#dee2e6",
  };
  const lineColors = ["#0d6efd", "#6f42c1", "#fd7e14", "#20c997"];
  const markColor = "#6f42c1";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.addEventListener("beforeprint", () => Object.values(Chart.instances).forEach((chart) => chart.resize()));

  const board = read("resolution-chart");
  if (board) {
    const canvas = document.getElementById("chart-standings");
    if (canvas && board.standings.length) {
      new Chart(canvas, {
        type: "doughnut",
        data: {
          labels: board.standings.map((s) => s.label),
          datasets: [{ data: board.standings.map((s) => s.count), backgroundColor: board.standings.map((s) => standingColors[s.key]) }],
        },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } },
      });
    }
    // Sparklines: the figures under each target's current definition, better upwards (ranks drawn reversed).
    document.querySelectorAll("canvas[data-spark]").forEach((spark) => {
      const line = board.sparks[spark.dataset.spark];
      if (!line || line.values.length < 2) return;
      new Chart(spark, {
        type: "line",
        data: { labels: line.values.map((_, n) => n), datasets: [{ data: line.values, borderColor: lineColors[0], borderWidth: 1.5, pointRadius: 0, tension: 0.2 }] },
        options: {
          maintainAspectRatio: false,
          animation: false,
          events: [],
          plugins: { legend: { display: false }, tooltip: { enabled: false } },
          scales: { x: { display: false }, y: { display: false, reverse: line.lower_is_better } },
        },
      });
    });
  }

  const detail = read("target-chart");
  if (!detail) return;
  const series = detail.series;
  // A dashed vertical line, labelled, where a definition change applies: between the last period under the old
  // definition and the first under the new one. Drawn by this chart's own plugin (no annotation plugin needed).
  const revisionMarks = {
    id: "revisionMarks",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.strokeStyle = markColor;
      ctx.fillStyle = markColor;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([5, 4]);
      ctx.font = `11px ${Chart.defaults.font.family}`;
      series.marks.forEach((mark) => {
        const here = scales.x.getPixelForValue(mark.at);
        const x = mark.at > 0 ? (scales.x.getPixelForValue(mark.at - 1) + here) / 2 : here;
        ctx.beginPath();
        ctx.moveTo(x, chartArea.top);
        ctx.lineTo(x, chartArea.bottom);
        ctx.stroke();
        // The label and the reason on the side of the mark with more room (the page lists the reason whole).
        const right = chartArea.right - x > x - chartArea.left;
        const room = (right ? chartArea.right - x : x - chartArea.left) - 8;
        const fit = (text) => {
          let cut = text;
          while (cut.length > 8 && ctx.measureText(`${cut}…`).width > room) cut = cut.slice(0, -4);
          return cut === text ? text : `${cut}…`;
        };
        [mark.label, mark.reason].filter(Boolean).forEach((text, line) => {
          const shown = fit(text);
          const at = right ? x + 4 : x - 4 - ctx.measureText(shown).width;
          ctx.fillText(shown, at, chartArea.top + 12 + 14 * line);
        });
      });
      ctx.restore();
    },
  };
  // A tooltip does not wrap its text: long text is given as lines of about `width` characters.
  const wrap = (text, width) =>
    text.split(" ").reduce((lines, word) => {
      const last = lines.length - 1;
      if (last >= 0 && lines[last].length + word.length < width) lines[last] += ` ${word}`;
      else lines.push(word);
      return lines;
    }, []);
  const withUnit = (value) => (value === null ? "" : `${value.toLocaleString()}${series.unit === "%" ? "%" : ` ${series.unit}`}`);
  const definitions = series.series.map((line, n) => {
    const color = lineColors[n % lineColors.length];
    return {
      label: line.label.length > 60 ? `${line.label.slice(0, 57)}…` : line.label,
      data: line.values,
      borderColor: color,
      // Hollow: not approved yet.
      pointBackgroundColor: line.approved.map((approved) => (approved ? color : "#fff")),
      pointBorderColor: color,
      pointRadius: 3.5,
      spanGaps: true, // within one definition only: each definition is its own dataset
      tension: 0.1,
    };
  });
  const targetLine = {
    label: series.target.label,
    data: series.target.values,
    borderColor: "#dc3545",
    borderDash: [6, 4],
    borderWidth: 1.5,
    pointRadius: 0,
    spanGaps: true,
  };
  // An organization's figures before the merge that made it, derived from its predecessors': never joined to
  // what it reported, drawn apart (diamonds on a dotted line), with the rule in the tooltip.
  const derived = series.derived
    ? [
        {
          label: series.derived.label,
          data: series.derived.values,
          borderColor: "#fd7e14",
          backgroundColor: "#fff",
          borderDash: [2, 3],
          pointStyle: "rectRot",
          pointRadius: 5,
          spanGaps: true,
          derivedRule: series.derived.rule,
        },
      ]
    : [];
  new Chart(document.getElementById("chart-series"), {
    type: "line",
    data: { labels: series.labels, datasets: [...definitions, ...derived, targetLine] },
    options: {
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { reverse: series.lower_is_better }, x: { ticks: { autoSkip: true, maxRotation: 60 } } },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${withUnit(item.parsed.y)}`,
            footer: (items) => {
              const rule = items.find((item) => item.dataset.derivedRule);
              return rule ? wrap(rule.dataset.derivedRule, 56) : "";
            },
          },
          footerFont: { weight: "normal", size: 11 },
        },
      },
    },
    plugins: [revisionMarks],
  });

  const districts = detail.districts;
  const canvas = document.getElementById("chart-districts");
  if (!districts || !canvas) return;
  const datasets = [
    {
      type: "bar",
      label: districts.label,
      data: districts.values,
      backgroundColor: districts.approved.map((approved) => (approved ? lineColors[0] : "rgba(13, 110, 253, 0.35)")),
    },
  ];
  if (districts.milestone !== null) {
    datasets.push({
      type: "line",
      label: districts.milestone_label,
      data: districts.names.map(() => districts.milestone),
      borderColor: "#dc3545",
      borderDash: [6, 4],
      pointRadius: 0,
    });
  }
  new Chart(canvas, {
    data: { labels: districts.names, datasets },
    options: {
      maintainAspectRatio: false,
      scales: { x: { ticks: { autoSkip: false, maxRotation: 60 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
});
