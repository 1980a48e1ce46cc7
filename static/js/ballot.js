// The ballot page: the running total of dots or points (a progressive enhancement of the
// server-rendered hint; the server checks every rule again), and letting htmx swap in a refused
// ballot's panel. No inline scripts (CSP).
"use strict";

(() => {
  const update = (counter) => {
    const scope = counter.closest("form") || document;
    let used = 0;
    scope.querySelectorAll("[data-ballot-count]").forEach((input) => {
      const value = Number.parseInt(input.value, 10);
      if (Number.isFinite(value) && value > 0) {
        used += value;
      }
    });
    const total = Number.parseInt(counter.dataset.total, 10);
    const exact = counter.dataset.exact === "true";
    counter.querySelector("output").textContent = String(used);
    counter.classList.toggle("ballot-counter-over", used > total);
    counter.classList.toggle("ballot-counter-done", exact ? used === total : used > 0 && used <= total);
  };

  // Runs for the page and again for every panel htmx swaps in; each counter is set up once.
  const start = (root) => {
    root.querySelectorAll(".ballot-counter[data-total]").forEach((counter) => {
      if (counter.dataset.ready === "true") {
        return;
      }
      counter.dataset.ready = "true";
      counter.hidden = false;
      update(counter);
      const scope = counter.closest("form") || document;
      scope.addEventListener("input", (event) => {
        if (event.target.matches && event.target.matches("[data-ballot-count]")) {
          update(counter);
        }
      });
    });
  };

  // A refused ballot (400 rule broken, 403 not eligible, 409 round closed) comes back as the
  // ballot panel with its message, and app.js lets htmx swap it in (X-Swap-Refusal).
  document.addEventListener("htmx:load", (event) => start(event.detail.elt));

  // After a ballot panel is swapped in, its first message gets the focus, so that a screen
  // reader reads it and the keyboard goes on from there (the submit button was replaced).
  document.addEventListener("htmx:afterSettle", (event) => {
    const panel = document.getElementById("ballot-panel");
    if (!panel || !(event.detail.elt === panel || panel.contains(event.detail.elt))) {
      return;
    }
    const message = panel.querySelector("[data-ballot-message]");
    if (message) {
      message.focus();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => start(document));
  } else {
    start(document);
  }
})();
