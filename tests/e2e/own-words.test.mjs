// The line about the reader's own words (issue 19): it invites a personal
// sentence while the letter is the organiser's, steps back once the reader
// has written one, keeps a dismissal with the draft, and the organiser can
// turn it off. Real headless Chromium, release build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const PLAIN = `Dear {{who: Their name}},

Please keep the river path lit through the winter months.

Lamps went dark last year and the path emptied.

Thanks,
{{name: Your name}}`;

const STORY = `Dear {{who: Their name}},

Please keep the river path lit through the winter months.

{{story: Why this matters to you | multiline | optional}}

Thanks,
{{name: Your name}}`;

const ARABIC = `السيد {{who: الاسم}}،

نرجو إبقاء الممشى على النهر مضاءً طوال أشهر الشتاء.

مع الشكر،
{{name: اسمك}}`;

const LIST = JSON.stringify({
  recipients: [
    { id: "ash", name: "Rowan Ash", greeting: "Councillor Ash", title: "Ward 1", group: "W1", group_name: "Ward 1" },
    { id: "birch", name: "Kai Birch", greeting: "Councillor Birch", title: "Ward 1", group: "W1", group_name: "Ward 1" },
  ],
});

const page = (attrs, letter, html = 'lang="en"') => `<!doctype html><html ${html}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Own words</title></head>
<body><main><h1>A post</h1><letter-widget ${attrs}>${letter}</letter-widget></main>
<script src="/letter-widget.js" defer></script></body></html>`;

const env = withBrowserAndDist({
  pages: {
    "/plain.html": { body: page('letter-id="plain"', PLAIN) },
    "/story.html": { body: page('letter-id="story"', STORY) },
    "/off.html": { body: page('letter-id="off" own-words="off"', PLAIN) },
    "/bad.html": { body: page('letter-id="bad" own-words="quiet"', PLAIN) },
    "/ar.html": { body: page('letter-id="ar"', ARABIC, 'lang="ar" dir="rtl"') },
    "/list.html": {
      body: page('letter-id="list"', `${PLAIN}<script type="application/json" slot="recipients">${LIST}</script>`.replace("{{who: Their name}}", "{{recipient}}")),
    },
  },
});

async function open(path) {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + path);
  await waitReady(page);
  const w = new Widget(page);
  return { context, page, errors, w, line: w.host.locator(".lw-own") };
}

/** What the line says and its state, once the reader has paused. */
async function said(line, state) {
  if (state) await line.and(line.page().locator(`[data-state="${state}"]`)).waitFor({ state: "attached" });
  return { state: await line.getAttribute("data-state"), text: await line.getByRole("status").innerText() };
}

/** Counts changes to the line's live region from now on. */
async function watchAnnouncements(page) {
  await page.evaluate(() => {
    const region = document.querySelector("letter-widget").shadowRoot.querySelector(".lw-own [role=status]");
    window.__said = [];
    new MutationObserver(() => window.__said.push(region.textContent)).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => window.__said);
}

const INVITE = "Mostly the organiser's words. Offices give more weight to personal letters: add a sentence about why this matters to you.";
const SENTENCE = " My daughter walks home along it after her late shift at the bakery.";

test("untouched, the line invites; a field filled changes nothing; a sentence of their own makes it step back", async () => {
  const { context, page, errors, w, line } = await open("/plain.html");
  assert.deepEqual(await said(line), { state: "invite", text: INVITE });
  const heard = await watchAnnouncements(page);
  await w.field("Their name").fill("Councillor Ana Osei");
  await w.field("Your name").pressSequentially("Kim Min-ji who lives by the river");
  await page.waitForTimeout(1500);
  assert.deepEqual(await said(line), { state: "invite", text: INVITE }, "names are not the reader's own words");
  assert.deepEqual(await heard(), [], "nothing announced while the state stays");

  // The button puts the caret at the end of the first paragraph of the body.
  await w.button("Add a sentence of your own").click();
  const caret = await w.letter.evaluate((el) => [document.activeElement === el.getRootNode().host, el.selectionStart, el.selectionEnd]);
  const text = await w.text();
  const end = text.indexOf("winter months.") + "winter months.".length;
  assert.deepEqual(caret, [true, end, end]);
  await page.keyboard.type(SENTENCE);
  assert.ok((await w.text()).includes("winter months." + SENTENCE), await w.text());
  const after = await said(line, "some");
  assert.equal(after.text, "Partly in your own words: offices give that more weight.");
  assert.equal(await w.button("Add a sentence of your own").isVisible(), false, "the line steps back");
  assert.deepEqual(await heard(), ["Partly in your own words: offices give that more weight."], "one announcement, for the one change");

  // Taking the sentence out again does not bring the invitation back this session.
  await w.letter.fill((await w.text()).replace(SENTENCE, ""));
  assert.equal((await said(line, "quiet")).text, "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("with a story prompt the button goes to it, and the reader's words there are their own", async () => {
  const { context, page, w, line } = await open("/story.html");
  assert.equal((await said(line)).state, "invite");
  await w.button("Add a sentence of your own").click();
  const story = w.field("Why this matters to you");
  assert.equal(await story.evaluate((el) => el === el.getRootNode().activeElement), true, "focus is in the story box");
  await page.keyboard.type("I walk the path each evening with my two children and our old dog.");
  // 14 words of theirs beside the organiser's 12.
  assert.equal((await said(line, "mostly")).text, "Mostly in your own words.");
  await context.close();
});

test("a dismissal is kept with the draft: reloaded, the line stays away", async () => {
  const { context, page, w, line } = await open("/plain.html");
  await w.button("Hide this").click();
  assert.equal((await said(line, "quiet")).text, "");
  await w.waitSaved();
  const draft = JSON.parse(await page.evaluate(() => localStorage.getItem("letter-widget:draft:plain")));
  assert.equal(draft.own_words_dismissed, true);
  await page.reload();
  await waitReady(page);
  const again = new Widget(page).host.locator(".lw-own");
  assert.deepEqual(await said(again), { state: "quiet", text: "" });
  assert.equal(await again.getByRole("button").first().isVisible(), false);
  await context.close();
});

test("own-words=\"off\" leaves the line out; any other value tells the organiser what to write", async () => {
  const { context, page, line } = await open("/off.html");
  assert.equal(await line.count(), 0);
  await page.goto(env.server.url + "/bad.html");
  const box = page.locator("letter-widget").getByRole("alert");
  assert.match(await box.innerText(), /own-words="quiet" is not a setting; write own-words="off"/);
  await context.close();
});

test("in Arabic the line is translated and laid out right to left, and axe-core finds nothing", async () => {
  const { context, page, line } = await open("/ar.html");
  const { state, text } = await said(line);
  assert.equal(state, "invite");
  assert.match(text, /بكلمات المنظِّمين/);
  const layout = await line.evaluate((el) => {
    const s = getComputedStyle(el);
    return { dir: s.direction, right: s.borderRightWidth, left: s.borderLeftWidth };
  });
  assert.deepEqual(layout, { dir: "rtl", right: "4px", left: "0px" }, "the rule stands at the start, on the right");
  assert.deepEqual(await axeViolations(page), []);
  const en = await open("/plain.html");
  assert.deepEqual(await axeViolations(en.page), []);
  await en.context.close();
  await context.close();
});

test("the sent checklist says which copies carried the reader's own words, also after a reload", async () => {
  const { context, page, w } = await open("/list.html");
  await w.host.getByLabel("Where you live").selectOption("W1");
  const card = (who) => w.host.locator(".lw-recipient", { hasText: who });
  await card("Councillor Ash").getByLabel("Mark as sent").check();
  await w.letter.focus();
  const text = await w.text();
  const end = text.indexOf("winter months.") + "winter months.".length;
  await w.letter.evaluate((el, at) => el.setSelectionRange(at, at), end);
  await page.keyboard.type(SENTENCE);
  await card("Councillor Birch").getByLabel("Mark as sent").check();
  const kinds = async () => [await card("Councillor Ash").locator(".lw-copy-kind").innerText(), await card("Councillor Birch").locator(".lw-copy-kind").innerText()];
  assert.deepEqual(await kinds(), ["the organiser's words", "in your own words"]);
  await w.waitSaved();
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await kinds(), ["the organiser's words", "in your own words"]);
  await context.close();
});
