// What the widget stores and reads (issue 15): the status line says "saved"
// only after a write that persisted, whether storage is blocked or full; a
// draft stored before drafts went through serde still loads; a field keyed
// `__proto__` is saved; a deeply nested recipients list gets an error box.
// Real headless Chromium, release build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const LETTER = `Dear Councillor {{councillor: Councillor's name}},

Please keep the Elm Street library open in the evenings.

Yours,
{{name: Your full name}}`;

const page = (attrs, letter = LETTER) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Library letter</title><link rel="icon" href="data:,"></head><body><main><h1>Save our library</h1>
<letter-widget ${attrs}>${letter}</letter-widget></main>
<script src="/letter-widget.js" defer></script></body></html>`;

// The letter and list of the draft captured from the widget before serde
// (the same draft is the engine's migration test, src/draft.rs).
const CAPTURED_LETTER = `Dear {{recipient}},

Please fund the library on Elm Street; it is open late for students.

Yours,
{{name: Your full name}}
{{address: Your address | multiline}}`;
const CAPTURED_LIST = `{"recipients": [
 {"id": "berg-ines", "name": "Ines Berg", "greeting": "Councillor Berg", "group": "W1", "group_name": "Ward One"},
 {"id": "osei-kwame", "name": "Kwame Osei", "greeting": "Councillor Osei", "group": "W1", "group_name": "Ward One"}
]}`;
const CAPTURED_DRAFT = String.raw`{"version":1,"fingerprint":"af2663adccaf263a","values":{"address":"4 Birch Row\nFlat \"B\"","name":"Zoë Ortiz-Ng 👩‍👧","recipient":"Councillor Osei"},"text":"Dear Councillor Osei,\n\nPlease fund the library on Elm Street; it is open late for students.\n\nYours,\nZoë Ortiz-Ng 👩‍👧\n4 Birch Row\nFlat \"B\"\nP.S. Thank you.","marks":[{"start":5,"end":20,"key":"recipient"},{"start":100,"end":125,"key":"name"},{"start":126,"end":146,"key":"address"}],"updated_ms":1796196612420,"sent":["berg-ines"],"region":"W1"}`;

const deep = (n) => "[".repeat(n) + "]".repeat(n);

const env = withBrowserAndDist({
  pages: {
    "/library.html": { body: page('letter-id="library"') },
    "/proto.html": { body: page('letter-id="proto"', "To {{__proto__: Odd key}},\n\nFrom {{name: Your full name}}") },
    "/captured.html": {
      body: page(
        'letter-id="elm-library"',
        `${CAPTURED_LETTER}<script type="application/json" slot="recipients">${CAPTURED_LIST}</script>`,
      ),
    },
    "/deep.html": {
      body: page(
        'letter-id="deep"',
        `${LETTER}<script type="application/json" slot="recipients">{"recipients": [${deep(100000)}]}</script>`,
      ),
    },
  },
});

async function open(context, path) {
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + path);
  await waitReady(page);
  return { page, errors, w: new Widget(page) };
}

/** Types into the letter and waits well past the save debounce. */
async function typeAndWait(page, w, words) {
  await w.letter.press("Control+End");
  await w.letter.pressSequentially(words);
  await page.waitForTimeout(1000);
}

/** Fills the page's localStorage until the browser refuses another character. */
async function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = "x".repeat(1 << 20);
    let n = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler-${n}`, chunk);
        n++;
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
    return n;
  });
}

async function emptyStorage(page) {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith("filler-")) localStorage.removeItem(key);
  });
}

test("storage blocked: after typing the status still says drafts can't be saved, never saved", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  const { page, errors, w } = await open(context, "/library.html");
  await w.field("Councillor's name").fill("Osei");
  await typeAndWait(page, w, "\nP.S. Evenings matter.");
  assert.match(await w.text(), /P\.S\. Evenings matter\./);
  const status = await w.status().innerText();
  assert.match(status, /Can't save drafts in this browser/);
  assert.doesNotMatch(status, /saved/i);
  // Hiding the page flushes the draft: still nowhere to keep it.
  await page.evaluate(() => window.dispatchEvent(new Event("pagehide")));
  assert.match(await w.status().innerText(), /Can't save drafts in this browser/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("storage full: after typing the status says so, and once a write succeeds again it says what is true", async () => {
  const context = await env.browser.newContext();
  const { page, errors, w } = await open(context, "/library.html");
  assert.ok((await fillStorage(page)) > 0, "the filler took the page's storage");
  await w.field("Councillor's name").fill("Osei");
  await typeAndWait(page, w, "\nP.S. Evenings matter.");
  let status = await w.status().innerText();
  assert.match(status, /storage is full, so your draft isn't saved/);
  assert.doesNotMatch(status, /Draft saved/);
  await typeAndWait(page, w, " Please.");
  assert.match(await w.status().innerText(), /storage is full/);

  // Room again: the next write persists, and the status says so without
  // pretending nothing went wrong this session.
  await emptyStorage(page);
  await typeAndWait(page, w, " Thank you.");
  status = await w.status().innerText();
  assert.match(status, /Saved for now, but this browser refused to save your draft earlier/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("letter-widget:draft:library")));
  assert.match(stored.text, /Evenings matter\. Please\. Thank you\.$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("storage full when the page opens: the saved draft is restored and the status says storage is full", async () => {
  const context = await env.browser.newContext();
  const first = await open(context, "/library.html");
  await first.w.field("Your full name").fill("Ines Reader");
  await first.w.waitSaved();
  await fillStorage(first.page);
  const { page, w } = await open(context, "/library.html");
  assert.equal(await w.field("Your full name").inputValue(), "Ines Reader");
  assert.match(await w.status().innerText(), /storage is full/);
  await typeAndWait(page, w, " More.");
  assert.match(await w.status().innerText(), /storage is full/);
  await context.close();
});

test("a draft stored by the widget before serde still loads, fields, region and checklist included", async () => {
  const context = await env.browser.newContext();
  const first = await openPage(context);
  await first.page.goto(env.server.url + "/library.html");
  await first.page.evaluate((draft) => localStorage.setItem("letter-widget:draft:elm-library", draft), CAPTURED_DRAFT);
  const { page, errors, w } = await open(context, "/captured.html");
  assert.equal(
    await w.text(),
    'Dear Councillor Osei,\n\nPlease fund the library on Elm Street; it is open late for students.\n\nYours,\nZoë Ortiz-Ng 👩‍👧\n4 Birch Row\nFlat "B"\nP.S. Thank you.',
  );
  assert.equal(await w.field("Your full name").inputValue(), "Zoë Ortiz-Ng 👩‍👧");
  assert.equal(await w.field("Your address").inputValue(), '4 Birch Row\nFlat "B"');
  assert.equal(await w.host.getByLabel("Where you live").inputValue(), "W1");
  const sent = w.host.locator("li.lw-recipient").filter({ hasText: "Councillor Berg" }).getByRole("checkbox", { name: "Mark as sent" });
  assert.equal(await sent.isChecked(), true);
  assert.match(await w.status().innerText(), /Draft restored/);
  assert.equal(await w.host.getByText("updated this letter").count(), 0, "no template-changed notice");
  assert.deepEqual(errors, []);
  await page.close();
  await context.close();
});

test("a field keyed __proto__ is saved and restored", async () => {
  const context = await env.browser.newContext();
  const { page, w } = await open(context, "/proto.html");
  await w.field("Odd key").fill("the whole council");
  await w.waitSaved();
  // Read in the page: an own `__proto__` member does not survive the trip to Node.
  const stored = await page.evaluate(() => {
    const values = JSON.parse(localStorage.getItem("letter-widget:draft:proto")).values;
    return Object.getOwnPropertyDescriptor(values, "__proto__")?.value;
  });
  assert.equal(stored, "the whole council");
  await page.reload();
  await waitReady(page);
  const again = new Widget(page);
  assert.equal(await again.field("Odd key").inputValue(), "the whole council");
  assert.match(await again.text(), /^To the whole council,/);
  await context.close();
});

test("a deeply nested recipients list gets the organiser's error box, not a crashed widget", async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + "/deep.html");
  const box = page.locator("letter-widget").getByRole("alert");
  await box.waitFor({ timeout: 15000 });
  assert.match(await box.innerText(), /recipient 1: invalid type: sequence, expected an object/);
  assert.deepEqual(errors, []);
  await context.close();
});
