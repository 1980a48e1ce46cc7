// The ballot's running total of dots or points: a progressive enhancement of the
// server-rendered hint (the server checks every rule again). No inline scripts (CSP).
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

  const start = () => {
    document.querySelectorAll(".ballot-counter[data-total]").forEach((counter) => {
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
