// The walking skeleton: the demo page from the release build works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const env = withBrowserAndDist();

test("the demo page loads the widget with no console errors", async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + "/");
  await waitReady(page);
  const w = new Widget(page);
  // The demo letter is addressed from its recipients list (recipients.test.mjs).
  assert.match(await w.text(), /^Dear \[Recipient\],/);
  assert.ok(await w.field("Your full name").isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test("filling a field changes the letter", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/");
  await waitReady(page);
  const w = new Widget(page);
  await w.field("Your full name").fill("Kim Min-ji");
  assert.match(await w.text(), /Respectfully,\nKim Min-ji\n/);
  await context.close();
});

test("typing in the letter survives a reload", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/");
  await waitReady(page);
  const w = new Widget(page);
  await w.letter.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\nP.S. I have written before.");
  await w.waitSaved();
  await page.reload();
  await waitReady(page);
  const after = new Widget(page);
  assert.match(await after.text(), /P\.S\. I have written before\.$/);
  await context.close();
});
