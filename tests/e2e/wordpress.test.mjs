// The WordPress plugin on a real WordPress (Debian's packages: wordpress 6.1,
// php-cli, mariadb-server), installed once for this file by
// scripts/wordpress-env.mjs on loopback, with the plugin zip that
// `make wordpress-plugin` builds. Posts are written through WordPress's own
// API as the administrator or as an author, so kses filters an author's post
// exactly as it does when the author saves it in wp-admin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fillsAndRestores, launch, serveDist, openPage, waitReady, Widget, ROOT, DIST } from "./helpers.mjs";
import { startWordPress, wordpressMissing } from "../../scripts/wordpress-env.mjs";

// What the author types: straight quotes, "--" and "..." that wptexturize
// would curl, smilies that convert_smilies would turn into images, brackets
// that a block theme would run as a shortcode, and an ampersand kses escapes.
const LETTER = `Dear Senator {{senator: Senator's last name}},

I'm writing -- "again" -- about the 65 refugees... :) [gallery] & more.
They can't wait.

Respectfully,
{{name: Your full name}}`;

const EXPECTED = (senator, name) => `Dear Senator ${senator},

I'm writing -- "again" -- about the 65 refugees... :) [gallery] & more.
They can't wait.

Respectfully,
${name}`;

const shortcode = (id, letter = LETTER, more = "") => `[letter_widget id="${id}" subject="Please help the refugees" to="office@example.org" max_length="3000"${more}]
${letter}
[/letter_widget]`;

const missing = existsSync(DIST + "/letter-widget.js") ? wordpressMissing() : ["dist/ (run make build)"];
const skip = missing.length ? `WordPress end-to-end tests need ${missing.join(", ")}; scripts/setup.sh installs them` : false;
if (skip) console.log(`# SKIP ${skip}`);

let wp, widgetHost, browser;
const posts = {};

before(async () => {
  if (skip) return;
  const started = Date.now();
  execFileSync("node", [ROOT + "scripts/wordpress-plugin.mjs"], { stdio: "pipe" });
  wp = await startWordPress();
  widgetHost = await serveDist(); // The plain snippet loads the widget from another origin.
  browser = await launch();

  posts.classic = wp.post("ada", {
    title: "Classic post by an author",
    content: `Please write to your senator today.\n\n${shortcode("wp-classic")}\n\nThank you for writing.`,
  });
  posts.block = wp.post("ada", {
    title: "Block post by an author",
    content: `<!-- wp:paragraph -->
<p>Please write to your senator today.</p>
<!-- /wp:paragraph -->

<!-- wp:shortcode -->
${shortcode("wp-block")}
<!-- /wp:shortcode -->`,
  });
  posts.two = wp.post("ada", {
    title: "Two letters in one post",
    // Organisers who turn the own-words line off, in both spellings.
    content: `${shortcode("wp-two-a", LETTER, ' own_words="off"')}\n\nAnd to the governor:\n\n${shortcode("wp-two-b", LETTER.replaceAll("Senator", "Governor"), ' own-words="off"')}`,
  });
  posts.raw = wp.post("ada", {
    title: "Raw snippet by an author",
    content: `<letter-widget letter-id="raw">\n${LETTER}\n</letter-widget>\n<script src="${widgetHost.url}/letter-widget.js" defer></script>`,
  });
  posts.customHtml = wp.post("admin", {
    title: "Custom HTML block by an administrator",
    content: `<!-- wp:paragraph -->
<p>Please write to your senator today.</p>
<!-- /wp:paragraph -->

<!-- wp:html -->
<letter-widget letter-id="wp-html" subject="Please help the refugees">
Dear Senator {{senator: Senator's last name}},

I'm writing -- "again" -- about the 65 refugees...

Respectfully,
{{name: Your "full" name -- as signed}}
</letter-widget>
<script src="${widgetHost.url}/letter-widget.js" defer></script>
<!-- /wp:html -->`,
  });
  posts.classicSnippet = wp.post("admin", {
    title: "Plain snippet in the classic editor",
    content: `<letter-widget letter-id="wp-autop">\n${LETTER}\n</letter-widget>\n<script src="${widgetHost.url}/letter-widget.js" defer></script>`,
  });
  console.log(`# WordPress provisioned, plugin built and posts published in ${Date.now() - started} ms`);
});

after(async () => {
  await browser?.close();
  await widgetHost?.close();
  await wp?.close();
});

async function open(url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const { page, errors } = await openPage(context);
  await page.goto(url);
  return { context, page, errors };
}

test("kses strips a raw <letter-widget> from an author's post, and keeps the shortcode", { skip }, () => {
  assert.equal(posts.raw.role, "author");
  assert.equal(posts.raw.unfiltered_html, false);
  assert.doesNotMatch(posts.raw.saved, /<letter-widget|<script/, "the test's author really is filtered by kses");
  assert.match(posts.classic.saved, /\[letter_widget id="wp-classic"[^\]]*\]\nDear Senator \{\{senator: Senator's last name\}\},/);
  assert.match(posts.block.saved, /<!-- wp:shortcode -->\n\[letter_widget id="wp-block"/);
});

test("the pitfall the README names: wpautop cuts a plain snippet in a classic post, and the widget says so and names the shortcode", { skip }, async () => {
  assert.equal(posts.classicSnippet.unfiltered_html, true);
  assert.match(posts.classicSnippet.saved, /^<letter-widget letter-id="wp-autop">/, "kses kept the administrator's markup");
  const { context, page } = await open(posts.classicSnippet.url);
  // The widget notices it was cut short and tells the organiser what fixes it.
  const box = page.locator("letter-widget").getByText(/cut short after its first line/);
  await box.waitFor();
  assert.match(await box.innerText(), /\[letter_widget\] shortcode/);
  await context.close();
});

test("author, classic editor: the whole letter, a blank fills, a reload restores the draft", { skip }, async () => {
  await fillsAndRestores(browser, posts.classic.url, EXPECTED, { draftKey: "letter-widget:draft:wp-classic" });
});

test("author, Shortcode block: the whole letter, a blank fills, a reload restores the draft", { skip }, async () => {
  await fillsAndRestores(browser, posts.block.url, EXPECTED, { draftKey: "letter-widget:draft:wp-block" });
});

test("the shortcode's markup: attributes, a <template>, readable text, the loader from the blog's origin", { skip }, async () => {
  const html = await (await fetch(posts.classic.url)).text();
  // Every attribute, in order, and no own-words: without own_words the line is on.
  assert.match(html, /<letter-widget letter-id="wp-classic" subject="Please help the refugees" to="office@example.org" max-length="3000" style="display:block"><template>/);
  const loaders = html.match(/<script[^>]*src=["'][^"']*letter-widget\.js[^>]*>/g) || [];
  assert.equal(loaders.length, 1);
  assert.ok(loaders[0].includes(`${wp.url}/wp-content/plugins/letter-widget/widget/letter-widget.js?ver=`), loaders[0]);
  assert.match(loaders[0], / integrity="sha384-[^"]+" crossorigin="anonymous"/);
  // The glue and the wasm are named ahead of the letter, once, so they download while the post is read.
  const hints = html.match(/<link rel="(modulepreload|preload)" href="[^"]*\/widget\/letter-widget-[0-9a-f]+(_bg\.wasm|\.js)"[^>]* integrity="sha384-[^"]+" crossorigin="anonymous">/g) || [];
  assert.equal(hints.length, 2, hints.join("\n"));
  assert.ok(html.indexOf(hints[0]) < html.indexOf("<letter-widget "), "the hints come before the letter");
  const element = html.slice(html.indexOf("<letter-widget"), html.indexOf("</letter-widget>"));
  assert.doesNotMatch(element, /<img|&#82(17|20|21|11|12|30);/, "no smilies, and no curled quotes or dashes");

  // Without script, the reader still reads the letter, line by line.
  const { context, page } = await open(posts.classic.url, { javaScriptEnabled: false });
  const shown = await page.locator("letter-widget").innerText();
  assert.equal(shown.trim(), LETTER);
  await context.close();
});

test("two letters in one post: one loader, two independent widgets, own_words and own-words reach the element", { skip }, async () => {
  const html = await (await fetch(posts.two.url)).text();
  assert.equal((html.match(/letter-widget\/widget\/letter-widget\.js/g) || []).length, 1);
  for (const id of ["wp-two-a", "wp-two-b"]) {
    assert.match(html, new RegExp(`<letter-widget letter-id="${id}" subject="Please help the refugees" to="office@example.org" max-length="3000" own-words="off" style="display:block"><template>`));
  }
  const { context, page, errors } = await open(posts.two.url);
  await waitReady(page, 2);
  const [a, b] = [0, 1].map((i) => new Widget(page, page.locator("letter-widget").nth(i)));
  await a.field("Senator's last name").fill("Lugar");
  assert.match(await a.text(), /^Dear Senator Lugar,/);
  assert.match(await b.text(), /^Dear Governor \[Governor's last name\],/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("administrator, Custom HTML block, no plugin: wptexturize curls quotes and dashes, and the widget still parses", { skip }, async () => {
  assert.equal(wp.plugin(false).active, false);
  try {
    const html = await (await fetch(posts.customHtml.url)).text();
    const element = html.slice(html.indexOf("<letter-widget"), html.indexOf("</letter-widget>"));
    assert.match(element, /Senator(&#8217;|’)s last name/, "WordPress really curled the apostrophe inside the braces");
    assert.match(element, /(&#8212;|&#8211;|—|–)/, "and turned -- into a dash");

    const { context, page, errors } = await open(posts.customHtml.url);
    await waitReady(page);
    const w = new Widget(page);
    await w.field("Senator’s last name").fill("Durbin");
    await w.field("as signed").fill("Kim Min-ji");
    const text = await w.text();
    assert.match(text, /^Dear Senator Durbin,\n\nI’m writing [–—] “again” [–—] about the 65 refugees…\n\nRespectfully,\nKim Min-ji$/);
    await w.waitSaved();
    await page.reload();
    await waitReady(page);
    assert.match(await new Widget(page).text(), /^Dear Senator Durbin,/);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    assert.equal(wp.plugin(true).active, true);
  }
});

test("administrator, Custom HTML block, plugin active: quotes and dashes stay as typed", { skip }, async () => {
  const { context, page, errors } = await open(posts.customHtml.url);
  await waitReady(page);
  const w = new Widget(page);
  await w.field("Senator's last name").fill("Durbin");
  assert.match(await w.text(), /^Dear Senator Durbin,\n\nI'm writing -- "again" -- about the 65 refugees\.\.\.\n/);
  assert.deepEqual(errors, []);
  await context.close();
});
