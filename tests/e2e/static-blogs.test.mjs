// The Hugo shortcode and the Jekyll include, in sites built by Debian's
// `hugo` and `jekyll` from integrations/, with the release build copied in as
// a site would have it (letter-widget/ beside the posts), checked in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fillsAndRestores, launch, openPage, startServer, waitReady, widgetDownloads, ROOT, DIST } from "./helpers.mjs";
import { widgetFiles } from "../../scripts/widget-files.mjs";

const LETTER = `Dear Senator {{senator: Senator's last name}},

I'm writing -- "again" -- about the 65 refugees... & <more>.
They can't wait.

Respectfully,
{{name: Your full name}}`;

const EXPECTED = (senator, name) =>
  LETTER.replace("{{senator: Senator's last name}}", senator).replace("{{name: Your full name}}", name);

const PAGE = (title, content) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title}</title></head>
<body><main><h1>${title}</h1>${content}</main></body></html>
`;

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const built = existsSync(join(DIST, "letter-widget.js"));
const skipFor = (cmd, pkg) =>
  !built ? "needs dist/ (run make build)" : has(cmd) ? false : `needs ${cmd} (Debian package ${pkg}); scripts/setup.sh installs it`;
const skipHugo = skipFor("hugo", "hugo");
const skipJekyll = skipFor("jekyll", "jekyll");
for (const [name, skip] of [["Hugo", skipHugo], ["Jekyll", skipJekyll]]) if (skip) console.log(`# SKIP ${name}: ${skip}`);

let work, browser;
const servers = {};

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function copyWidget(to) {
  mkdirSync(to, { recursive: true });
  for (const f of widgetFiles(DIST)) cpSync(join(DIST, f), join(to, f));
}

function write(path, text) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

/** A Hugo site with goldmark's defaults (unsafe off) and the shortcode. */
function buildHugo() {
  const site = join(work, "hugo");
  cpSync(join(ROOT, "integrations/hugo"), site, { recursive: true });
  copyWidget(join(site, "static/letter-widget"));
  cpSync(join(DIST, "letter-widget-files.json"), join(site, "data/letter_widget.json"));
  write(join(site, "config.toml"), `baseURL = "/"\ntitle = "Hugo blog"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n`);
  write(join(site, "layouts/_default/single.html"), PAGE("{{ .Title }}", "{{ .Content }}"));
  write(
    join(site, "content/posts/letter.md"),
    `---\ntitle: "Write to your senator"\n---\nPlease *write* today.\n\n{{< letter-widget id="hugo-1" subject="Please help the refugees" max_length="3000" >}}\n${LETTER}\n{{< /letter-widget >}}\n\n<letter-widget letter-id="raw">Raw HTML {{x}}</letter-widget>\n`
  );
  // Organisers who turn the own-words line off, in both spellings.
  write(
    join(site, "content/posts/own-words-off.md"),
    `---\ntitle: "Two letters, no own-words line"\n---\n{{< letter-widget id="hugo-2" own_words="off" >}}\nDear editor,\n{{< /letter-widget >}}\n\n{{< letter-widget id="hugo-3" own-words="off" >}}\nDear mayor,\n{{< /letter-widget >}}\n`
  );
  const t = Date.now();
  run("hugo", ["--source", site, "--destination", join(site, "public"), "--quiet"]);
  console.log(`# hugo build: ${Date.now() - t} ms`);
  return join(site, "public");
}

/** A Jekyll site (kramdown) with the include, three letters in one post. */
function buildJekyll() {
  const site = join(work, "jekyll");
  cpSync(join(ROOT, "integrations/jekyll"), site, { recursive: true });
  copyWidget(join(site, "letter-widget"));
  write(join(site, "_data/letter_widget.json"), readFileSync(join(DIST, "letter-widget-files.json"), "utf8"));
  write(join(site, "_config.yml"), "title: Jekyll blog\nmarkdown: kramdown\n");
  write(join(site, "_layouts/default.html"), PAGE("{{ page.title }}", "{{ content }}"));
  write(
    join(site, "_posts/2026-11-01-letter.md"),
    `---\nlayout: default\ntitle: Write to your senator\n---\nPlease *write* today.\n
{% capture letter %}{% raw %}\n${LETTER}\n{% endraw %}{% endcapture %}
{% include letter-widget.html id="jekyll-1" subject="Please help the refugees" max_length="3000" letter=letter %}

And to the governor:

{% capture letter %}{% raw %}Dear Governor {{governor: Governor's name}},{% endraw %}{% endcapture %}
{% include letter-widget.html id="jekyll-2" own_words="off" letter=letter %}

{% capture letter %}Dear mayor,{% endcapture %}
{% include letter-widget.html id="jekyll-3" own-words="off" letter=letter %}
`
  );
  const t = Date.now();
  run("jekyll", ["build", "--source", site, "--destination", join(site, "_site"), "--quiet", "--disable-disk-cache"]);
  console.log(`# jekyll build: ${Date.now() - t} ms`);
  return join(site, "_site");
}

before(async () => {
  if (skipHugo && skipJekyll) return;
  work = mkdtempSync(join(tmpdir(), "letter-widget-blogs-"));
  if (!skipHugo) servers.hugo = await startServer({ root: buildHugo() });
  if (!skipJekyll) servers.jekyll = await startServer({ root: buildJekyll() });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(servers)) await s.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * The page names the glue and the wasm beside the loader, each with the
 * build's integrity, and the browser starts them before the loader has arrived.
 */
async function oneRoundTrip(url) {
  const files = JSON.parse(readFileSync(join(DIST, "letter-widget-files.json"), "utf8"));
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await page.goto(url);
  await waitReady(page);
  const seen = {
    tags: await page.evaluate(() =>
      [...document.querySelectorAll("link[rel$=preload][crossorigin], script[src]")].map((e) => [e.getAttribute("href") || e.getAttribute("src"), e.integrity, e.crossOrigin]),
    ),
    early: (await widgetDownloads(page)).map((d) => d.early),
  };
  assert.deepEqual(seen.tags, [
    [`/letter-widget/${files.glue}`, files.glue_integrity, "anonymous"],
    [`/letter-widget/${files.wasm}`, files.wasm_integrity, "anonymous"],
    ["/letter-widget/letter-widget.js", files.loader_integrity, "anonymous"],
  ]);
  assert.deepEqual(seen.early, [true, true], "the glue and the wasm start before the loader has arrived, once each");
  await context.close();
}

async function readableWithoutScript(url) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url);
  assert.equal((await page.locator("letter-widget").first().innerText()).trim(), LETTER);
  await context.close();
}

test("Hugo: the shortcode embeds the widget with goldmark's unsafe option off, and passes own_words on", { skip: skipHugo }, async () => {
  const url = servers.hugo.url + "/posts/letter/";
  const html = await (await fetch(url)).text();
  assert.match(html, /<!-- raw HTML omitted -->Raw HTML/, "the site really runs with unsafe off");
  // Every attribute, in order, and no own-words: without own_words the line is on.
  assert.match(html, /<letter-widget letter-id="hugo-1" subject="Please help the refugees" max-length="3000" style="display:block"><template>/);
  await oneRoundTrip(url);
  await fillsAndRestores(browser, url, EXPECTED);
  await readableWithoutScript(url);
  const off = await (await fetch(servers.hugo.url + "/posts/own-words-off/")).text();
  for (const id of ["hugo-2", "hugo-3"]) assert.match(off, new RegExp(`<letter-widget letter-id="${id}" own-words="off" style="display:block"><template>`));
});

test("Jekyll: the include embeds three widgets, with one loader, and passes own_words on", { skip: skipJekyll }, async () => {
  const url = servers.jekyll.url + "/2026/11/01/letter.html";
  const html = await (await fetch(url)).text();
  assert.equal((html.match(/letter-widget\/letter-widget\.js/g) || []).length, 1);
  // Every attribute, in order, and no own-words: without own_words the line is on.
  assert.match(html, /<letter-widget letter-id="jekyll-1" subject="Please help the refugees" max-length="3000" style="display:block"><template>/);
  for (const id of ["jekyll-2", "jekyll-3"]) assert.match(html, new RegExp(`<letter-widget letter-id="${id}" own-words="off" style="display:block"><template>`));
  await oneRoundTrip(url);
  await fillsAndRestores(browser, url, EXPECTED, { widgets: 3 });
  await readableWithoutScript(url);
});
