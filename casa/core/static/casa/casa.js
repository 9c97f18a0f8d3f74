// CASA's own behaviour. Pages work without it; it only improves them.
// Loaded (deferred) before Bootstrap Italia's bundle: see base.html.
(function () {
  "use strict";
  // Bootstrap Italia bundles video.js, which injects a <style> element on load unless told
  // not to; the Content-Security-Policy (no inline styles) would block it and log an error.
  window.VIDEOJS_NO_DYNAMIC_STYLE = true;

  // After htmx swaps content in, move focus to the first invalid field so screen readers
  // announce its error.
  document.addEventListener("htmx:afterSwap", function (event) {
    var invalid = event.target.querySelector("[aria-invalid='true']");
    if (invalid) {
      invalid.focus();
    }
  });
})();
