// Small behaviours the strict content security policy keeps out of the templates.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".js-autosubmit").forEach((el) => el.addEventListener("change", () => el.form.submit()));
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
document.addEventListener("htmx:afterSwap", (e) => initSortable(e.target.parentElement || document));
