// The reader's experience: fields, free edits, drafts that are never lost,
// and every way of sending the letter on. Real headless Chromium, release build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { axeViolations, openPage, waitReady, Widget, withBrowserAndDist } from "./helpers.mjs";

const LETTER = `Dear Senator {{senator: Senator's last name}},

I am writing about the refugees held abroad.

Respectfully,
{{name: Your full name}}
{{email: Your email | optional}}`;

const page = (attrs, letter = LETTER) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Test letter</title></head>
<body><main><h1>Blog post</h1><p>Some words around the letter.</p>
<letter-widget ${attrs}>${letter}</letter-widget>
<p>More of the post.</p></main>
<script src="/letter-widget.js" defer></script></body></html>`;

const env = withBrowserAndDist({
    pages: {
      "/post.html": { body: page('letter-id="t1" subject="Help the refugees" to="office@example.org" max-length="400"') },
      "/post2.html": { body: page('letter-id="t2" subject="Second letter"') },
      "/post-updated.html": {
        body: page('letter-id="t1" subject="Help the refugees"', LETTER.replace("held abroad", "detained abroad, now 65 of them")),
      },
    },
  });

/** The same letter in two tabs of one browser. */
async function openTwoTabs(path = "/post.html", { clock = false } = {}) {
  const context = await env.browser.newContext();
  // With the pages' clock stopped, no save timer fires unless a test says so.
  if (clock) await context.clock.install();
  const a = await openPage(context);
  const b = await openPage(context);
  for (const tab of [a, b]) {
    await tab.page.goto(env.server.url + path);
    await waitReady(tab.page);
  }
  return { context, a, b, wa: new Widget(a.page), wb: new Widget(b.page) };
}

async function open(path = "/post.html", contextOptions = {}) {
  const context = await env.browser.newContext(contextOptions);
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + path);
  await waitReady(page);
  return { context, page, errors, w: new Widget(page) };
}

test("one labelled input per field, with the right types, autofill and required marks", async () => {
  const { context, w } = await open();
  const senator = w.field("Senator's last name");
  assert.equal(await senator.getAttribute("type"), "text");
  assert.equal(await senator.getAttribute("aria-required"), "true");
  const name = w.field("Your full name");
  assert.equal(await name.getAttribute("autocomplete"), "name");
  const email = w.field("Your email");
  assert.equal(await email.getAttribute("type"), "email");
  assert.equal(await email.getAttribute("autocomplete"), "email");
  assert.equal(await email.getAttribute("aria-required"), null);
  assert.match(await w.host.locator(".lw-progress").innerText(), /0 of 3 blanks filled/);
  await senator.fill("Lugar");
  assert.match(await w.host.locator(".lw-progress").innerText(), /1 of 3 blanks filled/);
  await context.close();
});

test("fields keep flowing into the letter after free edits, and blanks are highlighted", async () => {
  const { context, page, w } = await open();
  assert.equal(await w.host.locator("mark.lw-blank").count(), 3);
  // Rewrite a sentence in the reader's own words.
  const text = await w.text();
  await w.letter.fill(text.replace("I am writing about the refugees held abroad.", "Please help the 65 people detained abroad."));
  await w.field("Senator's last name").fill("Lugar");
  await w.field("Your full name").fill("Kim Min-ji");
  const now = await w.text();
  assert.match(now, /^Dear Senator Lugar,\n\nPlease help the 65 people detained abroad\.\n/);
  assert.match(now, /Respectfully,\nKim Min-ji\n/);
  assert.equal(await w.host.locator("mark.lw-blank").count(), 1, "only the email is still empty");
  // The highlight layer draws exactly the letter, line for line.
  const drawn = await w.host.locator(".lw-backdrop").evaluate((layer) => [...layer.children].map((l) => l.textContent).join("\n"));
  assert.equal(drawn, await w.text());
  // Typing straight into a blank fills its field.
  await w.field("Your email").fill("");
  await page.waitForTimeout(50);
  assert.equal(await w.field("Your email").inputValue(), "");
  await context.close();
});

test("the still-empty list jumps to each blank's input", async () => {
  const { context, page, w } = await open();
  await w.host.locator(".lw-empty").getByRole("button", { name: "Your full name" }).click();
  const focused = await page.evaluate(() => {
    const host = document.querySelector("letter-widget");
    return host.shadowRoot.activeElement?.id;
  });
  const id = await w.field("Your full name").getAttribute("id");
  assert.equal(focused, id);
  await context.close();
});

test("type, then reload at once: nothing is lost", async () => {
  const { context, page, w } = await open();
  await w.field("Senator's last name").fill("Durbin");
  await w.letter.press("End");
  await w.letter.pressSequentially(" Quickly typed.");
  // No waiting for the debounce: the pagehide flush must save it.
  await page.reload();
  await waitReady(page);
  const again = new Widget(page);
  assert.match(await again.text(), /^Dear Senator Durbin,/);
  assert.match(await again.text(), /Quickly typed\./);
  assert.equal(await again.field("Senator's last name").inputValue(), "Durbin");
  assert.match(await again.status().innerText(), /Draft restored/);
  await context.close();
});

test("a long burst of typing is saved as it goes, not only once the reader pauses", async () => {
  const { context, page, w } = await open();
  await w.letter.press("End");
  // A key every 100 ms for 3 seconds: never a pause as long as the save's delay.
  const typing = w.letter.pressSequentially(" and this sentence goes on", { delay: 100 });
  await page.waitForTimeout(1500);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("letter-widget:draft:t1") || "{}").text || "");
  assert.match(saved, / and th/, "the draft in storage while the reader is still typing");
  await typing;
  await context.close();
});

test("once the reader types, the browser is asked once to keep the drafts; where it will not promise, a note says to copy or download", async () => {
  for (const answer of [false, true]) {
    const context = await env.browser.newContext();
    await context.addInitScript((answer) => {
      window.__persistCalls = 0;
      navigator.storage.persist = () => {
        window.__persistCalls++;
        return Promise.resolve(answer);
      };
    }, answer);
    const { page } = await openPage(context);
    await page.goto(env.server.url + "/post.html");
    await waitReady(page);
    const w = new Widget(page);
    const note = w.host.locator(".lw-may-clear");
    assert.equal(await page.evaluate(() => window.__persistCalls), 0, "not before the reader has typed");
    assert.equal(await note.isVisible(), false);
    await w.field("Your full name").fill("Kim");
    await w.letter.press("End");
    await w.letter.pressSequentially(" More.");
    await page.waitForFunction(() => window.__persistCalls > 0);
    if (!answer) await note.waitFor();
    else await page.waitForTimeout(300);
    assert.equal(await note.isVisible(), !answer, `persist() answered ${answer}`);
    if (!answer) assert.match(await note.innerText(), /may clear saved drafts.*copy or download it/);
    assert.equal(await page.evaluate(() => window.__persistCalls), 1, "asked once");
    await context.close();
  }
});

test("localStorage that throws on access: the widget works and says drafts can't be saved", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + "/post.html");
  await waitReady(page);
  const w = new Widget(page);
  await w.field("Senator's last name").fill("Lugar");
  assert.match(await w.text(), /Dear Senator Lugar,/);
  assert.match(await w.status().innerText(), /Can't save drafts in this browser — copy your letter before you leave/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("storage full: the reader is told plainly and keeps working", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith("letter-widget:draft:")) throw new DOMException("full", "QuotaExceededError");
      return real.call(this, key, value);
    };
  });
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/post.html");
  await waitReady(page);
  const w = new Widget(page);
  await w.field("Senator's last name").fill("Lugar");
  await w.status().filter({ hasText: "storage is full" }).waitFor();
  assert.match(await w.text(), /Dear Senator Lugar,/);
  await context.close();
});

test("corrupt JSON under the draft key: the widget loads and the bad data is kept aside", async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + "/post2.html");
  await waitReady(page);
  await page.evaluate(() => localStorage.setItem("letter-widget:draft:t1", "{not json"));
  await page.goto(env.server.url + "/post.html");
  await waitReady(page);
  const w = new Widget(page);
  assert.match(await w.text(), /^Dear Senator \[Senator's last name\],/);
  await w.host.getByText("couldn't be read").waitFor();
  const aside = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("letter-widget:draft:t1:corrupt"))
      .map((k) => localStorage.getItem(k))
  );
  assert.deepEqual(aside, ["{not json"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("two pages in one browser context converge", async () => {
  const { context, a, b, wa, wb } = await openTwoTabs();
  await wa.field("Senator's last name").fill("Lugar");
  await wa.waitSaved();
  await b.page.waitForFunction(() =>
    document.querySelector("letter-widget").letterText?.startsWith("Dear Senator Lugar,")
  );
  assert.equal(await wb.field("Senator's last name").inputValue(), "Lugar");
  await wb.field("Your full name").fill("Kim");
  await wb.waitSaved();
  await a.page.waitForFunction(() => /\nKim\n/.test(document.querySelector("letter-widget").letterText));
  assert.equal(await wa.text(), await wb.text());
  await context.close();
});

test("the organiser changed the letter: the draft is kept, and the reader chooses", async () => {
  const { context, page, w } = await open();
  await w.field("Senator's last name").fill("Lugar");
  await w.waitSaved();
  await page.goto(env.server.url + "/post-updated.html");
  await waitReady(page);
  const u = new Widget(page);
  await u.host.getByText("The organiser has updated this letter").waitFor();
  assert.match(await u.text(), /held abroad/, "the reader's own letter is kept");
  await u.button("Use the updated letter").click();
  assert.match(await u.text(), /^Dear Senator Lugar,\n\nI am writing about the refugees detained abroad, now 65 of them\./);
  await u.button("Undo").click();
  assert.match(await u.text(), /held abroad/);
  await context.close();
});

test("Copy puts the letter on the clipboard, after naming blanks still empty", async () => {
  const { context, page, w } = await open("/post.html", { permissions: ["clipboard-read", "clipboard-write"] });
  await w.field("Senator's last name").fill("Lugar");
  await w.button("Copy letter").click();
  const warning = w.host.locator(".lw-notice");
  await warning.getByText("Still empty: Your full name.").waitFor();
  await warning.getByRole("button", { name: "Go to Your full name" }).click();
  await w.field("Your full name").fill("Kim Min-ji");
  await w.button("Copy letter").click();
  await w.host.getByText("Letter copied").waitFor();
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, await w.text());
  assert.match(clip, /^Dear Senator Lugar,[\s\S]*Kim Min-ji/);
  await context.close();
});

test("Download saves a .txt named from the subject", async () => {
  const { context, page, w } = await open();
  await w.field("Senator's last name").fill("Lugar");
  const [download] = await Promise.all([page.waitForEvent("download"), w.button("Download").click()]);
  assert.equal(download.suggestedFilename(), "help-the-refugees.txt");
  const path = await download.path();
  assert.equal(readFileSync(path, "utf8"), await w.text());
  await context.close();
});

test("Email names its addresses first, then opens a mailto link with recipients, subject and the letter", async () => {
  const { context, page, w } = await open();
  await w.field("Senator's last name").fill("Lugar");
  await w.field("Your full name").fill("Kim");
  await page.evaluate(() => {
    window.__mailto = [];
    // Record where the page goes instead of launching a mail program.
    navigation.addEventListener("navigate", (e) => {
      window.__mailto.push(e.destination.url);
      e.preventDefault();
    });
  });
  // The link itself names the organiser's address, for its context menu.
  assert.equal(await w.host.getByRole("link", { name: "Email" }).getAttribute("href"), "mailto:office@example.org?subject=Help%20the%20refugees&body=");
  await w.host.getByRole("link", { name: "Email" }).click();
  // The addresses are shown before the mail app opens.
  await w.host.getByText("Your mail app will open a message to office@example.org.").waitFor();
  assert.deepEqual(await page.evaluate(() => window.__mailto), []);
  await w.button("Open mail app").click();
  await page.waitForFunction(() => window.__mailto.length > 0);
  const [href] = await page.evaluate(() => window.__mailto);
  const url = new URL(href);
  assert.equal(decodeURIComponent(url.pathname), "office@example.org");
  assert.equal(url.searchParams.get("subject"), "Help the refugees");
  assert.equal(url.searchParams.get("body"), (await w.text()).replace(/\n/g, "\r\n"));
  await context.close();
});

test("Print shows the letter alone, laid out as a letter", async () => {
  const { context, page, w } = await open();
  await w.field("Senator's last name").fill("Lugar");
  await w.field("Your full name").fill("Kim");
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
    // Markup in the post (an author may set id and style) that once took the letter.
    const trap = document.createElement("div");
    trap.id = "letter-widget-print";
    trap.style.cssText = "display:block";
    trap.textContent = "Not the letter";
    document.body.prepend(trap);
  });
  const letter = await w.text();
  await w.button("Print").click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => document.body.innerText.trim());
  assert.equal(printed, letter.trim());
  assert.equal(await page.evaluate(() => document.getElementById("letter-widget-print").textContent), "Not the letter");
  await page.emulateMedia({ media: "screen" });
  assert.match(await page.evaluate(() => document.body.innerText), /Blog post/);
  // After printing, the letter (name and address) is no longer in the page.
  await page.evaluate(() => dispatchEvent(new Event("afterprint")));
  assert.equal(await page.evaluate(() => document.body.textContent.includes("Kim")), false);
  await context.close();
});

test("Start over asks first and can be undone once", async () => {
  const { context, w } = await open();
  await w.field("Senator's last name").fill("Lugar");
  await w.button("Start over").click();
  await w.button("Cancel").click();
  assert.match(await w.text(), /Dear Senator Lugar,/);
  await w.button("Start over").click();
  await w.button("Yes, start over").click();
  assert.match(await w.text(), /^Dear Senator \[Senator's last name\],/);
  await w.button("Undo").click();
  assert.match(await w.text(), /Dear Senator Lugar,/);
  await context.close();
});

test("the meter counts as web forms do and warns before the limit, never truncating", async () => {
  const { context, w } = await open();
  const meter = w.host.locator(".lw-meter");
  const text = await w.text();
  // Web forms count a line break as 2.
  const units = text.length + (text.match(/\n/g) || []).length;
  assert.match(await meter.innerText(), new RegExp(`^${units} of 400 characters`));
  // Screen readers hear the count only once it matters, not at every key.
  assert.equal(await meter.getAttribute("aria-live"), "off");
  await w.letter.fill(text + "x".repeat(400 - units - 10));
  assert.match(await meter.innerText(), /10 characters left/);
  assert.equal(await meter.getAttribute("aria-live"), "polite");
  await w.letter.fill(text + "x".repeat(400 - units + 25));
  assert.match(await meter.innerText(), /25 characters over the limit/);
  assert.equal((await w.text()).length, text.length + 400 - units + 25, "nothing was cut");
  await context.close();
});

test("remember my details: reused by another letter on the site; Forget me erases everything", async () => {
  const { context, page, w } = await open();
  await w.host.getByLabel("Remember my details").check();
  await w.field("Your full name").fill("Kim Min-ji");
  await w.waitSaved();
  await page.goto(env.server.url + "/post2.html");
  await waitReady(page);
  const other = new Widget(page);
  assert.equal(await other.field("Your full name").inputValue(), "Kim Min-ji");
  assert.equal(await other.field("Senator's last name").inputValue(), "", "only personal details are shared");
  await other.button("Forget me").click();
  await other.host.getByText("has been erased").waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("letter-widget:")));
  assert.deepEqual(keys, []);
  assert.equal(await other.field("Your full name").inputValue(), "");
  await context.close();
});

test("keyboard alone: every control is reachable and shows the widget's own focus ring", async () => {
  const { context, page } = await open();
  // The organiser's ring colour: the browser's default ring would not wear it.
  await page.evaluate(() => document.querySelector("letter-widget").style.setProperty("--letter-widget-focus", "rgb(1, 2, 3)"));
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const host = document.querySelector("letter-widget");
      const el = host.shadowRoot.activeElement;
      if (!el) return null;
      const style = getComputedStyle(el);
      const ring = el.closest(".lw-editor") ? getComputedStyle(el.closest(".lw-editor")) : style;
      return { name: el.id || el.textContent.trim(), outline: `${ring.outlineStyle} ${ring.outlineWidth} ${ring.outlineColor}` };
    });
    if (!info) continue;
    assert.equal(info.outline, "solid 3px rgb(1, 2, 3)", `focus ring on ${info.name}`);
    seen.add(info.name);
  }
  for (const name of ["lw-letter", "Copy letter", "Download", "Print", "Start over", "Forget me"]) {
    assert.ok(seen.has(name), `${name} reachable by Tab (saw ${[...seen].join(", ")})`);
  }
  await context.close();
});

test("usable at 320 px wide, and dark mode follows the system", async () => {
  const { context, page, w } = await open("/post.html", { viewport: { width: 320, height: 640 }, colorScheme: "dark" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `page is ${overflow}px wide`);
  const box = await w.letter.boundingBox();
  assert.ok(box.width > 200, `letter is ${box.width}px wide`);
  const bg = await page.evaluate(() => {
    const el = document.querySelector("letter-widget").shadowRoot.querySelector(".lw");
    return getComputedStyle(el).backgroundColor;
  });
  assert.equal(bg, "rgb(17, 24, 39)");
  await context.close();
});

test("axe-core finds no WCAG 2.1 AA violations, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page, w } = await open("/post.html", { colorScheme });
    await w.field("Senator's last name").fill("Lugar");
    await w.button("Copy letter").click(); // shows the warning box too
    const summary = await axeViolations(page);
    assert.deepEqual(summary, [], colorScheme);
    await context.close();
  }
});

test("Copy still works where the Clipboard API is missing (plain http:// pages)", async () => {
  const context = await env.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  // Pages that are not secure contexts have no navigator.clipboard.
  await context.addInitScript(() => {
    if (location.pathname === "/post.html") Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
  });
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/post.html");
  await waitReady(page);
  const w = new Widget(page);
  assert.equal(await page.evaluate(() => navigator.clipboard), undefined);
  await w.field("Senator's last name").fill("Lugar");
  await w.field("Your full name").fill("Kim");
  await w.button("Copy letter").click();
  await w.host.getByText("Letter copied").waitFor();
  const reader = await context.newPage();
  await reader.goto(env.server.url + "/post2.html");
  assert.equal(await reader.evaluate(() => navigator.clipboard.readText()), await w.text());
  await context.close();
});

test("Email with a letter too long for a mail link copies it and says so", async () => {
  const { context, page, w } = await open("/post.html", { permissions: ["clipboard-read", "clipboard-write"] });
  await w.field("Senator's last name").fill("Lugar");
  await w.field("Your full name").fill("Kim");
  await w.letter.fill((await w.text()) + "\n" + "A long paragraph about the refugees. ".repeat(60));
  // Keep the mail program from opening; what matters is what the widget did.
  await page.evaluate(() => {
    window.__navigations = [];
    navigation.addEventListener("navigate", (e) => {
      window.__navigations.push(e.destination.url);
      e.preventDefault();
    });
  });
  await w.host.getByRole("link", { name: "Email" }).click();
  await w.button("Open mail app").click();
  await w.host.getByText("too long for an email link, so it was copied instead").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await w.text());
  await page.waitForFunction(() => window.__navigations.length > 0);
  const [href] = await page.evaluate(() => window.__navigations);
  assert.equal(href, "mailto:office@example.org?subject=Help%20the%20refugees");
  await context.close();
});

test("Share is offered only where the browser has the Web Share API", async () => {
  const plain = await open("/post.html");
  assert.equal(await plain.w.button("Share").count(), navigator_has_share(await plain.page.evaluate(() => "share" in navigator)));
  await plain.context.close();
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__shared = [];
    navigator.share = async (data) => window.__shared.push(data);
  });
  const { page } = await openPage(context);
  await page.goto(env.server.url + "/post.html");
  await waitReady(page);
  const w = new Widget(page);
  await w.button("Share").click();
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.equal(shared.title, "Help the refugees");
  assert.equal(shared.text, await w.text());
  await context.close();
});

function navigator_has_share(has) {
  return has ? 1 : 0;
}

test("two tabs typing at once: neither tab's words are silently lost", async () => {
  const { context, a, b, wa, wb } = await openTwoTabs("/post.html", { clock: true });
  await context.clock.pauseAt(new Date(Date.now() + 1000));
  // Tab B has typing of its own, not yet saved, when tab A's save arrives
  // (A's page is being hidden, which saves at once). The pages' clock is
  // stopped, so B's save, due 300 ms after its first change, is still to come.
  await wb.letter.press("Control+End");
  await wb.letter.pressSequentially(" Typed in B.");
  await wa.letter.fill((await wa.text()) + " Typed in A.");
  await a.page.evaluate(() => dispatchEvent(new Event("pagehide")));
  // B kept its own words and offers A's version instead of dropping either.
  assert.match(await wb.text(), /Typed in B\.$/);
  await wb.host.getByText("Your letter was changed in another tab.").waitFor();
  await wb.button("Use that version").click();
  assert.match(await wb.text(), /Typed in A\.$/);
  await wb.button("Undo").click();
  assert.match(await wb.text(), /Typed in B\.$/);
  // Tab A follows once B saves, and keeps its own version for one undo.
  await context.clock.resume();
  await a.page.waitForFunction(() => /Typed in B\.$/.test(document.querySelector("letter-widget").letterText));
  await wa.host.getByText("Your letter was updated from another tab.").waitFor();
  await context.close();
});
