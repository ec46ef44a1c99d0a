// The letter builder in the organiser's language: a picker for the builder's
// own words (remembered, defaulting to the browser's languages), a preview
// that speaks it too, a fixed widget language for the snippet, and Arabic
// mirrored. Real headless Chromium, release build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, openPage, waitReady, withBrowserAndDist } from "./helpers.mjs";

const PICKER = "Language / 언어 / Idioma / اللغة";

const env = withBrowserAndDist();

/** A page object for the builder. */
class Builder {
  constructor(page) {
    this.page = page;
    this.picker = page.getByRole("combobox", { name: PICKER, exact: true });
    this.letter = page.locator("#b-letter");
    this.preview = page.locator("#b-preview letter-widget");
  }
  static async open(context) {
    const { page, errors } = await openPage(context);
    await page.goto(env.server.url + "/builder.html");
    await waitReady(page);
    return { builder: new Builder(page), page, errors };
  }
  heading() {
    return this.page.locator("h1").innerText();
  }
  html() {
    return this.page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
  }
  /** Waits until the preview widget shows `legend` (the widget's "Fill in the blanks"). */
  async previewSays(legend) {
    await this.preview.locator("legend").filter({ hasText: legend }).waitFor();
  }
}

test("pick Korean: the builder and its preview speak Korean, and still do after a reload", async () => {
  const context = await env.browser.newContext({ locale: "en-US", permissions: ["clipboard-read", "clipboard-write"] });
  const { builder, page, errors } = await Builder.open(context);
  assert.equal(await builder.heading(), "Letter builder");
  assert.equal(await builder.picker.inputValue(), "en");

  await builder.picker.selectOption({ label: "한국어" });
  assert.deepEqual(await builder.html(), { lang: "ko", dir: "ltr" });
  assert.equal(await builder.heading(), "편지 만들기");
  assert.equal(await page.title(), "편지 만들기 — Letter Widget");
  assert.match(await page.locator("#b-intro").innerText(), /\{\{name: 성명\}\}/);
  for (const name of ["내 편지", "제목 (이메일과 다운로드용)", "글자 수 제한 (선택)", "위젯 언어"]) {
    await page.locator(`#builder label:text-is("${name}")`).waitFor();
  }
  await page.getByRole("heading", { name: "독자에게 보이는 모습" }).waitFor();
  // The untouched example letter is now the Korean one, and the preview is Korean.
  assert.match(await builder.letter.inputValue(), /^존경하는 \{\{senator: 의원 이름\}\} 의원님께,/);
  await builder.previewSays("빈칸 채우기");
  assert.equal(await builder.preview.getAttribute("lang"), "ko");
  assert.match(await builder.preview.getByRole("textbox", { name: "내 편지" }).inputValue(), /^존경하는 \[의원 이름\] 의원님께,/);

  // Buttons, status lines and the problem line.
  await page.getByRole("button", { name: "스크립트 태그 복사" }).click();
  await page.locator("#b-copied").filter({ hasText: "스크립트 태그를 복사했습니다." }).waitFor();
  await page.getByRole("button", { name: "링크 복사" }).waitFor();
  await builder.letter.fill("{{mp: 의원 이름,\n\n본문");
  await page.locator("#b-problem").filter({ hasText: /^문제: template: line 1, column 1:/ }).waitFor();
  // A letter the organiser wrote is never replaced by an example.
  await builder.letter.fill("{{mp: 의원 이름}}께,\n\n본문");
  await builder.picker.selectOption("es");
  assert.equal(await builder.heading(), "Creador de cartas");
  assert.equal(await builder.letter.inputValue(), "{{mp: 의원 이름}}께,\n\n본문");
  await builder.picker.selectOption("ko");

  await page.reload();
  await waitReady(page);
  assert.equal(await page.evaluate(() => localStorage.getItem("letter-widget:builder-lang")), "ko");
  assert.deepEqual(await builder.html(), { lang: "ko", dir: "ltr" });
  assert.equal(await builder.heading(), "편지 만들기");
  assert.equal(await builder.picker.inputValue(), "ko");
  await builder.previewSays("빈칸 채우기");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a fixed widget language: the preview speaks it and the snippets carry it", async () => {
  const context = await env.browser.newContext({ locale: "ko-KR" });
  const { builder, page, errors } = await Builder.open(context);
  assert.equal(await builder.heading(), "편지 만들기");
  const widgetLanguage = page.getByRole("combobox", { name: "위젯 언어", exact: true });
  assert.equal(await widgetLanguage.inputValue(), "", "the reader's language by default");
  await page.waitForFunction(() => document.getElementById("b-snippet-script").value.includes("의원님께"));
  assert.match(await page.locator("#b-snippet-script").inputValue(), /^<letter-widget>\n/, "no lang attribute");

  await widgetLanguage.selectOption({ label: "Español" });
  await builder.previewSays("Rellena los espacios en blanco");
  assert.equal(await builder.heading(), "편지 만들기", "the builder keeps its own language");
  await page.waitForFunction(() => document.getElementById("b-snippet-script").value.startsWith('<letter-widget lang="es">'));
  // The link carries it too: the standalone page shows the widget in Spanish.
  const link = await page.locator("#b-snippet-link").inputValue();
  await page.goto(link);
  await waitReady(page);
  assert.equal(await page.locator("letter-widget legend").innerText(), "Rellena los espacios en blanco");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a browser in Spanish opens the builder in Spanish", async () => {
  const context = await env.browser.newContext({ locale: "es-ES" });
  const { builder, page, errors } = await Builder.open(context);
  assert.deepEqual(await builder.html(), { lang: "es", dir: "ltr" });
  assert.equal(await builder.heading(), "Creador de cartas");
  assert.equal(await builder.picker.inputValue(), "es");
  await page.getByRole("button", { name: "Copiar etiqueta script" }).waitFor();
  await page.getByRole("textbox", { name: "Asunto (para el correo y las descargas)" }).waitFor();
  await builder.previewSays("Rellena los espacios en blanco");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Arabic: dir=rtl and the builder mirrors", async () => {
  const context = await env.browser.newContext({ locale: "en-US" });
  const { builder, page, errors } = await Builder.open(context);
  await builder.picker.selectOption("ar");
  assert.deepEqual(await builder.html(), { lang: "ar", dir: "rtl" });
  assert.equal(await builder.heading(), "منشئ الرسائل");
  await builder.previewSays("املأ الفراغات");
  const box = (locator) => locator.boundingBox();
  // Where an element's text is drawn (a block's box spans the whole line).
  const text = (locator) =>
    locator.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return { x: r.x, width: r.width };
    });
  const main = await box(page.locator("main"));
  // The heading and labels start on the right; the picker sits at the left;
  // the form (first in the grid) is on the right of the preview.
  for (const el of [page.locator("h1"), page.locator('label[for="b-subject"]')]) {
    const t = await text(el);
    assert.ok(main.x + main.width - (t.x + t.width) < 40, `${await el.innerText()} starts on the right`);
    assert.ok(t.x - main.x > 200, `${await el.innerText()} ends well before the left edge`);
  }
  const picker = await box(builder.picker);
  assert.ok(picker.x - main.x < 40, "language picker at the inline end (left)");
  const form = await box(page.locator("#builder"));
  const preview = await box(page.locator(".builder-preview"));
  assert.ok(form.x > preview.x, "the form is on the right, the preview on the left");
  const copy = await box(page.getByRole("button", { name: "نسخ وسم script" }));
  const snippet = await box(page.locator("#b-snippet-script"));
  assert.ok(Math.abs(copy.x + copy.width - (snippet.x + snippet.width)) < 2, "copy button at the right edge");
  // The snippets are code: left to right.
  assert.equal(await page.locator("#b-snippet-script").evaluate((el) => getComputedStyle(el).direction), "ltr");
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe-core finds no WCAG 2.1 AA violations on the builder in Arabic", async () => {
  const context = await env.browser.newContext({ locale: "ar" });
  const { builder, page } = await Builder.open(context);
  assert.deepEqual(await builder.html(), { lang: "ar", dir: "rtl" });
  await builder.previewSays("املأ الفراغات");
  const summary = await axeViolations(page);
  assert.deepEqual(summary, []);
  await context.close();
});
