// The voting-round form: show only the rules of the chosen method. Without this script every
// method's rules are shown, and the server uses only the chosen method's. (CSP: no inline JS.)
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("round-form");
  if (!form) {
    return;
  }
  const update = () => {
    const chosen = form.querySelector('input[name="method"]:checked');
    form.querySelectorAll("fieldset[data-method]").forEach((fieldset) => {
      fieldset.hidden = !chosen || fieldset.dataset.method !== chosen.value;
    });
  };
  form.addEventListener("change", (event) => {
    if (event.target.name === "method") {
      update();
    }
  });
  update();
});
