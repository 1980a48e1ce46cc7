// The facilitator board. No inline scripts (Content-Security-Policy: script-src 'self').
"use strict";

// htmx 2 does not swap 4xx answers by default. A board action that fails validation answers
// 400 with the notes and the action panel showing the error: swap it like a success.
document.addEventListener("htmx:beforeSwap", (event) => {
  const xhr = event.detail.xhr;
  const target = event.detail.target;
  if (xhr && xhr.status === 400 && target && target.id === "board-notes") {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
