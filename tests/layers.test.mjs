// The widget's layers: the engine crate (engine/) depends on no web crate,
// and no module, in either crate, reaches back to one that uses it. Read
// from `cargo tree` and from the `crate::` paths in the sources (the widget
// re-exports the engine's modules, so its `crate::template` is the engine's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const ROOT = new URL("../", import.meta.url);
const DIRS = ["engine/src/", "src/"];
const BROWSER = new Set(["browser", "embed", "session", "ui"]);

const files = new Map();
for (const dir of DIRS) {
  for (const f of readdirSync(new URL(dir, ROOT))) {
    if (f.endsWith(".rs") && !["lib.rs", "main.rs"].includes(f)) files.set(f.slice(0, -3), new URL(dir + f, ROOT));
  }
}
const graph = new Map();
for (const [name, url] of files) {
  const used = new Set();
  for (const m of readFileSync(url, "utf8").matchAll(/crate::(\w+)/g)) {
    if (m[1] !== name && files.has(m[1])) used.add(m[1]);
  }
  graph.set(name, used);
}

test("the engine crate depends on no web crate, for the wasm target too", () => {
  const r = spawnSync("cargo", ["tree", "-p", "letter-engine", "-e", "normal", "--target", "wasm32-unknown-unknown", "--prefix", "none", "--offline"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const crates = r.stdout.split("\n").map((l) => l.split(" ")[0]).filter(Boolean);
  assert.ok(crates.includes("serde_json"), crates.join(" "));
  for (const web of ["wasm-bindgen", "web-sys", "js-sys", "leptos", "gloo-storage"]) {
    assert.ok(!crates.includes(web), `letter-engine depends on ${web}`);
  }
});

test("the modules' uses have no cycle", () => {
  const state = new Map();
  const visit = (m, path) => {
    if (state.get(m) === "done") return;
    assert.notEqual(state.get(m), "open", `cycle: ${[...path, m].join(" -> ")}`);
    state.set(m, "open");
    for (const n of graph.get(m)) visit(n, [...path, m]);
    state.set(m, "done");
  };
  for (const m of graph.keys()) visit(m, []);
});

test("no engine module names a browser module", () => {
  for (const [m, used] of graph) {
    if (BROWSER.has(m)) continue;
    for (const n of used) assert.ok(!BROWSER.has(n), `${m} uses ${n}`);
  }
});
