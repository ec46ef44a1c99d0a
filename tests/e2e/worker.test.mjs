// The service worker's page cache: one copy per page whatever its query,
// nothing the server marked personal, and a bounded number of pages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, startServer, openPage, waitReady, DIST } from "./helpers.mjs";

const post = (title) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"></head><body><h1>${title}</h1>
<letter-widget letter-id="w">Dear {{who: Their name}}, please read this.</letter-widget>
<script src="letter-widget.js" defer></script></body></html>`;

let browser, root;
before(async () => {
  browser = await launch();
  root = mkdtempSync(join(tmpdir(), "lw-worker-"));
  cpSync(DIST, join(root, "w"), { recursive: true });
});
after(async () => {
  await browser?.close();
  rmSync(root, { recursive: true, force: true });
});

const PAGES = (origin) => `letter-widget:${origin}/w/:pages`;
async function keptPages(page, origin) {
  return page.evaluate((name) => caches.open(name).then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname + new URL(r.url).search)), PAGES(origin));
}
async function settle(page, origin, check) {
  for (let i = 0; i < 100; i++) {
    if (check(await keptPages(page, origin))) return;
    await page.waitForTimeout(100);
  }
}

test("kept pages: one per page without its query; no-store, private and Vary: Cookie pages are never kept; at most 20", async () => {
  const pages = {
    "/w/post.html": { body: post("Post") },
    "/w/no-store.html": { body: post("No store"), headers: { "Cache-Control": "no-store" } },
    "/w/private.html": { body: post("Private"), headers: { "Cache-Control": "private, max-age=60" } },
    "/w/cookie.html": { body: post("Cookie"), headers: { Vary: "Cookie", "Set-Cookie": "session=s3cret; Path=/" } },
  };
  for (let i = 0; i < 22; i++) pages[`/w/many-${i}.html`] = { body: post(`Many ${i}`) };
  const server = await startServer({ root, pages });
  const context = await browser.newContext();
  const { page } = await openPage(context);
  for (const q of ["?utm_source=a", "?utm_source=b", ""]) {
    await page.goto(server.url + "/w/post.html" + q);
    await waitReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
  }
  await settle(page, server.url, (k) => k.includes("/w/post.html"));
  assert.deepEqual(await keptPages(page, server.url), ["/w/post.html"], "one copy, keyed without the query");

  for (const p of ["/w/no-store.html", "/w/private.html", "/w/cookie.html"]) {
    await page.goto(server.url + p);
    await waitReady(page);
    await page.goto(server.url + p); // now through the worker
    await waitReady(page);
  }
  await page.waitForTimeout(500);
  assert.deepEqual(await keptPages(page, server.url), ["/w/post.html"], "personal pages are not kept");

  // The loader's message, as each page sends it: the oldest go past 20.
  await page.evaluate(
    (urls) => navigator.serviceWorker.ready.then((reg) => urls.forEach((url) => reg.active.postMessage({ type: "letter-widget:keep-page", url }))),
    Array.from({ length: 22 }, (_, i) => `${server.url}/w/many-${i}.html`),
  );
  await settle(page, server.url, (k) => k.includes("/w/many-21.html"));
  await page.waitForTimeout(300);
  const kept = await keptPages(page, server.url);
  assert.ok(kept.length <= 20, `${kept.length} pages kept`);
  assert.ok(kept.includes("/w/many-21.html") && !kept.includes("/w/post.html"), kept.join(" "));
  await context.close();
  await server.close();
});

/** Opens `path` twice, the second time under the worker that the first load registered. */
async function openControlled(page, url) {
  await page.goto(url);
  await waitReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(url);
  await waitReady(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the page is controlled");
}

test("when Cache Storage fails, pages and the widget's own files come from the network", async () => {
  cpSync(DIST, join(root, "f"), { recursive: true });
  const pages = { "/f/post.html": { body: post("Post") } };
  const server = await startServer({ root, pages });
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await openControlled(page, server.url + "/f/post.html");
  const [worker] = context.serviceWorkers().filter((w) => w.url().includes("/f/sw.js"));
  assert.ok(worker, "the worker is running");
  await worker.evaluate(() => {
    const broken = () => Promise.reject(new DOMException("Cache Storage is broken", "UnknownError"));
    for (const name of ["open", "match", "keys", "has", "delete"]) CacheStorage.prototype[name] = broken;
  });
  pages["/f/post.html"] = { body: post("Post, edited") };
  await page.goto(server.url + "/f/post.html");
  await waitReady(page);
  assert.equal(await page.locator("h1").innerText(), "Post, edited");
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "still through the worker");
  await context.close();
  await server.close();
});

test("with the widget's files at the site's root, the worker never answers / with the widget's index.html", async () => {
  const top = mkdtempSync(join(tmpdir(), "lw-root-"));
  cpSync(DIST, top, { recursive: true });
  const server = await startServer({ root: top, pages: { "/": { body: "<!doctype html><title>Home</title><h1>The blog's home page</h1>" } } });
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await openControlled(page, server.url + "/index.html");
  await page.goto(server.url + "/");
  assert.equal(await page.locator("h1").innerText(), "The blog's home page");
  await context.setOffline(true);
  // Offline, the widget's page is there; the blog's home page is not the widget's.
  await page.goto(server.url + "/index.html");
  await waitReady(page);
  await page.goto(server.url + "/").catch(() => {});
  assert.equal(await page.locator("letter-widget").count(), 0, "/ was answered with the widget's index.html");
  await context.close();
  await server.close();
  rmSync(top, { recursive: true, force: true });
});

test("the kill switch, served as sw.js, removes the worker and its caches on the next visit", async () => {
  const folder = join(root, "k");
  cpSync(DIST, folder, { recursive: true });
  const server = await startServer({ root, pages: { "/k/post.html": { body: post("Post") } } });
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await openControlled(page, server.url + "/k/post.html");
  const ours = () => page.evaluate((prefix) => caches.keys().then((k) => k.filter((n) => n.startsWith(prefix))), `letter-widget:${server.url}/k/:`);
  assert.ok((await ours()).length > 0, "the worker keeps the build");

  cpSync(join(folder, "sw-kill-switch.js"), join(folder, "sw.js"));
  rmSync(join(folder, "sw.js.br"));
  rmSync(join(folder, "sw.js.gz"));
  await page.goto(server.url + "/k/post.html");
  for (let i = 0; i < 100 && ((await ours()).length > 0 || (await page.evaluate(() => navigator.serviceWorker.getRegistrations())).length > 0); i++) {
    await page.waitForTimeout(100);
  }
  assert.deepEqual(await ours(), []);
  await page.goto(server.url + "/k/post.html");
  await waitReady(page);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, "no worker answers the page");
  await context.close();
  await server.close();
});
