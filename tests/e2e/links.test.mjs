// Letter links (issue 16): a link's letter is whoever sent it's, so it never
// reaches the reader's saved drafts or remembered details, it says where it
// came from, the Email action names its addresses first, and a link cannot
// unpack into more than a letter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const env = withBrowserAndDist();

/** `letter` encoded as a link to the standalone page, made in the page itself. */
async function linkTo(page, letter) {
  return page.evaluate(async (letter) => {
    const { encodeLetter } = await import("./letter-link.js");
    return location.origin + "/index.html#" + (await encodeLetter(letter));
  }, letter);
}

/** Opens `url` as a fresh page load, not a same-page change of the hash. */
async function openLink(page, url) {
  await page.goto("about:blank");
  await page.goto(url);
}

/** Keeps the mail app from opening; records where the page tried to go. */
async function recordNavigations(page) {
  await page.evaluate(() => {
    window.__navigations = [];
    navigation.addEventListener("navigate", (e) => {
      window.__navigations.push(e.destination.url);
      e.preventDefault();
    });
  });
}

test("a crafted link naming a real campaign's letter-id gets neither its draft nor the remembered details, and cannot change them", async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context);
  // The reader's real campaign: the demo letter, their own words, their details remembered.
  await page.goto(env.server.url + "/index.html");
  await waitReady(page);
  const real = new Widget(page);
  await real.field("Your full name").fill("Kim Min-ji");
  await real.field("Your address").fill("12 Harbour Road\nPortland");
  await real.letter.press("End");
  await real.letter.pressSequentially("\nMy cousin is one of them.");
  await real.host.getByRole("checkbox", { name: /Remember my details/ }).check();
  await real.waitSaved();
  const before = await page.evaluate(() => ({ ...localStorage }));
  const realText = await real.text();

  const attack = await linkTo(page, {
    t: "Dear {{recipient}},\n\nPlease forward this.\n\n{{name: Your full name}}\n{{address: Your address | multiline}}",
    id: "demo-refugees",
    to: "collector@elsewhere.example",
  });
  await page.goto(attack);
  await waitReady(page);
  const w = new Widget(page);
  assert.equal(await w.text(), "Dear [Recipient],\n\nPlease forward this.\n\n[Your full name]\n[Your address]");
  assert.equal(await w.field("Your full name").inputValue(), "");
  assert.match(await w.host.locator(".lw-notice").first().innerText(), /came in a link: whoever sent it wrote it/);
  assert.equal(await w.host.getByRole("checkbox", { name: /Remember my details/ }).isVisible(), false);

  // Typing here saves a draft of this letter only, under an id of its own.
  await w.field("Your full name").fill("Someone else");
  await w.waitSaved();
  const after = await page.evaluate(() => ({ ...localStorage }));
  assert.equal(after["letter-widget:profile"], before["letter-widget:profile"]);
  assert.equal(after["letter-widget:draft:demo-refugees"], before["letter-widget:draft:demo-refugees"]);
  const linkKeys = Object.keys(after).filter((k) => !(k in before));
  assert.equal(linkKeys.length, 1, linkKeys.join());
  assert.match(linkKeys[0], /^letter-widget:draft:link-[0-9a-f]{32}$/);

  // Email names the link's address before anything opens.
  await recordNavigations(page);
  await w.host.getByRole("link", { name: "Email" }).click();
  await w.button("Continue anyway").click();
  await w.host.getByText("Your mail app will open a message to collector@elsewhere.example.").waitFor();
  assert.deepEqual(await page.evaluate(() => window.__navigations), []);
  await w.button("Cancel").click();
  assert.deepEqual(await page.evaluate(() => window.__navigations), []);

  // The real page still has the reader's own letter.
  await page.goto(env.server.url + "/index.html");
  await waitReady(page);
  assert.equal(await new Widget(page).text(), realText);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link that differs in one address does not share the other's draft", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/builder.html");
  const t = "Dear editor,\n\nPrint this.\n\n{{name: Your name}}";
  const first = await linkTo(page, { t, to: "letters@paper.example" });
  const second = await linkTo(page, { t, to: "letters@paper.example, copy@elsewhere.example" });
  await page.goto(first);
  await waitReady(page);
  await new Widget(page).field("Your name").fill("Ana");
  await new Widget(page).waitSaved();
  await openLink(page, second);
  await waitReady(page);
  assert.equal(await new Widget(page).field("Your name").inputValue(), "");
  await context.close();
});

test("a bomb link (a few KB unpacking to megabytes) is refused at once, with a message; so is an overlong one", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/builder.html");
  const bomb = await linkTo(page, { t: "\n".repeat(10_000_000) });
  assert.ok(bomb.length < 40_000, `the bomb is ${bomb.length} characters`);
  await page.goto(bomb);
  const alert = page.locator("#letter [role=alert]");
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.innerText(), /unpacks to more than the 1024 KB a letter may be/);
  // The tab still answers.
  assert.equal(await page.evaluate(() => 1 + 1), 2);

  await openLink(page, env.server.url + "/index.html#1" + "A".repeat(600 * 1024));
  await alert.waitFor();
  assert.match(await alert.innerText(), /longer than the 512 KB a letter link may be/);
  await context.close();
});

test("a link whose letter is past the template's caps gets the error box that says so", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/builder.html");
  const long = await linkTo(page, { t: "Dear editor,\n" + "A line of the letter.\n".repeat(14_000) });
  await page.goto(long);
  const box = page.locator("letter-widget").locator(".lw-error");
  await box.waitFor();
  assert.match(await box.innerText(), /line 11917, column 2: the letter is 301 KB, over the 256 KB limit/);

  const fields = Array.from({ length: 201 }, (_, i) => `{{f${i}}}`).join(" ");
  await openLink(page, await linkTo(page, { t: fields }));
  await box.waitFor();
  assert.match(await box.innerText(), /the letter has 201 fields, over the limit of 200/);
  await context.close();
});
