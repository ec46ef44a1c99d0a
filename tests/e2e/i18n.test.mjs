// The widget speaks the reader's language: the element's lang, else the
// nearest ancestor's, else the document's, else the browser's preferred
// languages, else English. Arabic mirrors the layout; the letter itself (the
// organiser's text) takes its own direction. Real headless Chromium, release build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { axeViolations, openPage, waitReady, ROOT, withBrowserAndDist } from "./helpers.mjs";

const KOREAN_LETTER = `존경하는 {{official: 의원 이름}} 의원님께,

해외에 억류된 탈북민에 대해 말씀드리고자 합니다.

{{name: 성명}}
{{email: 이메일 | optional}}`;

const ARABIC_LETTER = `السيد {{official: اسم النائب}} المحترم،

أكتب إليكم بشأن اللاجئين المحتجزين في الخارج.

{{name: الاسم الكامل}}`;

const ENGLISH_LETTER = `Dear Senator {{senator: Senator's last name}},

I am writing about the refugees held abroad.

{{name: Your full name}}`;

// Every language the widget speaks: English and each translation file.
const LANGS = ["en", ...readdirSync(join(ROOT, "engine/src/strings")).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5))];

const LONG_LETTER = "Dear {{senator: Senator}},\n\n" + "Please keep them safe. ".repeat(560);

const page = ({ htmlAttrs = "", body }) => `<!doctype html><html ${htmlAttrs}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Letter</title>
<link rel="icon" href="data:,"></head>
<body><main><h1>Post</h1>${body}</main>
<script src="/letter-widget.js" defer></script></body></html>`;

const widget = (attrs, letter) => `<letter-widget ${attrs}>${letter}</letter-widget>`;

const env = withBrowserAndDist({
    pages: {
      "/ko.html": {
        body: page({ htmlAttrs: 'lang="ko"', body: widget('letter-id="ko" max-length="1000"', KOREAN_LETTER) }),
      },
      "/ar.html": {
        body: page({ htmlAttrs: 'lang="ar" dir="rtl"', body: widget('letter-id="ar" max-length="1000"', ARABIC_LETTER) }),
      },
      "/ar-english-letter.html": {
        body: page({ htmlAttrs: 'lang="ar" dir="rtl"', body: widget('letter-id="ar-en"', ENGLISH_LETTER) }),
      },
      "/en-arabic-letter.html": {
        body: page({ htmlAttrs: 'lang="en"', body: widget('letter-id="en-ar"', ARABIC_LETTER) }),
      },
      "/mixed.html": {
        body: page({
          htmlAttrs: 'lang="en"',
          body:
            widget('id="es" lang="es" letter-id="m1"', ENGLISH_LETTER) +
            `<section lang="ko-KR">${widget('id="ko" letter-id="m2"', KOREAN_LETTER)}</section>` +
            `<section lang="fr">${widget('id="fr" letter-id="m3"', ENGLISH_LETTER)}</section>` +
            widget('id="en" letter-id="m4"', ENGLISH_LETTER),
        }),
      },
      "/no-lang.html": { body: page({ body: widget('letter-id="nl"', ENGLISH_LETTER) }) },
      // A long letter against a short limit: the meter shows counts past
      // 1,000 and 10,000 in each language the widget speaks.
      "/numbers.html": {
        body: page({
          htmlAttrs: 'lang="en"',
          body: LANGS.map((lang) => widget(`lang="${lang}" letter-id="num-${lang}" max-length="5000"`, LONG_LETTER))
            .join(""),
        }),
      },
    },
  });

async function open(path, contextOptions = {}, count = 1) {
  const context = await env.browser.newContext(contextOptions);
  const { page, errors } = await openPage(context);
  await page.goto(env.server.url + path);
  await waitReady(page, count);
  return { context, page, errors, host: page.locator("letter-widget").first() };
}

/** The widget container's lang and dir, and its computed direction. */
function container(host) {
  return host.evaluate((el) => {
    const lw = el.shadowRoot.querySelector(".lw");
    return { lang: lw.getAttribute("lang"), dir: lw.getAttribute("dir"), direction: getComputedStyle(lw).direction };
  });
}

/**
 * Where the first line of the letter starts: the first glyph's box against
 * the editor's box. The textarea draws the same text as the highlight layer
 * behind it, with the same bidi rules (checked here too), so the layer's
 * glyphs are where the textarea's are.
 */
function letterStart(host) {
  return host.evaluate((el) => {
    const root = el.shadowRoot;
    const area = root.querySelector("#lw-letter");
    const layer = root.querySelector(".lw-backdrop");
    const style = (e) => {
      const s = getComputedStyle(e);
      return { unicodeBidi: s.unicodeBidi, textAlign: s.textAlign, whiteSpace: s.whiteSpace, font: s.font };
    };
    // The layer draws one block per line: the first line's first text.
    const text = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT).nextNode();
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 1);
    const glyph = range.getBoundingClientRect();
    const box = layer.getBoundingClientRect();
    return {
      area: style(area),
      layer: style(layer),
      fromLeft: glyph.left - box.left,
      fromRight: box.right - glyph.right,
    };
  });
}

test("a Korean page: labels, buttons and status lines in Korean", async () => {
  const { context, host, errors } = await open("/ko.html");
  assert.deepEqual(await container(host), { lang: "ko", dir: "ltr", direction: "ltr" });
  assert.equal(await host.locator("legend").innerText(), "빈칸 채우기");
  const letter = host.getByRole("textbox", { name: "내 편지" });
  assert.match(await letter.inputValue(), /\[의원 이름\]/);
  assert.match(await host.locator(".lw-field label").first().innerText(), /의원 이름 \(필수\)/);
  for (const name of ["편지 복사", "다운로드", "인쇄", "처음부터 다시"]) {
    await host.getByRole("button", { name, exact: true }).waitFor();
  }
  await host.getByRole("link", { name: "이메일" }).waitFor();
  await host.getByRole("group", { name: "편지 보내기" }).waitFor();
  assert.equal(await host.locator(".lw-progress").innerText(), "빈칸 3개 중 0개 작성됨");
  // Numbers through Intl: 1,000 with Korean grouping.
  assert.match(await host.locator(".lw-meter").innerText(), /^\d+자 \/ 1,000자$/);

  await host.getByLabel("성명").fill("김영희");
  assert.equal(await host.locator(".lw-progress").innerText(), "빈칸 3개 중 1개 작성됨");
  await host.locator(".lw-status").filter({ hasText: "이 브라우저에 임시 저장됨" }).waitFor();

  // A warning names the empty blanks and offers to go to them, in Korean.
  await host.getByRole("button", { name: "편지 복사" }).click();
  const notice = host.locator(".lw-notice");
  assert.equal(await notice.locator("p").innerText(), "아직 채우지 않은 빈칸: 의원 이름.");
  await notice.getByRole("button", { name: "의원 이름 입력하기" }).waitFor();
  await notice.getByRole("button", { name: "그대로 계속하기" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("counts are written as Intl writes them in each language the widget speaks", async () => {
  const { context, page, errors } = await open("/numbers.html", {}, LANGS.length);
  const checked = await page.evaluate(() =>
    [...document.querySelectorAll("letter-widget")].map((el) => {
      const lang = el.getAttribute("lang");
      const meter = el.shadowRoot.querySelector(".lw-meter").textContent;
      // Every count in the meter, and what Intl makes of its value.
      const counts = meter.match(/\d[\d.,]*\d|\d/g).map((c) => [c, Number(c.replace(/[.,]/g, "")).toLocaleString(lang)]);
      return { lang, meter, counts };
    })
  );
  for (const { lang, meter, counts } of checked) {
    for (const [shown, intl] of counts) assert.equal(shown, intl, `${lang}: ${meter}`);
    const values = counts.map(([c]) => Number(c.replace(/[.,]/g, "")));
    assert.ok(values.some((v) => v >= 10000) && values.some((v) => v >= 1000 && v < 10000), `${lang}: ${meter}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("an Arabic page: dir=rtl, a mirrored layout, and the letter starting on the right", async () => {
  const { context, host, errors } = await open("/ar.html");
  assert.deepEqual(await container(host), { lang: "ar", dir: "rtl", direction: "rtl" });
  assert.equal(await host.locator("legend").innerText(), "املأ الفراغات");
  await host.getByRole("textbox", { name: "رسالتك" }).waitFor();

  const start = await letterStart(host);
  assert.ok(start.fromRight < 20, `first glyph ${start.fromRight}px from the right edge`);
  assert.ok(start.fromLeft > 100, `first glyph ${start.fromLeft}px from the left edge`);
  assert.equal(start.area.unicodeBidi, "plaintext", "each paragraph takes its own direction");
  assert.deepEqual(start.area, start.layer, "textarea and highlight layer lay out text alike");

  // Mirrored: the first action sits to the right of the second, labels
  // start at the right edge of their inputs.
  const copy = await host.getByRole("button", { name: "نسخ الرسالة" }).boundingBox();
  const download = await host.getByRole("button", { name: "تنزيل" }).boundingBox();
  assert.ok(copy.x > download.x, "actions run right to left");
  const label = await host.locator(".lw-field label").first().boundingBox();
  const input = await host.locator(".lw-field input").first().boundingBox();
  assert.ok(Math.abs(label.x + label.width - (input.x + input.width)) < 2, "label aligned to the input's right edge");
  assert.match(await host.locator(".lw-progress").innerText(), /^الفراغات المملوءة: [0٠] من [2٢]$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the letter takes its own direction: English in an Arabic page, Arabic in an English page", async () => {
  {
    const { context, host } = await open("/ar-english-letter.html");
    assert.equal((await container(host)).dir, "rtl");
    const start = await letterStart(host);
    assert.ok(start.fromLeft < 20, `English letter starts ${start.fromLeft}px from the left`);
    await context.close();
  }
  {
    const { context, host } = await open("/en-arabic-letter.html");
    assert.deepEqual(await container(host), { lang: "en", dir: "ltr", direction: "ltr" });
    const start = await letterStart(host);
    assert.ok(start.fromRight < 20, `Arabic letter starts ${start.fromRight}px from the right`);
    await host.getByRole("textbox", { name: "Your letter" }).waitFor();
    await context.close();
  }
});

test("the element's lang, then the nearest ancestor's, then the document's", async () => {
  const { context, page } = await open("/mixed.html", { locale: "ko-KR" }, 4);
  const langOf = async (id) => (await container(page.locator(`letter-widget#${id}`))).lang;
  assert.equal(await langOf("es"), "es", "element lang=es in an English page");
  assert.equal(await langOf("ko"), "ko", "inside <section lang=ko-KR>");
  assert.equal(await langOf("fr"), "en", "French is not spoken: the document's English");
  assert.equal(await langOf("en"), "en", "the document's lang beats the browser's Korean");
  const es = page.locator("letter-widget#es");
  await es.getByRole("textbox", { name: "Tu carta" }).waitFor();
  await es.getByRole("button", { name: "Copiar carta", exact: true }).waitFor();
  assert.equal(await es.locator(".lw-progress").innerText(), "0 de 2 espacios rellenados");
  await context.close();
});

test("a page without lang follows the browser's preferred language", async () => {
  const { context, host } = await open("/no-lang.html", { locale: "es-ES" });
  assert.deepEqual(await container(host), { lang: "es", dir: "ltr", direction: "ltr" });
  assert.equal(await host.locator("legend").innerText(), "Rellena los espacios en blanco");
  await context.close();
  const english = await open("/no-lang.html", { locale: "fr-FR" });
  assert.equal((await container(english.host)).lang, "en", "nothing spoken: English");
  await english.context.close();
});

test("a translation is fetched only when needed, and English stands in when it cannot be", async () => {
  {
    const context = await env.browser.newContext({ locale: "en-US" });
    const { page } = await openPage(context);
    const fetched = [];
    page.on("request", (r) => /letter-widget-strings-/.test(r.url()) && fetched.push(r.url()));
    await page.goto(env.server.url + "/mixed.html");
    await waitReady(page, 4);
    assert.equal(fetched.length, 2, `one file each for es and ko: ${fetched.join(" ")}`);
    await context.close();
  }
  {
    const context = await env.browser.newContext();
    await context.route(/letter-widget-strings-/, (route) => route.abort());
    const { page } = await openPage(context);
    await page.goto(env.server.url + "/ko.html");
    await waitReady(page);
    const host = page.locator("letter-widget");
    assert.equal((await container(host)).lang, "en");
    await host.getByRole("textbox", { name: "Your letter" }).waitFor();
    await context.close();
  }
});

test("axe-core finds no WCAG 2.1 AA violations on the Arabic page", async () => {
  const { context, page, host } = await open("/ar.html");
  await host.getByLabel("الاسم الكامل").fill("سارة");
  await host.getByRole("button", { name: "نسخ الرسالة" }).click(); // shows the warning box too
  await host.locator(".lw-notice").waitFor();
  const summary = await axeViolations(page);
  assert.deepEqual(summary, []);
  await context.close();
});
