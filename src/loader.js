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

  // The offline service worker, only where it is ours: a page on the same
  // origin inside the widget's folder, unless the script tag opts out.
  function registerWorker() {
    if (!SW || !("serviceWorker" in navigator) || !window.isSecureContext) return;
    if (script && script.hasAttribute("data-no-offline")) return;
    var scope = new URL(".", base);
    if (scope.origin !== location.origin || location.href.indexOf(scope.href) !== 0) return;
    navigator.serviceWorker.register(new URL(SW, base).href, { scope: scope.pathname }).catch(function () {});
  }

  class LetterWidget extends HTMLElement {
    connectedCallback() {
      var self = this;
      Promise.all([load(), table(self)]).then(
        function (loaded) {
          if (!self.isConnected || self._widget) return;
          self._widget = loaded[0].mount(self, loaded[1]);
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
  registerWorker();
})();
