/* Letter Widget loader: the one file an organiser's page references.
 *
 *   <script src="https://HOST/letter-widget/letter-widget.js" defer></script>
 *
 * It defines <letter-widget>, then loads the widget's JavaScript glue and
 * WebAssembly once per page, in parallel, from the folder it was loaded
 * from. The build fills in the content-hashed names below. Until the widget
 * runs (or if it cannot), the letter stays readable as the page's own text.
 *
 * It also picks each widget's language (see `table`) and fetches that
 * translation alongside the wasm, so English readers fetch no translation
 * and others fetch only their own.
 */
(function () {
  "use strict";
  var NAME = "letter-widget";
  if (!window.customElements || !window.HTMLElement || customElements.get(NAME)) {
    return; // No custom elements (very old browser), or already loaded twice.
  }
  if (typeof WebAssembly !== "object") {
    return; // The letter stays as plain text in the post.
  }
  var script = document.currentScript;
  var base = new URL(".", (script && script.src) || location.href).href;
  var GLUE = "__GLUE__";
  var WASM = "__WASM__";
  var SW = "__SW__";
  // Translation files by language: { ko: "letter-widget-strings-ko-<hash>.json", ... }.
  var STRINGS = __STRINGS__;
  var runtime = null;
  var tables = {};

  function load() {
    if (!runtime) {
      // Start the wasm download now, alongside the glue, instead of after it.
      var wasm = fetch(new URL(WASM, base).href, { credentials: "same-origin" });
      runtime = import(new URL(GLUE, base).href).then(function (glue) {
        return glue.default({ module_or_path: wasm }).then(function () {
          return glue;
        });
      });
    }
    return runtime;
  }

  // The widget's language: the first the widget speaks among the element's
  // own lang or its nearest ancestor's, the document's, and the reader's
  // preferred languages; else English. Matched by primary subtag (ko-KR is
  // ko). Returns the translation's JSON text, fetched once per page and
  // language, or undefined for English (also when the fetch fails).
  function table(el) {
    var near = el.closest('[lang]:not([lang=""])');
    var tags = [near && near.lang, document.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < tags.length; i++) {
      var lang = String(tags[i] || "").split(/[-_]/)[0].toLowerCase();
      if (lang === "en") break;
      if (STRINGS.hasOwnProperty(lang)) {
        return (tables[lang] = tables[lang] ||
          fetch(new URL(STRINGS[lang], base).href)
            .then(function (r) {
              return r.ok ? r.text() : undefined;
            })
            .catch(function () {}));
      }
    }
    return Promise.resolve();
  }

  // The offline service worker (sw.js, beside this file), only where it is
  // ours: a page on the same origin inside the widget's folder, which is the
  // worker's scope. Never on a third-party blog. `data-no-offline` on the
  // script tag turns it off, and removes one this folder installed before.
  var scope = new URL(".", base).href;
  var ours = !!SW && !!script && window.isSecureContext && new URL(scope).origin === location.origin && location.href.indexOf(scope) === 0;
  var noOffline = ours && script.hasAttribute("data-no-offline");
  function registerWorker() {
    if (!ours || !("serviceWorker" in navigator)) return;
    var url = new URL(SW, base).href;
    var workers = navigator.serviceWorker;
    if (noOffline) {
      workers.getRegistration(scope).then(function (reg) {
        var worker = reg && reg.scope === scope && (reg.active || reg.waiting || reg.installing);
        if (!worker || worker.scriptURL !== url) return;
        reg.unregister();
        // The worker names its caches after its scope (see sw.js).
        var prefix = "letter-widget:" + scope + ":";
        if (window.caches) {
          caches.keys().then(function (names) {
            names.forEach(function (name) {
              if (name.indexOf(prefix) === 0) caches.delete(name);
            });
          });
        }
      }).catch(function () {});
      return;
    }
    workers.register(url, { scope: scope }).catch(function () {});
    // Ask the worker to keep this page for offline (a self-hosted embed's
    // page is not part of the build). `ready` may answer with another
    // worker whose scope is narrower than ours: then this page is not ours.
    workers.ready.then(function (reg) {
      if (reg.scope === scope && reg.active) {
        reg.active.postMessage({ type: "letter-widget:keep-page", url: location.href });
      }
    });
  }

  // The organiser's own files (a letter in `src=`, a recipients list) are
  // kept in Cache Storage as they arrive, and read from there when the
  // network cannot give them (or takes longer than NETWORK_TIMEOUT_MS), so
  // a page that works offline still has its letter and its list. Only where
  // the worker is ours (the same pages, the same opt-out, and removed with
  // its caches): a third-party blog's storage is not ours to fill.
  var FILES = "letter-widget:" + scope + ":files";
  var NETWORK_TIMEOUT_MS = 4000;
  function filesCache() {
    // Reading `caches` throws in a sandboxed frame.
    try {
      if (ours && !noOffline && window.caches) return caches.open(FILES);
    } catch (e) {}
    return Promise.reject();
  }
  function kept(href) {
    return filesCache()
      .then(function (cache) {
        return cache.match(href);
      })
      .then(function (response) {
        return response ? response.text() : null;
      })
      .catch(function () {
        return null;
      });
  }
  function keep(href, response) {
    filesCache()
      .then(function (cache) {
        // One copy per file: an address that differs only in its query
        // (list.json?v=2) replaces the copy it had.
        var path = href.split("?")[0];
        return cache.keys().then(function (requests) {
          requests.forEach(function (r) {
            if (r.url.split("?")[0] === path && r.url !== href) cache.delete(r);
          });
          return cache.put(href, response);
        });
      })
      .catch(function () {});
  }

  // A file the organiser named, as [text, null] or [null, why not, whether
  // it was out of reach]: no answer at all (offline, blocked, no such host)
  // or a failing server, rather than a server saying it has no such file.
  var NONE = Promise.resolve([null, null, false]);
  function get(url) {
    var href = new URL(url, document.baseURI).href;
    function outOfReach(why) {
      return kept(href).then(function (text) {
        if (window.console) {
          console.warn("letter-widget: " + href + ": " + why + (text === null ? "" : "; using the copy kept from an earlier visit"));
        }
        return text === null ? [null, why, true] : [text, null, false];
      });
    }
    var answered = false;
    var network = fetch(href).then(
      function (r) {
        if (r.status >= 500) return outOfReach("the server answered " + r.status);
        if (!r.ok) return [null, "the server answered " + r.status, false];
        keep(href, r.clone());
        return r.text().then(function (t) {
          return [t, null, false];
        });
      },
      function () {
        return outOfReach("it could not be fetched (offline, blocked, or a wrong address)");
      }
    );
    network.then(function () {
      answered = true;
    });
    // On a connection that hangs, a kept copy wins after a while.
    var slow = new Promise(function (done) {
      setTimeout(done, NETWORK_TIMEOUT_MS);
    }).then(function () {
      if (answered) return network;
      return kept(href).then(function (text) {
        return text === null ? network : [text, null, false];
      });
    });
    return Promise.race([network, slow]);
  }

  class LetterWidget extends HTMLElement {
    connectedCallback() {
      var self = this;
      // The reader's language, a letter in a file (src="letter.txt") and a
      // recipients list (recipients-src) all load alongside the widget, not
      // after it.
      var src = this.getAttribute("src");
      var list = !this.querySelector("script[slot=recipients]") && (this.getAttribute("recipients-src") || "").trim();
      Promise.all([load(), table(self), src ? get(src) : NONE, list ? get(list) : NONE]).then(
        function (l) {
          if (!self.isConnected || self._widget) return;
          // One value, read by serde on the Rust side (embed::MountInput).
          var input = {
            table: l[1],
            letter: l[2][0],
            letter_error: l[2][1],
            list: l[3][0],
            list_error: l[3][1],
            list_unreachable: l[3][2],
          };
          self._widget = l[0].mount(self, JSON.stringify(input));
        },
        function (err) {
          self.setAttribute("data-load-failed", "");
          if (window.console) console.warn("letter-widget: could not load, showing the letter as text", err);
        }
      );
    }

    disconnectedCallback() {
      var widget = this._widget;
      this._widget = null;
      if (widget) {
        widget.unmount();
        widget.free();
      }
    }

    /** The reader's letter as it stands (read-only). */
    get letterText() {
      return this._widget ? this._widget.text : undefined;
    }
  }

  customElements.define(NAME, LetterWidget);
  // The worker precaches every file of the build. It starts once the page
  // has loaded and the widget's own files have arrived, so that its
  // downloads never compete with theirs on a slow connection.
  function registerLater() {
    (runtime || Promise.resolve()).then(registerWorker, registerWorker);
  }
  if (document.readyState === "complete") registerLater();
  else window.addEventListener("load", registerLater, { once: true });
})();
