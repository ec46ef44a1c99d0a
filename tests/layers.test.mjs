// The widget's layers: the engine crate (engine/) depends on no web crate,
// and no module, in either crate, reaches back to one that uses it. Read
// from `cargo tree` and from the `crate::` (and, inside a folder module,
// `super::`) paths in the sources (the widget
// re-exports the engine's modules, so its `crate::template` is the engine's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const ROOT = new URL("../", import.meta.url);
const DIRS = ["engine/src/", "src/"];
const BROWSER = new Set(["browser", "config", "embed", "session", "ui"]);

// A module is a file, or a folder with a mod.rs (its files read as one).
const files = new Map();
const folders = new Map();
for (const dir of DIRS) {
  for (const e of readdirSync(new URL(dir, ROOT), { withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith(".rs") && !["lib.rs", "main.rs"].includes(e.name)) {
      files.set(e.name.slice(0, -3), [new URL(dir + e.name, ROOT)]);
    } else if (e.isDirectory() && readdirSync(new URL(dir + e.name, ROOT)).includes("mod.rs")) {
      const parts = readdirSync(new URL(dir + e.name, ROOT)).filter((f) => f.endsWith(".rs"));
      files.set(e.name, parts.map((f) => new URL(`${dir}${e.name}/${f}`, ROOT)));
      folders.set(e.name, parts.map((f) => [f.slice(0, -3), new URL(`${dir}${e.name}/${f}`, ROOT)]));
    }
  }
}
const uses = (urls, re, known, self) => {
  const used = new Set();
  for (const url of urls) {
    for (const m of readFileSync(url, "utf8").matchAll(re)) if (m[1] !== self && known.has(m[1])) used.add(m[1]);
  }
  return used;
};
const graph = new Map();
for (const [name, urls] of files) graph.set(name, uses(urls, /crate::(\w+)/g, files, name));

/** Fails on a cycle in `graph` (module -> the modules it uses). */
const acyclic = (graph) => {
  const state = new Map();
  const visit = (m, path) => {
    if (state.get(m) === "done") return;
    assert.notEqual(state.get(m), "open", `cycle: ${[...path, m].join(" -> ")}`);
    state.set(m, "open");
    for (const n of graph.get(m)) visit(n, [...path, m]);
    state.set(m, "done");
  };
  for (const m of graph.keys()) visit(m, []);
};

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
  assert.ok(graph.get("embed").has("ui"), "the module graph reads folders (src/ui/)");
  acyclic(graph);
});

test("inside a folder module, the files' uses of each other have no cycle", () => {
  assert.ok(folders.has("ui"));
  for (const [, parts] of folders) {
    const known = new Map(parts.filter(([n]) => n !== "mod"));
    const sub = new Map([...known].map(([n, url]) => [n, uses([url], /super::(\w+)/g, known, n)]));
    acyclic(sub);
  }
});

test("no engine module names a browser module", () => {
  for (const [m, used] of graph) {
    if (BROWSER.has(m)) continue;
    for (const n of used) assert.ok(!BROWSER.has(n), `${m} uses ${n}`);
  }
});
