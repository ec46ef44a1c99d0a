// The files an embed needs from a release build: the loader and exactly the
// files it names (glue, wasm, and the service worker when the build has one).
// Used to bundle the widget into the WordPress plugin and the test blogs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** File names inside `dist`, loader first; throws if the build is incomplete. */
export function widgetFiles(dist) {
  const loaderPath = join(dist, "letter-widget.js");
  if (!existsSync(loaderPath)) throw new Error(`${loaderPath} is missing; run \`make build\` first`);
  const loader = readFileSync(loaderPath, "utf8");
  // The loader is minified: find the names it holds, not its variables.
  const hashed = loader.match(/letter-widget-[0-9a-f]+(?:_bg\.wasm|\.js)/g) || [];
  const worker = /["']sw\.js["']/.test(loader) ? ["sw.js"] : [];
  const files = ["letter-widget.js", ...new Set(hashed), ...worker];
  if (hashed.length < 2) throw new Error(`${loaderPath} names no glue and wasm; rebuild it`);
  for (const f of files) {
    if (!existsSync(join(dist, f))) throw new Error(`the loader names ${f}, which is not in ${dist}`);
  }
  return files;
}
