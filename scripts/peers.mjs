// The peer comparison (issue 17): our release build beside four minimal
// letter widgets (vanilla, Lit, Preact, Svelte), in one harness and one run,
// fast and on slow 4G, with the blog on one origin and the widget files on
// another. The harness is the workspace's shared one (../shared/peers, or
// PEERS_DIR); this script gives it the page an organiser gets from the
// builder: the element, the preload hints and the loader with its integrity.
//
//   node scripts/peers.mjs [--runs-fast 9] [--runs-slow 7] [--plain]
//
// --plain: the harness's own page instead (the loader alone, two round
// trips), to measure what the hints change.
// Writes bench-results/peers-fast.json, peers-slow4g.json and peers.md (the
// table the README quotes). It reports; it asserts nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const PEERS = resolve(process.env.PEERS_DIR || join(ROOT, "../shared/peers"));
const OUT = join(ROOT, "bench-results");
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const PLAIN = args.includes("--plain");

if (!existsSync(join(PEERS, "run.mjs"))) {
  console.log(`peers: no harness at ${PEERS} (set PEERS_DIR); skipped`);
  process.exit(0);
}
mkdirSync(OUT, { recursive: true });

/** The harness's page with the builder's embed: hints, then the loader with its integrity. */
function snippetPage() {
  const files = JSON.parse(readFileSync(join(ROOT, "dist/letter-widget-files.json"), "utf8"));
  const base = "http://localhost:8002/project/";
  const original = readFileSync(join(PEERS, "project.html"), "utf8");
  const tag = `<script src="${base}letter-widget.js" async></script>`;
  if (!original.includes(tag)) throw new Error(`peers: ${PEERS}/project.html no longer has ${tag}`);
  const embed =
    `<link rel="modulepreload" href="${base}${files.glue}" integrity="${files.glue_integrity}" crossorigin="anonymous">\n` +
    `<link rel="preload" href="${base}${files.wasm}" as="fetch" type="application/wasm" integrity="${files.wasm_integrity}" crossorigin="anonymous">\n` +
    `<script src="${base}letter-widget.js" integrity="${files.loader_integrity}" crossorigin="anonymous" defer></script>`;
  const page = join(OUT, "peers-page.html");
  writeFileSync(page, original.replace(tag, embed));
  return page;
}

const page = PLAIN ? join(PEERS, "project.html") : snippetPage();
const runs = { fast: opt("--runs-fast", "9"), slow4g: opt("--runs-slow", "7") };
const results = {};
for (const mode of ["fast", "slow4g"]) {
  const out = join(OUT, `peers-${mode}${PLAIN ? "-plain" : ""}.json`);
  const r = spawnSync("node", [join(PEERS, "run.mjs"), "--mode", mode, "--runs", runs[mode], "--page", page, "--out", out], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  results[mode] = JSON.parse(readFileSync(out, "utf8"));
}

const row = (mode, fw) => results[mode].results[fw];
const lines = [
  `Peer comparison, ${new Date().toISOString().slice(0, 10)}, ${PLAIN ? "the loader alone (two round trips)" : "the builder's embed (one round trip)"}; ratios against Preact in the same run.`,
  "",
  "| variant | ready, fast (x Preact) | ready, slow 4G + 4x CPU (x Preact) | KB over the wire | keystroke median / p95, 4x CPU (x Preact) |",
  "|---|---|---|---|---|",
  ...["project", "preact", "lit", "svelte", "vanilla"].map((fw) => {
    const f = row("fast", fw);
    const s = row("slow4g", fw);
    return `| ${fw === "project" ? "Letter Widget" : fw} | ${f.readyMs_median} ms (${f.ready_vs_preact}x) | ${s.readyMs_median} ms (${s.ready_vs_preact}x) | ${(s.bytes / 1024).toFixed(1)} | ${s.keyMs_median} / ${s.keyMs_p95} ms (${s.key_vs_preact}x) |`;
  }),
  "",
];
writeFileSync(join(OUT, `peers${PLAIN ? "-plain" : ""}.md`), lines.join("\n"));
console.log("\n" + lines.join("\n"));
