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
  // Page markup can shadow `document`'s properties (DOM clobbering:
  // <img name="currentScript" src="//elsewhere/x"> makes
  // document.currentScript that image). The loader reads them through the
  // real getters and methods on the prototypes, which markup cannot reach.
  var D = Document.prototype;
  function real(proto, name, target) {
    return Object.getOwnPropertyDescriptor(proto, name).get.call(target || document);
  }
  function on(target, type, fn, options) {
    EventTarget.prototype.addEventListener.call(target, type, fn, options);
  }
  var script = real(D, "currentScript");
  if (!(script instanceof HTMLScriptElement)) script = null;
  var base = new URL(".", (script && script.src) || location.href).href;
  var GLUE = "__GLUE__";
  var WASM = "__WASM__";
  var SW = "__SW__";
  // Translation files by language: { ko: "letter-widget-strings-ko-<hash>.json", ... }.
  var STRINGS = __STRINGS__;
  // Subresource Integrity of every file above, written at build time
  // ({ "<file>": "sha384-..." }). A file that does not match is refused by
  // the browser: the letter stays as text and the page hears why.
  var SRI = __SRI__;
  var runtime = null;
  var tables = {};

  // The glue module, verified: a modulepreload with its integrity puts the
  // checked module in the page's module map (or fails), and import() then
  // takes it from there, never from a second, unchecked fetch.
  function verifiedImport(href) {
    return new Promise(function (done, fail) {
      var link = D.createElement.call(document, "link");
      link.rel = "modulepreload";
      link.integrity = SRI[GLUE];
      link.href = href;
      on(link, "load", function () {
        done(import(href));
      });
      on(link, "error", function () {
        fail(new Error(href + " could not be loaded or failed its integrity check"));
      });
      (real(D, "head") || real(D, "documentElement")).appendChild(link);
    });
  }

  function load() {
    if (!runtime) {
      // Start the wasm download now, alongside the glue, instead of after it.
      var wasm = fetch(new URL(WASM, base).href, { credentials: "same-origin", integrity: SRI[WASM] });
      runtime = verifiedImport(new URL(GLUE, base).href).then(function (glue) {
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
    var tags = [near && near.lang, real(D, "documentElement").lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < tags.length; i++) {
      var lang = String(tags[i] || "").split(/[-_]/)[0].toLowerCase();
      if (lang === "en") break;
      if (STRINGS.hasOwnProperty(lang)) {
        return (tables[lang] = tables[lang] ||
          fetch(new URL(STRINGS[lang], base).href, { integrity: SRI[STRINGS[lang]] })
            .then(function (r) {
              return r.ok ? r.text() : undefined;
            })
            .catch(function (err) {
              // Refused or unreachable: the widget speaks English instead.
              report(el, "the translation " + STRINGS[lang] + " could not be loaded or failed its integrity check (" + err + ")");
            }));
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
  // data-no-offline: this folder's worker goes, and so do its caches and
  // the files kept for offline, also when no worker was ever installed
  // (files are kept from the first load, before the worker registers).
  function removeOffline() {
    var prefix = "letter-widget:" + scope + ":"; // see sw.js
    try {
      caches.keys().then(function (names) {
        names.forEach(function (name) {
          if (name.indexOf(prefix) === 0) caches.delete(name);
        });
      }).catch(function () {});
    } catch (e) {} // No Cache Storage here (a sandboxed frame).
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.getRegistration(scope).then(function (reg) {
      var worker = reg && reg.scope === scope && (reg.active || reg.waiting || reg.installing);
      if (worker && worker.scriptURL === new URL(SW, base).href) reg.unregister();
    }).catch(function () {});
  }
  function registerWorker() {
    if (!ours) return;
    if (noOffline) return removeOffline();
    if (!("serviceWorker" in navigator)) return;
    var url = new URL(SW, base).href;
    var workers = navigator.serviceWorker;
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
    // A file its server says is not to be stored stays out of the cache.
    if (/no-store|private/i.test(response.headers.get("Cache-Control") || "")) return;
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
    var href = new URL(url, real(Node.prototype, "baseURI")).href;
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

  // Session-replay and analytics scripts record the page's text, and do not
  // know the reader's letter is what they typed. These are the hooks the
  // common ones honour to leave an element out (Hotjar, Microsoft Clarity,
  // rrweb and the tools built on it, LogRocket, FullStory, PostHog, Sentry,
  // Datadog, Smartlook, Heap).
  var UNRECORDED_ATTRIBUTES = [
    ["data-hj-suppress", ""],
    ["data-clarity-mask", "true"],
    ["data-private", ""],
    ["data-sentry-block", ""],
    ["data-dd-privacy", "hidden"],
    ["data-recording-disable", ""],
  ];
  var UNRECORDED_CLASSES = ["rr-block", "fs-exclude", "ph-no-capture", "sentry-block", "heap-ignore"];
  function unrecorded(el) {
    UNRECORDED_ATTRIBUTES.forEach(function (a) {
      if (!el.hasAttribute(a[0])) el.setAttribute(a[0], a[1]);
    });
    UNRECORDED_CLASSES.forEach(function (c) {
      el.classList.add(c);
    });
  }

  // The organiser's error event, as the widget itself fires it.
  function report(el, why) {
    if (window.console) console.warn("letter-widget: " + why);
    el.dispatchEvent(new CustomEvent("letter-widget:error", { bubbles: true, composed: true, detail: "letter-widget.js: " + why }));
  }

  // Once the reader has typed in a widget, the browser is asked to keep the
  // page's storage, drafts and all, rather than clear it when it needs room
  // or (Safari) after 7 days of use without a visit. Where it will not
  // promise, or cannot be asked (no StorageManager, as in WebKitGTK), the
  // element gets data-may-clear, which shows the widget's note: copy or
  // download the letter to be sure of keeping it. Asked once per page.
  var keeping = null;
  function askToKeep(el) {
    on(el, "input", function () {
      var storage = navigator.storage;
      keeping = keeping || (storage && storage.persist ? storage.persist() : Promise.resolve(false));
      keeping.then(function (kept) {
        if (!kept) el.setAttribute("data-may-clear", "");
      }, function () {});
    }, { once: true });
  }

  class LetterWidget extends HTMLElement {
    connectedCallback() {
      var self = this;
      unrecorded(this);
      askToKeep(this);
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
          if (self.hasAttribute("data-load-failed")) return;
          self.setAttribute("data-load-failed", "");
          report(self, "could not load the widget, showing the letter as text (" + err + ")");
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
  if (real(D, "readyState") === "complete") registerLater();
  else on(window, "load", registerLater, { once: true });
})();
