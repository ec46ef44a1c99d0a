// The files an embed needs from a release build: the loader and exactly the
// files it names (glue, wasm, the translations, and the service worker when
// the build has one), and letter-widget-files.json, their names and hashes.
// Used to bundle the widget into the WordPress plugin and the test blogs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** File names inside `dist`, loader first; throws if the build is incomplete. */
export function widgetFiles(dist) {
  const loaderPath = join(dist, "letter-widget.js");
  if (!existsSync(loaderPath)) throw new Error(`${loaderPath} is missing; run \`make build\` first`);
  const loader = readFileSync(loaderPath, "utf8");
  // The loader is minified, which inlines its constants: find the names
  // themselves (content-hashed glue, wasm, translations; the service worker).
  const named = [...loader.matchAll(/"((?:letter-widget-|sw)[\w.-]*\.(?:js|wasm|json))"/g)].map((m) => m[1]);
  const files = ["letter-widget.js", ...new Set(named)];
  if (!files.some((f) => f.endsWith(".wasm")) || !files.some((f) => /^letter-widget-[0-9a-f]+\.js$/.test(f))) {
    throw new Error(`${loaderPath} names no glue or no wasm file`);
  }
  for (const f of files) {
    if (!existsSync(join(dist, f))) throw new Error(`the loader names ${f}, which is not in ${dist}`);
  }
  // What the platform integrations write preload hints and integrity from.
  if (existsSync(join(dist, "letter-widget-files.json"))) files.push("letter-widget-files.json");
  return files;
}
