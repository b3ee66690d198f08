// The review screen's small behaviours (the content security policy keeps scripts out of the page):
// add a blank row to a list, fade a row marked for removal, confirm a discard.
document.addEventListener("click", (event) => {
  const add = event.target.closest(".js-add-row");
  if (add) {
    const rows = add.closest(".js-rows");
    const total = rows.querySelector("input[name$='-TOTAL_FORMS']");
    const list = rows.querySelector(".js-row-list");
    list.insertAdjacentHTML("beforeend", rows.querySelector(".js-row-template").innerHTML.replaceAll("__prefix__", total.value));
    total.value = Number(total.value) + 1;
    list.lastElementChild.querySelector("input, textarea, select").focus();
  }
  const risky = event.target.closest("[data-confirm]");
  if (risky && !window.confirm(risky.dataset.confirm)) event.preventDefault();
});
document.addEventListener("change", (event) => {
  if (event.target.matches(".js-remove-row")) event.target.closest(".entry").classList.toggle("entry-removed", event.target.checked);
});
