/* Letter Widget service worker: keeps the widget, its pages and the reader's
 * page working offline after the first load.
 *
 * The build (scripts/post-build.mjs) writes dist/sw.js from this template:
 * HASHED and STABLE list every file of that build, VERSION is a hash of their
 * names and contents, so any change to the build changes this file and the
 * browser installs the new worker. The loader (letter-widget.js) registers it
 * only on same-origin pages inside the widget's folder, which is its scope.
 *
 *  - content-hashed files (glue, wasm): cache first; a name never changes meaning.
 *  - stable names (index.html and other pages of the build, letter-widget.js,
 *    page.css): network first, falling back to the copy precached at install.
 *    The network copy is not written back: the cache always holds one whole
 *    build, so an offline load never mixes a new loader with old wasm.
 *  - the organiser's own pages in the scope that load the widget (the loader
 *    names them with a message): network first, the last copy kept for offline.
 *  - everything else passes through untouched. The organiser's own files
 *    (a letter in `src=`, a recipients list) are kept by the loader itself,
 *    in this folder's FILES cache, which activation leaves alone.
 *  - when Cache Storage fails (a full disk, a browser's privacy mode), every
 *    request goes to the network as if there were no worker.
 *
 * To remove the worker from a site, serve sw-kill-switch.js (in the same
 * build) under this file's name: see the README's Security section.
 */
"use strict";

var HASHED = __HASHED__;
var STABLE = __STABLE__;
var VERSION = "__VERSION__";

var SCOPE = self.registration.scope;
// Caches belong to the origin, not to a scope: every name starts with the
// scope, so two widget folders on one origin, or the blog's own workers,
// never delete each other's caches.
var PREFIX = "letter-widget:" + SCOPE + ":";
var BUILD = PREFIX + "build-" + VERSION;
var PAGES = PREFIX + "pages";
// The organiser's own files (a letter file, a recipients list), which the
// loader keeps as they arrive and reads when the network cannot give them.
var FILES = PREFIX + "files";
// On a train a request can hang for minutes; after this long a cached copy wins.
var NETWORK_TIMEOUT_MS = 4000;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(BUILD)
      .then(function (cache) {
        var requests = HASHED.map(function (name) {
          return new Request(new URL(name, SCOPE).href);
        }).concat(
          STABLE.map(function (name) {
            // Past the HTTP cache, so the stable names match the hashed ones.
            return new Request(new URL(name, SCOPE).href, { cache: "no-cache" });
          })
        );
        return cache.addAll(requests);
      })
      .then(function () {
        // Take over without waiting for every tab to close. This cannot break
        // a reader mid-letter: a running page has already loaded the loader,
        // glue and wasm it needs and fetches nothing more from the build, and
        // nothing reloads it (no clients.claim(), no reload). Its next load is
        // served by this version. The one page it could affect is one still
        // loading the old build at this very moment: its old glue or wasm
        // then comes from the network, and if the host no longer has it the
        // letter stays readable as text and the draft stays in storage until
        // the next load.
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (event) {
  // Navigation preload: the browser starts a page's request while this
  // worker is still starting up, rather than after (see fromNetwork).
  // Not in Firefox: there (153 ESR, measured by tests/engines/) a page
  // requested with no network fails as soon as its preload fails, whatever
  // this worker answers, so an offline reload would show the browser's error
  // page instead of the kept copy.
  var preload = self.registration.navigationPreload;
  var firefox = / Firefox\//.test(self.navigator.userAgent);
  event.waitUntil(
    Promise.all([
      preload ? (firefox ? preload.disable() : preload.enable()) : null,
      caches.keys().then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf(PREFIX) === 0 && name !== BUILD && name !== PAGES && name !== FILES;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      }),
    ])
  );
});

// The loader names the page it runs on, so an organiser's page in the scope
// (a self-hosted embed) is kept for offline from its first load, while it is
// not yet controlled by this worker.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "letter-widget:keep-page" || typeof data.url !== "string") return;
  var url = pageKey(data.url);
  if (!url || buildFile(url)) return;
  event.waitUntil(
    caches.open(PAGES).then(function (cache) {
      return cache.match(url).then(function (hit) {
        return hit || fetch(url).then(function (response) {
          return keepPage(cache, url, response);
        });
      });
    })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== location.origin || url.href.indexOf(SCOPE) !== 0) return;
  var name = buildFile(url.href);
  var preload = request.mode === "navigate" && event.preloadResponse ? event.preloadResponse : null;
  // A preload that is not used (a hashed file opened as a page) still settles.
  if (preload) event.waitUntil(preload.catch(function () {}));
  if (name && HASHED.indexOf(name) >= 0) {
    event.respondWith(cacheFirst(request, new URL(name, SCOPE).href));
  } else if (name) {
    event.respondWith(networkFirst(request, BUILD, new URL(name, SCOPE).href, false, preload).response);
  } else if (request.mode === "navigate") {
    var page = knownPage(request, preload);
    event.respondWith(
      page.then(function (p) {
        return p.response;
      })
    );
    // Keeps the worker alive until the fresh copy is saved.
    event.waitUntil(
      page.then(function (p) {
        return p.saved;
      })
    );
  }
});

// Whether the widget's folder is the site's root: then its folder URL, "/",
// is the blog's home page, never the widget's index.html.
var AT_ROOT = new URL(SCOPE).pathname === "/";

/**
 * The build file a URL names, or null. The folder itself is index.html
 * (unless the folder is the site's root); a query (?utm_source=...) does not
 * change a static file.
 */
function buildFile(href) {
  var url = new URL(href);
  var name = (url.origin + url.pathname).slice(SCOPE.length) || (AT_ROOT ? "" : "index.html");
  return name && (HASHED.indexOf(name) >= 0 || STABLE.indexOf(name) >= 0) ? name : null;
}

function ignore() {}

/**
 * A page URL in the scope without its query and fragment, or null: one
 * copy per page, however many ?utm_source=... links lead to it.
 */
function pageKey(href) {
  var url = new URL(href);
  url.hash = "";
  url.search = "";
  return url.origin === location.origin && url.href.indexOf(SCOPE) === 0 ? url.href : null;
}

function cacheFirst(request, key) {
  return caches.open(BUILD).then(
    function (cache) {
      return cache.match(key, { ignoreVary: true }).then(function (hit) {
        return (
          hit ||
          fetch(request).then(function (response) {
            if (response.ok) cache.put(key, response.clone()).catch(ignore);
            return response;
          })
        );
      });
    },
    // Cache Storage failed: the network, as without a worker.
    function () {
      return fetch(request);
    }
  );
}

/** Pages the loader named are network first; any other page passes through. */
function knownPage(request, preload) {
  var key = pageKey(request.url);
  var unknown = function () {
    return { response: fromNetwork(request, preload), saved: null };
  };
  return caches
    .open(PAGES)
    .then(function (cache) {
      return cache.match(key, { ignoreVary: true });
    })
    .then(function (hit) {
      return hit ? networkFirst(request, PAGES, key, true, preload) : unknown();
    }, unknown);
}

/**
 * The network's answer: the navigation preload's where the browser made
 * one, else a fetch of our own.
 */
function fromNetwork(request, preload) {
  if (!preload) return fetch(request);
  return preload.then(
    function (response) {
      return response || fetch(request);
    },
    function () {
      return fetch(request);
    }
  );
}

/**
 * `response`: the network's answer, or the cached copy when the network
 * fails, answers with a server error, or takes longer than
 * NETWORK_TIMEOUT_MS. With `store`, a good answer is written back to the
 * cache; `saved` settles when that is done. `preload`: the navigation
 * preload, when the request is a page the browser already asked for.
 */
function networkFirst(request, cacheName, key, store, preload) {
  // No copy when Cache Storage fails: then the network's answer, or its error.
  var cached = function () {
    return caches
      .open(cacheName)
      .then(function (cache) {
        return cache.match(key, { ignoreVary: true });
      })
      .catch(ignore);
  };
  var network = fromNetwork(request, preload);
  // Registered before the answer below, so the copy is cloned before the
  // page starts reading the body.
  var saved = network.then(
    function (response) {
      if (!store || !response.ok) return;
      var copy = response.clone();
      return caches.open(cacheName).then(function (cache) {
        return keepPage(cache, key, copy);
      });
    },
    ignore
  ).catch(ignore);
  var response = new Promise(function (resolve, reject) {
    var done = false;
    var answer = function (response) {
      if (!done && response) {
        done = true;
        resolve(response);
      }
    };
    var timer = setTimeout(function () {
      cached().then(answer);
    }, NETWORK_TIMEOUT_MS);
    network.then(
      function (response) {
        clearTimeout(timer);
        if (response.status < 500) return answer(response);
        cached().then(function (hit) {
          answer(hit || response);
        });
      },
      function (err) {
        clearTimeout(timer);
        cached().then(function (hit) {
          if (hit) answer(hit);
          else if (!done) reject(err);
        });
      }
    );
  });
  return { response: response, saved: saved };
}

// The organiser's pages kept for offline: at most this many, the least
// recently kept going first.
var MAX_PAGES = 20;

/**
 * Keeps a page's copy, unless its server said not to store it
 * (`Cache-Control: no-store` or `private`, or `Vary: Cookie`): those are
 * personal, and offline they would be shown to whoever uses the browser next.
 */
function keepPage(cache, key, response) {
  var control = response.headers.get("Cache-Control") || "";
  var vary = response.headers.get("Vary") || "";
  if (!response.ok || /no-store|private/i.test(control) || /cookie|\*/i.test(vary)) {
    return cache.delete(key);
  }
  return cache
    .delete(key)
    .then(function () {
      return cache.put(key, response);
    })
    .then(function () {
      return cache.keys();
    })
    .then(function (keys) {
      return Promise.all(
        keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (request) {
          return cache.delete(request);
        })
      );
    });
}
