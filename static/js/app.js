// Small progressive enhancements. No inline scripts (Content-Security-Policy: script-src 'self').
"use strict";

// htmx 2 swaps only 2xx answers. A 4xx answer that is meant for the page (the form, row or
// panel again with its messages: a refused ballot, a row edit or board action that failed
// validation) carries X-Swap-Refusal: 1 (core/htmx.py) and is swapped like a success; any other
// error answer (a CSRF failure, an error page) is left alone.
document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  if (xhr && xhr.status >= 400 && xhr.status < 500 && xhr.getResponseHeader("X-Swap-Refusal") === "1") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Ask before submitting a form marked with data-confirm="question".
document.addEventListener("submit", (event) => {
  const question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
