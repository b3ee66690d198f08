// Live figures on a page. A [data-live-events] element names its event stream and state URL:
//   data-live-events="/polls/1/events/"  data-live-state="/polls/1/state.json"
//   data-live-status="open"              the phase the page was drawn for (the state's "phase": its status,
//                                        a closed poll told apart by whether it is counted yet)
//   data-live-reload="/polls/1/room/"    where to go when the phase changes (optional)
// Inside it, [data-live-field="cast_count"] shows a field of the state, and [data-live-bar] gets the
// width cast_count / convened, [data-live-progress] (its role=progressbar parent) the value. Each change fires "hoinghi:live" on the body, for htmx triggers.
// The stream is EventSource; if it cannot be opened, the page asks for the state every second.
(() => {
  const POLL_EVERY = 1000;

  function apply(root, state) {
    if ((state.phase || state.status) !== root.dataset.liveStatus && root.dataset.liveReload) {
      window.location.assign(root.dataset.liveReload);
      return;
    }
    root.querySelectorAll("[data-live-field]").forEach((el) => {
      const value = state[el.dataset.liveField];
      el.textContent = value === null || value === undefined ? "–" : value;
    });
    root.querySelectorAll("[data-live-bar]").forEach((el) => {
      const share = state.convened ? Math.min(100, (100 * state.cast_count) / state.convened) : 0;
      el.style.width = `${share}%`;
    });
    // The value belongs to the element with role=progressbar (the bar inside it is only drawn).
    root.querySelectorAll("[data-live-progress]").forEach((el) => {
      el.setAttribute("aria-valuenow", state.cast_count);
      if (state.convened) el.setAttribute("aria-valuemax", state.convened);
    });
    document.body.dispatchEvent(new CustomEvent("hoinghi:live", { detail: state }));
  }

  function poll(root) {
    const again = () => window.setTimeout(() => poll(root), POLL_EVERY);
    fetch(root.dataset.liveState, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((state) => state && apply(root, state))
      .catch(() => null)
      .finally(again);
  }

  function listen(root) {
    if (!window.EventSource) {
      poll(root);
      return;
    }
    const source = new EventSource(root.dataset.liveEvents);
    let opened = false;
    source.onopen = () => {
      opened = true;
    };
    source.onmessage = (message) => apply(root, JSON.parse(message.data));
    source.onerror = () => {
      // A stream that drops after working reconnects by itself; one that never opened will not.
      if (opened && source.readyState !== EventSource.CLOSED) return;
      source.close();
      poll(root);
    };
  }

  document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("[data-live-events]").forEach(listen));
})();
