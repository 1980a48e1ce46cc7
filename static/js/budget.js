// The cost-line grid. No inline scripts (Content-Security-Policy: script-src 'self').
"use strict";

// htmx 2 swaps only 2xx answers. A row edit refused by validation answers 400 with the row's
// form and its messages, marked by the server with X-Budget-Row: swap it like a success.
document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  if (xhr && xhr.status === 400 && xhr.getResponseHeader("X-Budget-Row") === "1") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
