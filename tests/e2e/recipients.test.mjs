// Writing to one's own representatives (issue 8): the organiser's recipients
// list, the reader's region, one personal letter per recipient handed to
// their contact form, and the "sent" checklist kept in the draft.
// Real headless Chromium, release build; no request leaves the test machine:
// the demo list's example.org contact forms are answered by a route.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const LETTER = `Dear {{recipient}},

Please speak up for the refugees held abroad.

Respectfully,
{{name: Your full name}}`;

const entry = (id, greeting, extra = "") =>
  `{"id": "${id}", "name": "${greeting} Person", "greeting": "${greeting}", "group": "NR"${extra}}`;

const page = (attrs, inside) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Recipients</title></head><body><main><h1>Blog post</h1>
<letter-widget ${attrs}>${inside}</letter-widget></main>
<script src="/letter-widget.js" defer></script></body></html>`;

const inline = (list) => `${LETTER}
<script type="application/json" slot="recipients">${list}</script>`;

const env = withBrowserAndDist({
    pages: {
      "/inline.html": {
        body: page(
          'letter-id="inline"',
          inline(`{"recipients": [${entry("a", "Senator Able", ', "contact_url": "https://able.example.org/form"')}, ${entry("b", "Senator Baker")}]}`),
        ),
      },
      "/evil-inline.html": {
        body: page(
          'letter-id="evil"',
          inline(`{"recipients": [${entry("good", "Senator Good")}, ${entry("evil", "Senator Evil", ', "contact_url": "javascript:alert(document.cookie)"')}]}`),
        ),
      },
      "/evil-src.html": { body: page('letter-id="evil-src" recipients-src="evil.json"', LETTER) },
      "/evil.json": {
        type: "application/json",
        body: `{"recipients": [${entry("x", "Senator X", ', "contact_url": "data:text/html,<script>alert(1)</script>"')}]}`,
      },
      "/missing-src.html": { body: page('letter-id="missing" recipients-src="nowhere.json"', LETTER) },
      "/unreachable-src.html": { body: page('letter-id="unreachable" recipients-src="flaky.json"', LETTER) },
      "/flaky.json": { type: "application/json", body: `{"recipients": [${entry("a", "Senator Able")}]}` },
    },
  });

/** A context whose example.org contact forms are served here, never fetched. */
async function newContext(options = {}) {
  const context = await env.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], ...options });
  const forms = [];
  await context.route("https://*.example.org/**", (route) => {
    forms.push(route.request().url());
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>Contact form</title><textarea></textarea>" });
  });
  return { context, forms };
}

async function open(context, path = "/") {
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + path);
  await waitReady(page);
  return { page, errors, w: new Widget(page) };
}

const region = (w) => w.host.getByLabel("Where you live");
const person = (w, greeting) => w.host.locator("li.lw-recipient").filter({ hasText: greeting });

/** Clicks the recipient's main button, returns the tab it opened and the clipboard. */
async function copyAndOpen(context, page, w, greeting) {
  const button = w.host.getByRole("button", { name: `Copy letter for ${greeting} and open their contact form` });
  await page.evaluate(() => navigator.clipboard.writeText(""));
  const [tab] = await Promise.all([context.waitForEvent("page"), button.click()]);
  await tab.waitForLoadState();
  await page.bringToFront();
  await w.host.getByText("Letter copied").waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  return { tab, clip };
}

test("the reader picks their region from the list and its recipients appear", async () => {
  const { context } = await newContext();
  const { page, errors, w } = await open(context);
  // {{recipient}} is filled from the list, not typed: the picker stands in for its input.
  assert.equal(await w.host.locator("select#lw-field-0").count(), 1);
  assert.equal(await w.host.locator("input#lw-field-0").count(), 0);
  assert.match(await w.text(), /^Dear \[Recipient\],/);
  assert.equal(await w.host.locator("li.lw-recipient").count(), 0);
  const options = await region(w).locator("option").allInnerTexts();
  assert.deepEqual(options, ["Choose…", "Northreach", "Silver Valley"]);

  await region(w).selectOption("SV");
  assert.deepEqual(await w.host.locator("li.lw-recipient strong").allInnerTexts(), ["Senator Whitfield", "Senator Raman"]);
  await region(w).selectOption("NR");
  assert.deepEqual(await w.host.locator("li.lw-recipient strong").allInnerTexts(), [
    "Senator Alvarez",
    "Senator Okafor",
    "Representative Lindqvist",
  ]);
  // Addressed to the first, whose phone number is a tel: link and whose
  // contact form takes 2000 characters.
  assert.match(await w.text(), /^Dear Senator Alvarez,/);
  assert.equal(await person(w, "Senator Alvarez").getAttribute("aria-current"), "true");
  const phone = person(w, "Senator Alvarez").getByRole("link", { name: "(202) 555-0101" });
  assert.equal(await phone.getAttribute("href"), "tel:2025550101");
  assert.match(await w.host.locator(".lw-meter").innerText(), / of 2,000 characters/);
  // Only a recipient with an email address offers Email.
  assert.equal(await person(w, "Senator Alvarez").getByRole("button", { name: /^Email/ }).count(), 0);
  assert.equal(await person(w, "Senator Okafor").getByRole("button", { name: "Email Senator Okafor" }).count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("each recipient gets their own copy, handed to their contact form in a new tab", async () => {
  const { context, forms } = await newContext();
  const referers = [];
  context.on("request", (r) => {
    if (r.url() === "https://alvarez.example.org/contact") referers.push(r.headers().referer);
  });
  const { page, errors, w } = await open(context);
  await w.field("Your full name").fill("Kim Min-ji");
  await w.field("Your address").fill("1 Harbor Square\nLakeport");
  await region(w).selectOption("NR");

  const first = await copyAndOpen(context, page, w, "Senator Alvarez");
  assert.equal(first.tab.url(), "https://alvarez.example.org/contact");
  assert.equal(await first.tab.evaluate(() => window.opener), null, "the form cannot reach back into the blog");
  // Nor does it learn which post sent the reader (no Referer, noreferrer).
  assert.equal(await first.tab.evaluate(() => document.referrer), "", "the form is not told the blog's address");
  assert.deepEqual(referers, [undefined], "no Referer header reaches the contact form");
  const second = await copyAndOpen(context, page, w, "Senator Okafor");
  assert.equal(second.tab.url(), "https://okafor.example.org/write-to-tom");

  assert.match(first.clip, /^Dear Senator Alvarez,\n/);
  assert.match(first.clip, /Kim Min-ji/);
  // The two letters differ only in the greeting.
  assert.notEqual(first.clip, second.clip);
  assert.equal(second.clip, first.clip.replace("Dear Senator Alvarez,", "Dear Senator Okafor,"));
  // The letter now shown is the one sent last, and the meter uses the
  // page's limit for a recipient without one of their own.
  assert.equal(await w.text(), second.clip);
  assert.match(await w.host.locator(".lw-meter").innerText(), / of 5,000 characters/);
  assert.deepEqual(forms, ["https://alvarez.example.org/contact", "https://okafor.example.org/write-to-tom"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("Email and Print go to the recipient: their address, their office block above the letter", async () => {
  const { context } = await newContext();
  const { page, w } = await open(context);
  await w.field("Your full name").fill("Kim");
  await w.field("Your address").fill("1 Harbor Square");
  await region(w).selectOption("NR");
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
    // Record where the page goes instead of launching a mail program.
    window.__mailto = [];
    navigation.addEventListener("navigate", (e) => {
      window.__mailto.push(e.destination.url);
      e.preventDefault();
    });
  });
  await person(w, "Senator Okafor").getByRole("button", { name: "Print for Senator Okafor" }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => document.body.innerText.trim());
  await page.emulateMedia({ media: "screen" });
  // The office address block, set apart above the letter, and nothing of the page.
  assert.match(printed, /^Office of Senator Thomas Okafor\n230 Capitol Building\n1 Harbor Square\nLakeport, NR 00101\n+Dear Senator Okafor,\n/);
  assert.ok(printed.trim().endsWith("1 Harbor Square"), printed);

  // The Email link writes to the recipient the letter is addressed to, and says so first.
  await w.host.getByRole("link", { name: "Email" }).click();
  await w.host.getByText("Your mail app will open a message to office@okafor.example.org.").waitFor();
  assert.deepEqual(await page.evaluate(() => window.__mailto), []);
  await w.button("Open mail app").click();
  await page.waitForFunction(() => window.__mailto.length > 0);
  const [href] = await page.evaluate(() => window.__mailto);
  const url = new URL(href);
  assert.equal(decodeURIComponent(url.pathname), "office@okafor.example.org");
  assert.match(url.searchParams.get("body"), /^Dear Senator Okafor,/);
  await context.close();
});

test("the sent checklist is kept in the draft and survives a reload", async () => {
  const { context } = await newContext();
  const { page, w } = await open(context);
  await region(w).selectOption("NR");
  const sent = (w, greeting) => person(w, greeting).getByRole("checkbox", { name: "Mark as sent" });
  await sent(w, "Senator Alvarez").check();
  // Ticking one off moves the letter on to the next still to write.
  assert.match(await w.text(), /^Dear Senator Okafor,/);
  await w.waitSaved();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("letter-widget:draft:demo-refugees")));
  assert.deepEqual(stored.sent, ["alvarez-maria"]);
  assert.equal(stored.region, "NR");

  await page.reload();
  await waitReady(page);
  const again = new Widget(page);
  assert.equal(await region(again).inputValue(), "NR");
  assert.equal(await sent(again, "Senator Alvarez").isChecked(), true);
  assert.equal(await sent(again, "Senator Okafor").isChecked(), false);
  assert.match(await again.text(), /^Dear Senator Okafor,/);
  assert.equal(await person(again, "Senator Okafor").getAttribute("aria-current"), "true");
  await context.close();
});

test("an inline list works and its JSON never shows up as letter text", async () => {
  const { context, forms } = await newContext();
  const { page, errors, w } = await open(context, "/inline.html");
  assert.equal(await w.text(), "Dear [Recipient],\n\nPlease speak up for the refugees held abroad.\n\nRespectfully,\n[Your full name]");
  await region(w).selectOption("NR");
  assert.match(await w.text(), /^Dear Senator Able,/);
  // Without a contact form, the button only copies.
  await person(w, "Senator Baker").getByRole("button", { name: "Copy letter for Senator Baker" }).click();
  await w.host.getByRole("button", { name: "Continue anyway" }).click();
  await w.host.getByText("Letter copied").waitFor();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Dear Senator Baker,/);
  assert.equal(context.pages().length, 1);
  assert.deepEqual(forms, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a javascript: contact URL is refused with a visible error naming the entry", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.addInitScript(() => {
    window.__lwErrors = [];
    document.addEventListener("letter-widget:error", (e) => window.__lwErrors.push(e.detail));
  });
  await page.goto(env.server.url + "/evil-inline.html");
  const box = page.locator("letter-widget").getByRole("alert");
  await box.waitFor();
  const text = await box.innerText();
  assert.match(text, /This letter can't be shown/);
  assert.match(text, /recipient 2 \("evil"\): contact_url "javascript:alert\(document\.cookie\)" is not an http or https address/);
  assert.equal(await page.locator("letter-widget").getByRole("button").count(), 0, "no form to send from");
  const [detail] = await page.evaluate(() => window.__lwErrors);
  assert.match(detail, /^<script slot="recipients">: recipient 2/);
  await context.close();
});

test("a data: URL in a recipients-src list is refused too, and a missing list says so", async () => {
  const context = await env.browser.newContext();
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/evil-src.html");
  const box = page.locator("letter-widget").getByRole("alert");
  await box.waitFor();
  assert.match(await box.innerText(), /recipients-src="evil\.json" — recipient 1 \("x"\): contact_url "data:text\/html,<script>alert\(1\)<\/script>" is not an http or https address/);

  await page.goto(env.server.url + "/missing-src.html");
  const missing = page.locator("letter-widget").getByRole("alert");
  await missing.waitFor();
  assert.match(await missing.innerText(), /recipients-src="nowhere\.json" — the server answered 404/);
  await context.close();
});

test("a list out of reach (offline, a failing server) leaves the reader the form without it, and says so", async () => {
  for (const failure of ["offline", "server error"]) {
    const { context } = await newContext();
    await context.route("**/flaky.json", (route) =>
      failure === "offline" ? route.abort("internetdisconnected") : route.fulfill({ status: 503, body: "busy" }),
    );
    const { page, errors } = await openPage(context);
    await page.addInitScript(() => {
      window.__lwErrors = [];
      document.addEventListener("letter-widget:error", (e) => window.__lwErrors.push(e.detail));
    });
    await page.goto(env.server.url + "/unreachable-src.html");
    await waitReady(page);
    const w = new Widget(page);
    await w.host.getByText("The list of representatives couldn't be loaded").waitFor();
    assert.equal(await w.host.getByRole("alert").count(), 0, `${failure}: no error box`);
    // {{recipient}} is an ordinary blank the reader fills in.
    await w.host.getByLabel("Recipient").fill("Senator Okafor");
    await w.host.getByLabel("Your full name").fill("Ana Reader");
    assert.match(await w.text(), /^Dear Senator Okafor,/);
    await w.host.getByText("Draft saved in this browser").waitFor();
    const [detail] = await page.evaluate(() => window.__lwErrors);
    assert.match(detail, failure === "offline" ? /^recipients-src="flaky\.json": it could not be fetched/ : /^recipients-src="flaky\.json": the server answered 503/);

    // Still out of reach on the next visit: the reader's letter is there.
    await page.reload();
    await waitReady(page);
    assert.match(await new Widget(page).text(), /^Dear Senator Okafor,[\s\S]*Ana Reader/);

    // The list is back: it is offered again, and the name the reader typed stays until they pick.
    await context.unroute("**/flaky.json");
    await page.reload();
    await waitReady(page);
    const back = new Widget(page);
    await region(back).waitFor();
    assert.match(await back.text(), /^Dear Senator Okafor,[\s\S]*Ana Reader/);
    await region(back).selectOption("NR");
    await back.host.getByText("Senator Able Person").waitFor();
    assert.match(await back.text(), /^Dear Senator Able,/);
    // Chromium logs the failed fetch itself; nothing else may go wrong.
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), [], failure);
    await context.close();
  }
});

test("the recipients flow passes axe-core, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context } = await newContext({ colorScheme });
    const { page, w } = await open(context);
    await region(w).selectOption("NR");
    await person(w, "Senator Alvarez").waitFor();
    assert.deepEqual(await axeViolations(page), [], colorScheme);
    await context.close();
  }
});

test("on a 320 px phone the recipients flow fits the screen", async () => {
  const { context } = await newContext({ viewport: { width: 320, height: 700 } });
  const { page, w } = await open(context);
  await region(w).selectOption("NR");
  await person(w, "Senator Alvarez").waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `page is ${width}px wide`);
  const button = w.host.getByRole("button", { name: "Copy letter for Senator Alvarez and open their contact form" });
  const box = await button.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, `button spans ${box.x}..${box.x + box.width}`);
  await context.close();
});
