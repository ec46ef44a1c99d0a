// The letter builder: a live preview of the organiser's letter, its
// template errors as they type, and the three ways to publish it, in the
// organiser's choice of language (builder-strings.js).
import { encodeLetter, letterElement } from "./letter-link.js";
import { BUILDER_STRINGS, format, pickLanguage } from "./builder-strings.js";

const $ = (id) => document.getElementById(id);
const base = new URL(".", location.href).href;
const fields = ["b-letter", "b-subject", "b-to", "b-max", "b-id"];
const LANG_KEY = "letter-widget:builder-lang";
// The loader's Subresource Integrity, and the glue, wasm and translations it
// fetches with theirs, written by the build (scripts/post-build.mjs, as in
// letter-widget-files.json). The snippet names the loader beside this page,
// which in a release is the versioned folder (letter-widget/<version>/), so
// the hashes and the address always belong together.
const FILES = { loader_integrity: "", glue: "", glue_integrity: "", wasm: "", wasm_integrity: "", strings: {} };

function current() {
  return {
    t: $("b-letter").value,
    s: $("b-subject").value.trim(),
    to: $("b-to").value.trim(),
    m: $("b-max").value.trim(),
    id: $("b-id").value.trim(),
    l: $("b-widget-lang").value || undefined,
    // The own-words line is on unless the organiser unticks it.
    w: $("b-own").checked ? undefined : "off",
  };
}

// The remembered choice of language. Storage may be blocked (private modes,
// strict settings): then the choice lasts for this page only.
const storedLanguage = {
  get() {
    try {
      return localStorage.getItem(LANG_KEY);
    } catch {
      return null;
    }
  },
  set(lang) {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Not remembered; the page still switches.
    }
  },
};

let lang = pickLanguage([storedLanguage.get(), ...(navigator.languages || [navigator.language])]);
const t = (key, values = {}) => format(BUILDER_STRINGS[lang][key], values);

/** The intro, its code examples built as <code> (they are template syntax, left to right). */
function intro() {
  const examples = {
    example_name: code(`{{name: ${t("example_name_label")}}}`),
    example_senator: code(`{{senator: ${t("example_senator_label")}}}`),
    blank: code("_______"),
    multiline: code("| multiline"),
    optional: code("| optional"),
  };
  return BUILDER_STRINGS[lang].intro
    .split(/(\{\w+\})/)
    .map((part) => examples[part.slice(1, -1)] || part);
}

/** Puts the page in `next`: <html lang dir>, every text, and the untouched example letter. */
function applyLanguage(next) {
  const untouched = Object.values(BUILDER_STRINGS).some((s) => s.default_letter === $("b-letter").value);
  lang = next;
  const html = document.documentElement;
  html.lang = lang;
  html.dir = t("dir");
  document.title = t("title");
  document.querySelector('meta[name="description"]').content = t("description");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  $("b-intro").replaceChildren(...intro());
  if (untouched) $("b-letter").value = t("default_letter");
  $("b-lang").value = lang;
  $("b-copied").textContent = "";
  $("b-rewritten").textContent = "";
  showFields();
}

// Both language lists: the builder's own (in each language's own name) and
// the widget's fixed choices after "Reader's language (automatic)".
for (const [code, strings] of Object.entries(BUILDER_STRINGS)) {
  for (const select of [$("b-lang"), $("b-widget-lang")]) {
    const option = new Option(strings.language_name, code);
    option.lang = code;
    select.append(option);
  }
}

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeHtml(s).replace(/"/g, "&quot;");

function scriptSnippet(letter) {
  const attrs = [
    ["letter-id", letter.id],
    ["subject", letter.s],
    ["to", letter.to],
    ["max-length", letter.m],
    ["lang", letter.l],
    ["own-words", letter.w],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join("");
  return `<letter-widget${attrs}>\n${escapeHtml(letter.t)}\n</letter-widget>\n${preloadHints(letter.l)}<script src="${base}letter-widget.js" integrity="${FILES.loader_integrity}" crossorigin="anonymous" defer></script>`;
}

// The files the loader will fetch, named beside it, so the browser starts
// them together with the loader rather than after it: one round trip to the
// widget's host instead of two. Each carries the integrity and credentials
// mode of the loader's own request, so the browser checks it and reuses it.
function preloadHints(lang) {
  const hint = (rel, file, integrity, extra = "") =>
    `<link rel="${rel}" href="${base}${file}"${extra} integrity="${integrity}" crossorigin="anonymous">\n`;
  const strings = lang && FILES.strings[lang];
  return (
    hint("modulepreload", FILES.glue, FILES.glue_integrity) +
    hint("preload", FILES.wasm, FILES.wasm_integrity, ' as="fetch" type="application/wasm"') +
    (strings ? hint("preload", strings.file, strings.integrity, ' as="fetch" type="application/json"') : "")
  );
}

// What the preview said the letter's blanks became (letter-widget:template),
// kept to redraw the list when the builder's language changes.
let described = null;

/** A <code> element for template text, always left to right. */
function code(text) {
  const el = document.createElement("code");
  el.dir = "ltr";
  el.textContent = text;
  return el;
}

/** The list of fields: how the letter wrote each, its label, kind and whether it is optional. */
function showFields() {
  const box = $("b-fields");
  box.hidden = !described || described.fields.length === 0;
  if (box.hidden) return;
  const rows = described.fields.map((field) => {
    const row = document.createElement("tr");
    const cell = (...content) => {
      const td = document.createElement("td");
      td.append(...content);
      row.append(td);
      return td;
    };
    const written = field.written.length ? field.written : [`{{${field.key}}}`];
    const spellings = cell(...written.flatMap((w, i) => (i ? [", ", code(w)] : [code(w)])));
    if (field.written.length > 1) {
      const merged = document.createElement("span");
      merged.className = "builder-merged";
      merged.textContent = t("merged", { count: field.written.length });
      spellings.append(merged);
    }
    const label = cell(field.label);
    label.dir = "auto";
    const kind = field.kind === "text" ? (field.multiline ? "long" : "text") : field.kind;
    cell(t(`kind_${kind}`));
    cell(t(field.optional ? "yes" : "no"));
    return row;
  });
  $("b-fields-rows").replaceChildren(...rows);
  const notes = described.notes.map((n) => `[${n}]`).join(" ");
  $("b-notes").hidden = !notes;
  $("b-notes").textContent = notes ? t("notes_left_out", { notes }) : "";
  // Only a letter with blanks not yet in {{…}} has anything to rewrite.
  $("b-rewrite-box").hidden = !described.fields.some((f) => f.written.length);
}

/** Replaces the letter with its {{…}} rewrite as one edit the browser can undo. */
function rewrite() {
  if (!described) return;
  const area = $("b-letter");
  area.focus();
  area.select();
  if (!document.execCommand("insertText", false, described.braces)) {
    area.value = described.braces;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }
  $("b-rewritten").textContent = t("rewritten");
}
$("b-rewrite").addEventListener("click", rewrite);
$("b-letter").addEventListener("keydown", () => {
  $("b-rewritten").textContent = "";
});

let generation = 0;
async function refresh() {
  const mine = ++generation;
  const letter = current();
  $("b-problem").textContent = "";
  // The preview speaks the widget's fixed language, else the builder's.
  const preview = letterElement({ ...letter, id: "builder-preview", l: letter.l || lang });
  preview.setAttribute("describe", "");
  preview.addEventListener("letter-widget:error", (e) => {
    $("b-problem").textContent = t("problem", { detail: e.detail });
    if (e.target === preview && mine === generation) {
      described = null;
      showFields();
    }
  });
  preview.addEventListener("letter-widget:template", (e) => {
    if (mine !== generation) return;
    described = JSON.parse(e.detail);
    showFields();
  });
  $("b-preview").replaceChildren(preview);
  // A link's draft id comes from its content (linkLetterId), so it carries no id.
  const link = `${base}index.html#${await encodeLetter({ ...letter, id: undefined })}`;
  if (mine !== generation) return;
  $("b-snippet-script").value = scriptSnippet(letter);
  $("b-snippet-iframe").value =
    `<iframe src="${escapeAttr(link)}" title="${escapeAttr(letter.s || t("iframe_title"))}" ` +
    `style="width:100%;height:60rem;border:0" loading="lazy"></iframe>`;
  $("b-snippet-link").value = link;
}

let timer = 0;
for (const id of fields) {
  $(id).addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
}
$("b-widget-lang").addEventListener("change", refresh);
$("b-own").addEventListener("change", refresh);
$("b-lang").addEventListener("change", () => {
  applyLanguage($("b-lang").value);
  storedLanguage.set(lang);
  refresh();
});

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

document.querySelector(".snippets").addEventListener("click", async (e) => {
  const id = e.target.getAttribute && e.target.getAttribute("data-copy");
  if (!id) return;
  const ok = await copy($(id).value);
  $("b-copied").textContent = t(ok ? e.target.getAttribute("data-copied") : "copy_failed");
});

applyLanguage(lang);
refresh();
