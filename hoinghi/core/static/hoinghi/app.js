// Small behaviours the strict content security policy keeps out of the templates.
// A .js-autosubmit field submits its form when changed with the pointer. With the keyboard a select waits for
// Enter or the form's button (its arrows change the value at every press); after the reload the focus is put back
// on the field, not at the top of the page.
const FOCUS_AFTER_LOAD = "hoinghi:focus";
function submitKeepingFocus(el) {
  if (el.id) sessionStorage.setItem(FOCUS_AFTER_LOAD, el.id);
  el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
}
function autosubmit(el) {
  const isSelect = el.tagName === "SELECT";
  el.addEventListener("keydown", (event) => {
    el.dataset.keyed = "1";
    if (isSelect && event.key === "Enter") {
      event.preventDefault();
      submitKeepingFocus(el);
    }
  });
  el.addEventListener("pointerdown", () => delete el.dataset.keyed);
  el.addEventListener("change", () => {
    if (!(isSelect && el.dataset.keyed)) submitKeepingFocus(el);
  });
}
// A scrolling table is a region the keyboard can reach and scroll, named after its caption or heading.
function reachableTables(root) {
  root.querySelectorAll(".table-responsive").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      const table = box.querySelector("table");
      const heading = box.closest("section, .card, main")?.querySelector("h1, h2, h3, h4, .card-header");
      const name = table?.caption?.textContent || table?.getAttribute("aria-label") || heading?.textContent || document.title;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name.trim().replace(/\s+/g, " "));
    } else if (!scrolls && box.getAttribute("role") === "region") {
      ["tabindex", "role", "aria-label"].forEach((name) => box.removeAttribute(name));
    }
  });
}
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".js-autosubmit").forEach(autosubmit);
  const focusId = sessionStorage.getItem(FOCUS_AFTER_LOAD);
  if (focusId) {
    sessionStorage.removeItem(FOCUS_AFTER_LOAD);
    document.getElementById(focusId)?.focus();
  }
  reachableTables(document);
  window.addEventListener("resize", () => reachableTables(document));
  document.querySelectorAll(".js-print").forEach((el) => el.addEventListener("click", () => window.print()));
});

// Agenda: drag to reorder, then post the new order (the buttons do the same without a mouse).
function initSortable(root) {
  root.querySelectorAll("[data-sortable-url]").forEach((list) => {
    if (list.dataset.sortableReady || !window.Sortable) return;
    list.dataset.sortableReady = "1";
    window.Sortable.create(list, {
      handle: ".handle",
      animation: 150,
      onEnd: () => {
        const ids = [...list.querySelectorAll("[data-item-id]")].map((el) => el.dataset.itemId);
        htmx.ajax("POST", list.dataset.sortableUrl, { target: list.dataset.sortableTarget || "#agenda", swap: "outerHTML", values: { order: ids.join(",") } });
      },
    });
  });
}
document.addEventListener("DOMContentLoaded", () => initSortable(document));
document.addEventListener("htmx:afterSwap", (e) => {
  initSortable(e.target.parentElement || document);
  reachableTables(document);
});

// Every chart carries its figures as text, drawn from the chart's own data: a table under a <details> after the
// chart, or for a sparkline the values in its name. Registered before the pages' scripts draw their charts.
const chartFigures = {
  id: "figuresAsText",
  afterInit(chart) {
    const canvas = chart.canvas;
    const { labels = [], datasets = [] } = chart.config.data;
    const lang = document.documentElement.lang || "vi";
    const show = (value) => (value === null || value === undefined || Number.isNaN(value) ? "—" : Number(value).toLocaleString(lang));
    const title = canvas.getAttribute("aria-label") || "";
    if (canvas.dataset.spark !== undefined) {
      canvas.setAttribute("aria-label", `${title}: ${datasets[0].data.map(show).join("; ")}`);
      return;
    }
    const box = canvas.parentElement;
    box.nextElementSibling?.classList.contains("chart-figures") && box.nextElementSibling.remove();
    const details = document.createElement("details");
    details.className = "chart-figures small mt-2 no-print";
    const summary = document.createElement("summary");
    summary.textContent = document.querySelector("meta[name='hoinghi-chart-figures']")?.content || title;
    const table = document.createElement("table");
    table.className = "table table-sm mb-0";
    const cell = (tag, text, scope) => {
      const el = document.createElement(tag);
      el.textContent = text;
      if (scope) el.scope = scope;
      return el;
    };
    const caption = cell("caption", title);
    caption.className = "visually-hidden"; // the chart's heading shows it already
    table.append(caption);
    const head = table.createTHead().insertRow();
    head.append(cell("th", "", "col"), ...datasets.map((set) => cell("th", set.label || title, "col")));
    const body = table.createTBody();
    labels.forEach((label, n) => {
      const row = body.insertRow();
      row.append(cell("th", String(label), "row"), ...datasets.map((set) => cell("td", show(set.data[n]))));
    });
    details.append(summary, table);
    box.after(details);
  },
};
document.addEventListener("DOMContentLoaded", () => window.Chart && window.Chart.register(chartFigures));
