// Trunk post_build hook: publishes each translation (engine/src/strings/<tag>.json)
// as a small content-hashed file, writes the loader (letter-widget.js) with
// the content-hashed names of this build, then the offline service worker
// (sw.js) with the exact list of this build's files, then precompresses
// every text asset (.br and .gz beside each file) for hosts that serve them.
//
//   node scripts/post-build.mjs [dir]    (dir when TRUNK_STAGING_DIR is unset)
import { copyFileSync, existsSync, readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { minify } from "terser";
import { BROTLI_PARAMS } from "./size.mjs";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}

const files = readdirSync(dir);
const one = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) {
    console.error(`post-build: expected one ${what} in ${dir}, found ${found.length}`);
    process.exit(1);
  }
  return found[0];
};
const glue = one(/^letter-widget-[0-9a-f]+\.js$/, "wasm-bindgen glue file");
const wasm = one(/^letter-widget-[0-9a-f]+_bg\.wasm$/, "wasm file");

// Translations: the notes for translators (keys starting with "_") stay in
// the source; the published file is the bare table.
const stringsDir = new URL("../engine/src/strings/", import.meta.url);
const translations = {};
for (const f of readdirSync(stringsDir).filter((f) => f.endsWith(".json")).sort()) {
  const lang = f.slice(0, -".json".length);
  const table = JSON.parse(readFileSync(new URL(f, stringsDir), "utf8"));
  const text = JSON.stringify(Object.fromEntries(Object.entries(table).filter(([k]) => !k.startsWith("_"))));
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
  const name = `letter-widget-strings-${lang}-${hash}.json`;
  writeFileSync(join(dir, name), text);
  translations[lang] = name;
}

// Minify the loader and wasm-bindgen's glue: every byte goes to every reader.
const terse = async (code, module) => {
  const out = await minify(code, { module, ecma: 2020, compress: { passes: 2 }, mangle: true });
  return out.code;
};
writeFileSync(join(dir, glue), await terse(readFileSync(join(dir, glue), "utf8"), true));

// Subresource Integrity: the loader carries the hash of every file it
// fetches (after minifying, so of the bytes served), and the browser
// refuses a file that does not match.
const sri = (data) => "sha384-" + createHash("sha384").update(data).digest("base64");
const integrity = Object.fromEntries(
  [glue, wasm, ...Object.values(translations)].map((f) => [f, sri(readFileSync(join(dir, f)))]),
);

const loader = readFileSync(new URL("../src/loader.js", import.meta.url), "utf8")
  .replace("__GLUE__", glue)
  .replace("__WASM__", wasm)
  .replace("__SW__", "sw.js")
  .replace("__STRINGS__", JSON.stringify(translations))
  .replace("__SRI__", JSON.stringify(integrity));
writeFileSync(join(dir, "letter-widget.js"), await terse(loader, false));
const loaderIntegrity = sri(readFileSync(join(dir, "letter-widget.js")));

// What an embed needs to start every download in one round trip: the
// loader's integrity, and the glue, wasm and translations it will fetch, with
// theirs. The builder's snippet, the WordPress plugin and the Hugo and Jekyll
// templates write preload hints from it (README, "One round trip").
const embedFiles = {
  loader_integrity: loaderIntegrity,
  glue,
  glue_integrity: integrity[glue],
  wasm,
  wasm_integrity: integrity[wasm],
  strings: Object.fromEntries(Object.entries(translations).map(([lang, f]) => [lang, { file: f, integrity: integrity[f] }])),
};
writeFileSync(join(dir, "letter-widget-files.json"), JSON.stringify(embedFiles, null, 1) + "\n");

// The builder's snippet names the loader with its integrity, and the files
// it fetches with preload hints.
const builder = join(dir, "builder.js");
if (existsSync(builder)) {
  writeFileSync(builder, readFileSync(builder, "utf8").replace(/const FILES = \{[^;]*\};/, `const FILES = ${JSON.stringify(embedFiles)};`));
}

// Our own pages name the glue and wasm up front, so the browser fetches them
// alongside the loader instead of after it (one round trip less on a slow
// connection). Embeds on other sites keep the loader's two steps.
// They carry the same integrity as the loader's own requests: the browser
// checks them, and reuses them for those requests.
const hints =
  `<link rel="modulepreload" href="${glue}" integrity="${integrity[glue]}">` +
  `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin integrity="${integrity[wasm]}">`;
for (const page of readdirSync(dir).filter((f) => f.endsWith(".html"))) {
  const html = readFileSync(join(dir, page), "utf8");
  if (html.includes("letter-widget.js") && !html.includes(hints)) {
    writeFileSync(join(dir, page), html.replace("</head>", `${hints}\n</head>`));
  }
}

// The service worker precaches every file of this build: what is in the
// folder now, less the precompressed copies and the worker itself. Names
// with a content hash are served cache-first, the others network-first.
// VERSION hashes names and contents, so any change makes a new worker.
const built = readdirSync(dir)
  .filter((f) => !/\.(br|gz)$/.test(f) && f !== "sw.js" && f !== "sw-kill-switch.js" && !f.startsWith(".") && statSync(join(dir, f)).isFile())
  .sort();
const hashed = built.filter((f) => /-[0-9a-f]{8,}(_bg)?\.[a-z]+$/.test(f));
const stable = built.filter((f) => !hashed.includes(f));
const version = createHash("sha256");
for (const f of built) version.update(f + "\0" + createHash("sha256").update(readFileSync(join(dir, f))).digest("hex") + "\n");
const worker = readFileSync(new URL("../src/sw.js", import.meta.url), "utf8")
  .replace("__HASHED__", JSON.stringify(hashed))
  .replace("__STABLE__", JSON.stringify(stable))
  .replace("__VERSION__", version.digest("hex").slice(0, 16));
writeFileSync(join(dir, "sw.js"), worker);
// The kill switch a host serves as sw.js to remove the worker (README, Security).
copyFileSync(new URL("../src/sw-kill-switch.js", import.meta.url), join(dir, "sw-kill-switch.js"));

// Precompress.
for (const f of readdirSync(dir)) {
  if (!/\.(js|wasm|css|html|json|txt|svg)$/.test(f)) continue;
  const path = join(dir, f);
  if (!statSync(path).isFile()) continue;
  const data = readFileSync(path);
  writeFileSync(path + ".br", brotliCompressSync(data, {
    params: { ...BROTLI_PARAMS, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  writeFileSync(path + ".gz", gzipSync(data, { level: 9 }));
}
console.log(`post-build: loader -> ${glue} + ${wasm}; languages: en ${Object.keys(translations).join(" ")}; sw.js precaches ${built.join(", ")}`);
