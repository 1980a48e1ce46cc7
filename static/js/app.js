// Small progressive enhancements. No inline scripts (Content-Security-Policy: script-src 'self').
"use strict";

// Ask before submitting a form marked with data-confirm="question".
document.addEventListener("submit", (event) => {
  const question = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
