// The letter builder: a live preview of the organiser's letter, its
// template errors as they type, and the three ways to publish it.
import { encodeLetter, letterElement } from "./letter-link.js";

const $ = (id) => document.getElementById(id);
const base = new URL(".", location.href).href;
const fields = ["b-letter", "b-subject", "b-to", "b-max", "b-id"];

function current() {
  return {
    t: $("b-letter").value,
    s: $("b-subject").value.trim(),
    to: $("b-to").value.trim(),
    m: $("b-max").value.trim(),
    id: $("b-id").value.trim(),
  };
}

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s) => escapeHtml(s).replace(/"/g, "&quot;");

function scriptSnippet(letter) {
  const attrs = [
    ["letter-id", letter.id],
    ["subject", letter.s],
    ["to", letter.to],
    ["max-length", letter.m],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join("");
  return `<letter-widget${attrs}>\n${escapeHtml(letter.t)}\n</letter-widget>\n<script src="${base}letter-widget.js" defer></script>`;
}

let generation = 0;
async function refresh() {
  const mine = ++generation;
  const letter = current();
  $("b-problem").textContent = "";
  const preview = letterElement({ ...letter, id: "builder-preview" });
  preview.addEventListener("letter-widget:error", (e) => {
    $("b-problem").textContent = `Problem in ${e.detail}`;
  });
  $("b-preview").replaceChildren(preview);
  const link = `${base}index.html#${await encodeLetter(letter)}`;
  if (mine !== generation) return;
  $("b-snippet-script").value = scriptSnippet(letter);
  $("b-snippet-iframe").value =
    `<iframe src="${escapeAttr(link)}" title="${escapeAttr(letter.s || "Letter")}" ` +
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
  $("b-copied").textContent = ok ? `${e.target.textContent.replace("Copy ", "")} copied.` : "Couldn't copy; select the text and copy it.";
});

refresh();
