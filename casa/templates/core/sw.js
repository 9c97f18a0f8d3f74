// CASA's service worker (served at /sw.js by casa.core.views.service_worker).
// It keeps the offline page and the static files that page shows with, and nothing else: pages,
// the API and downloads always come from the network and are never stored, so a tenant's data
// never lands in the browser's caches. When a page cannot be loaded, the offline page is shown.
"use strict";

var VERSION = "{{ version }}";
var CACHE = "casa-static-" + VERSION;
var OFFLINE_URL = {{ offline_url|safe }};
var PRECACHE = {{ precache|safe }};
var STATIC_PREFIX = {{ static_prefix|safe }};
var KEPT = PRECACHE.concat([OFFLINE_URL]).map(function (url) {
  return new URL(url, self.location.origin).href;
});

self.addEventListener("install", function (event) {
  // Without cookies: the offline page is the same for everyone, never a logged-in page.
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(KEPT.map(function (url) {
      return new Request(url, { credentials: "omit" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () {
    // The page's request starts while the worker wakes up (old phones are slow to start it).
    if (self.registration.navigationPreload) {
      return self.registration.navigationPreload.enable();
    }
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(Promise.resolve(event.preloadResponse).then(function (preloaded) {
      return preloaded || fetch(request);
    }).catch(function () {
      return caches.match(OFFLINE_URL);
    }));
    return;
  }
  var url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname.indexOf(STATIC_PREFIX) === 0) {
    // Static files only: those kept, else the network (and the browser's HTTP cache).
    event.respondWith(caches.match(request).then(function (kept) {
      return kept || fetch(request);
    }));
  }
});

// Sent by casa.js when someone logs out: drop anything that is not the static files and the
// offline page (nothing else is ever stored; this holds even if that changed by mistake).
self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "logout") {
    return;
  }
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) {
      if (name !== CACHE) {
        return caches.delete(name);
      }
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (kept) {
            return KEPT.indexOf(kept.url) === -1;
          }).map(function (other) { return cache.delete(other); }));
        });
      });
    }));
  }).then(function () {
    if (event.source) {
      event.source.postMessage({ type: "logged-out" });
    }
  }));
});
