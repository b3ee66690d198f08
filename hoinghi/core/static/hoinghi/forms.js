// Forms, the same way on every page.
// 1. The server's Vietnamese messages, not the browser's ("Please fill out this field" in an English browser):
//    every form is submitted as it is and the server puts its errors back on the form.
// 2. Days are written day first (dd/mm/yyyy) whatever the browser's language: an input core.forms.DayInput renders
//    gets a small date picker (vanillajs-datepicker) when it is first focused, so that pages without one, rows
//    added by a script and parts swapped in by htmx need nothing more.
(() => {
  const assets = document.currentScript.dataset;

  function load(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.append(element);
    });
  }

  let library = null;
  function datepicker() {
    if (!library) {
      library = Promise.all([
        load("link", { rel: "stylesheet", href: assets.pickerCss }),
        load("script", { src: assets.pickerJs }).then(() => load("script", { src: assets.pickerLocale })),
      ]);
    }
    return library;
  }

  // dd/mm/yyyy read strictly: a day that does not exist (31/02, or 12/31 written month first) is left as typed for
  // the server to name, rather than rolled over to another day as the library's own parser would.
  const dayFirst = {
    toValue(text) {
      const parts = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
      if (!parts) return NaN;
      const [day, month, year] = [Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])];
      const date = new Date(year, month, day);
      return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day ? date : NaN;
    },
    toDisplay(date) {
      const two = (n) => String(n).padStart(2, "0");
      return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()}`;
    },
  };

  function attach(input) {
    input.dataset.dayPicker = "ready";
    // The library puts its last picked day back when the field is left with text it cannot read (and empties it
    // when it starts on such text): the text typed stays instead, for the server to name what is wrong with it.
    let typed = null;
    const keepTyped = () => {
      if (typed && Number.isNaN(Number(dayFirst.toValue(typed)))) input.value = typed;
    };
    input.addEventListener("input", () => { typed = input.value; });
    input.addEventListener("changeDate", () => { typed = null; });
    let picker = null;
    input.addEventListener("focusout", (event) => {  // after the library's own blur handler
      keepTyped();
      // Focus moved on without a click or Tab (a script, an assistive tool): the picker goes too.
      if (picker && picker.active && !picker.pickerElement.contains(event.relatedTarget)) picker.hide();
    });
    datepicker().then(() => {
      typed = typed ?? input.value;
      picker = new window.Datepicker(input, {
        format: dayFirst,
        language: document.documentElement.lang === "vi" ? "vi" : "en",
        weekStart: 1,
        autohide: true,
        todayHighlight: true,
        buttonClass: "btn",
      });
      keepTyped();
      if (document.activeElement === input) picker.show();
    });
  }

  function serverValidates(root) {
    const forms = root.matches && root.matches("form") ? [root] : [...root.querySelectorAll("form")];
    forms.forEach((form) => { form.noValidate = true; });
  }

  document.addEventListener("DOMContentLoaded", () => serverValidates(document));
  document.addEventListener("htmx:load", (event) => serverValidates(event.target));
  document.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches('input[data-day-picker=""]')) attach(event.target);
  });
})();
