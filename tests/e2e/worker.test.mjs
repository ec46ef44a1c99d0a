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
