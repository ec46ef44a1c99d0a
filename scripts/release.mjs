// The release: a versioned, publishable package of a finished build.
//
//   node scripts/release.mjs      (or: make release, which builds first)
//
// -> release/letter-widget-<version>.tgz   an npm package (npm pack): the
//    widget files and the builder in dist/, the WordPress plugin zip, the
//    Hugo and Jekyll integrations, README and the licences. Published to the
//    npm registry, public CDNs serve it at versioned addresses.
// -> release/letter-widget/<version>/       the same widget files as a plain
//    folder (with their .br/.gz copies) for any static host.
// The version is the crate's. Content-hashed names stay as built; the
// version is in the folder, so the loader's own address carries it.
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = join(ROOT, "dist");
const OUT = join(ROOT, "release");
const run = (cmd, args, cwd = ROOT) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const meta = JSON.parse(run("cargo", ["metadata", "--no-deps", "--format-version", "1", "--offline"]));
const crate = meta.packages.find((p) => p.name === "letter-widget");
const { version, license, description } = crate;
const LICENSES = ["LICENSE", "LICENSE-MIT", "LICENSE-APACHE"];

rmSync(OUT, { recursive: true, force: true });
const folder = join(OUT, "letter-widget", version);
mkdirSync(folder, { recursive: true });
cpSync(DIST, folder, { recursive: true });
for (const f of LICENSES) cpSync(join(ROOT, f), join(folder, f));

// The WordPress plugin, from the same build.
run("node", [join(ROOT, "scripts/wordpress-plugin.mjs")]);

const pkg = join(ROOT, "target", "release-package");
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg, { recursive: true });
// CDNs compress on their own: the package carries each file once.
cpSync(DIST, join(pkg, "dist"), { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
cpSync(join(ROOT, "dist-integrations", "letter-widget-wordpress.zip"), join(pkg, "letter-widget-wordpress.zip"));
for (const dir of ["hugo", "jekyll"]) cpSync(join(ROOT, "integrations", dir), join(pkg, "integrations", dir), { recursive: true });
for (const f of ["README.md", ...LICENSES]) cpSync(join(ROOT, f), join(pkg, f));
writeFileSync(
  join(pkg, "package.json"),
  JSON.stringify(
    {
      name: "letter-widget",
      version,
      description,
      license,
      main: "dist/letter-widget.js",
      browser: "dist/letter-widget.js",
      files: ["dist", "integrations", "letter-widget-wordpress.zip", "README.md", ...LICENSES],
      keywords: ["letter", "advocacy", "widget", "webassembly", "offline"],
    },
    null,
    2,
  ) + "\n",
);
const tarball = run("npm", ["pack", "--pack-destination", OUT, "--loglevel", "error"], pkg).trim().split("\n").pop();
console.log(`release: ${join("release", tarball)} and release/letter-widget/${version}/ (${readdirSync(folder).length} files)`);
