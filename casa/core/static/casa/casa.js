// CASA's own behaviour. Pages work without it; it only improves them.
// Loaded (deferred) before Bootstrap Italia's bundle: see base.html.
(function () {
  "use strict";
  // Bootstrap Italia bundles video.js, which injects a <style> element on load unless told
  // not to; the Content-Security-Policy (no inline styles) would block it and log an error.
  window.VIDEOJS_NO_DYNAMIC_STYLE = true;

  var SUMMARY = "[data-casa-error-summary]";

  // A form that failed: the error summary at the top of the content takes the focus, so a
  // screen reader reads the problems first and a keyboard user starts from their links.
  // (Deferred scripts run when the document has been parsed.)
  function focusSummary(root) {
    var summary = root.querySelector(SUMMARY);
    if (summary) {
      summary.focus();
      return true;
    }
    return false;
  }
  focusSummary(document);

  // A link of the summary moves the focus into its field, not only the view: browsers
  // scroll to the anchor but leave the focus where it was.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(SUMMARY + " a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  // The language buttons submit the page's own form to the language switch (see
  // casa/core/drafts.py); htmx must not turn that into one of its requests. Older browsers
  // have no event.submitter: the click on the button comes just before the submit.
  var languageButton = null;
  document.addEventListener("click", function (event) {
    languageButton = event.target.closest(".casa-language-button");
  }, true);
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter || languageButton;
    languageButton = null;
    if (submitter && submitter.classList.contains("casa-language-button")) {
      event.stopImmediatePropagation();
    }
  }, true);

  // After htmx swaps content in, move focus to its error summary, or else to the first
  // invalid field, so screen readers announce the errors.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (focusSummary(event.target)) {
      return;
    }
    var invalid = event.target.querySelector("[aria-invalid='true']");
    if (invalid) {
      invalid.focus();
    }
  });
})();
