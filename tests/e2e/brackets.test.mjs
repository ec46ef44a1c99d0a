// Letters pasted as campaigns write them (issue 14): `[YOUR NAME]` and its
// relatives become fields; notes to the sender are shown and left out; a
// greeting placeholder is filled from the chosen recipient. Real headless
// Chromium, release build, the letter as element text (as WordPress and Hugo
// deliver it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const LETTER = `[Don't forget to replace the [x]'s with your details!]
Dear [SENATOR'S NAME],

My name is [NAME] and I live in [NEIGHBORHOOD/CITY]. Floods have doubled [1].

[OPTIONAL - Talk about your own experience with the floods]

Sincerely,
[YOUR NAME]
\\[YOUR EMAIL\\]`;

const page = (attrs, inside) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Brackets</title></head><body><main><h1>Blog post</h1>
<letter-widget ${attrs}>${inside}</letter-widget></main>
<script src="/letter-widget.js" defer></script></body></html>`;

const list = `{"recipients": [{"id": "a", "name": "Ana Able", "greeting": "Senator Able", "group": "NR"}]}`;

const env = withBrowserAndDist({
  pages: {
    "/brackets.html": { body: page('letter-id="brackets"', LETTER) },
    // What WordPress's classic editor makes of the plain snippet (wpautop).
    "/classic.html": {
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Classic</title></head><body>
<p><letter-widget letter-id="classic">Dear [SENATOR'S NAME],</p>
<p>I am writing about the river.</p>
<p>Respectfully,<br />
[YOUR NAME]</letter-widget><br />
<script src="/letter-widget.js" defer></script></p></body></html>`,
    },
    // The seed's own greeting: a title, then a blank for the name.
    "/titled-list.html": {
      body: page(
        'letter-id="titled-list"',
        `Dear Senator _______,\n\nPlease protect the river.\n\nSincerely,\n[YOUR NAME]\n<script type="application/json" slot="recipients">${list}</script>`,
      ),
    },
    "/brackets-list.html": {
      body: page('letter-id="brackets-list"', `${LETTER}\n<script type="application/json" slot="recipients">${list}</script>`),
    },
  },
});

async function open(path, options = {}) {
  const context = await env.browser.newContext(options);
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + path);
  await waitReady(page);
  return { context, page, errors, w: new Widget(page) };
}

test("a bracket letter pasted as-is: fields, note left out, free edit, reload, copy", async () => {
  const { context, page, w } = await open("/brackets.html", { permissions: ["clipboard-read", "clipboard-write"] });
  // One field per meaning: [NAME] and [YOUR NAME] are the reader's name, with autofill.
  const name = w.host.locator('input[autocomplete="name"]');
  assert.equal(await name.count(), 1);
  assert.equal(await w.field("Email").getAttribute("type"), "email");
  await w.field("Neighborhood or city").waitFor();
  const story = w.field("Talk about your own experience with the floods");
  assert.equal(await story.evaluate((el) => el.tagName), "TEXTAREA");
  // The note is shown beside the letter and is not in it.
  const notes = w.host.locator(".lw-notes");
  assert.match(await notes.innerText(), /left out of your letter/);
  assert.match(await notes.innerText(), /Don't forget to replace the \[x\]'s/);
  assert.ok(!(await w.text()).includes("Don't forget"));

  await name.fill("Ana Reader");
  await w.field("Neighborhood or city").fill("Riverside");
  await w.field("Email").fill("ana@example.org");
  let text = await w.text();
  assert.match(text, /My name is Ana Reader and I live in Riverside\. Floods have doubled \[1\]\./);
  assert.match(text, /Sincerely,\nAna Reader\nana@example\.org$/);
  // A free edit, kept across a reload.
  await w.letter.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nPS: thank you.");
  await w.waitSaved();
  await page.reload();
  await waitReady(page);
  text = await w.text();
  assert.match(text, /Ana Reader\nana@example\.org\nPS: thank you\.$/);
  assert.equal(await w.field("Neighborhood or city").inputValue(), "Riverside");
  await w.field("Senator's name").fill("Senator Lugar");
  await w.button("Copy letter").click();
  await w.host.getByText("Letter copied").waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, await w.text());
  assert.match(clip, /^Dear Senator Lugar,\n/);
  assert.ok(clip.includes("Floods have doubled [1]") && !clip.includes("[NAME]") && !clip.includes("Don't forget"));
  await context.close();
});

test("the same letter with a recipients list: the greeting is the chosen recipient", async () => {
  const { context, w } = await open("/brackets-list.html");
  await w.host.getByLabel("Where you live").selectOption("NR");
  for (let i = 0; i < 50 && !(await w.text()).startsWith("Dear Senator Able,"); i++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.match(await w.text(), /^Dear Senator Able,\n/);
  await context.close();
});

test("the classic editor's cut-short letter shows the organiser's error box naming the shortcode", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/classic.html");
  const box = page.locator("letter-widget").getByText(/cut short after its first line/);
  await box.waitFor();
  assert.match(await box.innerText(), /\[letter_widget\] shortcode/);
  await context.close();
});

test("a titled blank with a recipients list reads the title once", async () => {
  const { context, w } = await open("/titled-list.html");
  await w.host.getByLabel("Where you live").selectOption("NR");
  for (let i = 0; i < 50 && !(await w.text()).startsWith("Dear Senator Able,"); i++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  assert.match(await w.text(), /^Dear Senator Able,\n/);
  await context.close();
});

test("the builder lists what each placeholder became, and rewrites the letter in {{…}} with one undoable click", async () => {
  const { context, page } = await open("/builder.html");
  const list = page.locator("#b-fields");
  const rows = page.locator("#b-fields-rows tr");
  const rewrite = page.getByRole("button", { name: "Rewrite the letter in {{…}} syntax" });
  // The example letter is in {{…}} already: listed, nothing to rewrite.
  await page.getByRole("heading", { name: "What your blanks became" }).waitFor();
  const row = async (written) => rows.filter({ hasText: written }).first().locator("td").allInnerTexts();
  assert.deepEqual(await row("{{senator}}"), ["{{senator}}", "Senator's last name", "Text", "No"]);
  assert.equal(await rewrite.isVisible(), false);

  await page.locator("#b-letter").fill(LETTER);
  const nameRow = rows.filter({ hasText: "[YOUR NAME]" });
  await nameRow.waitFor();
  assert.deepEqual(await row("[YOUR NAME]"), [
    "[NAME], [YOUR NAME]\n2 spellings, one field",
    "Name",
    "Name (the browser can fill it in)",
    "No",
  ]);
  assert.deepEqual(await row("[NEIGHBORHOOD/CITY]"), ["[NEIGHBORHOOD/CITY]", "Neighborhood or city", "Text", "No"]);
  assert.deepEqual(await row("[OPTIONAL"), [
    "[OPTIONAL - Talk about your own experience with the floods]",
    "Talk about your own experience with the floods",
    "Long text",
    "Yes",
  ]);
  assert.deepEqual((await row("EMAIL")).slice(1), ["Email", "Email (the browser can fill it in)", "No"]);
  assert.equal(await rows.count(), 5);
  assert.match(await page.locator("#b-notes").innerText(), /^Left out of the letter.*\[Don't forget to replace the \[x\]'s/);

  // One click: the same letter in {{…}}, with the same form in the preview.
  await rewrite.click();
  await page.getByText("Letter rewritten in {{…}} syntax.").waitFor();
  const rewritten = await page.locator("#b-letter").inputValue();
  assert.match(rewritten, /^\[Don't forget .*\]\nDear \{\{recipient: Senator's name\}\},\n\nMy name is \{\{name: Name\}\} and I live in \{\{neighborhood_or_city: Neighborhood or city\}\}\. Floods have doubled \[1\]\./);
  assert.match(rewritten, /\{\{[a-z_]+: Talk about your own experience with the floods \| multiline \| optional\}\}/);
  assert.match(rewritten, /Sincerely,\n\{\{name\}\}\n\{\{email: Email\}\}$/);
  await rewrite.waitFor({ state: "hidden" });
  await rows.filter({ hasText: "{{name}}" }).waitFor();
  const w = new Widget(page);
  assert.ok(await w.field("Neighborhood or city").isVisible());
  assert.equal(await list.isVisible(), true);

  // Undo brings the organiser's own letter back.
  await page.locator("#b-letter").focus();
  await page.keyboard.press("Control+Z");
  assert.equal(await page.locator("#b-letter").inputValue(), LETTER);
  await context.close();
});
