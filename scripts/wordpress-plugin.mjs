// Builds the installable WordPress plugin from the release build in dist/:
//
//   node scripts/wordpress-plugin.mjs      (or: make wordpress-plugin)
//
// -> dist-integrations/letter-widget/            the plugin folder
// -> dist-integrations/letter-widget-wordpress.zip  for Plugins > Add New > Upload
//
// The plugin is integrations/wordpress/ plus the widget's files in widget/:
// the loader and exactly the files it names (glue, wasm, service worker when
// the build has one), so the blog serves them from its own origin.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { widgetFiles } from "./widget-files.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = join(ROOT, "dist");
const OUT = join(ROOT, "dist-integrations");
const SLUG = "letter-widget";
const PLUGIN = join(OUT, SLUG);
const ZIP = join(OUT, "letter-widget-wordpress.zip");

let files;
try {
  files = widgetFiles(DIST);
} catch (err) {
  console.error(`wordpress-plugin: ${err.message}`);
  process.exit(1);
}

rmSync(PLUGIN, { recursive: true, force: true });
rmSync(ZIP, { force: true });
mkdirSync(join(PLUGIN, "widget"), { recursive: true });
for (const f of readdirSync(join(ROOT, "integrations/wordpress"))) {
  if (f === "widget") continue;
  cpSync(join(ROOT, "integrations/wordpress", f), join(PLUGIN, f), { recursive: true });
}
for (const f of files) cpSync(join(DIST, f), join(PLUGIN, "widget", f));
// Apache reads this; other servers need the same headers set in their config
// (README, "Blog platforms").
writeFileSync(
  join(PLUGIN, "widget", ".htaccess"),
  `# Letter Widget files: the right type for WebAssembly, long caching for the
# content-hashed files, revalidation for the loader (its name never changes).
<IfModule mod_mime.c>
AddType application/wasm .wasm
</IfModule>
<IfModule mod_headers.c>
<FilesMatch "-[0-9a-f]{8,}(_bg)?\\.(js|wasm|json)$">
Header set Cache-Control "public, max-age=31536000, immutable"
</FilesMatch>
<FilesMatch "^(letter-widget|sw)\\.js$">
Header set Cache-Control "no-cache"
</FilesMatch>
</IfModule>
`
);

// Python's zipfile module is on every machine the project runs on; `zip` may not be.
execFileSync("python3", ["-m", "zipfile", "-c", ZIP, SLUG], { cwd: OUT, stdio: "inherit" });
console.log(`wordpress-plugin: ${ZIP} (${files.join(", ")})`);
