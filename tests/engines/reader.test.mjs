// The reader's journey in Firefox and WebKit (issue 18); Chromium runs the
// full suite in tests/e2e/. The widget's files come from one origin
// (localhost) and the blog from another (127.0.0.1), as for an organiser who
// embeds a hosted widget. Each test names the engine; where engines differ,
// the test says which and why.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../scripts/serve.mjs";
import { firefox, webkit } from "./drivers.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;

const LETTER = `Dear {{who: Their name}},

Please keep the library on Elm Street open in the evenings.

{{name: Your name}}`;

const ARABIC = `حضرة {{who: الاسم}}،

نرجو إبقاء المكتبة مفتوحة في المساء.

{{name: اسمك}}`;

let widgets, blog;
const engines = [];
const post = (body, head = "") => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title><link rel="icon" href="data:,">${head}</head>
<body><main><h1>A post</h1>${body}</main><script src="${widgets.url}/letter-widget.js" defer></script></body></html>`;

before(async () => {
  widgets = await startServer({ root: DIST, host: "localhost" });
  const pages = {};
  blog = await startServer({ root: DIST, pages });
  Object.assign(pages, {
    "/post.html": { body: post(`<letter-widget letter-id="engines">${LETTER}</letter-widget>`) },
    "/blocked.html": {
      body: post(
        `<letter-widget letter-id="blocked">${LETTER}</letter-widget>`,
        `<script>Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });</script>`,
      ),
    },
    "/corrupt.html": {
      body: post(
        `<letter-widget letter-id="corrupt">${LETTER}</letter-widget>`,
        `<script>localStorage.setItem("letter-widget:draft:corrupt", "{not json");</script>`,
      ),
    },
    "/clipboard-refused.html": {
      body: post(
        `<letter-widget letter-id="clip">${LETTER}</letter-widget>`,
        `<script>navigator.clipboard.writeText = () => Promise.reject(new DOMException("Refused", "NotAllowedError"));</script>`,
      ),
    },
    "/own.html": { body: post(`<letter-widget letter-id="own">${LETTER}</letter-widget>`) },
    "/arabic.html": { body: post(`<letter-widget letter-id="ar" lang="ar">${ARABIC}</letter-widget>`) },
  });
  for (const start of [firefox, webkit]) engines.push(await start());
});

after(async () => {
  for (const e of engines) await e.stop?.();
  await widgets?.close();
  await blog?.close();
});

const ready = (d) => d.waitFor(() => document.querySelector("letter-widget")?.shadowRoot?.querySelector("#lw-letter")?.value.length > 0);
const letterText = (d) => d.js(() => document.querySelector("letter-widget").shadowRoot.querySelector("#lw-letter").value);
const status = (d) => d.js(() => document.querySelector("letter-widget").shadowRoot.querySelector(".lw-status").textContent);
const saved = (d) => d.waitFor(() => /saved/i.test(document.querySelector("letter-widget").shadowRoot.querySelector(".lw-status").textContent));

/** Opens `path` on the blog and types into the letter's two blanks. */
async function openAndFill(d, path, who, name) {
  await d.goto(blog.url + path);
  await ready(d);
  await d.focusEnd("#lw-field-0");
  await d.type(who);
  await d.focusEnd("#lw-field-1");
  await d.type(name);
}

/** One test per engine; the engine's name leads the test's. */
function each(title, body) {
  for (const [i, label] of ["Firefox", "WebKit"].entries()) {
    test(`${label}: ${title}`, async (t) => {
      const engine = engines[i];
      if (engine.skip) return t.skip(engine.skip);
      const d = await engine.open();
      try {
        await body(d, t);
        assert.deepEqual(d.errors, []);
      } finally {
        await d.close();
      }
    });
  }
}

each("a letter embedded from another origin: fill, edit freely, reload, the draft is back", async (d, t) => {
  await openAndFill(d, "/post.html", "Ms Osei", "Kim Min-ji");
  await d.focusEnd("#lw-letter");
  await d.type(" Thank you.");
  await new Promise((r) => setTimeout(r, 1000));
  const keep = await d.js(async () => ({
    persisted: navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : "no StorageManager",
    note: getComputedStyle(document.querySelector("letter-widget").shadowRoot.querySelector(".lw-may-clear")).display !== "none",
  }));
  t.diagnostic(`${d.name}: storage persisted after typing: ${keep.persisted}; the copy-or-download note shown: ${keep.note}`);
  // Firefox asks its user before it persists a site's storage, and under
  // automation that question stays open (persisted: false, no answer yet):
  // the note waits for the answer. An engine that cannot be asked shows it.
  if (keep.persisted === "no StorageManager") assert.equal(keep.note, true);
  if (keep.persisted === true) assert.equal(keep.note, false);
  const typed = await letterText(d);
  assert.equal(typed, "Dear Ms Osei,\n\nPlease keep the library on Elm Street open in the evenings.\n\nKim Min-ji Thank you.");
  await saved(d);
  await d.reload();
  await ready(d);
  assert.equal(await letterText(d), typed);
  assert.match(await status(d), /Draft restored/);
});

each("the own-words line invites, its button puts the caret after the first paragraph, and a sentence there makes it step back", async (d) => {
  await d.goto(blog.url + "/own.html");
  await ready(d);
  const line = () => d.js(() => {
    const el = document.querySelector("letter-widget").shadowRoot.querySelector(".lw-own");
    return `${el.dataset.state}: ${el.querySelector("[role=status]").textContent}`;
  });
  assert.match(await line(), /^invite: Mostly the organiser's words\./);
  await d.clickButton("Add a sentence of your own");
  await d.type(" My son studies there after school because our flat is too small and loud.");
  await d.waitFor(() => document.querySelector("letter-widget").shadowRoot.querySelector(".lw-own").dataset.state !== "invite");
  assert.equal(await line(), "mostly: Mostly in your own words.");
  assert.match(await letterText(d), /in the evenings\. My son studies there after school because our flat is too small and loud\.\n\n/);
});

each("blocked storage: the form works and says drafts can't be saved, also after typing", async (d) => {
  await d.goto(blog.url + "/blocked.html");
  await ready(d);
  assert.match(await status(d), /Can't save drafts/);
  await d.focusEnd("#lw-field-1");
  await d.type("Ana");
  assert.match(await letterText(d), /\n\nAna$/);
  await new Promise((r) => setTimeout(r, 600));
  assert.match(await status(d), /Can't save drafts/);
});

each("a corrupt saved draft is kept aside and the reader starts fresh, told so", async (d) => {
  await d.goto(blog.url + "/corrupt.html");
  await ready(d);
  await d.waitFor(() => /couldn't be read/.test(document.querySelector("letter-widget").shadowRoot.textContent));
  assert.match(await letterText(d), /^Dear \[Their name\],/);
});

for (const [what, path] of [
  ["Copy puts the letter on the clipboard", "/post.html"],
  ["Copy, the clipboard API refused: the selection fallback copies it", "/clipboard-refused.html"],
]) {
  each(what, async (d, t) => {
    await openAndFill(d, path, "Ms Osei", "Kim");
    await d.clickButton("Copy letter");
    const said = await d.waitFor(() => {
      const text = document.querySelector("letter-widget").shadowRoot.textContent;
      return (/Letter copied\./.test(text) && "copied") || (/Couldn't copy\./.test(text) && "refused");
    });
    t.diagnostic(`${d.name}: ${said}`);
    assert.equal(said, "copied");
  });
}

each("a letter link opens its letter and says where it came from", async (d) => {
  await d.goto(widgets.url + "/builder.html");
  const link = await d.js(async () => {
    const { encodeLetter } = await import("./letter-link.js");
    return location.origin + "/index.html#" + (await encodeLetter({ t: "Dear {{who: Their name}}, from a link.", to: "office@example.org" }));
  });
  await d.goto(link);
  await ready(d);
  assert.equal(await letterText(d), "Dear [Their name], from a link.");
  assert.match(await d.js(() => document.querySelector("letter-widget").shadowRoot.querySelector(".lw-notice").textContent), /came in a link/);
});

each("the builder's preview becomes the form as the organiser types", async (d) => {
  await d.goto(widgets.url + "/builder.html");
  await d.waitFor(() => !!document.getElementById("b-letter"));
  await d.js(() => {
    const el = document.getElementById("b-letter");
    el.value = "";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await d.focusEnd("#b-letter");
  await d.type("Dear {{who: Their name}}, hello.");
  await d.waitFor(() => {
    const host = document.querySelector("letter-widget");
    return host?.shadowRoot?.querySelector("#lw-letter")?.value === "Dear [Their name], hello.";
  });
  assert.match(await d.js(() => document.getElementById("b-snippet-script").value), /Dear \{\{who: Their name\}\}, hello\./);
});

each("Arabic: the widget speaks Arabic and lays the letter out right to left", async (d) => {
  await d.goto(blog.url + "/arabic.html");
  await ready(d);
  await d.waitFor(() => document.querySelector("letter-widget").shadowRoot.querySelector(".lw")?.getAttribute("dir") === "rtl");
  const layout = await d.js(() => {
    const root = document.querySelector("letter-widget").shadowRoot;
    const letter = root.querySelector("#lw-letter");
    return { direction: getComputedStyle(letter).direction, buttons: [...root.querySelectorAll("button")].map((b) => b.textContent.trim()).join(" ") };
  });
  assert.equal(layout.direction, "rtl");
  assert.match(layout.buttons, /[\u0600-\u06ff]/, layout.buttons);
});

each("offline: the standalone page, opened once, reloads with no network, draft and all", async (d, t) => {
  // A server of its own, stopped halfway: the network is gone.
  const site = await startServer({ root: DIST, host: "localhost" });
  try {
    await d.goto(site.url + "/index.html");
    await ready(d);
    const worker = await d.js(() =>
      "serviceWorker" in navigator
        ? Promise.race([navigator.serviceWorker.ready.then(() => "ready"), new Promise((r) => setTimeout(() => r("none"), 15000))])
        : "unsupported",
    );
    if (worker !== "ready") {
      t.diagnostic(`${d.name}: no service worker under automation (${worker})`);
      return t.skip(`${d.name} runs no service worker under automation (${worker})`);
    }
    await d.focusEnd("#lw-letter");
    await d.type(" Written before the signal went.");
    await saved(d);
    await d.reload();
    await ready(d);
    await d.waitFor(() => !!navigator.serviceWorker.controller);
    await site.close();
    await d.reload();
    await ready(d);
    assert.match(await letterText(d), /Written before the signal went\.$/);
  } finally {
    await site.close();
  }
});
