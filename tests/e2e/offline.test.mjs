// Offline after the first load: the service worker from the release build.
// Playwright's setOffline does not cover service-worker fetches, so "offline"
// here means the server is stopped; a server restarted on the same port keeps
// the origin (and with it the worker and its caches).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { launch, startServer, openPage, waitReady, Widget, DIST, ROOT } from "./helpers.mjs";

const CLIPBOARD = { permissions: ["clipboard-read", "clipboard-write"] };

const LETTER = `Dear Senator {{senator: Senator's last name}},

I am writing about the refugees held abroad.

Respectfully,
{{name: Your full name}}`;

/** A blog post embedding the widget with the given script src. */
const post = (src, scriptAttrs = "") => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A blog post</title><link rel="icon" href="data:,"></head>
<body><main><h1>My blog post</h1><p>Words around the letter.</p>
<letter-widget letter-id="offline-post">${LETTER}</letter-widget>
<p>More of the post.</p></main>
<script src="${src}" defer ${scriptAttrs}></script></body></html>`;

let browser;
const temps = [];
const servers = [];
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** startServer, closed after the tests even when one fails halfway. */
async function serve(options) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "lw-offline-"));
  temps.push(dir);
  return dir;
}

/** The scope of the worker now active for this page, once it is ready (null after 10 s). */
async function workerReady(page) {
  return page.evaluate(() =>
    Promise.race([navigator.serviceWorker.ready.then((reg) => reg.scope), new Promise((ok) => setTimeout(() => ok(null), 10000))]),
  );
}

/**
 * Polls `fn(arg)` in the page until it resolves truthy. (page.waitForFunction
 * takes a returned Promise itself as truthy, so it cannot wait on caches.)
 */
async function until(page, fn, arg, what, timeout = 15000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > end) assert.fail(`timed out waiting until ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function cacheNames(page) {
  return page.evaluate(() => caches.keys());
}

/** The worker's cache name for one build folder served at `scope`. */
function buildCache(dir, scope) {
  const version = /var VERSION = "([0-9a-f]+)";/.exec(readFileSync(join(dir, "sw.js"), "utf8"))[1];
  return `letter-widget:${scope}:build-${version}`;
}

/**
 * Loads `path` with the server running, fills in the letter, waits for the
 * worker; then stops the server, reloads, and checks that the page, the
 * widget and the draft are all there and that Copy works.
 */
async function fillThenReloadOffline({
  root,
  path,
  pages,
  scope,
  heading,
  cachedAs = path,
  fields,
  alsoAt,
  region,
  expect = /^Dear Senator Lugar,[\s\S]*Kim Min-ji/,
}) {
  let server = await serve({ root, pages });
  const port = server.port;
  const context = await browser.newContext(CLIPBOARD);
  const { page, errors } = await openPage(context);
  await page.goto(server.url + path);
  await waitReady(page);
  assert.equal(await workerReady(page), server.url + scope);
  const w = new Widget(page);
  for (const [label, value] of Object.entries(fields)) await w.field(label).fill(value);
  if (region) await w.host.getByLabel("Where you live").selectOption(region);
  await w.waitSaved();
  // Pages are asked for while the worker starts up (navigation preload), not after.
  await until(page, () => navigator.serviceWorker.ready.then((r) => r.navigationPreload.getState()).then((s) => s.enabled), null, "navigation preload is on");
  // The page the reader holds was loaded before the worker existed: it is kept anyway.
  await until(page, (url) => caches.match(url).then(Boolean), server.url + cachedAs, "the page is cached");

  await server.close();
  await assert.rejects(fetch(`http://127.0.0.1:${port}${path}`), "the server is really gone");
  await page.reload();
  await waitReady(page);
  assert.equal(await page.locator("h1").innerText(), heading);
  const offline = new Widget(page);
  for (const [label, value] of Object.entries(fields)) assert.equal(await offline.field(label).inputValue(), value, label);
  assert.match(await offline.text(), expect);
  if (region) {
    // The recipients list (recipients-src) is there offline too.
    assert.equal(await offline.host.getByLabel("Where you live").inputValue(), region);
  }
  await offline.button("Copy letter").click();
  await offline.host.getByText("Letter copied").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await offline.text());
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the offline page is served by the worker");
  // The same page by another link (a query or a fragment) works offline too.
  await page.goto(`http://127.0.0.1:${port}${alsoAt}`);
  await waitReady(page);
  assert.equal(await new Widget(page).field("Your full name").inputValue(), "Kim Min-ji");
  assert.deepEqual(errors, []);

  // Back online on the same origin: still the same page, still the draft.
  server = await serve({ root, pages, port });
  await page.reload();
  await waitReady(page);
  assert.equal(await new Widget(page).field("Your full name").inputValue(), "Kim Min-ji");
  await context.close();
  await server.close();
}

test("the standalone page works offline after the first load: page, widget, draft and Copy", async () => {
  await fillThenReloadOffline({
    root: DIST,
    path: "/",
    cachedAs: "/index.html",
    alsoAt: "/index.html?utm_source=newsletter",
    scope: "/",
    fields: { "Your full name": "Kim Min-ji", "Your address": "1 Main St\nSpringfield" },
    region: "NR",
    expect: /^Dear [^\n]+,[\s\S]*Kim Min-ji\n1 Main St\nSpringfield/,
    heading: "Ask your senators to speak up for refugees held abroad",
  });
});

test("a self-hosted embed (a page inside the widget's folder) works offline after the first load", async () => {
  // The blog serves the widget from its own origin, in /letter-widget/.
  const root = tempDir();
  cpSync(DIST, join(root, "letter-widget"), { recursive: true });
  await fillThenReloadOffline({
    root,
    path: "/letter-widget/blog-post.html",
    alsoAt: "/letter-widget/blog-post.html#letter",
    pages: { "/letter-widget/blog-post.html": { body: post("letter-widget.js") } },
    scope: "/letter-widget/",
    fields: { "Senator's last name": "Lugar", "Your full name": "Kim Min-ji" },
    heading: "My blog post",
  });
});

test("the builder works offline after the first load", async () => {
  const server = await serve({ root: DIST });
  const context = await browser.newContext(CLIPBOARD);
  const { page, errors } = await openPage(context);
  await page.goto(server.url + "/builder.html");
  await waitReady(page);
  assert.equal(await workerReady(page), server.url + "/");

  await server.close();
  await page.reload();
  await waitReady(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the offline builder is served by the worker");
  // The organiser keeps writing: the preview and the snippets follow, offline.
  await page.getByLabel("Your letter", { exact: true }).first().fill("Dear {{mp: MP's name}},\n\nOffline words.");
  await waitReady(page, 2);
  assert.match(await new Widget(page, page.locator("#b-preview letter-widget")).text(), /^Dear \[MP's name\],\n\nOffline words\.$/);
  await page.waitForFunction(() => document.getElementById("b-snippet-link").value.includes("index.html#1"));
  await page.getByRole("button", { name: "Copy link" }).click();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /\/index\.html#1[\w-]+$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("after a rebuild with a change, the next load serves the new version and the old cache is gone", async () => {
  const v1 = tempDir();
  cpSync(DIST, v1, { recursive: true });
  let server = await serve({ root: v1 });
  const port = server.port;
  const scope = server.url + "/";
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(scope);
  await waitReady(page);
  await workerReady(page);
  const oldCache = buildCache(v1, scope);
  assert.ok((await cacheNames(page)).includes(oldCache));
  await new Widget(page).field("Your full name").fill("Kim Min-ji");
  await new Widget(page).waitSaved();

  // "Rebuild": a new wasm and glue (new content hashes) and a changed page,
  // then the build hook again, which writes a new loader and sw.js.
  const v2 = tempDir();
  cpSync(v1, v2, { recursive: true });
  for (const f of readdirSync(v2)) {
    if (/\.(br|gz)$/.test(f) || f === "sw.js") rmSync(join(v2, f));
  }
  let newGlue;
  for (const f of readdirSync(v2)) {
    const m = /^letter-widget-([0-9a-f]{16})(\.js|_bg\.wasm)$/.exec(f);
    if (!m) continue;
    const renamed = f.replace(m[1], "0123456789abcdef");
    renameSync(join(v2, f), join(v2, renamed));
    if (m[2] === ".js") newGlue = renamed;
  }
  const html = readFileSync(join(v2, "index.html"), "utf8").replace("refugees held abroad</h1>", "refugees held abroad (updated)</h1>");
  writeFileSync(join(v2, "index.html"), html);
  execFileSync("node", [join(ROOT, "scripts/post-build.mjs"), v2], { env: { ...process.env, TRUNK_STAGING_DIR: "" } });
  const newCache = buildCache(v2, scope);
  assert.notEqual(newCache, oldCache);

  await server.close();
  server = await serve({ root: v2, port });
  await page.reload();
  await waitReady(page);
  assert.match(await page.locator("h1").innerText(), /\(updated\)$/);
  assert.ok(await page.evaluate((glue) => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/" + glue)), newGlue));
  assert.equal(await new Widget(page).field("Your full name").inputValue(), "Kim Min-ji", "the draft survives the update");
  // The new worker installs during that load and takes over; the old build's
  // cache is deleted, no page is reloaded for it.
  await until(page, (name) => caches.keys().then((names) => names.includes(name)), newCache, "the new build is cached");
  await until(page, (name) => caches.keys().then((names) => !names.includes(name)), oldCache, "the old cache is gone");
  assert.deepEqual((await cacheNames(page)).filter((n) => n.includes(":build-")), [newCache], JSON.stringify([oldCache, newCache]));

  // And offline, the next load is the new version from the new cache.
  await server.close();
  await page.reload();
  await waitReady(page);
  assert.match(await page.locator("h1").innerText(), /\(updated\)$/);
  assert.ok(await page.evaluate((glue) => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/" + glue)), newGlue));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a cross-origin embed works online and registers no worker on the blog", async () => {
  const widgetRequests = [];
  const widget = await serve({
    root: DIST,
    headers: (path) => {
      widgetRequests.push(path);
    },
  });
  const src = `http://localhost:${widget.port}/letter-widget.js`;
  const blog = await serve({ root: tempDir(), pages: { "/post.html": { body: post(src) } } });
  const context = await browser.newContext(CLIPBOARD);
  const { page, errors } = await openPage(context);
  await page.goto(blog.url + "/post.html");
  await waitReady(page);
  const w = new Widget(page);
  await w.field("Senator's last name").fill("Lugar");
  await w.waitSaved();
  await w.button("Copy letter").click();
  await w.field("Your full name").fill("Kim Min-ji");
  await w.button("Copy letter").click();
  await w.host.getByText("Letter copied").waitFor();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Dear Senator Lugar,[\s\S]*Kim Min-ji/);
  assert.deepEqual(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  assert.ok(widgetRequests.includes("/letter-widget.js"));
  assert.ok(!widgetRequests.includes("/sw.js"), "the worker script is never even fetched");
  assert.deepEqual(errors, []);
  await context.close();
  await widget.close();
  await blog.close();
});

test("pages outside the widget's folder, and data-no-offline, get no worker; data-no-offline removes one", async () => {
  const root = tempDir();
  cpSync(DIST, join(root, "letter-widget"), { recursive: true });
  const requests = [];
  const server = await serve({
    root,
    headers: (path) => {
      requests.push(path);
    },
    pages: {
      "/blog/post.html": { body: post("/letter-widget/letter-widget.js") },
      "/letter-widget/opted-out.html": { body: post("letter-widget.js", "data-no-offline") },
    },
  });
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  const registered = () => page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.map((x) => x.scope)));

  for (const path of ["/blog/post.html", "/letter-widget/opted-out.html"]) {
    await page.goto(server.url + path);
    await waitReady(page);
    await new Widget(page).field("Your full name").fill("Kim Min-ji");
    assert.deepEqual(await registered(), [], path);
  }
  assert.ok(!requests.includes("/letter-widget/sw.js"), "the worker script is never fetched");

  // A page in the folder installs the worker; an opted-out page removes it and its caches.
  await page.goto(server.url + "/letter-widget/");
  await waitReady(page);
  assert.equal(await workerReady(page), server.url + "/letter-widget/");
  assert.ok((await cacheNames(page)).some((n) => n.startsWith("letter-widget:")));
  await page.goto(server.url + "/letter-widget/opted-out.html");
  await waitReady(page);
  await until(page, () => navigator.serviceWorker.getRegistrations().then((r) => r.length === 0), null, "the worker is unregistered");
  await until(page, () => caches.keys().then((names) => !names.some((n) => n.startsWith("letter-widget:"))), null, "its caches are deleted");
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
});

test("the worker starts precaching only after the widget's own files have arrived", async () => {
  // A self-hosted embed: no preload hints, so the loader asks for the wasm.
  const server = await serve({ root: DIST, pages: { "/post.html": { body: post("/letter-widget.js") } } });
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  // When the page asks for its worker, and when the wasm finished arriving.
  await page.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.__registeredAt = performance.now();
      return register.apply(this, args);
    };
  });
  await page.goto(server.url + "/post.html");
  await waitReady(page);
  assert.ok(await workerReady(page), "the worker is registered");
  const { registeredAt, wasmEnd } = await page.evaluate(() => ({
    registeredAt: window.__registeredAt,
    wasmEnd: performance.getEntriesByType("resource").find((e) => /_bg\.wasm$/.test(e.name)).responseEnd,
  }));
  assert.ok(registeredAt >= wasmEnd, `registered at ${registeredAt} ms, wasm arrived at ${wasmEnd} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the organiser's files outside the widget's folder (a letter file, a recipients list) are there offline too", async () => {
  const root = tempDir();
  cpSync(DIST, join(root, "letter-widget"), { recursive: true });
  const letter = `Dear {{recipient}},\n\nPlease speak up for the refugees held abroad.\n\nRespectfully,\n{{name: Your full name}}`;
  const list = JSON.stringify({
    recipients: [
      { id: "a", name: "Ana Able", greeting: "Senator Able", group: "NR", group_name: "North Region" },
      { id: "b", name: "Bo Baker", greeting: "Senator Baker", group: "NR", group_name: "North Region" },
    ],
  });
  const pages = {
    "/letter-widget/files-post.html": {
      body: post("letter-widget.js").replace(
        /<letter-widget letter-id="offline-post">[\s\S]*?<\/letter-widget>/,
        '<letter-widget letter-id="files-post" src="/files/letter.txt" recipients-src="/files/list.json"></letter-widget>',
      ),
    },
    "/files/letter.txt": { type: "text/plain", body: letter },
    "/files/list.json": { type: "application/json", body: list },
  };
  let server = await serve({ root, pages });
  const port = server.port;
  const context = await browser.newContext(CLIPBOARD);
  const { page, errors } = await openPage(context);
  await page.goto(server.url + "/letter-widget/files-post.html");
  await waitReady(page);
  assert.equal(await workerReady(page), server.url + "/letter-widget/");
  const w = new Widget(page);
  await w.host.getByLabel("Where you live").selectOption("NR");
  await w.field("Your full name").fill("Kim Min-ji");
  await w.waitSaved();
  await until(page, (url) => caches.match(url).then(Boolean), server.url + "/letter-widget/files-post.html", "the page is cached");
  for (const file of ["/files/letter.txt", "/files/list.json"]) {
    await until(page, (url) => caches.match(url).then(Boolean), server.url + file, `${file} is kept`);
  }

  await server.close();
  await page.reload();
  await waitReady(page);
  const offline = new Widget(page);
  assert.equal(await offline.host.getByLabel("Where you live").inputValue(), "NR");
  await offline.host.locator("li.lw-recipient").filter({ hasText: "Senator Baker" }).waitFor();
  assert.match(await offline.text(), /^Dear Senator Able,[\s\S]*Kim Min-ji/);
  assert.equal(await offline.host.getByText("couldn't be loaded").count(), 0);
  // Chromium logs the failed fetches themselves; nothing else may go wrong.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);

  // data-no-offline takes them away again.
  server = await serve({ root, port, pages: { ...pages, "/letter-widget/files-post.html": { body: pages["/letter-widget/files-post.html"].body.replace("defer", "defer data-no-offline") } } });
  await page.reload();
  await waitReady(page);
  await until(page, () => caches.keys().then((names) => !names.some((n) => n.endsWith(":files"))), null, "the kept files are gone");
  await context.close();
  await server.close();
});
