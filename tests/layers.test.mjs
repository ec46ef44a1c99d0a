// The widget's modules form layers: no module reaches back to one that uses
// it, and the pure engine (everything natively tested) names no browser
// module. Read from the `crate::` paths in src/*.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

const BROWSER = new Set(["browser", "embed", "session", "ui"]);
const src = new URL("../src/", import.meta.url);
const modules = readdirSync(src).filter((f) => f.endsWith(".rs") && !["lib.rs", "main.rs"].includes(f)).map((f) => f.slice(0, -3));

function uses(name) {
  const text = readFileSync(new URL(`${name}.rs`, src), "utf8");
  const found = new Set();
  for (const m of text.matchAll(/crate::(\w+)/g)) if (m[1] !== name && modules.includes(m[1])) found.add(m[1]);
  return found;
}

const graph = new Map(modules.map((m) => [m, uses(m)]));

test("the modules' uses have no cycle", () => {
  const state = new Map();
  const visit = (m, path) => {
    if (state.get(m) === "done") return;
    assert.notEqual(state.get(m), "open", `cycle: ${[...path, m].join(" -> ")}`);
    state.set(m, "open");
    for (const n of graph.get(m)) visit(n, [...path, m]);
    state.set(m, "done");
  };
  for (const m of modules) visit(m, []);
});

test("the pure engine names no browser module", () => {
  for (const [m, used] of graph) {
    if (BROWSER.has(m)) continue;
    for (const n of used) assert.ok(!BROWSER.has(n), `${m} uses ${n}`);
  }
});
