// The round form with a weak signal (issue 11). Pages work without it: the form is a plain
// POST. With it, the form is sent with fetch; when the network is down the round is kept in
// localStorage (without its photos, which localStorage cannot hold) and sent again when the
// browser says it is online, or when a page of the rounds is opened again. The server saves
// one round per submission key, so sending a round twice makes no duplicate.
(function () {
  "use strict";

  var STORE = "casa.care.pendingRounds";
  var form = document.querySelector("form[data-care-round]");
  var notice = document.getElementById("round-offline");

  function pending() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE) || "[]");
    } catch (error) {
      return [];
    }
  }

  function keep(rounds) {
    window.localStorage.setItem(STORE, JSON.stringify(rounds));
  }

  function tell(key) {
    if (notice) {
      notice.textContent = notice.getAttribute("data-" + key);
      notice.hidden = false;
    }
  }

  // The form's fields, as [name, value] pairs: files are left out.
  function fields(target) {
    var pairs = [];
    var hadPhotos = false;
    new FormData(target).forEach(function (value, name) {
      if (typeof value === "string") {
        pairs.push([name, value]);
      } else if (value && value.size) {
        hadPhotos = true;
      }
    });
    return { pairs: pairs, hadPhotos: hadPhotos };
  }

  function post(action, body) {
    return fetch(action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    });
  }

  var sending = false;
  function resend() {
    var rounds = pending();
    if (sending || !rounds.length || navigator.onLine === false) {
      return;
    }
    sending = true;
    tell("sending");
    var left = rounds.slice();
    var chain = Promise.resolve();
    rounds.forEach(function (round) {
      chain = chain.then(function () {
        var body = new FormData();
        round.pairs.forEach(function (pair) { body.append(pair[0], pair[1]); });
        return post(round.action, body).then(function (response) {
          // Saved (or saved before: the same key), or refused for good: not kept any longer.
          if (response.ok || (response.status >= 400 && response.status < 500)) {
            left = left.filter(function (other) { return other.key !== round.key; });
            keep(left);
          }
        });
      });
    });
    chain.then(function () {
      sending = false;
      if (!left.length) {
        tell("sent");
      }
    }, function () {
      sending = false;  // still offline: the next "online" tries again
    });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) {
        return;
      }
      event.preventDefault();
      var data = new FormData(form);
      post(form.action || window.location.href, data).then(function (response) {
        if (response.redirected) {
          window.location.assign(response.url);
          return;
        }
        // The server answered with the form and its errors: send it the plain way to show
        // them (nothing was saved, the key is unused).
        form.submit();
      }, function () {
        var kept = fields(form);
        var rounds = pending().filter(function (other) {
          return other.key !== form.elements.submission_key.value;
        });
        rounds.push({ key: form.elements.submission_key.value,
                      action: form.action || window.location.href, pairs: kept.pairs });
        keep(rounds);
        tell(kept.hadPhotos ? "saved-no-photos" : "saved");
      });
    });
  }

  window.addEventListener("online", resend);
  resend();
})();
