// Trust: integrity from the builder's snippet down to every file the loader
// fetches, DOM clobbering of the loader, the static server's folder
// boundary, the session-replay hooks and data-no-offline's leftovers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { launch, startServer, openPage, waitReady, widgetDownloads, Widget, ROOT } from "./helpers.mjs";

const LETTER = `Dear Senator {{senator: Senator's last name}},

I am asking you to help the families waiting at the border.

Yours,
{{name: Your full name}}`;

let browser;
const temps = [];
const servers = [];
// The packed release (make release), unpacked as a CDN or a host would serve it.
let DIST;
let VERSION;
before(async () => {
  execFileSync("node", [join(ROOT, "scripts/release.mjs")], { stdio: "ignore" });
  const tgz = readdirSync(join(ROOT, "release")).find((f) => f.endsWith(".tgz"));
  const unpacked = tempDir();
  execFileSync("tar", ["xzf", join(ROOT, "release", tgz), "-C", unpacked]);
  DIST = join(unpacked, "package", "dist");
  VERSION = JSON.parse(readFileSync(join(unpacked, "package", "package.json"), "utf8")).version;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
async function serve(options) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "lw-trust-"));
  temps.push(d);
  return d;
}

/** The script-tag snippet the builder (served from `origin` + `path`) offers. */
async function builderSnippet(origin, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + path + "builder.html");
  await page.getByLabel("Your letter", { exact: true }).first().fill(LETTER);
  await page.waitForFunction(() => document.getElementById("b-snippet-script").value.includes("families waiting"));
  const snippet = await page.locator("#b-snippet-script").inputValue();
  await context.close();
  return snippet;
}

const blogPost = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title>
<link rel="icon" href="data:,"></head><body><main><h1>My post</h1>${body}<p id="after">After the letter.</p></main></body></html>`;

/** The widget files in a versioned folder on a second origin; `tamper(dir)` may change them. */
async function versionedHost(tamper) {
  const root = tempDir();
  const folder = join(root, "letter-widget", VERSION);
  mkdirSync(folder, { recursive: true });
  cpSync(DIST, folder, { recursive: true });
  if (tamper) tamper(folder);
  return { server: await serve({ root }), path: `/letter-widget/${VERSION}/` };
}

function flipOneByte(folder, re) {
  for (const f of readdirSync(folder)) {
    if (re.test(f)) {
      rmSync(join(folder, f));
      const data = readFileSync(join(DIST, f));
      data[data.length >> 1] ^= 1;
      writeFileSync(join(folder, f), data);
    }
  }
}

async function openPost(snippet, html = "") {
  const blog = await serve({ root: tempDir(), pages: { "/post.html": { body: blogPost(html + snippet) } } });
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.addInitScript(() => {
    window.__lwErrors = [];
    document.addEventListener("letter-widget:error", (e) => window.__lwErrors.push(e.detail));
  });
  await page.goto(blog.url + "/post.html");
  return { page, errors, context };
}

test("the packed release, from a versioned path on a second origin: the builder's snippet names the versioned loader with integrity; it works from a second origin", async () => {
  const host = await versionedHost();
  const snippet = await builderSnippet(host.server.url, host.path);
  assert.match(snippet, new RegExp(`<script src="${host.server.url}${host.path}letter-widget\\.js" integrity="sha384-[A-Za-z0-9+/]+=*" crossorigin="anonymous" defer></script>$`));
  // The glue and the wasm are named too, so they download with the loader.
  assert.match(snippet, /<link rel="modulepreload" href="[^"]+\/letter-widget-[0-9a-f]+\.js" integrity="sha384-[^"]+" crossorigin="anonymous">/);
  assert.match(snippet, /<link rel="preload" href="[^"]+\/letter-widget-[0-9a-f]+_bg\.wasm" as="fetch" type="application\/wasm" integrity="sha384-[^"]+" crossorigin="anonymous">/);
  const { page, errors, context } = await openPost(snippet);
  await waitReady(page);
  // Each was fetched once, and started before the loader had even arrived:
  // by its hint, the loader's own requests then taking those copies.
  const timing = await widgetDownloads(page);
  assert.equal(timing.length, 2, JSON.stringify(timing));
  assert.ok(timing.every((t) => t.early), JSON.stringify(timing));
  await new Widget(page).field("Your full name").fill("Kim Min-ji");
  assert.match(await new Widget(page).text(), /Kim Min-ji$/);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [what, re] of [
  ["wasm", /_bg\.wasm$/],
  ["glue", /^letter-widget-[0-9a-f]+\.js$/],
  ["loader", /^letter-widget\.js$/],
]) {
  test(`a ${what} changed by one byte on the server is refused: the letter stays text, the error event fires`, async () => {
    const clean = await versionedHost();
    const snippet = (await builderSnippet(clean.server.url, clean.path)).replaceAll(clean.server.url, "HOST");
    const host = await versionedHost((folder) => flipOneByte(folder, re));
    const { page, errors, context } = await openPost(snippet.replaceAll("HOST", host.server.url));
    if (what === "loader") {
      // The browser refuses the loader itself: nothing runs at all.
      await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/letter-widget.js")));
      await page.waitForTimeout(1000);
      assert.equal(await page.evaluate(() => customElements.get("letter-widget")), undefined);
    } else {
      await page.waitForSelector("letter-widget[data-load-failed]");
      const events = await page.evaluate(() => window.__lwErrors);
      assert.equal(events.length, 1, JSON.stringify(events));
      assert.match(events[0], /^letter-widget\.js: could not load the widget/);
    }
    assert.equal(await page.evaluate(() => window.__lwReady), 0);
    assert.match(await page.locator("main").innerText(), /Dear Senator[\s\S]*families waiting at the border[\s\S]*After the letter\./);
    assert.ok(errors.some((e) => /integrity/i.test(e)), errors.join("\n"));
    await context.close();
  });
}

test("clobbering markup (<img name=currentScript>, <img name=baseURI>) neither redirects nor stops the loader", async () => {
  const elsewhere = [];
  const evil = await serve({ root: tempDir(), headers: (path) => void elsewhere.push(path) });
  const host = await versionedHost();
  const snippet = await builderSnippet(host.server.url, host.path);
  const markup =
    `<img name="currentScript" src="${evil.url}/x/y.png" alt=""><img name="baseURI" alt="">` +
    `<img name="readyState" alt=""><img name="documentElement" alt="">`;
  const { page, errors, context } = await openPost(snippet, markup);
  await waitReady(page);
  assert.match(await new Widget(page).text(), /^Dear Senator/);
  assert.deepEqual(elsewhere.filter((p) => !p.endsWith(".png")), [], "nothing is fetched from elsewhere but the image");
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await context.close();
});

test("the widget's element carries the session-replay masking hooks", async () => {
  const host = await versionedHost();
  const snippet = (await builderSnippet(host.server.url, host.path)).replace("<letter-widget>", '<letter-widget class="mine">');
  const { page, context } = await openPost(snippet);
  await waitReady(page);
  const el = page.locator("letter-widget");
  for (const a of ["data-hj-suppress", "data-clarity-mask", "data-private", "data-sentry-block", "data-dd-privacy"]) {
    assert.notEqual(await el.getAttribute(a), null, a);
  }
  const classes = (await el.getAttribute("class")).split(" ");
  for (const c of ["mine", "rr-block", "fs-exclude", "ph-no-capture"]) assert.ok(classes.includes(c), c);
  await context.close();
});

test("the static server never serves a sibling folder whose name starts with the root's", async () => {
  const parent = tempDir();
  mkdirSync(join(parent, "dist"));
  mkdirSync(join(parent, "dist-integrations"));
  writeFileSync(join(parent, "dist", "ok.txt"), "inside");
  writeFileSync(join(parent, "dist-integrations", "secret.txt"), "outside");
  const server = await serve({ root: join(parent, "dist") });
  assert.equal(await (await fetch(server.url + "/ok.txt")).text(), "inside");
  for (const path of ["/..%2fdist-integrations/secret.txt", "/%2e%2e%2fdist-integrations%2fsecret.txt", "/..%5cdist-integrations/secret.txt"]) {
    const r = await fetch(server.url + path);
    assert.notEqual(r.status, 200, path);
    assert.doesNotMatch(await r.text(), /outside/, path);
  }
});

test("data-no-offline removes the kept files also when no worker was ever installed", async () => {
  const root = tempDir();
  cpSync(DIST, join(root, "letter-widget"), { recursive: true });
  const post = (attrs) =>
    blogPost(`<letter-widget letter-id="kept" src="/files/letter.txt"></letter-widget><script src="letter-widget.js" defer ${attrs}></script>`);
  const pages = {
    "/letter-widget/post.html": { body: post("") },
    "/letter-widget/opted-out.html": { body: post("data-no-offline") },
    "/files/letter.txt": { type: "text/plain", body: LETTER },
  };
  const server = await serve({ root, pages });
  // Workers blocked: the loader keeps the letter file, no worker installs.
  const context = await browser.newContext({ serviceWorkers: "block" });
  const { page } = await openPage(context);
  await page.goto(server.url + "/letter-widget/post.html");
  await waitReady(page);
  const files = () => page.evaluate(() => caches.keys().then((n) => n.filter((x) => x.startsWith("letter-widget:"))));
  for (let i = 0; (await files()).length === 0 && i < 50; i++) await page.waitForTimeout(100);
  assert.equal((await files()).length, 1, "the letter file is kept");
  assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
  await page.goto(server.url + "/letter-widget/opted-out.html");
  await waitReady(page);
  for (let i = 0; (await files()).length > 0 && i < 50; i++) await page.waitForTimeout(100);
  assert.deepEqual(await files(), []);
  await context.close();
});

test("a translation changed on the server is refused: the widget speaks English, and the error event says why", async () => {
  const clean = await versionedHost();
  const snippet = (await builderSnippet(clean.server.url, clean.path)).replaceAll(clean.server.url, "HOST").replace("<letter-widget", '<letter-widget lang="es"');
  const host = await versionedHost((folder) => {
    for (const f of readdirSync(folder)) {
      if (!/^letter-widget-strings-es-[0-9a-f]+\.json/.test(f)) continue;
      rmSync(join(folder, f));
      if (f.endsWith(".json")) {
        const table = JSON.parse(readFileSync(join(DIST, f), "utf8"));
        table.print = "Imprimir (cambiado)";
        writeFileSync(join(folder, f), JSON.stringify(table));
      }
    }
  });
  const { page, errors, context } = await openPost(snippet.replaceAll("HOST", host.server.url));
  await waitReady(page);
  const w = new Widget(page);
  await w.button("Print").waitFor();
  assert.equal(await w.host.getByText("cambiado").count(), 0);
  const events = await page.evaluate(() => window.__lwErrors);
  assert.equal(events.length, 1, JSON.stringify(events));
  assert.match(events[0], /the translation letter-widget-strings-es-[0-9a-f]+\.json could not be loaded or failed its integrity check/);
  assert.ok(errors.some((e) => /integrity/i.test(e)), errors.join("\n"));
  await context.close();
});
