// One tag in any blog: the <letter-widget> element on pages of other
// origins, with blog-mangled markup, several widgets, a strict CSP, broken
// templates, scripts blocked, the builder's snippets and letter links.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serveDist, startServer, openPage, waitReady, Widget } from "./helpers.mjs";

const PLAIN = `Dear Senator {{senator: Senator's last name}},

I am writing about the “65” refugees — please help.

Respectfully,
{{name: Your full name}}`;

// What WordPress's wpautop and wptexturize make of the letter above.
const WORDPRESS = `<p>Dear Senator {{senator: Senator&#39;s last name}},</p>
<p>I am writing about the &#8220;65&#8221; refugees &#8212; please help.</p>
<p>Respectfully,<br />
{{name: Your full name}}</p>`;

let browser, widgets, blog;
const blogPages = {};
before(async () => {
  // The widget's files on one origin (localhost), the blog on another (127.0.0.1).
  widgets = await serveDist({ host: "localhost" });
  const W = widgets.url;
  const tag = `<script src="${W}/letter-widget.js" defer></script>`;
  const page = (body, head = "") =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title><link rel="icon" href="data:,">${head}</head><body><article><h1>A post</h1>${body}</article>${tag}</body></html>`;
  Object.assign(blogPages, {
    "/plain.html": { body: page(`<letter-widget letter-id="plain">${PLAIN}</letter-widget>`) },
    "/wordpress.html": { body: page(`<letter-widget letter-id="wp">${WORDPRESS}</letter-widget>`) },
    "/two.html": {
      body: page(
        `<letter-widget letter-id="one">${PLAIN}</letter-widget><p>Between</p><letter-widget letter-id="two">Dear {{who: Who}}, second letter.</letter-widget>`
      ),
    },
    "/twice.html": { body: page(`<letter-widget letter-id="twice">${PLAIN}</letter-widget>${tag}`) },
    "/template.html": {
      body: page(`<letter-widget letter-id="tpl"><p>Readable without script.</p><template>${PLAIN}</template></letter-widget>`),
    },
    "/nodes.html": {
      body: page(`<letter-widget letter-id="nodes"><div>Dear {{who: Who}},<!-- a note for the editor --></div>
<script>window.__ranInLetter = true;</script><style>p { color: red }</style>
<ul><li>one &amp; two</li><li><b>three</b></li></ul><ol><li>first</li><li>second</li></ol>
<p>Yours<br>A&nbsp;reader</p><div id="deep"></div></letter-widget>
<script>{ let at = document.getElementById("deep"); for (let i = 0; i < 5000; i++) at = at.appendChild(document.createElement("span")); at.textContent = "P.S. deep"; }</script>`),
    },
    "/src.html": { body: page(`<letter-widget letter-id="src" src="/letters/refugees.txt">Dear Senator, (loading)</letter-widget>`) },
    "/src-missing.html": { body: page(`<letter-widget letter-id="missing" src="/letters/none.txt"></letter-widget>`) },
    "/letters/refugees.txt": { body: "Dear {{who: Who}} <friend>,\r\nA file letter & more.\r\n", type: "text/plain; charset=utf-8" },
    "/broken.html": {
      body: page(`<letter-widget letter-id="broken">Dear Senator,

I ask you {{senator: Senator to act.
</letter-widget>`),
    },
    "/bad-attr.html": { body: page(`<letter-widget letter-id="bad" max-length="lots">${PLAIN}</letter-widget>`) },
    "/csp.html": {
      body: page(`<letter-widget letter-id="csp">${PLAIN}</letter-widget>`),
      headers: { "Content-Security-Policy": `script-src 'self' ${W} 'wasm-unsafe-eval'` },
    },
    "/csp-strict.html": {
      body: page(`<letter-widget letter-id="csp2">${PLAIN}</letter-widget>`),
      headers: {
        "Content-Security-Policy": `default-src 'none'; script-src 'self' ${W} 'wasm-unsafe-eval'; connect-src 'self' ${W}; style-src 'self'; img-src 'self' data:`,
      },
    },
    "/themed.html": {
      body: page(
        `<letter-widget letter-id="themed">${PLAIN}</letter-widget>`,
        `<style>letter-widget{--letter-widget-accent:rgb(200, 0, 100)} button,textarea,input,label{all:unset;color:red!important;font-size:40px!important} .lw,.lw-primary{display:none!important}</style>`
      ),
    },
  });
  blog = await startServer({ root: "/nonexistent", host: "127.0.0.1", pages: blogPages });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await blog?.close();
  await widgets?.close();
});

async function open(path, options = {}) {
  const context = await browser.newContext(options);
  const { page, errors } = await openPage(context);
  await page.goto(blog.url + path);
  return { context, page, errors };
}

test("a blog on one origin uses the widget from another", async () => {
  const { context, page, errors } = await open("/plain.html");
  await waitReady(page);
  const w = new Widget(page);
  await w.field("Senator's last name").fill("Lugar");
  assert.match(await w.text(), /^Dear Senator Lugar,\n\nI am writing about the “65” refugees — please help\./);
  assert.match(await page.evaluate(() => document.querySelector("letter-widget").letterText), /^Dear Senator Lugar,/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("WordPress-mangled markup gives the same letter as the plain text", async () => {
  const a = await open("/plain.html");
  await waitReady(a.page);
  const plain = await new Widget(a.page).text();
  const b = await open("/wordpress.html");
  await waitReady(b.page);
  assert.equal(await new Widget(b.page).text(), plain);
  await a.context.close();
  await b.context.close();
});

test("two widgets on one page work independently, each with its own draft", async () => {
  const { context, page } = await open("/two.html");
  await waitReady(page, 2);
  const first = new Widget(page, page.locator("letter-widget").nth(0));
  const second = new Widget(page, page.locator("letter-widget").nth(1));
  await first.field("Senator's last name").fill("Lugar");
  await second.field("Who").fill("Friend");
  assert.match(await first.text(), /^Dear Senator Lugar,/);
  assert.equal(await second.text(), "Dear Friend, second letter.");
  await first.waitSaved();
  await second.waitSaved();
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("letter-widget:draft:")).sort());
  assert.deepEqual(keys, ["letter-widget:draft:one", "letter-widget:draft:two"]);
  await context.close();
});

test("the script included twice defines the element once", async () => {
  const { context, page, errors } = await open("/twice.html");
  await waitReady(page);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__lwReady), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("removing the element and adding it again works, and keeps the draft", async () => {
  const { context, page } = await open("/plain.html");
  await waitReady(page);
  await new Widget(page).field("Senator's last name").fill("Lugar");
  await page.evaluate(() => {
    const el = document.querySelector("letter-widget");
    window.__kept = el;
    el.remove();
  });
  await page.evaluate(() => document.querySelector("article").append(window.__kept));
  await waitReady(page, 2);
  const w = new Widget(page);
  assert.match(await w.text(), /^Dear Senator Lugar,/);
  assert.equal(await page.locator("letter-widget").count(), 1);
  assert.equal(await w.host.getByRole("textbox", { name: "Your letter" }).count(), 1);
  await context.close();
});

test("a <template> child holds the letter; the element's text is what shows without script", async () => {
  const { context, page } = await open("/template.html");
  await waitReady(page);
  assert.match(await new Widget(page).text(), /^Dear Senator \[Senator's last name\],/);
  await context.close();
});

test("the browser's parsed nodes are the letter: comments, scripts and styles left out, lists, breaks and entities kept, any depth", async () => {
  const { context, page } = await open("/nodes.html");
  await waitReady(page);
  assert.equal(await new Widget(page).text(), "Dear [Who],\n- one & two\n- three\n1. first\n2. second\n\nYours\nA reader\n\nP.S. deep");
  await context.close();
});

test("src= loads the letter from a file, as plain text", async () => {
  const { context, page } = await open("/src.html");
  await waitReady(page);
  const w = new Widget(page);
  assert.equal(await w.text(), "Dear [Who] <friend>,\nA file letter & more.");
  const missing = await open("/src-missing.html");
  const box = missing.page.locator("letter-widget").locator(".lw-error");
  await box.waitFor();
  assert.match(await box.innerText(), /src="\/letters\/none\.txt" could not be loaded: the server answered 404/);
  await missing.context.close();
  await context.close();
});

test("a broken template shows an error box with line, column and what to do", async () => {
  const { context, page } = await open("/broken.html");
  const box = page.locator("letter-widget").locator(".lw-error");
  await box.waitFor();
  const text = await box.innerText();
  assert.match(text, /This letter can't be shown/);
  assert.match(text, /line 3, column 11/);
  assert.match(text, /add `}}`/);
  const bad = await open("/bad-attr.html");
  const badBox = bad.page.locator("letter-widget").locator(".lw-error");
  await badBox.waitFor();
  assert.match(await badBox.innerText(), /max-length="lots" is not a usable limit/);
  await bad.context.close();
  await context.close();
});

test("works under the documented CSP, and under a strict one", async () => {
  for (const path of ["/csp.html", "/csp-strict.html"]) {
    const { context, page, errors } = await open(path);
    await waitReady(page);
    const w = new Widget(page);
    await w.field("Senator's last name").fill("Lugar");
    assert.match(await w.text(), /^Dear Senator Lugar,/, path);
    assert.deepEqual(errors.filter((e) => /Content Security Policy|Refused/.test(e)), [], path);
    assert.deepEqual(errors, [], path);
    await context.close();
  }
});

test("scripts blocked: the letter stays readable in the post", async () => {
  const { context, page } = await open("/plain.html", { javaScriptEnabled: false });
  const text = await page.locator("article").innerText();
  assert.match(text, /Dear Senator/);
  assert.match(text, /please help/);
  await context.close();
});

test("host page CSS cannot break the widget, and theme variables reach it", async () => {
  const { context, page } = await open("/themed.html");
  await waitReady(page);
  const w = new Widget(page);
  assert.ok(await w.letter.isVisible());
  const copy = w.button("Copy letter");
  assert.ok(await copy.isVisible());
  const style = await copy.evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, size: getComputedStyle(b).fontSize }));
  assert.equal(style.bg, "rgb(200, 0, 100)");
  assert.notEqual(style.size, "40px");
  await context.close();
});

test("builder: type a letter, see errors as you type, copy the snippet, and it works on a fresh page", async () => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page, errors } = await openPage(context);
  await page.goto(widgets.url + "/builder.html");
  await waitReady(page);
  await page.getByLabel("Your letter", { exact: true }).first().fill("Dear {{mp: MP's name}},\n\nBuild the bridge.\n\n{{name: Your name}}");
  await page.getByLabel("Subject").fill("The bridge");
  await page.getByLabel("Letter name").fill("bridge");
  await waitReady(page, 2);
  const preview = new Widget(page, page.locator("#b-preview letter-widget"));
  assert.match(await preview.text(), /^Dear \[MP's name\],/);
  // An error appears, with line and column, as the organiser types.
  await page.getByLabel("Your letter", { exact: true }).first().fill("Dear {{mp: MP's name,\n\nBuild it.");
  await page.locator("#b-problem").filter({ hasText: "line 1, column 6" }).waitFor();
  await page.getByLabel("Your letter", { exact: true }).first().fill("Dear {{mp: MP's name}},\n\nBuild the bridge.\n\n{{name: Your name}}");
  await page.waitForFunction(() => !document.getElementById("b-problem").textContent);
  await page.waitForFunction(() => document.getElementById("b-snippet-script").value.includes("Build the bridge"));
  await page.getByRole("button", { name: "Copy script tag" }).click();
  await page.getByText("Script tag copied.").waitFor();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(snippet, /<letter-widget letter-id="bridge" subject="The bridge">/);
  // Pasted into a fresh page on another origin.
  const fresh = await startServer({
    root: "/nonexistent",
    pages: { "/post.html": { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fresh</title><link rel="icon" href="data:,"></head><body>${snippet}</body></html>` } },
  });
  const other = await openPage(context);
  await other.page.goto(fresh.url + "/post.html");
  await waitReady(other.page);
  const w = new Widget(other.page);
  await w.field("MP's name").fill("Ms Okafor");
  assert.equal(await w.text(), "Dear Ms Okafor,\n\nBuild the bridge.\n\n[Your name]");
  await fresh.close();
  // The own-words line is on by default (the snippet above has no own-words);
  // unticked, the snippet, the preview and the link all turn it off.
  const own = page.getByRole("checkbox", { name: "Invite readers to add their own words" });
  assert.ok(await own.isChecked());
  await own.uncheck();
  await page.waitForFunction(() => document.getElementById("b-snippet-script").value.includes("own-words"));
  assert.match(await page.locator("#b-snippet-script").inputValue(), /^<letter-widget letter-id="bridge" subject="The bridge" own-words="off">\n/);
  assert.equal(await page.locator("#b-preview letter-widget").getAttribute("own-words"), "off");
  await other.page.goto(await page.locator("#b-snippet-link").inputValue());
  await waitReady(other.page);
  assert.equal(await other.page.locator("letter-widget").getAttribute("own-words"), "off");
  await own.check();
  await page.waitForFunction(() => !document.getElementById("b-snippet-script").value.includes("own-words"));
  assert.equal(await page.locator("#b-preview letter-widget").getAttribute("own-words"), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test("link mode round-trips a letter with non-ASCII text through the URL fragment", async () => {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await page.goto(widgets.url + "/builder.html");
  const letter = "{{mp: 의원 이름}} 의원님께,\n\n난민 65명을 도와주세요 👩‍👩‍👧. «Merci» — שלום.\n\n{{name: Your name}}";
  const link = await page.evaluate(async (t) => {
    const { encodeLetter } = await import("./letter-link.js");
    return location.origin + "/index.html#" + (await encodeLetter({ t, s: "난민", m: "900" }));
  }, letter);
  assert.ok(!/[^\x21-\x7e]/.test(link), "the link is plain ASCII");
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(link);
  await waitReady(page);
  const w = new Widget(page);
  assert.equal(await w.text(), "[의원 이름] 의원님께,\n\n난민 65명을 도와주세요 👩‍👩‍👧. «Merci» — שלום.\n\n[Your name]");
  assert.match(await w.host.locator(".lw-meter").innerText(), /of 900 characters/);
  assert.ok(await page.locator("#demo").isHidden());
  assert.ok(requests.every((u) => !u.includes("#") && !u.includes("%EB")), "the letter never reaches the server");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the wasm fails to load: the letter stays readable in the post", async () => {
  const context = await browser.newContext();
  await context.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: "gone" }));
  const { page } = await openPage(context);
  await page.goto(blog.url + "/plain.html");
  await page.waitForSelector("letter-widget[data-load-failed]");
  const text = await page.locator("article").innerText();
  assert.match(text, /Dear Senator/);
  assert.match(text, /please help/);
  assert.equal(await page.evaluate(() => window.__lwReady), 0);
  await context.close();
});
