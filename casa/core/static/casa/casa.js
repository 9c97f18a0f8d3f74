// CASA's own behaviour. Pages work without it; it only improves them.
// It replaces Bootstrap Italia's 240 KB bundle: the pages use one of its components, the
// navigation that slides in on a phone (below), and label the form fields without JavaScript.
(function () {
  "use strict";

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
    languageButton = event.target.closest(".casa-language-choice");
  }, true);
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter || languageButton;
    languageButton = null;
    if (submitter && submitter.classList.contains("casa-language-choice")) {
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

  // The navigation on a phone: Bootstrap Italia's "navbarcollapsible" markup and styles, and
  // its behaviour: a modal panel over a dimmed page (the rest of the page inert), closed by its
  // button, a tap on the dimmed page or Escape, with the focus kept inside and given back to
  // the menu button.
  var toggler = document.querySelector("[data-bs-toggle='navbarcollapsible']");
  var menu = toggler && document.querySelector(toggler.getAttribute("data-bs-target"));
  if (menu) {
    var main = document.querySelector("main");
    var nav = toggler.closest("nav");
    var closeButton = menu.querySelector(".close-div button");
    var hiding = null;
    var backdrop = document.createElement("div");
    backdrop.className = "navbar-backdrop fade";
    backdrop.addEventListener("click", function () { closeMenu(); });

    var focusables = function () {
      return Array.prototype.filter.call(
        menu.querySelectorAll("a[href], button:not([disabled])"),
        function (element) { return element.offsetParent !== null; });
    };

    var openMenu = function () {
      window.clearTimeout(hiding);
      menu.style.display = "block";
      menu.setAttribute("role", "dialog");
      menu.setAttribute("aria-modal", "true");
      menu.setAttribute("aria-label", nav ? nav.getAttribute("aria-label") : "Menu");
      if (main) { main.inert = true; }
      document.body.classList.add("navbar-open");
      menu.parentNode.appendChild(backdrop);
      void menu.offsetHeight;  // a reflow, so that the panel slides in
      menu.classList.add("expanded");
      backdrop.classList.add("show");
      toggler.setAttribute("aria-expanded", "true");
      (closeButton || focusables()[0] || menu).focus();
    };

    function closeMenu() {
      if (!menu.classList.contains("expanded")) { return; }
      menu.classList.remove("expanded");
      menu.removeAttribute("role");
      menu.removeAttribute("aria-modal");
      menu.removeAttribute("aria-label");
      if (main) { main.inert = false; }
      document.body.classList.remove("navbar-open");
      toggler.setAttribute("aria-expanded", "false");
      backdrop.classList.remove("show");
      toggler.focus();
      // After the slide-out; back to the stylesheet's display (hidden on a phone only).
      hiding = window.setTimeout(function () {
        menu.style.display = "";
        backdrop.remove();
      }, 300);
    }

    toggler.addEventListener("click", function () {
      if (menu.classList.contains("expanded")) { closeMenu(); } else { openMenu(); }
    });
    if (closeButton) { closeButton.addEventListener("click", closeMenu); }
    document.addEventListener("keydown", function (event) {
      if (!menu.classList.contains("expanded")) { return; }
      if (event.key === "Escape") {
        closeMenu();
      } else if (event.key === "Tab") {
        var items = focusables();
        var first = items[0];
        var last = items[items.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    });
  }

  // The installable app: the service worker keeps the offline page and static files, never a
  // page with data (casa/templates/core/sw.js). Registered once the page has loaded, so that
  // it finds the files of the first visit in the browser's cache instead of downloading them
  // again.
  var workerUrl = document.body.getAttribute("data-casa-service-worker");
  if (workerUrl && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(workerUrl).catch(function () { /* optional */ });
    });
    // Logging out: the worker drops anything but its static files (the logout answer also
    // clears the browser's HTTP cache with Clear-Site-Data).
    document.addEventListener("submit", function (event) {
      var controller = navigator.serviceWorker.controller;
      if (controller && event.target.hasAttribute("data-casa-logout")) {
        controller.postMessage({ type: "logout" });
      }
    });
  }
})();
