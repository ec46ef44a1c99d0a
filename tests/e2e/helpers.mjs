// Shared helpers for the end-to-end suite: Debian's Chromium driven by
// Playwright (playwright-core, no downloaded browsers), static servers for
// the release build in dist/, and a page object for the widget.
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = ROOT + "dist";
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
}

export { startServer };

/** Serves dist/ (plus any extra pages) on loopback. */
export async function serveDist(options = {}) {
  return startServer({ root: DIST, ...options });
}

/**
 * For a test file: Debian's Chromium and a loopback server for dist/ (with
 * `options` such as extra `pages`), started before its tests and closed
 * after them. Tests read `env.browser` and `env.server`.
 */
export function withBrowserAndDist(options) {
  const env = {};
  before(async () => {
    env.server = await serveDist(options);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens a page that records console errors, page errors and
 * letter-widget:ready events (window.__lwReady counts them).
 */
export async function openPage(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.addInitScript(() => {
    window.__lwReady = 0;
    document.addEventListener("letter-widget:ready", () => window.__lwReady++);
  });
  return { page, errors };
}

/** Waits until `count` widgets on the page said they are ready. */
export async function waitReady(page, count = 1) {
  await page.waitForFunction((n) => window.__lwReady >= n, count, { timeout: 15000 });
}

/**
 * The glue and wasm the page fetched, each with whether its download started
 * before the loader had arrived (as preload hints make it).
 */
export async function widgetDownloads(page) {
  return page.evaluate(() => {
    const all = performance.getEntriesByType("resource");
    const loader = all.find((e) => e.name.endsWith("/letter-widget.js"));
    return all
      .filter((e) => /letter-widget-[0-9a-f]+(_bg\.wasm|\.js)$/.test(e.name))
      .map((e) => ({ file: e.name.replace(/.*\//, ""), early: e.startTime < loader.responseEnd }));
  });
}

/** A page object for one widget (the first on the page unless given). */
export class Widget {
  constructor(page, host = page.locator("letter-widget").first()) {
    this.page = page;
    this.host = host;
    this.letter = host.getByRole("textbox", { name: "Your letter" });
  }
  field(label) {
    return this.host.getByLabel(label, { exact: false }).first();
  }
  button(name) {
    return this.host.getByRole("button", { name, exact: true });
  }
  async text() {
    return this.letter.inputValue();
  }
  status() {
    return this.host.locator(".lw-status");
  }
  async waitSaved() {
    await this.status().filter({ hasText: "Draft saved" }).waitFor();
  }
}

/** WCAG 2.1 A and AA violations axe-core finds on the page, one line each. */
export async function axeViolations(page) {
  const { readFileSync } = await import("node:fs");
  await page.addScriptTag({ content: readFileSync(ROOT + "node_modules/axe-core/axe.min.js", "utf8") });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
}

/**
 * A blog reader's journey on a published letter (the senator/name letter of
 * the blog tests): the whole letter arrives, two blanks fill, the draft is
 * stored (under `draftKey`, when given) and a reload restores it.
 * `expected(senator, name)` is the letter with those blanks.
 */
export async function fillsAndRestores(browser, url, expected, { widgets = 1, draftKey } = {}) {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(url);
  await waitReady(page, widgets);
  const w = new Widget(page);
  assert.equal(await w.text(), expected("[Senator's last name]", "[Your full name]"), "the whole letter, as typed");
  await w.field("Senator's last name").fill("Lugar");
  await w.field("Your full name").fill("Kim Min-ji");
  assert.equal(await w.text(), expected("Lugar", "Kim Min-ji"));
  await w.waitSaved();
  if (draftKey) {
    const stored = await page.evaluate((key) => localStorage.getItem(key), draftKey);
    assert.ok(stored, `the draft is stored under ${draftKey}`);
  }
  await page.reload();
  await waitReady(page, widgets);
  const again = new Widget(page);
  assert.equal(await again.field("Senator's last name").inputValue(), "Lugar");
  assert.equal(await again.text(), expected("Lugar", "Kim Min-ji"));
  assert.deepEqual(errors, []);
  await context.close();
}
