// The builder's strings (web/builder-strings.js): every language has exactly
// the English keys, the same {placeholders} in each, a note that it awaits
// review, and a language picks as the widget's loader picks.
//   node --test tests/builder-strings.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { BUILDER_STRINGS, format, pickLanguage } from "../web/builder-strings.js";

const keys = (table) => Object.keys(table).filter((k) => !k.startsWith("_")).sort();
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const english = BUILDER_STRINGS.en;
const others = Object.keys(BUILDER_STRINGS).filter((lang) => lang !== "en");

test("the builder speaks English, Korean, Spanish and Arabic", () => {
  assert.deepEqual(Object.keys(BUILDER_STRINGS), ["en", "ko", "es", "ar"]);
  assert.equal(BUILDER_STRINGS.ar.dir, "rtl");
  for (const lang of ["en", "ko", "es"]) assert.equal(BUILDER_STRINGS[lang].dir, "ltr");
});

for (const lang of others) {
  test(`${lang} has exactly the English keys, the same placeholders, and a review note`, () => {
    const table = BUILDER_STRINGS[lang];
    assert.deepEqual(keys(table), keys(english));
    for (const key of keys(english)) {
      assert.equal(typeof table[key], "string", `${lang}.${key}`);
      assert.ok(table[key].trim(), `${lang}.${key} is empty`);
      assert.deepEqual(placeholders(table[key]), placeholders(english[key]), `${lang}.${key}`);
    }
    assert.match(table._note, /awaits review by a native speaker/);
  });

  test(`${lang}'s example letter keeps the template's keywords and blank names`, () => {
    const names = (text) => [...text.matchAll(/\{\{(\w+):[^}|]*(\|\s*\w+)?\}\}/g)].map((m) => m[1] + (m[2] || ""));
    assert.deepEqual(names(BUILDER_STRINGS[lang].default_letter), names(english.default_letter));
  });
}

test("format fills placeholders and leaves unknown ones", () => {
  assert.equal(format("Problem in {detail}", { detail: "line 1" }), "Problem in line 1");
  assert.equal(format("{a} and {b}", { a: 1 }), "1 and {b}");
});

test("the language: the first tag the builder speaks, by primary subtag, else English", () => {
  assert.equal(pickLanguage([null, "ko-KR", "en"]), "ko");
  assert.equal(pickLanguage(["es", "ko"]), "es");
  assert.equal(pickLanguage(["fr-FR", "ar-EG"]), "ar");
  assert.equal(pickLanguage(["en-GB", "ko"]), "en");
  assert.equal(pickLanguage(["fr", "de"]), "en");
  assert.equal(pickLanguage([]), "en");
});
